"""Read use cases for plans and assignments, through the caller's Scope (see `birlik.services.reads`).

A member reads only approved (or superseded) plans it has work in, and of their birlik.plan/1 report
only its own rows; the coordinator reads everything, drafts included.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.domain.errors import NotFound
from birlik.domain.plans import Plan
from birlik.services.access import Capability, Principal, Role, Scope, require, scope_of, sees_member_costs
from birlik.services.commands import etag_of
from birlik.services.reads import PageRequest, page
from birlik.services.records import AssignmentView, PlanRecord, PlanReport
from birlik.services.unit_of_work import UnitOfWork


def _visible_assignments(
    uow: UnitOfWork, scope: Scope, plan_ids: Sequence[int] | None
) -> list[AssignmentRecord]:
    if scope.role is Role.COORDINATOR:
        return uow.assignments.matching(plan_ids=plan_ids)
    if scope.role is not Role.MEMBER:
        return []
    orders_by_number = {o.number: o for o in uow.orders.list()}
    return [
        r
        for r in uow.assignments.matching(plan_ids=plan_ids, member_bin=scope.principal.member_bin)
        if scope.sees_assignment(
            r.assignment.member_bin, r.plan_id, orders_by_number[r.assignment.order_number]
        )
    ]


def plans(
    uow: UnitOfWork, principal: Principal, today: date, request: PageRequest, *, status: str | None = None
) -> tuple[list[PlanRecord], int]:
    require(principal, Capability.READ_PLANS)
    with uow:
        scope = scope_of(uow, principal, today)
        visible = Counter(r.plan_id for r in _visible_assignments(uow, scope, None))
        found = [
            PlanRecord.of(p, visible_assignments=visible[p.id or 0], with_cost=scope.role is Role.COORDINATOR)
            for p in uow.plans.newest_first()
            if p.id is not None and scope.sees_plan(p.id) and (status is None or p.status.value == status)
        ]
    return page(found, request)


def filter_report(
    report: dict[str, Any], scope: Scope, visible: Sequence[AssignmentRecord]
) -> dict[str, Any]:
    """The plan's birlik.plan/1 report cut down to the caller's rows: never the whole JSON to a member.

    The coordinator gets it all. A member gets its own assignments and capacity rows and the lines it
    works on, without prices, costs of the whole, shortfalls or other members' figures.
    """
    if scope.role is Role.COORDINATOR:
        return report
    bin_ = scope.principal.member_bin
    keys = {(r.assignment.order_number, r.assignment.line_number) for r in visible}
    plan = report.get("plan", {})
    return {
        "schema": report.get("schema"),
        "plan": {
            "id": plan.get("id"),
            "status": plan.get("status"),
            "horizon": plan.get("horizon"),
            "currency": plan.get("currency"),
        },
        "lines": [
            {k: line[k] for k in ("order", "line", "product", "unit", "due") if k in line}
            for line in report.get("lines", [])
            if (line.get("order"), line.get("line")) in keys
        ],
        "assignments": [
            a
            for a in report.get("assignments", [])
            if a.get("member_bin") == bin_ and (a.get("order"), a.get("line")) in keys
        ],
        "shortfalls": [],
        "capacity": [c for c in report.get("capacity", []) if c.get("member_bin") == bin_],
        "orders": [],
    }


def plan(uow: UnitOfWork, principal: Principal, today: date, plan_id: int) -> tuple[PlanReport, str]:
    require(principal, Capability.READ_PLANS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = uow.plans.get(plan_id)
        if found is None or not scope.sees_plan(plan_id):
            raise NotFound("plan", plan_id)
        visible = _visible_assignments(uow, scope, [plan_id])
    report = json.loads(found.summary) if found.summary else {}
    if report:
        report["plan"]["status"] = found.status.value
    record = PlanRecord.of(found, visible_assignments=len(visible), with_cost=scope.role is Role.COORDINATOR)
    return PlanReport(record, filter_report(report, scope, visible)), plan_etag(found)


def plan_state(plan: Plan) -> dict[str, object]:
    """What a plan's ETag covers: its status (its assignments answer for themselves)."""
    return {"plan": plan.id, "status": plan.status.value}


def plan_etag(plan: Plan) -> str:
    return etag_of(plan_state(plan))


def assignments(
    uow: UnitOfWork,
    principal: Principal,
    today: date,
    request: PageRequest,
    *,
    plan_id: int | None = None,
    status: str | None = None,
    order_number: str | None = None,
    month: str | None = None,
) -> tuple[list[AssignmentView], int]:
    require(principal, Capability.READ_ASSIGNMENTS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = [
            AssignmentView.of(r, with_costs=sees_member_costs(principal, r.assignment.member_bin))
            for r in _visible_assignments(uow, scope, None if plan_id is None else [plan_id])
            if (status is None or r.assignment.status.value == status)
            and (order_number is None or r.assignment.order_number == order_number)
            and (month is None or str(r.assignment.month) == month)
        ]
    return page(found, request)


def assignment_in(uow: UnitOfWork, scope: Scope, assignment_id: int) -> AssignmentRecord:
    """An assignment the scope may see, inside an open unit of work; NotFound otherwise."""
    record = uow.assignments.get(assignment_id)
    if record is None:
        raise NotFound("assignment", assignment_id)
    order = uow.orders.get(record.assignment.order_number)
    if order is None or not scope.sees_assignment(record.assignment.member_bin, record.plan_id, order):
        raise NotFound("assignment", assignment_id)
    return record


def assignment(
    uow: UnitOfWork, principal: Principal, today: date, assignment_id: int
) -> tuple[AssignmentView, str]:
    require(principal, Capability.READ_ASSIGNMENTS)
    with uow:
        scope = scope_of(uow, principal, today)
        record = assignment_in(uow, scope, assignment_id)
    view = AssignmentView.of(record, with_costs=sees_member_costs(principal, record.assignment.member_bin))
    return view, etag_of(record)
