"""Reports, exports and the audit log: the side paths, scoped exactly like the main ones."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Query, Response

from birlik.entrypoints.api.deps import Ctx, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS
from birlik.entrypoints.api.schemas import PRINTABLE, Page
from birlik.services import reads, reads_plans
from birlik.services.reads import MAX_PAGE, PageRequest
from birlik.services.records import AssignmentView, AuditView, ConsortiumReport

router = APIRouter(tags=["reports"], responses=ERRORS)


@router.get("/reports/consortium", response_model=ConsortiumReport)
def consortium(principal: Me, context: Ctx, today: Today) -> ConsortiumReport:
    """Consortium-wide aggregates for analysts and coordinators (confidential orders: coordinators only).

    The plan figures are the dashboard's and the results report's, from `basis`: the approved plan,
    else the latest draft."""
    return reads.consortium_report(context.birlik.uow(), principal, today)


_COLUMNS = list(AssignmentView.__dataclass_fields__)


@router.get(
    "/exports/assignments.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def export_assignments(principal: Me, context: Ctx, today: Today) -> Response:
    """The caller's assignments as CSV (the same scope as GET /assignments, every page)."""
    rows: list[AssignmentView] = []
    offset = 0
    while True:
        chunk, total = reads_plans.assignments(
            context.birlik.uow(), principal, today, PageRequest(offset, MAX_PAGE)
        )
        rows.extend(chunk)
        offset += MAX_PAGE
        if offset >= total:
            break
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for row in rows:
        writer.writerow(["" if getattr(row, c) is None else getattr(row, c) for c in _COLUMNS])
    return Response(out.getvalue(), media_type="text/csv")


@router.get("/audit", response_model=Page[AuditView])
def audit_log(
    principal: Me,
    context: Ctx,
    paging: PageDep,
    entity: Annotated[str | None, Query(max_length=40, pattern=PRINTABLE)] = None,
    key: Annotated[str | None, Query(max_length=80, pattern=PRINTABLE)] = None,
) -> Page[AuditView]:
    """The append-only audit log, oldest first (coordinators)."""
    items, total = reads.audit_log(context.birlik.uow(), principal, paging, entity=entity, entity_key=key)
    return Page.of(items, total, paging)
