"""Greedy baseline: cheapest feasible cell first, line by line in due-date order.

This is how planning tools split orders today (frePPLe-style), so it is the yardstick the
optimiser must beat on the same objective. It keeps every rule the model keeps. The
local-content floor is kept as a running account per order, Σ price·x·(k − floor) ≥ 0: a cell
below the floor only takes what the order's surplus so far can carry (with a minimum lot,
where a member's share may be taken back later, only cells at or above the floor are used).
Its plans are therefore feasible for the model, and an optimal plan can never cost more — except
where frozen cells already hold an order below its floor: its account then starts in the red
and that floor is missed (the engine re-splits such a plan before it uses it).
"""

from __future__ import annotations

import time

import numpy as np

from birlik.allocation.columns import Columns, candidate_columns, lc_coefficients
from birlik.allocation.interpret import assemble_plan
from birlik.allocation.model import capacity_key
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray
from birlik.allocation.rates import Rates, rates
from birlik.allocation.results import Plan, SolverInfo
from birlik.allocation.solve import SolveStatus
from birlik.allocation.validate import validate


class _Fill:
    """Running state: quantities, capacity left and each order's local-content surplus."""

    def __init__(self, problem: AllocationProblem, columns: Columns, unit_cost: FloatArray) -> None:
        self.p, self.c, self.unit_cost = problem, columns, unit_cost
        arcs = columns.col_arc
        lines = problem.arc_line[arcs]
        self.key = capacity_key(
            problem, problem.arc_member[arcs], problem.line_family[lines], columns.col_month
        )
        self.use = problem.arc_use[arcs]
        self.remaining = problem.capacity.reshape(-1).copy()
        self.x = np.zeros(columns.n)
        self.order = problem.line_order[lines]
        self.lc_coef = lc_coefficients(problem, columns, problem.order_lc_floor)
        self.surplus = np.zeros(problem.n_orders)

    def put(self, col: int, amount: float) -> None:
        self.x[col] += amount
        self.remaining[self.key[col]] -= amount * self.use[col]
        self.surplus[self.order[col]] += amount * self.lc_coef[col]

    def room(self, col: int) -> float:
        room = np.inf
        if self.use[col] > 0:
            room = max(float(self.remaining[self.key[col]]) / float(self.use[col]), 0.0)
        if self.lc_coef[col] < 0:
            room = min(room, max(float(self.surplus[self.order[col]]) / -float(self.lc_coef[col]), 0.0))
        return room

    def pour(self, cols: IntArray, need: float, tol: float) -> float:
        """Fill the cheapest of ``cols`` first; return what is still needed."""
        for col in cols[np.argsort(self.unit_cost[cols], kind="stable")]:
            amount = min(need, self.room(int(col)))
            if amount > tol:
                self.put(int(col), amount)
                need -= amount
            if need <= tol:
                return 0.0
        return need

    def take_back(self, cols: IntArray, keep: FloatArray) -> None:
        for col in cols:
            self.put(int(col), float(keep[col] - self.x[col]))


def greedy_plan(problem: AllocationProblem, settings: EngineSettings) -> Plan:
    validate(problem, settings)
    started = time.perf_counter()
    columns = candidate_columns(problem, settings)
    rate = rates(problem, settings, columns)
    x = greedy_quantities(problem, settings, columns, rate)
    solver = SolverInfo(
        method="greedy",
        status=SolveStatus.HEURISTIC,
        objective=None,
        bound=None,
        gap=None,
        build_seconds=0.0,
        solve_seconds=time.perf_counter() - started,
        size=None,
    )
    return assemble_plan(problem, settings, columns, rate, x, solver)


def greedy_quantities(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, rate: Rates
) -> FloatArray:
    """The greedy split as quantities per candidate column (the engine's fallback uses this
    without paying for a full Plan)."""
    p = problem
    fill = _Fill(p, columns, rate.unit_cost)
    frozen_cols = columns.column_of(p.frozen_arc, p.frozen_month)
    for col, qty in zip(frozen_cols, p.frozen_qty, strict=True):
        fill.put(int(col), float(qty))
    frozen_x = fill.x.copy()
    allowed = np.ones(columns.n, dtype=bool)
    if settings.min_lot is not None and not settings.single_sourcing:
        allowed = fill.lc_coef >= 0
    allowed[frozen_cols] = False  # a frozen cell is kept as it is, never topped up
    for line in np.lexsort((np.arange(p.n_lines), p.line_due)):
        _plan_line(p, settings, columns, fill, frozen_x, allowed, int(line))
    return fill.x


def _plan_line(
    p: AllocationProblem,
    s: EngineSettings,
    columns: Columns,
    fill: _Fill,
    frozen_x: FloatArray,
    allowed: np.ndarray,
    line: int,
) -> None:
    arcs = columns.arcs_of_line(line)
    tol = 1e-9 * max(float(p.line_qty[line]), 1.0)
    need = float(p.line_qty[line] - fill.x[columns.columns_of_arcs(arcs)].sum())
    if need <= tol:
        return
    frozen_arcs = np.intersect1d(arcs, p.frozen_arc[p.frozen_qty > 0])
    if s.single_sourcing:
        _single_source(columns, fill, frozen_x, allowed, frozen_arcs if frozen_arcs.size else arcs, need, tol)
        return
    limit = s.max_members_per_line
    used = list(frozen_arcs)
    candidates = frozen_arcs if limit is not None and len(used) >= limit else arcs
    cols = columns.columns_of_arcs(candidates)
    cols = cols[allowed[cols]]
    for col in cols[np.argsort(fill.unit_cost[cols], kind="stable")]:
        arc = int(columns.col_arc[col])
        if limit is not None and arc not in used and len(used) >= limit:
            continue
        amount = min(need, fill.room(int(col)))
        if amount > tol:
            fill.put(int(col), amount)
            need -= amount
            if arc not in used:
                used.append(arc)
        if need <= tol:
            break
    if s.min_lot is not None:
        lot = min(s.min_lot, float(p.line_qty[line]))
        for arc in used:
            arc_cols = columns.columns_of_arcs(np.array([arc]))
            if fill.x[arc_cols].sum() < lot - tol and frozen_x[arc_cols].sum() == 0:
                fill.take_back(arc_cols, frozen_x)


def _single_source(
    columns: Columns,
    fill: _Fill,
    frozen_x: FloatArray,
    allowed: np.ndarray,
    arcs: IntArray,
    need: float,
    tol: float,
) -> None:
    """Give the whole remaining need to the cheapest member that can take all of it."""
    open_cols = [columns.columns_of_arcs(arcs[i : i + 1]) for i in range(arcs.shape[0])]
    open_cols = [cols[allowed[cols]] for cols in open_cols]
    cheapest = [float(fill.unit_cost[cols].min(initial=np.inf)) for cols in open_cols]
    for i in np.argsort(cheapest, kind="stable"):
        arc_cols = columns.columns_of_arcs(arcs[i : i + 1])
        if fill.pour(open_cols[i], need, tol) == 0.0:
            return
        fill.take_back(arc_cols, frozen_x)
