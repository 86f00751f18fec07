"""Assignments: a member's own (accept or decline in place), every one for the coordinator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.domain.errors import DomainError
from birlik.domain.plans import AssignmentStatus
from birlik.entrypoints.web.rendering import is_htmx, render, web_of
from birlik.entrypoints.web.routing import WebRoute, get_caller
from birlik.entrypoints.web.session import WebCaller, check_csrf, local_path
from birlik.services import assignments, reads_plans
from birlik.services.access import Capability, allowed
from birlik.services.commands import Reply, execute
from birlik.services.reads import PageRequest
from birlik.services.records import AssignmentView
from birlik.services.unit_of_work import UnitOfWork

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Who = Annotated[WebCaller, Depends(get_caller)]
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
Token = Annotated[str, Form(max_length=200)]
PAGE = 50


def _today() -> date:
    return datetime.now(UTC).date()


def _answerable(who: WebCaller, view: AssignmentView) -> bool:
    return (
        allowed(who.principal, Capability.ANSWER_ASSIGNMENTS)
        and view.plan_status == "approved"
        and view.status == AssignmentStatus.PROPOSED.value
    )


def _rows(request: Request, who: WebCaller, views: list[AssignmentView]) -> list[dict[str, object]]:
    """Each row with the ETag its answer form sends back (only rows the caller may answer need one)."""
    rows = []
    for view in views:
        etag = ""
        if _answerable(who, view):
            _, etag = reads_plans.assignment(web_of(request).birlik.uow(), who.principal, _today(), view.id)
        rows.append({"a": view, "etag": etag, "error": ""})
    return rows


@router.get("/assignments")
def assignment_list(
    request: Request,
    who: Who,
    plan_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    status: Annotated[str, Query(max_length=20)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    chosen = status if status in {s.value for s in AssignmentStatus} else None
    views, total = reads_plans.assignments(
        web_of(request).birlik.uow(),
        who.principal,
        _today(),
        PageRequest(offset, PAGE),
        plan_id=plan_id,
        status=chosen,
    )
    return render(
        request,
        "assignments.html",
        who,
        rows=_rows(request, who, views),
        total=total,
        offset=offset,
        page=PAGE,
        status=chosen or "",
        plan_id=plan_id,
        statuses=[s.value for s in AssignmentStatus],
    )


@router.get("/assignments/{assignment_id}")
def assignment_page(request: Request, who: Who, assignment_id: Id) -> Response:
    view, _ = reads_plans.assignment(web_of(request).birlik.uow(), who.principal, _today(), assignment_id)
    return render(request, "assignment.html", who, row=_rows(request, who, [view])[0])


def _answer(
    request: Request,
    who: WebCaller,
    assignment_id: int,
    csrf: str,
    back: str,
    answer: Callable[[UnitOfWork], AssignmentRecord],
) -> Response:
    check_csrf(who.csrf, csrf)
    error = ""
    try:
        execute(web_of(request).birlik.uow, who.principal, answer, lambda _: Reply(200, ""), None)
    except DomainError as refused:
        if not is_htmx(request):
            raise
        error = str(refused)
    if not is_htmx(request):
        return RedirectResponse(local_path(back, "/assignments"), status_code=303)
    # htmx swaps the row in place; a refusal stays in the row, next to the buttons, as an alert.
    view, _ = reads_plans.assignment(web_of(request).birlik.uow(), who.principal, _today(), assignment_id)
    row = _rows(request, who, [view])[0]
    row["error"] = error
    return render(request, "assignment_row.html", who, row=row)


@router.post("/assignments/{assignment_id}/accept")
def accept(
    request: Request, who: Who, assignment_id: Id, csrf: Token = "", etag: Token = "", back: Token = ""
) -> Response:
    """Accept through `services.assignments.accept`, the API's use case: capacity is checked there."""
    return _answer(
        request,
        who,
        assignment_id,
        csrf,
        back,
        lambda uow: assignments.accept(uow, who.principal, _today(), assignment_id, etag),
    )


@router.post("/assignments/{assignment_id}/decline")
def decline(
    request: Request,
    who: Who,
    assignment_id: Id,
    reason: Annotated[str, Form(max_length=500)] = "",
    csrf: Token = "",
    etag: Token = "",
    back: Token = "",
) -> Response:
    return _answer(
        request,
        who,
        assignment_id,
        csrf,
        back,
        lambda uow: assignments.decline(uow, who.principal, _today(), assignment_id, reason, etag),
    )
