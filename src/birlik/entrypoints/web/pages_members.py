"""The members registry (a member user sees only its own enterprise, as in the API)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from birlik.domain.vocabulary import Process
from birlik.entrypoints.web.rendering import render, web_of
from birlik.entrypoints.web.routing import WebRoute, get_caller
from birlik.entrypoints.web.session import WebCaller
from birlik.services import reads
from birlik.services.reads import MAX_PAGE, PageRequest

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Who = Annotated[WebCaller, Depends(get_caller)]
Text = Annotated[str, Query(max_length=120)]


@router.get("/members")
def members(
    request: Request,
    who: Who,
    q: Text = "",
    region: Text = "",
    process: Text = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    chosen = process if process in {p.value for p in Process} else None
    items, total = reads.members(
        web_of(request).birlik.uow(),
        who.principal,
        datetime.now(UTC).date(),
        PageRequest(offset, MAX_PAGE),
        region=region.strip() or None,
        process=chosen,
        q=q.strip() or None,
    )
    return render(
        request,
        "members.html",
        who,
        members=items,
        total=total,
        offset=offset,
        page=MAX_PAGE,
        q=q,
        region=region,
        process=chosen or "",
        processes=[p.value for p in Process],
    )
