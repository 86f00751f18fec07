"""The LP at national size: the transportation core priced piece by piece, then the floors met.

Without the local-content rows the model falls apart into pieces that share no capacity (one per
product family on the synthetic national programme: ``components``), and each piece is a
transportation problem that column generation (``pricing``) solves on its own — two at a time,
HiGHS releasing the interpreter while it iterates. On the whole model the same core did not
converge in a minute at national size (10.8 M cells: the first master alone took 17-22 s, each
later round 3-5 s). The pieces' plans together keep every capacity and meet demand at least
cost; the orders they leave below their floor are then re-split inside their own lines
(``floor_repair``), and the orders without a floor, which the re-split pushed aside, priced again
in the capacity the others leave (``replan_free_lines``). The sum of the pieces' bounds is a bound
of the whole model (it only drops the floors), so the gap is honest; when every piece is optimal
and no floor was missed, the plan is optimal. With time for it, the pieces are priced again with
the floors priced into the costs at estimated prices (``stepped_floor_prices``, then
``subgradient_floor_prices`` step by step): the pieces stay independent, their plan lands nearer
the floors, and their bounds add up to the Lagrangian bound at those prices, which counts the
floors. Each piece keeps its column generation (``PieceRun``) between these pricings and the
re-plan (``replan_around_floors``), which go on from its master and basis instead of new ones.
"""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from birlik.allocation.columns import Columns, candidate_columns, lc_coefficients
from birlik.allocation.components import line_components, restrict_lines
from birlik.allocation.model import capacity_key
from birlik.allocation.pricing import (
    Duals,
    PricingResult,
    PricingRun,
    fixed_rows,
    lagrangian_bound,
    priced_cost,
)
from birlik.allocation.problem import (
    AllocationProblem,
    BoolArray,
    EngineSettings,
    FloatArray,
    IntArray,
    sum_by,
)
from birlik.allocation.rates import Rates, rates
from birlik.allocation.solve import SolveStatus

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Pieces priced at once."""


@dataclass(frozen=True)
class SplitCore:
    """The pieces' plans on the whole problem's columns (floors not yet met), their bound summed,
    and how the pieces ended."""

    x: FloatArray
    bound: float | None
    pieces: int
    optimal: int
    unsolved: int
    """Pieces stopped before a master was solved: their lines are all short in ``x`` (resumed:
    they keep the plan of their last master, at the earlier costs)."""
    rounds: int
    master_columns: int
    capacity_price: FloatArray
    """The pieces' capacity prices (≤ 0) per flat capacity key: no two pieces share a key."""
    runs: tuple[PieceRun, ...] = dataclasses.field(default=(), compare=False, repr=False)
    """Each piece's column generation, to go on from at other costs (``price_pieces``'s
    ``resume``)."""


@dataclass
class PieceRun:
    """One piece: its lines, where its columns sit among the whole problem's, its own rates
    (without floor prices) and its column generation."""

    lines: IntArray
    full: IntArray
    rate: Rates
    pricing: PricingRun | None


def piece_lines(problem: AllocationProblem, settings: EngineSettings) -> list[IntArray]:
    """The lines of each piece that has arcs, largest first (the longest runs start first)."""
    labels = line_components(problem, settings)
    has_arcs = np.bincount(problem.arc_line, minlength=problem.n_lines) > 0
    pieces = [np.flatnonzero((labels == label) & has_arcs) for label in np.unique(labels[has_arcs])]
    return sorted(pieces, key=lambda lines: -int(lines.shape[0]))


def price_pieces(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    pieces: list[IntArray],
    deadline: float,
    start: FloatArray | None = None,
    floor_price: FloatArray | None = None,
    resume: SplitCore | None = None,
    masters: int | None = None,
    close_enough: float | None = None,
) -> SplitCore:
    """Column generation on every piece without the floors, all until ``deadline``; ``start``
    (quantities over ``columns``): a plan whose cells every piece's first master takes in;
    ``floor_price`` (per order, ≥ 0): the floors priced into the cells' costs instead of
    dropped — each cell costs price·(k − floor) less per unit — so that the sum of the pieces'
    bounds is the Lagrangian bound of the whole LP at those prices; ``resume``: an earlier
    pricing of the same ``pieces``, each of which goes on from its own master at the new costs
    (``PricingRun.reprice``: on the national synthetic the second pricing took 4 s so, 13 s
    from new masters started at the first plan's cells); ``masters``: with ``resume``, each
    piece solves at most this many masters; ``close_enough``: each piece stops when its plan is
    this close (relative) to its bound (both ``PricingRun.solve``)."""
    p = problem
    lift = None if floor_price is None else floor_price[p.line_order[p.arc_line[columns.col_arc]]]
    if lift is not None:
        lift *= lc_coefficients(p, columns, p.order_lc_floor)

    def priced_at(piece: PieceRun) -> Rates:
        if lift is None:
            return piece.rate
        return dataclasses.replace(piece.rate, unit_cost=piece.rate.unit_cost - lift[piece.full])

    def run(lines: IntArray) -> tuple[PieceRun, PricingResult]:
        sub, arcs = restrict_lines(p, lines)
        sub_columns = candidate_columns(sub, settings)
        full = columns.column_of(arcs[sub_columns.col_arc], sub_columns.col_month)
        first = None if start is None else np.flatnonzero(start[full] > 0)
        piece = PieceRun(lines, full, rates(sub, settings, sub_columns), None)
        piece.pricing = PricingRun(sub, settings, sub_columns, priced_at(piece), first)
        return piece, piece.pricing.solve(deadline, close_enough=close_enough)

    def again(piece: PieceRun) -> tuple[PieceRun, PricingResult]:
        assert piece.pricing is not None
        return piece, piece.pricing.reprice(priced_at(piece), deadline, masters, close_enough)

    x = np.zeros(columns.n)
    price = np.zeros(p.capacity.size)
    made = np.zeros(p.n_lines, dtype=bool)
    bound: float | None = 0.0
    optimal = unsolved = rounds = master_columns = 0
    runs: list[PieceRun] = []
    if resume is not None and [len(lines) for lines in pieces] != [len(r.lines) for r in resume.runs]:
        raise ValueError("resume prices the same pieces again")
    with ThreadPoolExecutor(WORKERS) as pool:
        done = pool.map(run, pieces) if resume is None else pool.map(again, resume.runs)
        for piece, result in done:
            runs.append(piece)
            x[piece.full] = result.x
            if result.capacity_dual is not None:
                price += result.capacity_dual
            made[piece.lines] = True
            bound = None if bound is None or result.bound is None else bound + result.bound
            optimal += result.status is SolveStatus.OPTIMAL
            unsolved += not result.master_solved
            rounds += result.rounds
            master_columns += result.master_columns
    if bound is not None:
        bound += float(p.line_qty[~made] @ rate.shortage[~made])  # lines no member can make
    return SplitCore(x, bound, len(runs), optimal, unsolved, rounds, master_columns, price, tuple(runs))


FLOOR_PRICE_STEPS = 30
"""Doubling steps for each order's floor-price bracket (so prices up to 2^30; an order that
needs more keeps 0), then as many bisection steps (relative precision 2^-30)."""


def floor_prices(
    problem: AllocationProblem, columns: Columns, rate: Rates, capacity_price: FloatArray
) -> FloatArray:
    """Per order, a first estimate of its floor's price in the LP from the pieces' capacity
    prices (priced without the floors): the least price λ at which every line of the order,
    taking its cheapest cell at cost − capacity price·use − λ·(price·(k − floor)) (on a tie the
    one with the most local content), meets the floor; 0 for orders that meet it at λ = 0 and
    for those no λ lifts. These prices maximise order by order the Lagrangian bound at those
    capacity prices (``floors_bound``), up to the bisection's precision. The capacity prices
    know what capacity others need but not what the floors will want, so on the regional
    synthetic this is about a third of the optimal prices (correlation 0.75);
    ``stepped_floor_prices`` moves them on.
    """
    p = problem
    price = np.zeros(p.n_orders)
    col_line = p.arc_line[columns.col_arc]
    cells = np.flatnonzero(p.order_lc_floor[p.line_order[col_line]] > 0)
    if cells.size == 0:
        return price
    cells = cells[np.argsort(col_line[cells], kind="stable")]
    cell_line = col_line[cells]
    starts = np.flatnonzero(np.r_[True, np.diff(cell_line) != 0])
    counts = np.diff(np.r_[starts, cells.size])
    lines = cell_line[starts]
    key = capacity_key(
        p, p.arc_member[columns.col_arc[cells]], p.line_family[cell_line], columns.col_month[cells]
    )
    net = rate.unit_cost[cells] - np.minimum(capacity_price, 0.0)[key] * p.arc_use[columns.col_arc[cells]]
    all_coef = lc_coefficients(p, columns, p.order_lc_floor)
    coef = all_coef[cells]
    cell_order = p.line_order[cell_line]
    # frozen cells keep their quantities: only the rest of each line chooses (as in the bound)
    frozen_cols = columns.column_of(p.frozen_arc, p.frozen_month)
    frozen_on_line = np.bincount(col_line[frozen_cols], p.frozen_qty, p.n_lines)
    frozen_orders, frozen_coef = p.line_order[col_line[frozen_cols]], all_coef[frozen_cols]
    fixed: FloatArray = np.bincount(frozen_orders, frozen_coef * p.frozen_qty, p.n_orders).astype(np.float64)
    net[np.isin(cells, frozen_cols)] = np.inf
    line_order, shortage = p.line_order[lines], rate.shortage[lines]
    weight = np.maximum(p.line_qty[lines] - frozen_on_line[lines], 0.0)

    def surplus(lam: FloatArray) -> FloatArray:
        value = net - lam[cell_order] * coef
        best = np.minimum.reduceat(value, starts)
        at_best = np.repeat(best, counts)
        tie = value <= at_best + 1e-9 * (1.0 + np.abs(at_best))
        lifted = np.maximum.reduceat(np.where(tie, coef, -np.inf), starts)
        lifted = np.where(shortage < best, 0.0, lifted)  # cheaper short: counts neither way
        lines_part: FloatArray = np.bincount(line_order, weight * lifted, p.n_orders).astype(np.float64)
        return fixed + lines_part

    # round-off allowance: a floor met exactly (frozen cells and lines gone short) is met
    largest = np.bincount(line_order, weight * np.maximum.reduceat(np.abs(coef), starts), p.n_orders)
    allowance = 1e-9 * (1.0 + np.abs(fixed) + largest)

    def meets(lam: FloatArray) -> BoolArray:
        met: BoolArray = surplus(lam) >= -allowance
        return met

    below = (p.order_lc_floor > 0) & ~meets(price)
    hi = np.where(below, 1.0, 0.0)
    for _ in range(FLOOR_PRICE_STEPS):
        short_of = below & ~meets(hi)
        if not short_of.any():
            break
        hi[short_of] *= 2.0
    reachable = below & meets(hi)
    lo = np.zeros(p.n_orders)
    for _ in range(FLOOR_PRICE_STEPS):
        mid = (lo + hi) / 2.0
        met = meets(mid)
        hi = np.where(reachable & met, mid, hi)
        lo = np.where(reachable & ~met, mid, lo)
    price[reachable] = hi[reachable]
    return price


def _floor_shortfall(problem: AllocationProblem, columns: Columns, x: FloatArray) -> FloatArray:
    """Per order, how far ``x`` leaves it below its floor (negative: above it), in the floor
    rows' units; 0 for orders without a floor."""
    p = problem
    coef = lc_coefficients(p, columns, p.order_lc_floor)
    short = -sum_by(p.line_order[p.arc_line[columns.col_arc]], coef * x, p.n_orders)
    short[p.order_lc_floor <= 0] = 0.0
    return short


def stepped_floor_prices(
    problem: AllocationProblem, columns: Columns, least: FloatArray, x: FloatArray
) -> FloatArray:
    """The ``floor_prices`` moved one subgradient step along the orders' shortfalls in the
    pieces' plan ``x``, of the length that would raise the bound by what the floors cost at
    those prices to first order (Σ λ·shortfall: 0.106 % and 0.129 % of the bound on two regional
    synthetics, where the floors cost 0.119 % and 0.156 %). Priced with these, re-split and
    re-planned, the pieces' plan ends 0.11 % and 0.12 % from the bound there; with the least
    prices 0.18 % and 0.22 %."""
    shortfall = np.maximum(_floor_shortfall(problem, columns, x), 0.0)
    norm = float(shortfall @ shortfall)
    if norm == 0:
        return least.copy()
    stepped: FloatArray = least + float(least @ shortfall) / norm * shortfall
    return stepped


def subgradient_floor_prices(
    problem: AllocationProblem, columns: Columns, floor_price: FloatArray, x: FloatArray, share: float = 1.0
) -> FloatArray:
    """The floor prices moved along the floors' rows in ``x``, the plan the pieces made at those
    prices: up for the orders below their floor, down (not below 0) for those above — the
    Lagrangian's subgradient — as far as the floors still missed cost to first order
    (Σ price·shortfall, as ``stepped_floor_prices``), times ``share``. With every floor met
    that is no step at all (the prices come back unchanged, and the engine stops there). Without the step down
    the prices only grew, past the LP's: on the regional synthetic the plan ended 0.05 %,
    0.09 %, 0.09 % above the optimum in three steps, against 0.05 %, 0.04 %, 0.05 % with it."""
    short = _floor_shortfall(problem, columns, x)
    norm = float(short @ short)
    if norm == 0:
        return floor_price.copy()
    length = share * float(floor_price @ np.maximum(short, 0.0)) / norm
    moved: FloatArray = np.maximum(floor_price + length * short, 0.0)
    return moved


def floors_bound(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    capacity_price: FloatArray,
    floor_price: FloatArray,
) -> float:
    """A bound of the whole LP, floors included, from prices alone: the Lagrangian bound
    (``pricing.lagrangian_bound``, valid for any capacity prices ≤ 0 and floor prices ≥ 0) at
    the pieces' capacity prices and the given floor prices. With the first floor-price estimate
    it is the best such bound at those capacity prices (up to the bisection's precision); on the
    regional synthetic it takes the pieces' bound from 0.119 % to 0.090 % below the optimum, at
    the cost of one pass over the cells."""
    p = problem
    rows = fixed_rows(p, settings, columns)
    duals = Duals(
        np.zeros(p.n_lines),
        np.minimum(capacity_price, 0.0)[rows.cap_keys],
        np.maximum(floor_price, 0.0)[rows.lc_orders],
    )
    net = priced_cost(rows, rate.unit_cost, duals)
    frozen_cols = columns.column_of(p.frozen_arc, p.frozen_month)
    return lagrangian_bound(p, settings, columns, rows, rate, net, duals, frozen_cols)


def replan_free_lines(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    x: FloatArray,
    deadline: float,
) -> FloatArray | None:
    """``x`` with the lines of orders without a floor planned anew around the others.

    Re-splitting an order below its floor moves it into cells that orders without a floor held,
    and those go, one move each, to the next cell with room: on the regional synthetic that cost
    1.2 % over the optimum. Keeping the orders with a floor as re-split and pricing the rest
    again, as pieces without shared capacity in what they leave, lets the displaced units push
    others along as the LP would: 0.15 % there. Their floors stay met (a floor holds only its own
    order's lines); the first masters start from the cells ``x`` uses. None when there is nothing
    to re-plan or a piece found no plan in time (``x`` then stands). With a fairness weight the
    re-planned lines see only the capacity left, so their peaks are not the plan's: the caller
    keeps the re-plan only when it is cheaper by the plan's own cost.
    """
    p = problem
    col_line = p.arc_line[columns.col_arc]
    floored_line = p.order_lc_floor[p.line_order] > 0
    has_arcs = np.bincount(p.arc_line, minlength=p.n_lines) > 0
    free = np.flatnonzero(~floored_line & has_arcs)
    if free.size == 0:
        return None
    kept = floored_line[col_line]
    use = p.arc_use[columns.col_arc]
    key = capacity_key(p, p.arc_member[columns.col_arc], p.line_family[col_line], columns.col_month)
    taken = np.bincount(key[kept], x[kept] * use[kept], p.capacity.size).reshape(p.capacity.shape)
    sub, arcs = restrict_lines(p, free)
    sub = dataclasses.replace(sub, capacity=np.maximum(p.capacity - taken, 0.0))
    sub_columns = candidate_columns(sub, settings)
    full = columns.column_of(arcs[sub_columns.col_arc], sub_columns.col_month)
    pieces = piece_lines(sub, settings)
    sub_rate = rates(sub, settings, sub_columns)
    core = price_pieces(sub, settings, sub_columns, sub_rate, pieces, deadline, x[full])
    if core.unsolved:
        return None
    replanned = np.where(kept, x, 0.0)
    replanned[full] = core.x
    return replanned


def replan_around_floors(
    problem: AllocationProblem, core: SplitCore, x: FloatArray, deadline: float
) -> FloatArray | None:
    """``replan_free_lines`` from the pieces' own column generation (``core.runs``): in each
    piece the lines of orders with a floor are held at their cells in ``x`` and the others
    priced again at their own costs, from the master and basis the pieces' last pricing left
    (on the national synthetic 4 s, against 10-13 s with new masters). A piece that found no
    plan in time keeps its cells in ``x``; None when none found one. The runs keep the held
    lines: a later pricing of them prices the rest."""
    p = problem
    floored_line = p.order_lc_floor[p.line_order] > 0
    has_arcs = np.bincount(p.arc_line, minlength=p.n_lines) > 0
    if not (has_arcs & ~floored_line).any() or not core.runs:
        return None  # nothing to re-plan

    def run(piece: PieceRun) -> PricingResult:
        assert piece.pricing is not None
        piece.pricing.hold_lines(np.flatnonzero(floored_line[piece.lines]), x[piece.full])
        return piece.pricing.reprice(piece.rate, deadline)

    replanned = x.copy()
    changed = False
    with ThreadPoolExecutor(WORKERS) as pool:
        for piece, result in zip(core.runs, pool.map(run, core.runs), strict=True):
            # no master solved with the lines held (out of time): the piece keeps its cells in
            # ``x``, which share no capacity with the others'
            if result.status.has_solution:
                replanned[piece.full] = result.x
                changed = True
    return replanned if changed else None
