"""Build the LP/MILP as arrays: one ``add_*`` function per family of variables or constraints.

Columns (in this order): ``x`` quantity per candidate (arc, month); ``short`` per line; ``peak``
utilisation per (family, month) when fairness is on; ``used`` binary per arc when an integer
option is on. Rows: ``demand`` per line; ``capacity`` per touched (member, family, month);
``local_content`` per order with a floor; ``lot_max`` / ``lot_min`` per arc and ``members`` per
line for the integer options. Every coefficient comes from numpy index arithmetic, so the build
costs a few vector operations whatever the size; HiGHS gets the CSC arrays directly.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from birlik.allocation.columns import Columns, candidate_columns
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray
from birlik.allocation.rates import Rates, rates

INF = np.inf


@dataclass(frozen=True)
class ModelSize:
    n_columns: int
    n_rows: int
    n_nonzeros: int
    n_integer: int


@dataclass(frozen=True)
class Model:
    """The built model: HiGHS-ready arrays plus the maps needed to read the solution back.

    ``col_blocks`` / ``row_blocks`` name the slices above; ``capacity_keys`` holds the flat
    (member, family, month) index of each capacity row and ``lc_orders`` the order of each
    local-content row.
    """

    columns: Columns
    rates: Rates
    cost: FloatArray
    lb: FloatArray
    ub: FloatArray
    integrality: npt.NDArray[np.int32]
    row_lo: FloatArray
    row_hi: FloatArray
    matrix: sp.csc_array
    col_blocks: Mapping[str, slice]
    row_blocks: Mapping[str, slice]
    capacity_keys: IntArray
    lc_orders: IntArray
    build_seconds: float

    @property
    def size(self) -> ModelSize:
        return ModelSize(
            n_columns=int(self.cost.shape[0]),
            n_rows=int(self.row_lo.shape[0]),
            n_nonzeros=int(self.matrix.nnz),
            n_integer=int(np.count_nonzero(self.integrality)),
        )


@dataclass
class _Builder:
    cost: list[FloatArray] = field(default_factory=list)
    lb: list[FloatArray] = field(default_factory=list)
    ub: list[FloatArray] = field(default_factory=list)
    integral: list[npt.NDArray[np.int32]] = field(default_factory=list)
    row_lo: list[FloatArray] = field(default_factory=list)
    row_hi: list[FloatArray] = field(default_factory=list)
    entries: list[tuple[IntArray, IntArray, FloatArray]] = field(default_factory=list)
    col_blocks: dict[str, slice] = field(default_factory=dict)
    row_blocks: dict[str, slice] = field(default_factory=dict)
    n_cols: int = 0
    n_rows: int = 0

    def add_columns(
        self, name: str, cost: FloatArray, lb: FloatArray, ub: FloatArray, *, integral: bool = False
    ) -> int:
        start, n = self.n_cols, int(cost.shape[0])
        self.cost.append(np.asarray(cost, np.float64))
        self.lb.append(np.asarray(lb, np.float64))
        self.ub.append(np.asarray(ub, np.float64))
        self.integral.append(np.full(n, 1 if integral else 0, np.int32))
        self.col_blocks[name] = slice(start, start + n)
        self.n_cols += n
        return start

    def add_rows(self, name: str, lo: FloatArray, hi: FloatArray) -> int:
        start, n = self.n_rows, int(lo.shape[0])
        self.row_lo.append(np.asarray(lo, np.float64))
        self.row_hi.append(np.asarray(hi, np.float64))
        self.row_blocks[name] = slice(start, start + n)
        self.n_rows += n
        return start

    def add_entries(self, rows: IntArray, cols: IntArray, vals: FloatArray) -> None:
        self.entries.append((rows.astype(np.int64), cols.astype(np.int64), vals.astype(np.float64)))

    def matrix(self) -> sp.csc_array:
        if self.entries:
            rows = np.concatenate([e[0] for e in self.entries])
            cols = np.concatenate([e[1] for e in self.entries])
            vals = np.concatenate([e[2] for e in self.entries])
        else:
            rows = cols = np.zeros(0, np.int64)
            vals = np.zeros(0)
        keep = vals != 0
        matrix = sp.coo_array(
            (vals[keep], (rows[keep], cols[keep])), shape=(self.n_rows, self.n_cols)
        ).tocsc()
        matrix.sum_duplicates()
        return matrix


def _cat(parts: list[FloatArray]) -> FloatArray:
    return np.concatenate(parts) if parts else np.zeros(0)


def add_assignment_columns(b: _Builder, problem: AllocationProblem, columns: Columns, rate: Rates) -> None:
    """x ≥ 0, at most the line's quantity; frozen cells get lb = ub = the frozen quantity."""
    lb = np.zeros(columns.n)
    ub = problem.line_qty[problem.arc_line[columns.col_arc]].copy()
    frozen = columns.column_of(problem.frozen_arc, problem.frozen_month)
    lb[frozen] = ub[frozen] = problem.frozen_qty
    b.add_columns("x", rate.unit_cost, lb, ub)


def add_shortage_columns(b: _Builder, problem: AllocationProblem, rate: Rates) -> None:
    b.add_columns("short", rate.shortage, np.zeros(problem.n_lines), problem.line_qty.copy())


def add_peak_columns(b: _Builder, problem: AllocationProblem, settings: EngineSettings) -> None:
    """Peak utilisation u[f, t] ∈ [0, 1]; capacity rows then read Σ use·x ≤ cap·u."""
    n = problem.n_families * problem.n_months
    weight = np.full(n, settings.fairness_weight)
    b.add_columns("peak", weight, np.zeros(n), np.ones(n))


def add_used_columns(
    b: _Builder, problem: AllocationProblem, columns: Columns, force_used: IntArray | None = None
) -> None:
    """Binary y[a]: the member takes part in the line; forced on where something is frozen
    (and on the arcs in ``force_used``, which an LP-guided search has settled)."""
    has_columns = columns.arc_start[1:] > columns.arc_start[:-1]
    lb = np.zeros(problem.n_arcs)
    lb[problem.frozen_arc[problem.frozen_qty > 0]] = 1.0
    if force_used is not None:
        lb[force_used] = 1.0
    b.add_columns("used", np.zeros(problem.n_arcs), lb, has_columns.astype(np.float64), integral=True)


def add_demand_rows(b: _Builder, problem: AllocationProblem, columns: Columns) -> None:
    """Σ_t,e x + short = qty for every line."""
    start = b.add_rows("demand", problem.line_qty, problem.line_qty)
    x0, s0 = b.col_blocks["x"].start, b.col_blocks["short"].start
    lines = problem.arc_line[columns.col_arc]
    b.add_entries(start + lines, x0 + np.arange(columns.n), np.ones(columns.n))
    every = np.arange(problem.n_lines)
    b.add_entries(start + every, s0 + every, np.ones(problem.n_lines))


def capacity_key(
    problem: AllocationProblem, members: IntArray, families: IntArray, months: IntArray
) -> IntArray:
    return (members * problem.n_families + families) * problem.n_months + months


def add_capacity_rows(
    b: _Builder, problem: AllocationProblem, settings: EngineSettings, columns: Columns
) -> IntArray:
    """Σ use·x ≤ cap per (member, family, month) touched; ≤ cap·peak[f, t] with fairness."""
    arcs = columns.col_arc
    use = problem.arc_use[arcs]
    loaded = np.flatnonzero(use > 0)
    families = problem.line_family[problem.arc_line[arcs[loaded]]]
    keys = capacity_key(problem, problem.arc_member[arcs[loaded]], families, columns.col_month[loaded])
    touched = np.zeros(problem.capacity.size, dtype=bool)
    touched[keys] = True  # keys are dense and small (E·F·T): a mask beats sorting millions
    unique = np.flatnonzero(touched)
    row_of = (np.cumsum(touched) - 1)[keys]
    cap = problem.capacity.reshape(-1)[unique]
    fair = "peak" in b.col_blocks
    start = b.add_rows("capacity", np.full(unique.shape[0], -INF), np.zeros(unique.shape[0]) if fair else cap)
    x0 = b.col_blocks["x"].start
    b.add_entries(start + row_of, x0 + loaded, use[loaded])
    if fair:
        family_month = (unique // problem.n_months) % problem.n_families * problem.n_months + (
            unique % problem.n_months
        )
        rows = start + np.arange(unique.shape[0])
        b.add_entries(rows, b.col_blocks["peak"].start + family_month, -cap)
    return unique.astype(np.int64)


def add_local_content_rows(b: _Builder, problem: AllocationProblem, columns: Columns) -> IntArray:
    """Σ price·x·(k − floor) ≥ 0 per order with a floor; shortage adds nothing to it."""
    orders = np.flatnonzero(problem.order_lc_floor > 0)
    row_of_order = np.full(problem.n_orders, -1, np.int64)
    row_of_order[orders] = np.arange(orders.shape[0])
    start = b.add_rows("local_content", np.zeros(orders.shape[0]), np.full(orders.shape[0], INF))
    arcs = columns.col_arc
    lines = problem.arc_line[arcs]
    order = problem.line_order[lines]
    counted = np.flatnonzero(row_of_order[order] >= 0)
    share = problem.lc_share_at(arcs[counted], columns.col_month[counted])
    coef = problem.line_price[lines[counted]] * (share - problem.order_lc_floor[order[counted]])
    b.add_entries(start + row_of_order[order[counted]], b.col_blocks["x"].start + counted, coef)
    return orders.astype(np.int64)


def add_lot_rows(b: _Builder, problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> None:
    """Link x to y: Σ_t x ≤ qty·y (= with single sourcing), and Σ_t x ≥ min lot·y."""
    n_arcs = problem.n_arcs
    qty = problem.line_qty[problem.arc_line]
    x_rows = columns.col_arc
    x_cols = b.col_blocks["x"].start + np.arange(columns.n)
    y_cols = b.col_blocks["used"].start + np.arange(n_arcs)
    hi = np.zeros(n_arcs)
    lo = np.zeros(n_arcs) if settings.single_sourcing else np.full(n_arcs, -INF)
    start = b.add_rows("lot_max", lo, hi)
    b.add_entries(start + x_rows, x_cols, np.ones(columns.n))
    b.add_entries(start + np.arange(n_arcs), y_cols, -qty)
    # Per cell: x[a, t] ≤ min(qty, what the cell's capacity can hold)·y[a]. Implied by the
    # rows above for integer y, but much tighter for fractional y: the LP relaxation can no
    # longer spread a line thinly, which is what lets HiGHS find and prove good plans.
    cell_cap = np.full(columns.n, np.inf)
    use = problem.arc_use[columns.col_arc]
    loaded = use > 0
    family = problem.line_family[problem.arc_line[columns.col_arc[loaded]]]
    keys = capacity_key(
        problem, problem.arc_member[columns.col_arc[loaded]], family, columns.col_month[loaded]
    )
    cell_cap[loaded] = problem.capacity.reshape(-1)[keys] / use[loaded]
    cell_ub = np.minimum(qty[columns.col_arc], cell_cap)
    start = b.add_rows("lot_cell", np.full(columns.n, -INF), np.zeros(columns.n))
    b.add_entries(start + np.arange(columns.n), x_cols, np.ones(columns.n))
    b.add_entries(start + np.arange(columns.n), b.col_blocks["used"].start + columns.col_arc, -cell_ub)
    if settings.min_lot is not None and not settings.single_sourcing:
        lot = np.minimum(settings.min_lot, qty)
        start = b.add_rows("lot_min", np.zeros(n_arcs), np.full(n_arcs, INF))
        b.add_entries(start + x_rows, x_cols, np.ones(columns.n))
        b.add_entries(start + np.arange(n_arcs), y_cols, -lot)


def add_member_count_rows(b: _Builder, problem: AllocationProblem, settings: EngineSettings) -> None:
    """Σ_a∈l y[a] ≤ K (K = 1 for single sourcing) per line."""
    limit = 1 if settings.single_sourcing else settings.max_members_per_line
    if limit is None:
        return
    start = b.add_rows("members", np.full(problem.n_lines, -INF), np.full(problem.n_lines, float(limit)))
    b.add_entries(
        start + problem.arc_line,
        b.col_blocks["used"].start + np.arange(problem.n_arcs),
        np.ones(problem.n_arcs),
    )


def build(problem: AllocationProblem, settings: EngineSettings, force_used: IntArray | None = None) -> Model:
    """Assemble the model; the problem must have passed ``validate``. ``force_used`` (arcs)
    fixes their "member used" binaries to 1 when an integer option is on."""
    started = time.perf_counter()
    columns = candidate_columns(problem, settings)
    rate = rates(problem, settings, columns)
    b = _Builder()
    add_assignment_columns(b, problem, columns, rate)
    add_shortage_columns(b, problem, rate)
    if settings.fairness_weight > 0:
        add_peak_columns(b, problem, settings)
    if settings.uses_integers:
        add_used_columns(b, problem, columns, force_used)
    add_demand_rows(b, problem, columns)
    capacity_keys = add_capacity_rows(b, problem, settings, columns)
    lc_orders = add_local_content_rows(b, problem, columns)
    if settings.uses_integers:
        add_lot_rows(b, problem, settings, columns)
        add_member_count_rows(b, problem, settings)
    return Model(
        columns=columns,
        rates=rate,
        cost=_cat(b.cost),
        lb=_cat(b.lb),
        ub=_cat(b.ub),
        integrality=np.concatenate(b.integral) if b.integral else np.zeros(0, np.int32),
        row_lo=_cat(b.row_lo),
        row_hi=_cat(b.row_hi),
        matrix=b.matrix(),
        col_blocks=dict(b.col_blocks),
        row_blocks=dict(b.row_blocks),
        capacity_keys=capacity_keys,
        lc_orders=lc_orders,
        build_seconds=time.perf_counter() - started,
    )
