"""Turn column values into a Plan: assignments, schedules, costs, local content, reasons.

``assemble_plan`` takes plain per-column quantities so that the greedy baseline and the solver
produce Plans the same way, and are compared on the very same objective.
"""

from __future__ import annotations

import numpy as np

from birlik.allocation.columns import Columns
from birlik.allocation.explain import PlanState, explain
from birlik.allocation.model import Model
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, sum_by
from birlik.allocation.rates import Rates
from birlik.allocation.results import Assignments, CostBreakdown, Plan, SolverInfo
from birlik.allocation.solve import SolveResult, SolveStatus

ZERO = 1e-9


def clean_quantities(problem: AllocationProblem, columns: Columns, raw: FloatArray) -> FloatArray:
    """Drop solver round-off: clip to [0, qty], zero below 1e-9 of the line, frozen exact."""
    qty = problem.line_qty[problem.arc_line[columns.col_arc]]
    x = np.clip(raw, 0.0, qty)
    x[x <= ZERO * np.maximum(qty, 1.0)] = 0.0
    frozen = columns.column_of(problem.frozen_arc, problem.frozen_month)
    x[frozen] = problem.frozen_qty
    return x


def fairness_term(problem: AllocationProblem, settings: EngineSettings, load: FloatArray) -> float:
    """weight × Σ over (family, month) of the highest load/capacity among members with capacity."""
    if settings.fairness_weight <= 0 or problem.n_members == 0:
        return 0.0
    cap = problem.capacity
    ratio = np.divide(load, cap, out=np.zeros_like(load), where=cap > 0)
    return float(settings.fairness_weight * ratio.max(axis=0).sum())


def plan_cost(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, rate: Rates, x: FloatArray
) -> float:
    """The objective of quantities ``x`` exactly as ``assemble_plan`` totals it, without building
    the plan (no explanations): for comparing candidate plans cheaply."""
    p = problem
    made = sum_by(p.arc_line[columns.col_arc], x, p.n_lines)
    short = np.maximum(p.line_qty - made, 0.0)
    short[short <= ZERO * np.maximum(p.line_qty, 1.0)] = 0.0
    fairness = 0.0
    if settings.fairness_weight > 0:
        arcs = columns.col_arc
        family = p.line_family[p.arc_line[arcs]]
        flat = (p.arc_member[arcs] * p.n_families + family) * p.n_months + columns.col_month
        load = sum_by(flat, x * p.arc_use[arcs], p.capacity.size).reshape(p.capacity.shape)
        fairness = fairness_term(p, settings, load)
    return float(rate.unit_cost @ x) + float(rate.shortage @ short) + fairness


def assemble_plan(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    x: FloatArray,
    solver: SolverInfo,
    lc_shadow: FloatArray | None = None,
    other_load: FloatArray | None = None,
) -> Plan:
    """The plan of quantities ``x``, explained. ``other_load`` (E, F, T): capacity spent outside the
    plan's own assignments — the cloth a mill weaves for member sewers — so that a mill busy weaving is
    not named as free capacity when a shortfall is explained."""
    p = problem
    used = np.flatnonzero(x > 0)
    arc = columns.col_arc[used]
    line = p.arc_line[arc]
    qty = x[used]
    late = rate.months_late[used]
    month = columns.col_month[used]
    assignments = Assignments(
        arc=arc,
        line=line,
        member=p.arc_member[arc],
        month=month,
        quantity=qty,
        capacity_used=qty * p.arc_use[arc],
        lc_share=p.lc_share_at(arc, month),
        production_cost=qty * p.arc_production_cost[arc],
        transport_cost=qty * p.arc_transport_cost[arc],
        lateness_cost=qty * rate.late_per_month[line] * late,
        holding_cost=qty * rate.early_per_month[line] * rate.months_early[used],
        months_late=late,
    )
    made = sum_by(line, qty, p.n_lines)
    short = np.maximum(p.line_qty - made, 0.0)
    short[short <= ZERO * np.maximum(p.line_qty, 1.0)] = 0.0
    made_by_month = np.zeros((p.n_lines, p.n_months))
    np.add.at(made_by_month, (line, assignments.month), qty)
    family = p.line_family[line]
    flat = (assignments.member * p.n_families + family) * p.n_months + assignments.month
    load = sum_by(flat, assignments.capacity_used, p.capacity.size)
    load = load.reshape(p.capacity.shape)
    order = p.line_order[line]
    value = qty * p.line_price[line]
    order_value = sum_by(order, value, p.n_orders)
    order_lc_value = sum_by(order, value * assignments.lc_share, p.n_orders)
    surplus = order_lc_value - p.order_lc_floor * order_value
    cost = CostBreakdown(
        production=float(assignments.production_cost.sum()),
        transport=float(assignments.transport_cost.sum()),
        lateness=float(assignments.lateness_cost.sum()),
        shortage=float(rate.shortage @ short),
        fairness=fairness_term(p, settings, load),
        holding=float(assignments.holding_cost.sum()),
    )
    state = PlanState(
        x=x,
        short=short,
        load=load if other_load is None else load + other_load,
        has_solution=solver.status.has_solution,
        proven_optimal=solver.status is SolveStatus.OPTIMAL,
        status_text=str(solver.status),
    )
    return Plan(
        settings=settings,
        assignments=assignments,
        short=short,
        made_by_month=made_by_month,
        cost=cost,
        order_value=order_value,
        order_lc_value=order_lc_value,
        order_lc_share=np.divide(
            order_lc_value, order_value, out=np.full(p.n_orders, np.nan), where=order_value > 0
        ),
        order_lc_floor_met=surplus >= -1e-6 * np.maximum(order_value, 1.0),
        order_lc_shadow_price=lc_shadow if lc_shadow is not None else np.full(p.n_orders, np.nan),
        order_cost=sum_by(order, assignments.cost, p.n_orders),
        load=load,
        utilisation=np.divide(load, p.capacity, out=np.full(p.capacity.shape, np.nan), where=p.capacity > 0),
        shortfalls=explain(p, settings, columns, state),
        solver=solver,
    )


def interpret(
    problem: AllocationProblem,
    settings: EngineSettings,
    model: Model,
    result: SolveResult,
    other_load: FloatArray | None = None,
) -> Plan:
    columns = model.columns
    if result.status.has_solution:
        raw = result.col_value[model.col_blocks["x"]].copy()
        if "used" in model.col_blocks:
            # A MILP may leave crumbs within its integrality tolerance (y = 1e-9 carrying
            # x = 1e-8); an arc whose y rounds to 0 takes no part in the line.
            used = np.round(result.col_value[model.col_blocks["used"]]) > 0
            raw[~used[columns.col_arc]] = 0.0
        x = clean_quantities(problem, columns, raw)
    else:
        x = clean_quantities(problem, columns, np.zeros(columns.n))
    lc_shadow = None
    if result.row_dual.shape[0]:
        lc_shadow = np.full(problem.n_orders, np.nan)
        lc_shadow[model.lc_orders] = np.abs(result.row_dual[model.row_blocks["local_content"]])
    solver = SolverInfo(
        method="highs",
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        build_seconds=model.build_seconds,
        solve_seconds=result.solve_seconds,
        size=model.size,
    )
    return assemble_plan(problem, settings, columns, model.rates, x, solver, lc_shadow, other_load)
