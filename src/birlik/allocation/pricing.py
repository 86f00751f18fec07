"""The LP at scale: a restricted master on HiGHS, priced against every candidate column.

Why: the allocation LP is a transportation problem (demand per line, capacity per member,
family and month) with a few side rows (one local-content row per order with a floor, the
fairness peaks). It has millions of columns but only tens of thousands of rows, and at the
optimum almost every line is made by a handful of (member, month) cells. So the LP is solved
on a small subset of the columns, the *master*, and the duals of that solve price all the others
in a few vectorised passes (reduced cost = cost − line dual − use·capacity dual − LC coefficient·
LC dual). Columns that would lower the cost join the master and HiGHS continues from its basis;
when none is left, the master's optimum is the full LP's optimum.

The local-content rows are held back at first (their bounds opened): without them the master is
a transportation problem, whose simplex iterations stay hyper-sparse, and on the synthetic
regional plan cost a tenth of those with the rows in (the rows couple every line of an order
across families, which makes the basis solves dense). Once nothing prices out, the rows are
put back and the dual simplex repairs the floors from that basis — most of the plan stays.

Every round also yields an honest lower bound on the full LP, whatever the duals (see
``lagrangian_bound``), so a run stopped by the time limit still reports a true gap.

The rows never change between rounds — demand for every line, capacity for every (member,
family, month) any candidate touches, local content for every order with a floor — so duals
map to all columns by plain indexing.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from birlik.allocation.columns import Columns, lc_coefficients
from birlik.allocation.model import capacity_key
from birlik.allocation.problem import (
    AllocationProblem,
    EngineSettings,
    FloatArray,
    Int32Array,
    IntArray,
    sum_by,
)
from birlik.allocation.rates import Rates
from birlik.allocation.solve import SolveStatus

INITIAL_ARCS_PER_LINE = 4
"""Cheapest arcs per line in the first master (plus the cheapest at or above a floor)."""
REDUCED_COST_TOL = 1e-7
"""A column prices out when its reduced cost is below −tol × (1 + |cost|)."""
LC_SLACK_PRICE = 1_000.0
"""Elastic local-content slack costs this × (1 + the dearest shortage rate) per unit of value."""
ENTERING_PER_LINE = 2
"""Columns a line may bring into the master per round (``entering_columns``)."""
PRESELECT = 20
"""``entering_columns`` ranks per line only this many × its limit of the most negative."""
SIFT_FACTOR = 2.0
"""Once the master holds more than this many columns per row it is sifted (see below)."""
SIFT_REDUCED_COST = 0.05
"""Sifting drops master columns at zero whose reduced cost exceeds this × (1 + |cost|)."""


@dataclass(frozen=True)
class Rows:
    """The fixed rows and, for every candidate column, where its coefficients go.

    Rows: ``0..L-1`` demand; then one capacity row per touched key (``cap_keys``, with
    ``cap_hi``); then one local-content row per order in ``lc_orders``.
    col_cap_row / col_lc_row (n,): the column's capacity / LC row, −1 when it has none.
    col_use / col_lc_coef (n,): its coefficients there.
    """

    n_lines: int
    cap_keys: IntArray
    cap_hi: FloatArray
    lc_orders: IntArray
    col_cap_row: Int32Array
    col_use: FloatArray
    col_lc_row: Int32Array
    col_lc_coef: FloatArray
    fairness: bool

    @property
    def n_rows(self) -> int:
        return self.n_lines + int(self.cap_keys.shape[0]) + int(self.lc_orders.shape[0])

    @property
    def cap_start(self) -> int:
        return self.n_lines

    @property
    def lc_start(self) -> int:
        return self.n_lines + int(self.cap_keys.shape[0])


def fixed_rows(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> Rows:
    p = problem
    arcs = columns.col_arc
    lines = p.arc_line[arcs]
    use = p.arc_use[arcs]
    keys = capacity_key(p, p.arc_member[arcs], p.line_family[lines], columns.col_month)
    touched = np.zeros(p.capacity.size, dtype=bool)
    touched[keys[use > 0]] = True
    row_of_key = np.cumsum(touched) - 1
    cap_keys = np.flatnonzero(touched)
    col_cap_row = np.where(use > 0, p.n_lines + row_of_key[keys], -1)
    del keys
    lc_orders = np.flatnonzero(p.order_lc_floor > 0)
    row_of_order = np.full(p.n_orders, -1, np.int64)
    row_of_order[lc_orders] = p.n_lines + cap_keys.shape[0] + np.arange(lc_orders.shape[0])
    col_lc_row = row_of_order[p.line_order[lines]]
    col_lc_coef = lc_coefficients(p, columns, p.order_lc_floor)
    return Rows(
        n_lines=p.n_lines,
        cap_keys=cap_keys.astype(np.int64),
        cap_hi=p.capacity.reshape(-1)[cap_keys],
        lc_orders=lc_orders.astype(np.int64),
        col_cap_row=col_cap_row.astype(np.int32),
        col_use=use,
        col_lc_row=col_lc_row.astype(np.int32),
        col_lc_coef=col_lc_coef,
        fairness=settings.fairness_weight > 0,
    )


def x_matrix(rows: Rows, col_line: IntArray, picked: IntArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSC (starts, indices, values) of the x columns ``picked``: ≤ 3 entries each."""
    index = np.stack([col_line[picked], rows.col_cap_row[picked], rows.col_lc_row[picked]], axis=1)
    value = np.stack([np.ones(picked.shape[0]), rows.col_use[picked], rows.col_lc_coef[picked]], axis=1)
    keep = (index >= 0) & (value != 0)
    keep[:, 0] = True
    starts = np.zeros(picked.shape[0], np.int32)
    np.cumsum(keep.sum(axis=1)[:-1], out=starts[1:])
    return starts, index[keep].astype(np.int32), value[keep]


def peak_matrix(problem: AllocationProblem, rows: Rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSC of the fairness peaks u[f, t]: −capacity in every capacity row of that (f, t)."""
    n_months = problem.n_months
    family_month = (rows.cap_keys // n_months) % problem.n_families * n_months + rows.cap_keys % n_months
    order = np.argsort(family_month, kind="stable")
    counts = np.bincount(family_month, minlength=problem.n_families * n_months)
    starts = np.zeros(counts.shape[0], np.int32)
    np.cumsum(counts[:-1], out=starts[1:])
    indices = (rows.cap_start + order).astype(np.int32)
    return starts, indices, -rows.cap_hi[order]


@dataclass(frozen=True)
class Duals:
    """Row duals split by family, sign-corrected for a minimisation (capacity ≤ 0, LC ≥ 0)."""

    demand: FloatArray
    capacity: FloatArray
    local_content: FloatArray


def split_duals(rows: Rows, row_dual: FloatArray) -> Duals:
    cap = row_dual[rows.cap_start : rows.lc_start]
    lc = row_dual[rows.lc_start : rows.n_rows]
    return Duals(row_dual[: rows.n_lines].copy(), np.minimum(cap, 0.0), np.maximum(lc, 0.0))


def priced_cost(rows: Rows, cost: FloatArray, duals: Duals) -> FloatArray:
    """Cost of every x column net of its capacity and LC rows' duals (not the demand dual)."""
    net = cost.copy()
    has_cap = rows.col_cap_row >= 0
    net[has_cap] -= rows.col_use[has_cap] * duals.capacity[rows.col_cap_row[has_cap] - rows.cap_start]
    if rows.lc_orders.size:
        has_lc = rows.col_lc_row >= 0
        net[has_lc] -= rows.col_lc_coef[has_lc] * duals.local_content[rows.col_lc_row[has_lc] - rows.lc_start]
    return net


def lagrangian_bound(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rows: Rows,
    rate: Rates,
    net: FloatArray,
    duals: Duals,
    frozen_cols: IntArray,
) -> float:
    """A lower bound on the full LP from any sign-correct duals of its capacity and LC rows.

    Relax those rows with the duals and keep, per line, its demand row: the rest splits into one
    tiny problem per line — put the line's (quantity − frozen) units on its single cheapest net
    column or leave them short — plus the frozen cells at their fixed quantities and each fairness
    peak at 0 or 1. Weak duality makes the sum a valid bound for *any* such duals, so it is an
    honest one even when the master stopped early or its duals are a little off.
    """
    p = problem
    bound = float(duals.capacity @ (np.zeros_like(rows.cap_hi) if rows.fairness else rows.cap_hi))
    free = net.copy()
    frozen_part = 0.0
    frozen_per_line = np.zeros(p.n_lines)
    if frozen_cols.size:
        frozen_part = float(net[frozen_cols] @ p.frozen_qty)
        frozen_per_line = sum_by(p.arc_line[columns.col_arc[frozen_cols]], p.frozen_qty, p.n_lines)
        free[frozen_cols] = np.inf
    cheapest = rate.shortage.copy()
    has_columns = columns.arc_start[1:] > columns.arc_start[:-1]
    if has_columns.any():
        starts = columns.arc_start[:-1][has_columns]
        arc_min = np.minimum.reduceat(free, starts)
        np.minimum.at(cheapest, p.arc_line[np.flatnonzero(has_columns)], arc_min)
    bound += frozen_part + float((p.line_qty - frozen_per_line) @ cheapest)
    if rows.fairness:
        starts, indices, values = peak_matrix(p, rows)
        peak_net = np.full(starts.shape[0], settings.fairness_weight)
        contrib = values * duals.capacity[indices - rows.cap_start]
        counts = np.diff(np.append(starts, indices.shape[0]))
        peak_net -= np.bincount(np.repeat(np.arange(starts.shape[0]), counts), contrib, starts.shape[0])
        bound += float(np.minimum(peak_net, 0.0).sum())
    return bound


@dataclass(frozen=True)
class PricingResult:
    """x over every candidate column; objective of the final master, honest bound and gap;
    the final master's size (all its columns: cells, shortage, peaks, LC slacks)."""

    status: SolveStatus
    x: FloatArray
    objective: float | None
    bound: float | None
    gap: float | None
    lc_dual: FloatArray
    rounds: int
    master_columns: int
    master_rows: int
    master_nonzeros: int
    build_seconds: float
    solve_seconds: float
    master_solved: bool = False
    """A master was solved in this call: ``x`` is its plan even when the status offers none
    (stopped with the floors held back, it keeps capacity and demand but may miss a floor).
    Without one, ``x`` is the plan of the run's last solved master, if any (a ``reprice`` or a
    re-solve after ``hold_lines`` stopped before its first master: at other costs or bounds)."""
    capacity_dual: FloatArray | None = None
    """The last solved master's capacity prices (≤ 0) per flat capacity key, 0 where no row."""


def initial_columns(
    problem: AllocationProblem, columns: Columns, rate: Rates, rows: Rows, frozen_cols: IntArray
) -> IntArray:
    """A first master that usually holds most of the optimum: per line its few cheapest arcs
    (at their cheapest months and the month before), the cheapest arcs that lift its order's
    local content, and every frozen cell."""
    p = problem
    has_columns = columns.arc_start[1:] > columns.arc_start[:-1]
    arcs = np.flatnonzero(has_columns)
    if arcs.size == 0:
        return frozen_cols.astype(np.int64)
    starts = columns.arc_start[arcs]
    best_cost = np.minimum.reduceat(rate.unit_cost, starts)
    # position of the cheapest column inside each arc (first on a tie)
    at_min = rate.unit_cost == np.repeat(best_cost, columns.arc_start[arcs + 1] - starts)
    first_min = np.minimum.reduceat(np.where(at_min, np.arange(columns.n), columns.n), starts)
    lift = np.maximum.reduceat(rows.col_lc_coef, starts) > 0
    chosen = []
    for subset in (np.ones(arcs.size, dtype=bool), lift):
        pool = arcs[subset]
        order = np.lexsort((best_cost[subset], p.arc_line[pool]))
        ranked = pool[order]
        line = p.arc_line[ranked]
        rank = np.arange(ranked.size) - np.searchsorted(line, line)
        keep = rank < INITIAL_ARCS_PER_LINE
        chosen.append(np.searchsorted(arcs, ranked[keep]))
    picked = np.unique(np.concatenate(chosen))
    best = first_min[picked]
    before = best - 1
    before = before[before >= columns.arc_start[arcs[picked]]]
    return np.unique(np.concatenate([best, before, frozen_cols])).astype(np.int64)


def new_master_highs() -> Any:
    """A HiGHS instance set up for a restricted master (shared with ``generation``)."""
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    # Measured on the synthetic regional plan: unscaled dual simplex iterates twice as fast
    # here (all coefficients are within a few orders of magnitude anyway).
    h.setOptionValue("simplex_scale_strategy", 0)
    # Presolve buys nothing on a restricted master and, at national size, cost more time than
    # the time limit allowed before the first simplex iteration (its clock is checked rarely).
    h.setOptionValue("presolve", "off")
    return h


def run_master(h: Any, deadline: float) -> str:
    """Run a master's HiGHS instance until ``deadline``; its model status. HiGHS's clock adds up
    the time spent inside its runs only: the limit is that sum so far plus what is left to the
    deadline (a run kept between pricings would otherwise get all the time since its creation
    again)."""
    left = max(deadline - time.perf_counter(), 0.01)
    h.setOptionValue("time_limit", h.getRunTime() + left)
    h.run()
    return str(h.getModelStatus().name)


class _Master:
    """The restricted master on one HiGHS instance; columns after the fixed ones (shortage,
    fairness peaks) are the candidate columns listed in ``cols``, in HiGHS's order."""

    def __init__(
        self,
        problem: AllocationProblem,
        settings: EngineSettings,
        rows: Rows,
        rate: Rates,
        col_line: IntArray,
    ) -> None:
        p = problem
        self.rows, self.rate, self.col_line = rows, rate, col_line
        self.h = new_master_highs()
        n_lc = rows.lc_orders.shape[0]
        cap_hi = np.zeros_like(rows.cap_hi) if rows.fairness else rows.cap_hi
        row_lo = np.concatenate([p.line_qty, np.full(rows.cap_keys.shape[0], -np.inf), np.zeros(n_lc)])
        row_hi = np.concatenate([p.line_qty, cap_hi, np.full(n_lc, np.inf)])
        none_i, none_f = np.zeros(0, np.int32), np.zeros(0)
        self.h.addRows(rows.n_rows, row_lo, row_hi, 0, none_i, none_i, none_f)
        lines = np.arange(p.n_lines, dtype=np.int32)
        self.h.addCols(
            p.n_lines, rate.shortage, np.zeros(p.n_lines), p.line_qty.copy(), p.n_lines,
            lines, lines, np.ones(p.n_lines),
        )  # fmt: skip
        self.n_fixed = p.n_lines
        if rows.fairness:
            starts, indices, values = peak_matrix(p, rows)
            n_peak = starts.shape[0]
            self.h.addCols(
                n_peak, np.full(n_peak, settings.fairness_weight), np.zeros(n_peak), np.ones(n_peak),
                indices.shape[0], starts, indices, values,
            )  # fmt: skip
            self.n_fixed += n_peak
        # An elastic slack per local-content row, at a price far above any way of meeting the
        # floor, keeps every master feasible even when its first columns cannot meet a floor
        # next to frozen cells. It is not part of the model: a plan that still uses it is not
        # accepted (the engine then solves the whole model), and the bound ignores it.
        n_lc = rows.lc_orders.shape[0]
        self.lc_slack = slice(self.n_fixed, self.n_fixed + n_lc)
        if n_lc:
            price = LC_SLACK_PRICE * (1.0 + float(np.max(rate.shortage, initial=0.0)))
            lc_rows = (rows.lc_start + np.arange(n_lc)).astype(np.int32)
            self.h.addCols(
                n_lc, np.full(n_lc, price), np.zeros(n_lc), np.full(n_lc, np.inf), n_lc,
                np.arange(n_lc, dtype=np.int32), lc_rows, np.ones(n_lc),
            )  # fmt: skip
            self.n_fixed += n_lc
        self.cols = np.zeros(0, np.int64)

    def add(self, picked: IntArray, lb: FloatArray, ub: FloatArray) -> None:
        """Columns ``picked`` with their bounds ``lb``, ``ub`` (one each)."""
        starts, indices, values = x_matrix(self.rows, self.col_line, picked)
        self.h.addCols(
            picked.shape[0], self.rate.unit_cost[picked], lb, ub,
            indices.shape[0], starts, indices, values,
        )  # fmt: skip
        self.cols = np.concatenate([self.cols, picked])

    def drop(self, positions: IntArray) -> None:
        """Remove master columns (positions in ``cols``); they must be nonbasic."""
        self.h.deleteCols(positions.shape[0], (self.n_fixed + positions).astype(np.int32))
        keep = np.ones(self.cols.shape[0], dtype=bool)
        keep[positions] = False
        self.cols = self.cols[keep]

    def hold_local_content(self, held: bool) -> None:
        """Open (held) or restore (≥ 0) the bounds of every local-content row."""
        n_lc = self.rows.lc_orders.shape[0]
        if n_lc == 0:
            return
        lc_rows = (self.rows.lc_start + np.arange(n_lc)).astype(np.int32)
        lower = np.full(n_lc, -np.inf) if held else np.zeros(n_lc)
        self.h.changeRowsBounds(n_lc, lc_rows, lower, np.full(n_lc, np.inf))

    def run(self, deadline: float) -> str:
        return run_master(self.h, deadline)


def floors_missed(rows: Rows, x: FloatArray) -> bool:
    """Whether the quantities leave some order below its local-content floor."""
    has_lc = rows.col_lc_row >= 0
    if not has_lc.any():
        return False
    n_lc = rows.lc_orders.shape[0]
    activity = np.bincount(
        rows.col_lc_row[has_lc] - rows.lc_start, rows.col_lc_coef[has_lc] * x[has_lc], n_lc
    )
    scale = np.bincount(
        rows.col_lc_row[has_lc] - rows.lc_start, np.abs(rows.col_lc_coef[has_lc] * x[has_lc]), n_lc
    )
    return bool(np.any(activity < -1e-9 * (1.0 + scale)))


def entering_columns(priced_out: IntArray, reduced: FloatArray, col_line: IntArray, limit: int) -> IntArray:
    """The columns that join the master this round, at most ``limit``: each line's
    ``ENTERING_PER_LINE`` most negative among ``priced_out``, the rest of the limit filled with
    the most negative of the others.

    Taking only the most negative overall crowds a round with the cells of a few lines (in the
    first rounds those left short, whose every cell prices out by about the shortage rate);
    a few per line reach every line at once. On the national synthetic the pieces went from
    149 rounds in 30.5 s to 102 in 23 s (1 per line: 26.9 s; 3: 23.9 s; 4: 23.2 s); on a
    problem of a few lines with many cells each the fill keeps the rounds as large as before."""
    if priced_out.size <= limit:
        return priced_out
    if priced_out.size > PRESELECT * limit:  # the lines' best are among the most negative
        priced_out = priced_out[np.argpartition(reduced[priced_out], PRESELECT * limit)[: PRESELECT * limit]]
    line = col_line[priced_out]
    order = np.lexsort((reduced[priced_out], line))
    ranked, ranked_line = priced_out[order], line[order]
    rank = np.arange(ranked.size) - np.searchsorted(ranked_line, ranked_line)
    best = rank < ENTERING_PER_LINE
    chosen, rest = ranked[best], ranked[~best]
    if chosen.size >= limit:
        return chosen[np.argpartition(reduced[chosen], limit - 1)[:limit]]
    fill = limit - chosen.size
    if rest.size > fill:
        rest = rest[np.argpartition(reduced[rest], fill - 1)[:fill]]
    return np.concatenate([chosen, rest])


def solve_by_pricing(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    deadline: float | None = None,
    start: IntArray | None = None,
) -> PricingResult:
    """Solve the LP of the full model (its relaxation when integer options are on) by column
    generation (``PricingRun``) until optimal or ``deadline`` (default: the time limit).
    ``start``: columns for the first master besides the usual ones (a plan being re-planned:
    its cells)."""
    started = time.perf_counter()
    deadline = deadline if deadline is not None else started + settings.time_limit_s
    return PricingRun(problem, settings, columns, rate, start).solve(deadline)


class PricingRun:
    """Column generation on one model, which can go on at other unit costs.

    Each round: solve the master, price every column, add the most negative ones (a few per
    line, at most one per row of the model per round: ``entering_columns``), and once the
    master is large, sift it — drop columns that sit at zero with a clearly positive reduced
    cost (they come back if prices change). Stops when nothing prices out (optimal) or at the
    deadline (the last master's plan, feasible, with the best bound seen).

    ``reprice`` goes on at new unit costs from the master and basis the last run left: the
    basis stays feasible, so HiGHS starts from a plan that keeps every row. On a national piece
    priced again with the floors priced in, the master so re-solved was 0.1 % from the new
    optimum in 0.37 s, where a new master started from the old plan's cells took 3.1 s to it.
    """

    def __init__(
        self,
        problem: AllocationProblem,
        settings: EngineSettings,
        columns: Columns,
        rate: Rates,
        start: IntArray | None = None,
    ) -> None:
        p = problem
        started = time.perf_counter()
        self.problem, self.settings, self.columns, self.rate = p, settings, columns, rate
        self.rows = rows = fixed_rows(p, settings, columns)
        self.col_line = p.arc_line[columns.col_arc]
        self.frozen_cols = columns.column_of(p.frozen_arc, p.frozen_month)
        self.priceable = np.ones(columns.n, dtype=bool)
        """False for the fixed cells (frozen, or of held lines): ``fixed_qty`` at ``fixed_cols``."""
        self.priceable[self.frozen_cols] = False
        order = np.argsort(self.frozen_cols)
        self.fixed_cols, self.fixed_qty = self.frozen_cols[order], p.frozen_qty[order]
        self.in_master = np.zeros(columns.n, dtype=bool)
        self.master = _Master(p, settings, rows, rate, self.col_line)
        first = initial_columns(p, columns, rate, rows, self.frozen_cols)
        if start is not None:
            first = np.union1d(first, start)
        self.in_master[first] = True
        self.master.add(first, *self.bounds(first))
        self.last_plan: tuple[IntArray, FloatArray] = (np.zeros(0, np.int64), np.zeros(0))
        """The last solved master's cells and quantities (the runs of a split plan stay in
        memory between pricings: a dense plan per piece cost 86 MB at national size)."""
        self.lc_dual = np.full(p.n_orders, np.nan)
        self.capacity_dual = np.zeros(p.capacity.size)
        self.rounds = 0
        self.solved = False
        self.held = rows.lc_orders.shape[0] > 0
        self.master.hold_local_content(self.held)
        self.build_seconds = time.perf_counter() - started

    def hold_lines(self, lines: IntArray, x: FloatArray) -> None:
        """Fix every cell of ``lines`` at its quantity in ``x`` (over this run's columns), as
        frozen cells are: the next ``solve`` plans the other lines around them."""
        cols = self.columns.columns_of_arcs(self.columns.line_arcs_of(lines))
        cols = cols[~np.isin(cols, self.frozen_cols)]  # frozen cells keep their quantities
        self.priceable[cols] = False
        kept = ~np.isin(self.fixed_cols, cols)  # a line held again takes its new quantities
        merged = np.concatenate([self.fixed_cols[kept], cols])
        order = np.argsort(merged)
        self.fixed_cols = merged[order]
        self.fixed_qty = np.concatenate([self.fixed_qty[kept], x[cols]])[order]
        master = self.master
        positions = np.flatnonzero(np.isin(master.cols, cols))
        if positions.size:
            at = master.cols[positions]
            index = (master.n_fixed + positions).astype(np.int32)
            master.h.changeColsBounds(positions.size, index, *self.bounds(at))
        missing = cols[(x[cols] > 0) & ~self.in_master[cols]]
        if missing.size:
            self.in_master[missing] = True
            master.add(missing, *self.bounds(missing))

    def bounds(self, cols: IntArray) -> tuple[FloatArray, FloatArray]:
        """Lower and upper bounds of cells ``cols``: 0 to the line's quantity, fixed cells at
        their quantity (kept sparse: dense bounds for every cell of every piece cost 170 MB
        at national size while the runs wait between pricings)."""
        lower = np.zeros(cols.shape[0])
        upper = self.problem.line_qty[self.col_line[cols]]
        fixed = ~self.priceable[cols]
        if fixed.any():
            quantity = self.fixed_qty[np.searchsorted(self.fixed_cols, cols[fixed])]
            lower[fixed] = upper[fixed] = quantity
        return lower, upper

    def reprice(
        self, rate: Rates, deadline: float, max_masters: int | None = None, close_enough: float | None = None
    ) -> PricingResult:
        """Go on at ``rate``'s costs (same columns) from the last master until ``deadline``."""
        master = self.master
        self.rate = master.rate = rate
        n_lines = self.problem.n_lines
        master.h.changeColsCost(n_lines, np.arange(n_lines, dtype=np.int32), rate.shortage)
        positions = (master.n_fixed + np.arange(master.cols.shape[0])).astype(np.int32)
        master.h.changeColsCost(positions.shape[0], positions, rate.unit_cost[master.cols])
        return self.solve(deadline, max_masters, close_enough)

    def solve(
        self, deadline: float, max_masters: int | None = None, close_enough: float | None = None
    ) -> PricingResult:
        """Rounds until nothing prices out, ``deadline``, ``max_masters`` masters solved or the
        plan within ``close_enough`` (relative) of the bound. A run stopped by ``max_masters``
        hands over the plan of its last master, which is not priced again, and keeps the
        columns that priced out for the next ``reprice``: the split path's pricings with the
        floors want a near plan at each of many prices more than the exact one at each of few
        (``engine.FLOOR_PRICING_MASTERS``); and its first pricing, whose plan only tells the
        floors' prices where to start, need not be exact either (``engine.FIRST_PRICING_GAP``)."""
        p, settings, columns, rate, rows = self.problem, self.settings, self.columns, self.rate, self.rows
        master, col_line, in_master, frozen_cols = (
            self.master,
            self.col_line,
            self.in_master,
            self.frozen_cols,
        )
        solve_started = time.perf_counter()
        status = SolveStatus.TIME_LIMIT_NO_SOLUTION
        objective: float | None = None
        # With all prices zero the bound is "every line at its cheapest cell, capacity ignored":
        # weak, but true, and there even if the first master is not solved in time.
        zero = Duals(np.zeros(p.n_lines), np.zeros(rows.cap_keys.shape[0]), np.zeros(rows.lc_orders.shape[0]))
        bound: float = lagrangian_bound(p, settings, columns, rows, rate, rate.unit_cost, zero, frozen_cols)
        x = np.zeros(columns.n)
        x[self.last_plan[0]] = self.last_plan[1]
        solved_now = False  # a master solved in this call, at these costs and bounds
        elastic = 0.0
        tol = REDUCED_COST_TOL * (1.0 + np.abs(rate.unit_cost))
        masters = 0
        while True:
            if max_masters is not None and masters >= max_masters:
                break
            masters += 1
            model_status = master.run(deadline)
            self.rounds += 1
            if model_status != "kOptimal":
                if model_status == "kInfeasible":
                    status = SolveStatus.INFEASIBLE
                break  # stopped: keep the last optimal master's plan and the best bound
            solution = master.h.getSolution()
            self.solved = solved_now = True
            every = np.array(solution.col_value, dtype=np.float64)
            values = every[master.n_fixed :]
            elastic = float(every[master.lc_slack].sum())
            row_dual = np.array(solution.row_dual, dtype=np.float64)
            objective = float(master.h.getInfo().objective_function_value)
            x[:] = 0.0
            x[master.cols] = values
            self.last_plan = (master.cols.copy(), values.copy())
            self.lc_dual[rows.lc_orders] = np.abs(row_dual[rows.lc_start : rows.n_rows])
            duals = split_duals(rows, row_dual)
            self.capacity_dual[rows.cap_keys] = duals.capacity
            net = priced_cost(rows, rate.unit_cost, duals)
            round_bound = lagrangian_bound(p, settings, columns, rows, rate, net, duals, frozen_cols)
            bound = max(bound, round_bound)
            reduced = net - duals.demand[col_line]
            del net
            entering = np.flatnonzero((reduced < -tol) & self.priceable & ~in_master)
            status = SolveStatus.OPTIMAL if entering.size == 0 else SolveStatus.TIME_LIMIT_WITH_SOLUTION
            out_of_time = time.perf_counter() >= deadline
            if self.held and (entering.size == 0 or out_of_time) and floors_missed(rows, x):
                # Optimal without the floors, or out of time, and some order misses its floor:
                # put the rows back; the dual simplex restarts from this basis.
                self.held = False
                master.hold_local_content(self.held)
                # not a plan of the model until a master with the floors back is solved: a
                # deadline hit in that solve must not hand this one over as optimal
                status, objective = SolveStatus.TIME_LIMIT_NO_SOLUTION, None
                if not out_of_time:
                    continue
                break
            if entering.size == 0 and elastic > 0:
                status = SolveStatus.INFEASIBLE  # a floor is only met through the slack
            if entering.size == 0 or time.perf_counter() >= deadline:
                break
            if (
                close_enough is not None
                and elastic == 0
                and objective - bound <= close_enough * max(abs(objective), 1.0)
            ):
                break
            entering = entering_columns(entering, reduced, col_line, max(rows.n_rows, 1000))
            if master.cols.shape[0] > SIFT_FACTOR * rows.n_rows:
                stale = (values <= 0) & (
                    reduced[master.cols] > SIFT_REDUCED_COST * (1.0 + np.abs(rate.unit_cost[master.cols]))
                )
                stale &= self.priceable[master.cols]
                if stale.any():
                    in_master[master.cols[stale]] = False
                    master.drop(np.flatnonzero(stale))
            entering = np.sort(entering)
            in_master[entering] = True
            master.add(entering, *self.bounds(entering))
        if status is SolveStatus.TIME_LIMIT_WITH_SOLUTION and (
            elastic > 0 or (self.held and floors_missed(rows, x))
        ):
            status, objective = SolveStatus.TIME_LIMIT_NO_SOLUTION, None  # not a plan of the model
        gap = None
        if objective is not None:
            if status is SolveStatus.OPTIMAL:
                bound = min(bound, objective)  # equal up to the solver's tolerances
            gap = max(objective - bound, 0.0) / max(abs(objective), 1.0)
        return PricingResult(
            status=status,
            x=x,
            objective=objective,
            bound=bound,
            gap=gap if gap is None or math.isfinite(gap) else None,
            lc_dual=self.lc_dual.copy(),
            rounds=self.rounds,
            master_columns=int(master.h.getNumCol()),
            master_rows=int(master.h.getNumRow()),
            master_nonzeros=int(master.h.getNumNz()),
            build_seconds=self.build_seconds,
            solve_seconds=time.perf_counter() - solve_started,
            master_solved=solved_now,
            capacity_dual=self.capacity_dual.copy() if self.solved else None,
        )
