"""run_allocation: load → problem → solve → verify → persist; approve_plan: make a draft the plan.

The plan is verified by code that shares nothing with the solver before it is stored; a plan that
fails verification is never saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from birlik.allocation import Plan as EnginePlan
from birlik.allocation import plan as solve_plan
from birlik.allocation import verify
from birlik.allocation.stage_plan import StagedPlan, plan_staged, verify_staged
from birlik.domain.errors import DomainError, NotFound
from birlik.domain.orders import PLANNABLE, OrderStatus
from birlik.domain.plans import Plan, PlanStatus
from birlik.services.planning.options import PlanningOptions
from birlik.services.planning.problem import PlanningInput, build_problem
from birlik.services.planning.report import build_report, stored_assignments
from birlik.services.planning.stage_report import add_stage_report, floor_costs
from birlik.services.planning.stages import add_cloth_stage
from birlik.services.planning.substitutes import decide_stages
from birlik.services.unit_of_work import UnitOfWork

Progress = Callable[[str], None]


class PlanVerificationError(DomainError):
    """The solver returned a plan that breaks a constraint: a bug, reported rather than stored."""


@dataclass(frozen=True)
class PlanOutcome:
    plan_id: int
    report: dict[str, Any]
    engine_plan: EnginePlan
    staged: StagedPlan | None = None


def _quiet(_: str) -> None:
    return None


def planning_input(uow_factory: Callable[[], UnitOfWork], options: PlanningOptions) -> PlanningInput:
    """What a run reads, in one transaction: active members, the catalogue, open orders, rates, and
    the accepted assignments it must keep."""
    with uow_factory() as uow:
        return PlanningInput(
            members=[m for m in uow.members.list() if m.active],
            catalogue=uow.catalogue.load(),
            orders=uow.orders.list(PLANNABLE),
            rates=uow.rates.load(),
            frozen=uow.plans.accepted_assignments() if options.freeze_accepted else [],
        )


def run_allocation(
    uow_factory: Callable[[], UnitOfWork],
    options: PlanningOptions | None = None,
    progress: Progress = _quiet,
) -> PlanOutcome:
    options = options or PlanningOptions()
    progress("Loading members, catalogue and open orders")
    data = planning_input(uow_factory, options)
    frozen = data.frozen
    progress(
        f"Building the problem: {sum(len(o.lines) for o in data.orders)} lines, {len(data.members)} members"
    )
    problem, index = build_problem(data, options)
    options = decide_stages(options, data)
    staged: StagedPlan | None = None
    if options.stages:
        problem, stage, stage_index = add_cloth_stage(problem, index, data, options)
        progress(f"Solving sewing and cloth together ({problem.n_arcs} candidate member-line pairs)")
        staged = plan_staged(problem, stage, options.engine)
        engine_plan = staged.plan
        progress("Verifying the plan and its cloth independently of the solver")
        violations = verify_staged(problem, staged)
    else:
        progress(f"Solving ({problem.n_arcs} candidate member-line pairs)")
        engine_plan = solve_plan(problem, options.engine)
        progress("Verifying the plan independently of the solver")
        violations = verify(problem, engine_plan)
    if violations:
        listed = "; ".join(str(v) for v in violations[:3])
        raise PlanVerificationError(f"the plan failed verification ({len(violations)} violations): {listed}")
    report = build_report(engine_plan, index)
    objective = engine_plan.objective
    lc_shares = None
    if staged is not None:
        progress("Pricing each local-content floor: re-solving with it raised")
        costs = floor_costs(problem, stage, options.engine, staged, options.floor_cost_points)
        add_stage_report(report, staged, index, stage_index, costs, options.floor_cost_points)
        objective, lc_shares = staged.total, staged.lc_share
    progress("Saving the draft plan")
    with uow_factory() as uow:
        plan_id = uow.plans.add(
            Plan(
                id=None,
                created_at=datetime.now(UTC).replace(tzinfo=None),
                status=PlanStatus.DRAFT,
                assignments=stored_assignments(engine_plan, index, frozen, lc_shares),
                objective=Decimal(str(round(objective, 2))),
                solver_status=engine_plan.status.value,
                summary="",
            )
        )
        report["plan"]["id"] = plan_id
        uow.plans.set_summary(plan_id, json.dumps(report, ensure_ascii=False))
        uow.commit()
    return PlanOutcome(plan_id, report, engine_plan, staged)


def approve_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    """The draft becomes the plan: the previous approved plan is superseded, its orders planned."""
    with uow:
        plan = uow.plans.get(plan_id)
        if plan is None:
            raise NotFound("plan", plan_id)
        approved, _ = approve_in(uow, plan)
        uow.commit()
        return approved


def approve_in(uow: UnitOfWork, plan: Plan) -> tuple[Plan, Plan | None]:
    """Approve `plan` inside the caller's transaction; returns it approved and the plan it superseded.

    Callers that must write more in the same transaction (the API's audit entry) use this directly.
    """
    assert plan.id is not None, "only a stored plan can be approved"
    approved = plan.moved_to(PlanStatus.APPROVED)
    previous = uow.plans.latest(PlanStatus.APPROVED)
    if previous is not None and previous.id is not None:
        uow.plans.set_status(previous.id, PlanStatus.SUPERSEDED)
    uow.plans.set_status(plan.id, PlanStatus.APPROVED)
    for number in sorted({a.order_number for a in plan.assignments}):
        order = uow.orders.get(number)
        if order is not None and order.status is OrderStatus.OPEN:
            uow.orders.save(order.moved_to(OrderStatus.PLANNED))
    return approved, previous
