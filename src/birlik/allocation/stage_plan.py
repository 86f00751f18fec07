"""Plan with the cloth stage, read the sourcing back, check it independently, and explain floors.

A ``StagedPlan`` wraps the ordinary ``Plan`` of the sewing (its costs are the sewing's own, without
cloth; its local content is that of imported cloth) and adds what the stage decided: per assignment
how many units are sewn with member cloth, the mills' flows, the cloth's costs, and the order's local
content by mode. ``verify_staged`` recomputes all of it from quantities, sharing nothing with the model.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from birlik.allocation.columns import candidate_columns
from birlik.allocation.engine import PRICING_MIN_COLUMNS
from birlik.allocation.errors import AllocationInputError
from birlik.allocation.interpret import interpret
from birlik.allocation.model import capacity_key
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray, sum_by
from birlik.allocation.results import Plan
from birlik.allocation.solve import SolveStatus, solve
from birlik.allocation.stage_generation import solve_staged_by_generation
from birlik.allocation.stages import (
    ClothStage,
    best_shares,
    build_staged,
    stage_shares,
    validate_stage,
)
from birlik.allocation.validate import validate
from birlik.allocation.verify import REL_TOL, Violation, ViolationKind, verify

ZERO = 1e-9


@dataclass(frozen=True)
class ClothFlows:
    """Cloth made by mills for sewers; all (K,): supply option, month made, metres, money."""

    supply: IntArray
    month: IntArray
    quantity: FloatArray
    production_cost: FloatArray
    transport_cost: FloatArray


@dataclass(frozen=True)
class StagedPlan:
    """The sewing plan plus its cloth sourcing.

    member_units (N,) per assignment of ``plan``: units sewn with member cloth (the rest with
    imported cloth); lc_share (N,) the blended share of each assignment; imported_cloth_cost: money
    for imported cloth; order_lc_value / order_lc_share / order_lc_floor_met (O,) by mode;
    order_imported_cloth / order_member_cloth (O,): cloth quantities by mode; total: every cost.
    """

    plan: Plan
    stage: ClothStage
    member_units: FloatArray
    lc_share: FloatArray
    flows: ClothFlows
    imported_cloth_cost: float
    order_lc_value: FloatArray
    order_lc_share: FloatArray
    order_lc_floor_met: tuple[bool, ...]
    order_imported_cloth: FloatArray
    order_member_cloth: FloatArray
    floor_notes: tuple[str, ...]

    @property
    def member_cloth_cost(self) -> float:
        return float(self.flows.production_cost.sum() + self.flows.transport_cost.sum())

    @property
    def total(self) -> float:
        return self.plan.cost.total + self.imported_cloth_cost + self.member_cloth_cost

    @property
    def status(self) -> SolveStatus:
        return self.plan.status


def plan_staged(
    problem: AllocationProblem, stage: ClothStage, settings: EngineSettings | None = None
) -> StagedPlan:
    """Plan sewing and cloth together on the whole model (HiGHS), then read the sourcing back."""
    settings = settings or EngineSettings()
    validate(problem, settings)
    validate_stage(problem, stage)
    started = time.perf_counter()
    model, layout = build_staged(problem, settings, stage)
    method = "highs"
    if (
        not settings.uses_integers
        and settings.method in ("auto", "pricing")
        and (settings.method == "pricing" or model.columns.n >= PRICING_MIN_COLUMNS)
    ):
        # Wide LPs: column generation over the split model (see stage_generation); the whole
        # model stays with HiGHS for small ones and for the integer options.
        method = "pricing"
        result, _ = solve_staged_by_generation(problem, model, layout, started + settings.time_limit_s)
    else:
        result = solve(model, settings)
    if result.status is SolveStatus.INFEASIBLE and problem.frozen_arc.size:
        raise AllocationInputError(
            "the frozen assignments cannot all be kept together with the cloth they need "
            "and the local-content floors; unfreeze some of them"
        )
    values = result.col_value if result.status.has_solution else np.zeros(model.cost.shape[0])
    n_m, n_f = layout.member_cols.shape[0], layout.flow_supply.shape[0]
    member_raw = values[layout.member_start : layout.member_start + n_m]
    flow_raw = values[layout.flow_start : layout.flow_start + n_f]
    stage_cost = float(
        model.cost[layout.member_start : layout.flow_start + n_f]
        @ values[layout.member_start : layout.flow_start + n_f]
    )
    x_block = model.col_blocks["x"]
    import_on_x = float((model.cost[x_block] - model.rates.unit_cost) @ values[x_block])
    offset = stage_cost + import_on_x
    base_result = dataclasses.replace(
        result,
        objective=None if result.objective is None else result.objective - offset,
        bound=None if result.bound is None else result.bound - offset,
    )
    weaving = np.zeros(problem.capacity.size)
    supply = layout.flow_supply
    keys = capacity_key(problem, stage.supply_mill[supply], stage.supply_family[supply], layout.flow_month)
    np.add.at(weaving, keys, np.maximum(flow_raw, 0.0) * stage.supply_use[supply])
    plan = interpret(problem, settings, model, base_result, weaving.reshape(problem.capacity.shape))
    plan = dataclasses.replace(plan, solver=dataclasses.replace(plan.solver, method=method))
    return read_sourcing(
        problem,
        stage,
        settings,
        plan,
        layout.member_cols,
        member_raw,
        layout.flow_supply,
        layout.flow_month,
        flow_raw,
    )


def read_sourcing(
    problem: AllocationProblem,
    stage: ClothStage,
    settings: EngineSettings,
    plan: Plan,
    member_cols: IntArray,
    member_raw: FloatArray,
    flow_supply: IntArray,
    flow_month: IntArray,
    flow_raw: FloatArray,
) -> StagedPlan:
    """Map the stage's columns onto the plan's assignments and total the cloth by mode."""
    p, a = problem, plan.assignments
    columns = candidate_columns(problem, settings)
    member_by_col = np.zeros(columns.n)
    member_by_col[member_cols] = member_raw
    col = columns.column_of(a.arc, a.month)
    member = np.clip(member_by_col[col], 0.0, a.quantity) if len(a) else np.zeros(0)
    member[member <= ZERO * np.maximum(a.quantity, 1.0)] = 0.0
    close = np.abs(member - a.quantity) <= ZERO * np.maximum(a.quantity, 1.0)
    member[close] = a.quantity[close]
    staged = stage.arc_cloth[a.arc] >= 0
    member[~staged] = 0.0
    keep = flow_raw > ZERO * np.maximum(np.abs(flow_raw).max(initial=0.0), 1.0)
    flows = ClothFlows(
        supply=flow_supply[keep],
        month=flow_month[keep],
        quantity=flow_raw[keep],
        production_cost=flow_raw[keep] * stage.supply_cost[flow_supply[keep]],
        transport_cost=flow_raw[keep] * stage.supply_transport[flow_supply[keep]],
    )
    figures = lc_by_mode(problem, stage, plan, member)
    imported_units = np.where(staged, a.quantity - member, 0.0)
    order = p.line_order[a.line]
    qty = stage.arc_cloth_qty[a.arc]
    return StagedPlan(
        plan=plan,
        stage=stage,
        member_units=member,
        lc_share=figures[0],
        flows=flows,
        imported_cloth_cost=float(imported_units @ stage.arc_import_cost[a.arc]),
        order_lc_value=figures[1],
        order_lc_share=figures[2],
        order_lc_floor_met=tuple(bool(v) for v in figures[3]),
        order_imported_cloth=sum_by(order, imported_units * qty, p.n_orders),
        order_member_cloth=sum_by(order, member * qty, p.n_orders),
        floor_notes=tuple(floor_reasons(problem, stage, settings, plan)),
    )


def lc_by_mode(
    problem: AllocationProblem, stage: ClothStage, plan: Plan, member: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """Per assignment the blended share; per order the local value, share and floor met."""
    p, a = problem, plan.assignments
    k_imp, k_mem = stage_shares(problem, stage, a.arc, a.month)
    share: FloatArray = np.divide(
        k_imp * (a.quantity - member) + k_mem * member, a.quantity, out=k_imp.copy(), where=a.quantity > 0
    )
    order = p.line_order[a.line]
    value = a.quantity * p.line_price[a.line]
    total = sum_by(order, value, p.n_orders)
    local = sum_by(order, value * share, p.n_orders)
    ratio: FloatArray = np.divide(local, total, out=np.full(p.n_orders, np.nan), where=total > 0)
    met = local - p.order_lc_floor * total >= -REL_TOL * np.maximum(total, 1.0)
    return share, local, ratio, met


def floor_reasons(
    problem: AllocationProblem, stage: ClothStage, settings: EngineSettings, plan: Plan
) -> list[str]:
    """Why an order with a floor is short: no source mix reaches it, or no mill can make the cloth
    in time (only imported cloth, below the floor, is left)."""
    p = problem
    notes: list[str] = []
    columns = candidate_columns(problem, settings)
    short_orders = {int(o) for o in p.line_order[plan.short > 0]}
    best_import, best_member = best_shares(problem, stage)
    for o in sorted(short_orders):
        floor = float(p.order_lc_floor[o])
        if floor <= 0:
            continue
        arcs = np.flatnonzero(p.line_order[p.arc_line] == o)
        if arcs.size == 0:
            continue
        staged = stage.arc_cloth[arcs] >= 0
        k_plain, k_member = best_import[arcs], best_member[arcs]
        best_any = float(max(k_plain.max(), k_member.max()))
        if best_any < floor - REL_TOL:
            notes.append(
                f"{p.order_name(o)}: the {floor:.0%} floor is above what any source mix reaches: at most "
                f"{best_any:.1%} with every cloth from member mills"
            )
            continue
        reachable = np.zeros(arcs.size, bool)
        for i, arc in enumerate(arcs):
            if not staged[i]:
                continue
            last = int(columns.arc_hi[arc])
            first = int(columns.arc_lo[arc])
            fits = (
                (stage.supply_cloth == stage.arc_cloth[arc])
                & (stage.supply_sewer == p.arc_member[arc])
                & (np.maximum(stage.supply_first, 0) + stage.supply_lead <= last)
                & (
                    np.minimum(stage.supply_last, p.n_months - 1 - stage.supply_lead) + stage.supply_lead
                    >= first
                )
            )
            reachable[i] = bool(fits.any())
        best_in_time = float(max(k_plain.max(), np.where(reachable, k_member, 0.0).max()))
        if best_in_time < floor - REL_TOL:
            cloths = sorted({stage.cloth_name(int(c)) for c in stage.arc_cloth[arcs[staged]]})
            notes.append(
                f"{p.order_name(o)}: no member mill can make {', '.join(cloths)} in time for its sewers, "
                f"and with imported cloth the share reaches at most {best_in_time:.1%}, "
                f"below the {floor:.0%} floor"
            )
    return notes


def verify_staged(problem: AllocationProblem, staged: StagedPlan) -> list[Violation]:
    """Every rule of the single-stage plan, plus the cloth: modes, balance, capacity, share, cost."""
    p, stage, plan = problem, staged.stage, staged.plan
    found = verify(p, plan)
    a, member, flows = plan.assignments, staged.member_units, staged.flows
    tol = REL_TOL * np.maximum(a.quantity, 1.0)
    is_staged = stage.arc_cloth[a.arc] >= 0
    if np.any(member < -tol) or np.any(member > a.quantity + tol) or np.any(member[~is_staged] != 0):
        found.append(Violation(ViolationKind.MALFORMED, "member-cloth units outside 0..quantity"))
    early = is_staged & (a.month < stage.arc_import_first[a.arc]) & (member < a.quantity - tol)
    for i in np.flatnonzero(early)[:5]:
        found.append(
            Violation(
                ViolationKind.OUTSIDE_WINDOW,
                f"{p.line_name(int(a.line[i]))} in {p.month_name(int(a.month[i]))} uses imported cloth "
                "before it can be on hand",
            )
        )
    s = flows.supply
    lo, hi = (
        np.maximum(stage.supply_first[s], 0),
        np.minimum(stage.supply_last[s], p.n_months - 1 - stage.supply_lead[s]),
    )
    if np.any((flows.month < lo) | (flows.month > hi)) or np.any(flows.quantity < 0):
        found.append(Violation(ViolationKind.OUTSIDE_WINDOW, "a mill makes cloth outside its window"))
    # balance per (cloth, sewer, month)
    n_keys = max(stage.n_cloths, 1) * max(p.n_members, 1) * max(p.n_months, 1)
    need_key = ((stage.arc_cloth[a.arc] * p.n_members + a.member) * p.n_months + a.month)[is_staged]
    need = sum_by(need_key, (member * stage.arc_cloth_qty[a.arc])[is_staged], n_keys)
    got_key = (
        (stage.supply_cloth[s] * p.n_members + stage.supply_sewer[s]) * p.n_months
        + flows.month
        + stage.supply_lead[s]
    )
    got = sum_by(got_key, flows.quantity, n_keys)
    for k in np.flatnonzero(got < need - REL_TOL * np.maximum(need, 1.0))[:5]:
        c, rest = divmod(int(k), p.n_members * p.n_months)
        e, t = divmod(rest, p.n_months)
        found.append(
            Violation(
                ViolationKind.DEMAND,
                f"{stage.cloth_name(c)} at {p.member_name(e)} in {p.month_name(t)}: {need[k]:.6g} needed, "
                f"{got[k]:.6g} arrives",
            )
        )
    # mill capacity together with the plan's own load
    load = plan.load.reshape(-1).copy()
    load += sum_by(
        capacity_key(p, stage.supply_mill[s], stage.supply_family[s], flows.month),
        flows.quantity * stage.supply_use[s],
        p.capacity.size,
    )
    cap = p.capacity.reshape(-1)
    for k in np.flatnonzero(load > cap + REL_TOL * np.maximum(cap, 1.0))[:5]:
        found.append(
            Violation(ViolationKind.CAPACITY, f"capacity cell {int(k)} loaded {load[k]:.6g} > {cap[k]:.6g}")
        )
    # local content by mode
    share, local, ratio, met = lc_by_mode(p, stage, plan, member)
    if np.any(np.abs(share - staged.lc_share) > REL_TOL):
        found.append(
            Violation(ViolationKind.LOCAL_CONTENT, "assignment shares do not follow the cloth's source")
        )
    if not np.allclose(local, staged.order_lc_value, rtol=REL_TOL, atol=1e-6):
        found.append(Violation(ViolationKind.LOCAL_CONTENT, "order local value misstated"))
    for o in range(p.n_orders):
        if bool(met[o]) != staged.order_lc_floor_met[o]:
            found.append(Violation(ViolationKind.LOCAL_CONTENT, f"{p.order_name(o)} floor claim is wrong"))
        elif not met[o] and staged.status is SolveStatus.OPTIMAL:
            found.append(
                Violation(
                    ViolationKind.LOCAL_CONTENT,
                    f"{p.order_name(o)} reaches {ratio[o]:.2%}, below its {p.order_lc_floor[o]:.0%} floor",
                )
            )
    imported = float(((a.quantity - member) * is_staged) @ stage.arc_import_cost[a.arc])
    if abs(imported - staged.imported_cloth_cost) > REL_TOL * max(abs(imported), 1.0):
        found.append(Violation(ViolationKind.COST, "imported cloth cost misstated"))
    made = float(flows.quantity @ (stage.supply_cost[s] + stage.supply_transport[s]))
    if abs(made - staged.member_cloth_cost) > REL_TOL * max(abs(made), 1.0):
        found.append(Violation(ViolationKind.COST, "member cloth cost misstated"))
    return found


def floor_cost(
    problem: AllocationProblem,
    stage: ClothStage,
    settings: EngineSettings,
    order: int,
    points: float = 0.05,
    base: StagedPlan | None = None,
) -> tuple[float, StagedPlan]:
    """What ``points`` more local content for one order would cost: re-solve with its floor raised
    (capped at 100 %) and return the extra total cost, with the re-solved plan."""
    base = base or plan_staged(problem, stage, settings)
    floors = problem.order_lc_floor.copy()
    floors[order] = min(1.0, floors[order] + points)
    raised = plan_staged(dataclasses.replace(problem, order_lc_floor=floors), stage, settings)
    return raised.total - base.total, raised


def assert_staged_valid(problem: AllocationProblem, staged: StagedPlan) -> None:
    found = verify_staged(problem, staged)
    if found:
        listed = "\n".join(f"- {v.kind}: {v.message}" for v in found[:20])
        raise AssertionError(f"staged plan breaks {len(found)} rule(s):\n{listed}")
