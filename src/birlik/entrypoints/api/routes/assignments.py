"""Assignments: members read theirs and accept or decline them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.domain.plans import AssignmentStatus
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, IfMatch, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS, reply, run
from birlik.entrypoints.api.schemas import PRINTABLE, DeclineIn, Page
from birlik.services import assignments, reads_plans
from birlik.services.access import Principal, sees_member_costs
from birlik.services.commands import Reply, etag_of
from birlik.services.records import AssignmentView

router = APIRouter(prefix="/assignments", tags=["assignments"], responses=ERRORS)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("", response_model=Page[AssignmentView])
def list_assignments(
    principal: Me,
    context: Ctx,
    today: Today,
    paging: PageDep,
    plan_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    status: AssignmentStatus | None = None,
    order: Annotated[str | None, Query(max_length=40, pattern=PRINTABLE)] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
) -> Page[AssignmentView]:
    """A member's own assignments in approved plans; every assignment for coordinators."""
    items, total = reads_plans.assignments(
        context.birlik.uow(),
        principal,
        today,
        paging,
        plan_id=plan_id,
        status=None if status is None else status.value,
        order_number=order,
        month=month,
    )
    return Page.of(items, total, paging)


@router.get("/{assignment_id}", response_model=AssignmentView)
def get_assignment(
    assignment_id: Id, principal: Me, context: Ctx, today: Today, response: Response
) -> AssignmentView:
    view, etag = reads_plans.assignment(context.birlik.uow(), principal, today, assignment_id)
    response.headers["ETag"] = etag
    return view


def _render(principal: Principal) -> Callable[[AssignmentRecord], Reply]:
    def render(record: AssignmentRecord) -> Reply:
        view = AssignmentView.of(
            record, with_costs=sees_member_costs(principal, record.assignment.member_bin)
        )
        return reply(200, view, AssignmentView, {"ETag": etag_of(record)})

    return render


@router.post("/{assignment_id}/accept", response_model=AssignmentView)
def accept(
    assignment_id: Id,
    principal: Me,
    context: Ctx,
    today: Today,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Response:
    """Accept one's own assignment; refused (409) when it would exceed the month's capacity."""
    return run(
        context,
        principal,
        lambda uow: assignments.accept(uow, principal, today, assignment_id, if_match),
        _render(principal),
        idempotency,
    )


@router.post("/{assignment_id}/decline", response_model=AssignmentView)
def decline(
    assignment_id: Id,
    body: DeclineIn,
    principal: Me,
    context: Ctx,
    today: Today,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Response:
    """Decline one's own assignment, saying why."""
    return run(
        context,
        principal,
        lambda uow: assignments.decline(uow, principal, today, assignment_id, body.reason, if_match),
        _render(principal),
        idempotency,
    )
