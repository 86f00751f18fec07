"""Integer options by independent pieces: one small MIP per piece, a Lagrangian bound for all.

HiGHS on the whole MILP proves little in seconds: one branch-and-bound tree over pieces that
share nothing multiplies their choices, and the big-M links of the minimum lot leave its LP bound
weak. So the problem is cut where nothing couples it (``components``) and each piece is solved
on its own, two at a time:

- the local-content rows, the only rows across pieces, are priced with the LP relaxation's duals
  λ (cost − λ·price·(k − floor) per unit) instead of kept; the sum of the pieces' proven bounds is
  then a Lagrangian bound of the whole MILP — for any λ ≥ 0, since a plan that meets every floor
  pays no less than its priced cost;
- each piece's model is tightened and made smaller: a line can have at most ⌊qty / lot⌋ members
  (Σ_a y[a] ≤ ⌊qty/lot⌋, a rounding of the lot rows that the LP misses), and the per-cell links
  x[a, t] ≤ cap·y[a], which only slowed these small MIPs down, are left out;
- every piece gets a quick plan (``lot_dive``); the pieces where it stays far from the LP are the
  capacity-tight ones, on which HiGHS alone finds poor plans: they get relax-and-fix by due
  month (``relax_and_fix``), the others HiGHS on the whole piece; the time left goes to HiGHS from
  the best plan on the pieces with the widest gaps.

The pieces' plans together may miss a floor (λ is a price, not a promise); those orders are then
repaired on the whole model (``repair_floors``), in a fifth of the time held back for it.
Measured on the synthetic consortium with minimum lots (eight pieces, one per product family):
a bound of 901 k against the LP's 890 k and the whole MIP's 896 k after 10 s (HiGHS alone: 901 k
after 300 s); the plan 0.56 % above it after 10 s on a quiet machine, 1.5-4 % with one of the two
cores taken by other work (the easy pieces then keep their quick plans).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
import scipy.sparse as sp

from birlik.allocation.columns import Columns, lc_coefficients
from birlik.allocation.components import line_components, restrict_lines
from birlik.allocation.model import Model, build
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray, sum_by
from birlik.allocation.rates import shortage_rate
from birlik.allocation.solve import SolveResult, SolveStatus, solve

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Pieces solved at once (HiGHS releases the interpreter while it runs)."""
MAX_PIECE_ARCS = 20_000
"""Above this many arcs in one piece the search by pieces is not used (one HiGHS tree is then
the whole problem again)."""
HARD_GAP = 0.1
"""A piece whose quick plan is this far (relative) above its LP is treated as hard. On the
synthetic consortium: 0.1-8 % on the pieces HiGHS proves in 1-2 s, 17-86 % on the others."""
HARD_WEIGHT = 3.0
"""Hard pieces get this many times their share of the time by size."""
FIRST_PASS_GAP = 0.002
"""Relative gap at which HiGHS stops on an easy piece in the first pass."""
DIVE_CAP = 1.0
"""Seconds the quick first plan of a piece may take (0.1-0.5 s measured)."""
RNF_GIVE_UP = 0.05
"""A relax-and-fix step stopped by its time limit further than this from its bound ends the
method (its plan would be noise for the next steps)."""
RNF_MIN_STEP = 1.0
"""Seconds a relax-and-fix step needs: HiGHS finds its good plans with a sub-MIP after the
root's cuts (0.7-1.7 s here), so steps stopped earlier bring back poor ones; with less time
the piece is cut into fewer steps."""
RNF_MONTHS = 4
"""Due months whose lines' binaries one relax-and-fix step decides (measured: 3 and 6 worse)."""
RNF_GAP = 0.005
"""Relative gap at which a relax-and-fix step stops."""
REPAIR_MIN = 0.3
"""Seconds the repair of missed floors gets even when the pieces used up the time."""
REPAIR_SHARE = 0.2
"""Share of the time held back from the pieces for that repair; it goes back to the pieces
when the joined plan meets every floor. Measured on the synthetic consortium at 10 s: with
0.05 the repair MIP (two orders' lines free) was stopped before it improved on its start and
cost 0.5 % of the plan (gap 0.94 % against 0.56 % with 0.2); with 0.25-0.3 the pieces' bounds
weaken more than the repair gains."""
HEURISTIC_EFFORT = 0.3
"""HiGHS's share of effort on primal heuristics in a piece (its default is 0.05)."""


def largest_piece(problem: AllocationProblem, settings: EngineSettings) -> int:
    """Arcs in the largest piece."""
    if problem.n_arcs == 0:
        return 0
    labels = line_components(problem, settings)
    return int(np.bincount(labels[problem.arc_line]).max())


def member_limit_rows(model: Model, problem: AllocationProblem, settings: EngineSettings) -> Model:
    """``model`` without the per-cell lot links and with Σ_a∈l y[a] ≤ ⌊qty / lot⌋ per line where
    that is below the member limit: if every used member takes at least the lot, no more than
    that many fit in the line's quantity (short units only lower it)."""
    if "lot_cell" in model.row_blocks:
        model = _without_rows(model, "lot_cell")
    if settings.single_sourcing or settings.min_lot is None or "used" not in model.col_blocks:
        return model
    qty = problem.line_qty
    lot = np.minimum(settings.min_lot, qty)
    most = np.floor(qty / np.maximum(lot, 1e-12) + 1e-9)
    limit = settings.max_members_per_line
    arcs_per_line = np.bincount(problem.arc_line, minlength=problem.n_lines)
    lines = np.flatnonzero((most < arcs_per_line) & ((limit is None) | (most < (limit or 0))))
    if lines.size == 0:
        return model
    row_of = np.full(problem.n_lines, -1, np.int64)
    row_of[lines] = np.arange(lines.shape[0])
    arcs = np.flatnonzero(row_of[problem.arc_line] >= 0)
    n_rows = int(model.row_lo.shape[0])
    extra = sp.csc_array(
        (np.ones(arcs.shape[0]), (row_of[problem.arc_line[arcs]], model.col_blocks["used"].start + arcs)),
        shape=(lines.shape[0], model.matrix.shape[1]),
    )
    blocks = dict(model.row_blocks)
    blocks["member_lots"] = slice(n_rows, n_rows + lines.shape[0])
    return dataclasses.replace(
        model,
        matrix=sp.vstack([model.matrix, extra], format="csc"),
        row_lo=np.concatenate([model.row_lo, np.full(lines.shape[0], -np.inf)]),
        row_hi=np.concatenate([model.row_hi, most[lines]]),
        row_blocks=blocks,
    )


def _without_rows(model: Model, name: str) -> Model:
    dropped = model.row_blocks[name]
    keep = np.ones(model.row_lo.shape[0], dtype=bool)
    keep[dropped] = False
    width = dropped.stop - dropped.start
    blocks = {}
    for key, rows in model.row_blocks.items():
        if key == name:
            continue
        shift = width if rows.start >= dropped.stop else 0
        blocks[key] = slice(rows.start - shift, rows.stop - shift)
    matrix = sp.csc_array(sp.csr_array(model.matrix)[keep])
    return dataclasses.replace(
        model, matrix=matrix, row_lo=model.row_lo[keep], row_hi=model.row_hi[keep], row_blocks=blocks
    )


@dataclass
class Piece:
    """One piece: its problem (floors dropped), model (LC priced), where its columns sit in the
    whole problem, and the best the search has for it (piece model columns, priced objective)."""

    problem: AllocationProblem
    model: Model
    full_column: IntArray
    size: int
    best: FloatArray | None = None
    objective: float = np.inf
    bound: float = -np.inf
    runs: int = 0
    lp_value: float = -np.inf
    hard: bool = False

    def gap(self) -> float:
        return self.objective - self.bound

    def take(self, result: SolveResult) -> None:
        self.runs += 1
        if result.bound is not None:
            self.bound = max(self.bound, result.bound)
        if result.status.has_solution and result.objective is not None and result.objective < self.objective:
            self.best, self.objective = result.col_value, result.objective


def make_pieces(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, lc_price: FloatArray
) -> tuple[list[Piece], float]:
    """The pieces, and the cost of lines no member can make (short whole, in no piece)."""
    p = problem
    labels = line_components(p, settings)
    has_arcs = np.bincount(p.arc_line, minlength=p.n_lines) > 0
    pieces = []
    for label in np.unique(labels[has_arcs]):
        lines = np.flatnonzero((labels == label) & has_arcs)
        sub, arcs = restrict_lines(p, lines)
        model = member_limit_rows(build(sub, settings), sub, settings)
        coef = lc_coefficients(sub, model.columns, p.order_lc_floor)
        price = lc_price[sub.line_order[sub.arc_line[model.columns.col_arc]]]
        if np.any(coef * price != 0):
            cost = model.cost.copy()
            cost[model.col_blocks["x"]] -= price * coef
            model = dataclasses.replace(model, cost=cost)
        full_column = columns.column_of(arcs[model.columns.col_arc], model.columns.col_month)
        pieces.append(Piece(sub, model, full_column, size=int(arcs.shape[0])))
    unmade = ~has_arcs
    return pieces, float(p.line_qty[unmade] @ shortage_rate(p, settings)[unmade])


def _solve_piece(piece: Piece, settings: EngineSettings, limit: float, gap: float) -> None:
    start = piece.best if piece.best is not None else None
    result = solve(
        piece.model,
        dataclasses.replace(settings, mip_rel_gap=gap),
        time_limit=max(limit, 0.05),
        start=start,
        heuristic_effort=HEURISTIC_EFFORT,
    )
    piece.take(result)


def lot_dive(piece: Piece, settings: EngineSettings, deadline: float) -> None:
    """A quick first plan: the piece's LP with the binaries free, then, one arc at a time, the
    arc carrying the most below its lot is either forced up to it or shut, whichever the LP
    re-solve (from the last basis, a few milliseconds) prices lower; arcs that reach their lot
    are kept. Ends when every arc carries its lot or nothing. Optimal on the easy pieces of
    the synthetic consortium, within 1-3 % on most, but far off (30-80 %) on the
    capacity-tight ones — there it only spares HiGHS a worse start."""
    model, problem = piece.model, piece.problem
    if settings.min_lot is None or settings.single_sourcing:
        return
    h = _lp_highs(model)
    used = model.col_blocks["used"]
    lot = np.minimum(settings.min_lot, problem.line_qty[problem.arc_line])
    tol = 1e-7 * np.maximum(lot, 1.0)
    lb, ub = model.lb[used].copy(), model.ub[used].copy()

    def fix(arc: int, low: float, high: float) -> None:
        h.changeColBounds(int(used.start + arc), float(low), float(high))

    def rerun() -> float:
        h.run()
        ok = h.getModelStatus().name == "kOptimal"
        return float(h.getInfo().objective_function_value) if ok else np.inf

    value = rerun()
    piece.lp_value = value
    while np.isfinite(value) and time.perf_counter() < deadline:
        solution = np.array(h.getSolution().col_value)
        amount = sum_by(model.columns.col_arc, solution[model.col_blocks["x"]], problem.n_arcs)
        for reached in np.flatnonzero((amount >= lot - tol) & (lb < 1)):
            lb[reached] = 1.0
            fix(int(reached), 1.0, ub[reached])
        small = np.flatnonzero((amount > tol) & (amount < lot - tol) & (lb < 1) & (ub > 0))
        if small.size == 0:
            solution[used] = (amount > tol).astype(np.float64)
            if value < piece.objective:
                piece.best, piece.objective = solution, float(model.cost @ solution)
            return
        arc = int(small[np.argmax(amount[small])])
        fix(arc, 1.0, 1.0)
        up = rerun()
        fix(arc, 0.0, 0.0)
        down = rerun()
        if up < down:
            lb[arc] = ub[arc] = 1.0
            fix(arc, 1.0, 1.0)
            value = rerun()
        else:
            lb[arc] = ub[arc] = 0.0
            value = down


def _lp_highs(model: Model) -> Any:
    """HiGHS holding ``model`` as an LP (binaries relaxed), for re-solves after bound changes."""
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    matrix = model.matrix
    n_cols, n_rows = int(model.cost.shape[0]), int(model.row_lo.shape[0])
    h.passModel(
        n_cols, n_rows, int(matrix.nnz), highspy.MatrixFormat.kColwise, highspy.ObjSense.kMinimize,
        0.0, model.cost, model.lb, model.ub, model.row_lo, model.row_hi,
        matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data.astype(np.float64),
        np.zeros(n_cols, np.int32),
    )  # fmt: skip
    return h


def relax_and_fix(piece: Piece, settings: EngineSettings, deadline: float) -> None:
    """A plan for the piece: its binaries decided a few due months at a time, the later lines'
    binaries relaxed and the earlier ones fixed, so that each MIP is small. The first step,
    with nothing fixed yet, is a relaxation of the piece, so its bound is one of the piece too.
    The piece keeps the plan if it beats its best. On the capacity-tight families of the
    synthetic consortium (every member full for eight months) it found plans 0.6-0.8 % above the
    pieces' bounds in 2.5-4 s, where HiGHS on the whole piece was still 3-10 % off after 3 s."""
    model, problem = piece.model, piece.problem
    used = model.col_blocks["used"]
    arc_due = problem.line_due[problem.arc_line]
    months = np.unique(arc_due)
    steps = int(
        np.clip((deadline - time.perf_counter()) / RNF_MIN_STEP, 1, np.ceil(months.shape[0] / RNF_MONTHS))
    )
    chunks = np.array_split(months, steps)
    # each step's time by the binaries it decides: the first ones are the largest MIPs
    decided = np.array([np.isin(arc_due, chunk).sum() for chunk in chunks], dtype=np.float64)
    lb, ub = model.lb.copy(), model.ub.copy()
    result: SolveResult | None = None
    for k, chunk in enumerate(chunks):
        integrality = model.integrality.copy()
        later = np.flatnonzero(arc_due > chunk[-1])
        integrality[used.start + later] = 0
        step = dataclasses.replace(model, lb=lb, ub=ub, integrality=integrality)
        limit = (deadline - time.perf_counter()) * decided[k] / max(decided[k:].sum(), 1.0)
        if limit < 0.05:
            return
        result = solve(step, dataclasses.replace(settings, mip_rel_gap=RNF_GAP), time_limit=limit)
        if k == 0 and result.bound is not None:
            piece.bound = max(piece.bound, result.bound)
        if not result.status.has_solution or (
            result.status is not SolveStatus.OPTIMAL and (result.gap is None or result.gap > RNF_GIVE_UP)
        ):
            return  # stopped before HiGHS's neighbourhood search: what follows would build on noise
        now = np.flatnonzero(np.isin(arc_due, chunk))
        value = np.clip(
            np.round(result.col_value[used.start + now]), lb[used.start + now], ub[used.start + now]
        )
        lb[used.start + now] = ub[used.start + now] = value
    piece.runs += 1
    if result is not None and result.objective is not None and result.objective < piece.objective:
        piece.best, piece.objective = result.col_value, result.objective


def run_pieces(pieces: list[Piece], settings: EngineSettings, deadline: float) -> None:
    """A quick plan for every piece (``lot_dive``); the pieces where it stays far above the LP
    (``HARD_GAP``) are the capacity-tight ones, where HiGHS on the whole piece finds poor plans:
    those get relax-and-fix, the others HiGHS on the whole piece from the dive's plan (proven
    there, mostly). Then, in the time left, HiGHS from the best plan on the pieces with the
    widest gaps. Time goes by size (hard pieces count ``HARD_WEIGHT`` times); two at a time."""
    lock = threading.Lock()
    left = [0.0]
    weight = {id(piece): float(piece.size) for piece in pieces}

    def until(piece: Piece, end: float) -> float:
        with lock:
            share = min(1.0, WORKERS * weight[id(piece)] / max(left[0], 1.0))
            left[0] -= weight[id(piece)]
        return time.perf_counter() + share * max(end - time.perf_counter(), 0.0)

    def dive(piece: Piece) -> None:
        lot_dive(piece, settings, time.perf_counter() + DIVE_CAP)

    def first(piece: Piece) -> None:
        end = until(piece, deadline)
        if piece.hard and end - time.perf_counter() >= 2 * RNF_MIN_STEP:
            relax_and_fix(piece, settings, end)
        elif end - time.perf_counter() > 0.05:
            _solve_piece(
                piece, settings, end - time.perf_counter(), max(settings.mip_rel_gap, FIRST_PASS_GAP)
            )

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(dive, pieces))
        for piece in pieces:
            piece.hard = piece.best is None or piece.objective - piece.lp_value > HARD_GAP * abs(
                piece.objective
            )
            weight[id(piece)] *= HARD_WEIGHT if piece.hard else 1.0
        queue = sorted(pieces, key=lambda piece: (not piece.hard, -piece.size))
        left[0] = sum(weight.values())
        list(pool.map(first, queue))
    improve_pieces(pieces, settings, deadline)


def improve_pieces(pieces: list[Piece], settings: EngineSettings, deadline: float) -> None:
    """HiGHS from the best plan on every piece not yet proven, widest gap first, until the
    deadline; time by size, two at a time."""
    open_pieces = sorted((p for p in pieces if not _proven(p, settings)), key=lambda p: -p.gap())
    if not open_pieces:
        return
    lock = threading.Lock()
    left = [float(sum(piece.size * (HARD_WEIGHT if piece.hard else 1.0) for piece in open_pieces))]

    def second(piece: Piece) -> None:
        weight = piece.size * (HARD_WEIGHT if piece.hard else 1.0)
        with lock:
            share = min(1.0, WORKERS * weight / max(left[0], 1.0))
            left[0] -= weight
        limit = share * max(deadline - time.perf_counter(), 0.0)
        if limit > 0.1:
            _solve_piece(piece, settings, limit, settings.mip_rel_gap)

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(second, open_pieces))


def _proven(piece: Piece, settings: EngineSettings) -> bool:
    return piece.best is not None and piece.gap() <= settings.mip_rel_gap * max(abs(piece.objective), 1.0)


@dataclass(frozen=True)
class PiecesResult:
    x: FloatArray | None
    bound: float | None
    detail: str


def piece_plan(pieces: list[Piece], columns: Columns) -> FloatArray | None:
    """The pieces' best plans on the whole problem's columns (None if a piece has none)."""
    x = np.zeros(columns.n)
    for piece in pieces:
        if piece.best is None:
            return None
        model = piece.model
        raw = piece.best[model.col_blocks["x"]]
        used = np.round(piece.best[model.col_blocks["used"]]) > 0
        x[piece.full_column] = np.where(used[model.columns.col_arc], raw, 0.0)
    return x


def orders_below_floor(problem: AllocationProblem, columns: Columns, x: FloatArray) -> IntArray:
    coef = lc_coefficients(problem, columns, problem.order_lc_floor)
    order = problem.line_order[problem.arc_line[columns.col_arc]]
    surplus = sum_by(order, coef * x, problem.n_orders)
    value = sum_by(order, np.abs(coef) * x, problem.n_orders)
    return np.flatnonzero((problem.order_lc_floor > 0) & (surplus < -1e-7 * np.maximum(value, 1.0)))


def search_by_pieces(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    lc_price: FloatArray,
    deadline: float,
    cost_of: Callable[[FloatArray], float],
) -> PiecesResult:
    """Plan every piece, join the plans, repair the floors they miss; bound = Σ piece bounds."""
    p = problem
    pieces, unmade = make_pieces(p, settings, columns, lc_price)
    started = time.perf_counter()
    run_pieces(pieces, settings, deadline - REPAIR_SHARE * max(deadline - started, 0.0))
    x = piece_plan(pieces, columns)
    below = orders_below_floor(p, columns, x) if x is not None else np.zeros(0, np.int64)
    if x is not None and below.size == 0 and deadline - time.perf_counter() > 2 * REPAIR_MIN:
        # nothing to repair: the time held back for it goes to the pieces, and their new
        # plans are taken only if they still meet every floor and cost less
        improve_pieces(pieces, settings, deadline)
        better = piece_plan(pieces, columns)
        if (
            better is not None
            and orders_below_floor(p, columns, better).size == 0
            and cost_of(better) < cost_of(x)
        ):
            x = better
    total = unmade + sum(piece.bound for piece in pieces)
    bound = total if np.isfinite(total) else None
    runs = sum(piece.runs for piece in pieces)
    detail = f"{len(pieces)} pieces, {runs} piece MIPs"
    if x is None:
        return PiecesResult(None, bound, detail + "; a piece has no plan")
    if below.size:
        repaired = repair_floors(p, settings, columns, x, below, deadline)
        detail += f"; {below.size} orders below their floor re-planned"
        if repaired is None:
            return PiecesResult(None, bound, detail + " without success")
        x = repaired
    return PiecesResult(x, bound, detail)


def repair_floors(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    x: FloatArray,
    below: IntArray,
    deadline: float,
) -> FloatArray | None:
    """Meet the floors the joined plan misses: first the whole LP with every binary as in ``x``
    (the quantities move and may fall short, the members stay), then, from that plan, the whole
    MIP with the binaries of those orders' lines free and every other one fixed. None when
    neither finds a plan (the lots the plan commits to leave no way to a floor)."""
    p = problem
    model = member_limit_rows(build(p, settings), p, settings)
    used = model.col_blocks["used"]
    amount = sum_by(columns.col_arc, x, p.n_arcs)
    on = np.clip((amount > 0).astype(np.float64), model.lb[used], model.ub[used])
    lb, ub = model.lb.copy(), model.ub.copy()
    lb[used] = ub[used] = on
    as_lp = dataclasses.replace(model, lb=lb, ub=ub, integrality=np.zeros_like(model.integrality))
    fixed = solve(as_lp, settings, time_limit=max(deadline - time.perf_counter(), REPAIR_MIN))
    start = fixed.col_value if fixed.status is SolveStatus.OPTIMAL else None
    free = np.flatnonzero(np.isin(p.line_order[p.arc_line], below))
    lb[used.start + free] = model.lb[used.start + free]
    ub[used.start + free] = model.ub[used.start + free]
    limit = max(deadline - time.perf_counter(), REPAIR_MIN)
    result = solve(dataclasses.replace(model, lb=lb, ub=ub), settings, time_limit=limit, start=start)
    best = start
    if result.status.has_solution and (
        start is None or (result.objective or np.inf) <= (fixed.objective or np.inf)
    ):
        best = result.col_value
    if best is None:
        return None
    raw = best[model.col_blocks["x"]]
    chosen = np.round(best[used]) > 0
    return np.where(chosen[columns.col_arc], raw, 0.0)
