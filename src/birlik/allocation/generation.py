"""Column generation over any built LP whose wide blocks are priced rather than handed over whole.

Why a second, generic path beside ``pricing``: ``pricing`` knows the single-stage model's rows and
computes reduced costs from them; a model that adds rows and columns (the cloth stage: sewing with
member cloth, flows between mills and sewers, balance and import-limit rows) would need that
knowledge again for every extension. Here the reduced costs come from the built matrix itself,
``d = c − Aᵀy``, one sparse product per round over every column, so any model built by
``birlik.allocation.model`` — extended or not — can be solved this way, and proven optimal.

The caller says which columns may stay out of the master (``priced``: the per-cell blocks) and
which they start with; every other column (shortage, fairness peaks, flows…) is in from the start.
Each round: solve the master on HiGHS, price every column, add the most negative (at most one per
row), drop stale ones once the master is large, repeat until nothing prices out.

Rows named in ``held`` (the local-content rows) are opened at first and put back once the rest is
optimal — the same reason as in ``pricing``: without them the master is a network-like problem
whose simplex iterations stay hyper-sparse. An elastic slack, priced far above any plan, keeps
the master feasible when its first columns cannot meet such a row; a plan that still uses it is
not a plan of the model (status INFEASIBLE).

The bound. For any row duals ``y`` (signs corrected to the rows' senses) the Lagrangian keeps the
demand rows — Σ x = Q over a line's columns, unit coefficients, each column in at most one — and
relaxes the rest: per line, its quantity on its cheapest column at ``d + y_line``; every other
column at the bound its ``d`` prefers. Weak duality makes it valid for any ``y``, so a run stopped
by the time limit still reports an honest gap.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from birlik.allocation.model import INF
from birlik.allocation.pricing import (
    LC_SLACK_PRICE,
    REDUCED_COST_TOL,
    SIFT_FACTOR,
    SIFT_REDUCED_COST,
    new_master_highs,
    run_master,
)
from birlik.allocation.problem import FloatArray, IntArray
from birlik.allocation.solve import SolveResult, SolveStatus


@dataclass(frozen=True)
class LinearProgram:
    """min cost·x s.t. row_lo ≤ A x ≤ row_hi, lb ≤ x ≤ ub; ``demand`` lists the rows that are
    Σ x = Q over unit coefficients (one per order line), each column in at most one of them."""

    cost: FloatArray
    lb: FloatArray
    ub: FloatArray
    row_lo: FloatArray
    row_hi: FloatArray
    matrix: sp.csc_array
    demand: IntArray

    @property
    def n_cols(self) -> int:
        return int(self.cost.shape[0])

    @property
    def n_rows(self) -> int:
        return int(self.row_lo.shape[0])


def column_groups(lp: LinearProgram) -> IntArray:
    """Per column, the demand row it has an entry in (−1: none)."""
    coo = lp.matrix.tocoo()
    is_demand = np.zeros(lp.n_rows, dtype=bool)
    is_demand[lp.demand] = True
    hit = is_demand[coo.row]
    if np.any(coo.data[hit] != 1.0):
        raise ValueError("a demand row must have unit coefficients")
    group = np.full(lp.n_cols, -1, np.int64)
    group[coo.col[hit]] = coo.row[hit]
    return group


def implied_upper(lp: LinearProgram) -> FloatArray:
    """Each column's upper bound, tightened where it is infinite by the ≤ rows it loads: from
    a_ij·x_j ≤ hi_i − (the least the row's other columns can contribute). A mill's flow, unbounded
    on its own, is bounded by the mill's capacity this way, which keeps the Lagrangian finite."""
    coo = lp.matrix.tocoo()
    a, i, j = coo.data, coo.row, coo.col
    least = np.minimum(a * lp.lb[j], a * lp.ub[j])  # −inf where a column is unbounded that way
    least = np.where(np.isnan(least), 0.0, least)
    row_least = np.bincount(i, np.where(np.isfinite(least), least, 0.0), lp.n_rows)
    row_unbounded = np.bincount(i, ~np.isfinite(least), lp.n_rows)
    usable = (a > 0) & np.isfinite(lp.row_hi[i]) & (lp.lb[j] == 0.0)
    # the column's own least is a·0 = 0 here, so the others' least is the row's, if finite
    usable &= (row_unbounded[i] - (~np.isfinite(least)).astype(np.float64)) == 0
    limit = np.full(lp.n_cols, np.inf)
    np.minimum.at(limit, j[usable], (lp.row_hi[i[usable]] - row_least[i[usable]]) / a[usable])
    upper: FloatArray = np.minimum(lp.ub, np.maximum(limit, 0.0))
    return upper


def signed_duals(lp: LinearProgram, row_dual: FloatArray) -> FloatArray:
    """Clip each dual to the sign its row's sense allows (≤ rows ≤ 0, ≥ rows ≥ 0), so that any
    duals, even a stopped master's, give a valid Lagrangian."""
    y = row_dual.copy()
    y[~np.isfinite(lp.row_lo)] = np.minimum(y[~np.isfinite(lp.row_lo)], 0.0)
    y[~np.isfinite(lp.row_hi)] = np.maximum(y[~np.isfinite(lp.row_hi)], 0.0)
    return y


def lagrangian_bound(
    lp: LinearProgram, group: IntArray, y: FloatArray, upper: FloatArray | None = None
) -> float | None:
    """A lower bound on the LP from sign-correct duals ``y`` (see the module's docstring);
    None when a column with no finite bound in its preferred direction makes it −∞. ``upper``:
    the columns' upper bounds to use (default ``lp.ub``; see ``implied_upper``)."""
    ub = lp.ub if upper is None else upper
    y = y.copy()
    y[lp.demand] = 0.0  # the demand rows are kept, not relaxed
    d = lp.cost - lp.matrix.T @ y
    rows = float(np.where(y > 0, y * np.where(np.isfinite(lp.row_lo), lp.row_lo, 0.0), 0.0).sum())
    rows += float(np.where(y < 0, y * np.where(np.isfinite(lp.row_hi), lp.row_hi, 0.0), 0.0).sum())
    fixed = lp.lb == lp.ub
    free = (group < 0) & ~fixed
    if np.any((d[free] < 0) & ~np.isfinite(ub[free])) or np.any((d[free] > 0) & ~np.isfinite(lp.lb[free])):
        return None
    at = np.where(d[free] < 0, ub[free], lp.lb[free])
    columns = float(d[free] @ at) + float(d[fixed] @ lp.lb[fixed])
    # per demand row: what fixed columns already deliver, the rest on its cheapest column
    grouped = (group >= 0) & ~fixed
    left = lp.row_lo.copy()
    in_fixed = (group >= 0) & fixed
    np.subtract.at(left, group[in_fixed], lp.lb[in_fixed])
    cheapest = np.full(lp.n_rows, np.inf)
    np.minimum.at(cheapest, group[grouped], d[grouped])
    demand_rows = lp.demand
    need = left[demand_rows]
    best = cheapest[demand_rows]
    if np.any((need > 0) & ~np.isfinite(best)):
        return None  # a line that must be made and has no free column: leave the bound out
    lines = float(np.where(need > 0, need * best, 0.0).sum())
    return rows + columns + lines


@dataclass(frozen=True)
class GenerationResult:
    result: SolveResult
    rounds: int
    master_columns: int
    master_rows: int
    master_nonzeros: int


class _Master:
    """All rows; the always-in columns first, then the elastic slacks, then priced columns."""

    def __init__(self, lp: LinearProgram, always: IntArray, held: IntArray) -> None:
        self.lp = lp
        self.h = new_master_highs()
        none_i, none_f = np.zeros(0, np.int32), np.zeros(0)
        self.h.addRows(lp.n_rows, lp.row_lo, lp.row_hi, 0, none_i, none_i, none_f)
        self.cols = np.zeros(0, np.int64)  # model column of each master column, in order
        self.add(always)
        self.n_always = int(always.shape[0])
        n_held = int(held.shape[0])
        price = LC_SLACK_PRICE * (1.0 + float(np.max(np.abs(lp.cost), initial=0.0)))
        # a slack of the right sign per held row: +1 for a ≥ row, −1 for a ≤ row
        sign = np.where(np.isfinite(lp.row_lo[held]), 1.0, -1.0)
        self.h.addCols(
            n_held, np.full(n_held, price), np.zeros(n_held), np.full(n_held, INF), n_held,
            np.arange(n_held, dtype=np.int32), held.astype(np.int32), sign,
        )  # fmt: skip
        self.slack = slice(self.n_always, self.n_always + n_held)
        self.n_fixed = self.n_always + n_held
        self.held = held

    def add(self, picked: IntArray) -> None:
        sub = self.lp.matrix[:, picked]
        self.h.addCols(
            picked.shape[0], self.lp.cost[picked], self.lp.lb[picked], self.lp.ub[picked], sub.nnz,
            sub.indptr.astype(np.int32), sub.indices.astype(np.int32), sub.data.astype(np.float64),
        )  # fmt: skip
        self.cols = np.concatenate([self.cols, picked.astype(np.int64)])

    def drop(self, positions: IntArray) -> None:
        """Remove priced master columns (positions among the priced ones); they must be nonbasic."""
        self.h.deleteCols(positions.shape[0], (self.n_fixed + positions).astype(np.int32))
        keep = np.ones(self.cols.shape[0], dtype=bool)
        keep[self.n_always + positions] = False
        self.cols = self.cols[keep]

    def priced_cols(self) -> IntArray:
        return self.cols[self.n_always :]

    def hold(self, held: bool) -> None:
        n = int(self.held.shape[0])
        if n == 0:
            return
        lo = np.where(held, -np.inf, self.lp.row_lo[self.held])
        hi = np.where(held, np.inf, self.lp.row_hi[self.held])
        self.h.changeRowsBounds(n, self.held.astype(np.int32), lo, hi)

    def run(self, deadline: float) -> str:
        return run_master(self.h, deadline)

    def values(self) -> tuple[FloatArray, FloatArray, float]:
        """x over every model column, the row duals, and the elastic slack in use."""
        solution = self.h.getSolution()
        every = np.array(solution.col_value, dtype=np.float64)
        x = np.zeros(self.lp.n_cols)
        x[self.cols[: self.n_always]] = every[: self.n_always]
        x[self.priced_cols()] = every[self.n_fixed :]
        return x, np.array(solution.row_dual, dtype=np.float64), float(every[self.slack].sum())


def _rows_missed(lp: LinearProgram, rows: IntArray, matrix: sp.csr_array, x: FloatArray) -> bool:
    """Whether ``x`` breaks any of ``rows`` (``matrix``: those rows of the LP), beyond round-off."""
    if rows.size == 0:
        return False
    activity = matrix @ x
    scale = 1e-9 * (1.0 + np.abs(activity))
    return bool(np.any((activity < lp.row_lo[rows] - scale) | (activity > lp.row_hi[rows] + scale)))


def solve_by_generation(
    lp: LinearProgram,
    priced: np.ndarray,
    initial: IntArray,
    deadline: float,
    held: IntArray | None = None,
) -> GenerationResult:
    """Solve ``lp`` with the columns flagged in ``priced`` generated on demand (see the module's
    docstring). ``initial`` lists the priced columns the first master holds; ``held`` the rows
    opened until the rest is optimal. Returns a SolveResult over every column of ``lp``."""
    started = time.perf_counter()
    held = np.zeros(0, np.int64) if held is None else held.astype(np.int64)
    group = column_groups(lp)
    # a column with a positive lower bound (a frozen cell) must be in every master; one fixed at 0
    # never needs to enter
    always = np.flatnonzero(~priced | (lp.lb > 0))
    enterable = priced & (lp.lb <= 0) & (lp.ub > 0)
    master = _Master(lp, always, held)
    in_master = np.zeros(lp.n_cols, dtype=bool)
    first = np.unique(initial)
    first = first[enterable[first]]
    in_master[first] = True
    master.add(first)
    holding = held.size > 0
    held_matrix = sp.csr_array(lp.matrix.tocsr()[held])
    master.hold(holding)
    tol = REDUCED_COST_TOL * (1.0 + np.abs(lp.cost))
    zero = np.zeros(lp.n_rows)
    bound: float = -math.inf
    upper = implied_upper(lp)
    start_bound = lagrangian_bound(lp, group, zero, upper)
    if start_bound is not None:
        bound = start_bound
    status = SolveStatus.TIME_LIMIT_NO_SOLUTION
    objective: float | None = None
    x = np.zeros(lp.n_cols)
    row_dual = np.zeros(lp.n_rows)
    elastic = 0.0
    rounds = 0
    while True:
        model_status = master.run(deadline)
        rounds += 1
        if model_status != "kOptimal":
            if model_status == "kInfeasible":
                status = SolveStatus.INFEASIBLE
            break
        x, row_dual, elastic = master.values()
        objective = float(master.h.getInfo().objective_function_value)
        y = signed_duals(lp, row_dual)
        round_bound = lagrangian_bound(lp, group, y, upper)
        if round_bound is not None:
            bound = max(bound, round_bound)
        reduced = lp.cost - lp.matrix.T @ y
        entering = np.flatnonzero((reduced < -tol) & enterable & ~in_master)
        status = SolveStatus.OPTIMAL if entering.size == 0 else SolveStatus.TIME_LIMIT_WITH_SOLUTION
        out_of_time = time.perf_counter() >= deadline
        if holding and (entering.size == 0 or out_of_time) and _rows_missed(lp, held, held_matrix, x):
            holding = False
            master.hold(holding)
            if not out_of_time:
                continue
            status, objective = SolveStatus.TIME_LIMIT_NO_SOLUTION, None
            break
        if entering.size == 0 and elastic > 0:
            status = SolveStatus.INFEASIBLE
        if entering.size == 0 or out_of_time:
            break
        limit = max(lp.n_rows, 1000)
        if entering.size > limit:
            entering = entering[np.argpartition(reduced[entering], limit)[:limit]]
        in_priced = master.priced_cols()
        if in_priced.shape[0] > SIFT_FACTOR * lp.n_rows:
            stale = (x[in_priced] <= 0) & (
                reduced[in_priced] > SIFT_REDUCED_COST * (1.0 + np.abs(lp.cost[in_priced]))
            )
            if stale.any():
                in_master[in_priced[stale]] = False
                master.drop(np.flatnonzero(stale))
        entering = np.sort(entering)
        in_master[entering] = True
        master.add(entering)
    if status is SolveStatus.TIME_LIMIT_WITH_SOLUTION and (
        elastic > 0 or (holding and _rows_missed(lp, held, held_matrix, x))
    ):
        status, objective = SolveStatus.TIME_LIMIT_NO_SOLUTION, None
    gap = None
    final_bound: float | None = bound if math.isfinite(bound) else None
    if objective is not None:
        if status is SolveStatus.OPTIMAL and final_bound is not None:
            final_bound = min(final_bound, objective)
        if final_bound is not None:
            gap = max(objective - final_bound, 0.0) / max(abs(objective), 1.0)
    solved = SolveResult(
        status=status,
        objective=objective,
        bound=final_bound,
        gap=gap,
        solve_seconds=time.perf_counter() - started,
        col_value=x if status.has_solution else np.zeros(0),
        row_dual=row_dual if status.has_solution else np.zeros(0),
    )
    return GenerationResult(
        result=solved,
        rounds=rounds,
        master_columns=int(master.h.getNumCol()),
        master_rows=int(master.h.getNumRow()),
        master_nonzeros=int(master.h.getNumNz()),
    )
