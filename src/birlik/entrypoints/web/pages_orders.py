"""Orders: the list in the caller's scope and one order with its schedule from the plan."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from birlik.domain.orders import OrderStatus
from birlik.entrypoints.web.rendering import render, web_of
from birlik.entrypoints.web.routing import WebRoute, get_caller
from birlik.entrypoints.web.schedule import order_schedule
from birlik.entrypoints.web.session import WebCaller
from birlik.services import reads
from birlik.services.reads import PageRequest

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Who = Annotated[WebCaller, Depends(get_caller)]
PAGE = 50
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str, Query(max_length=120)]


def today() -> datetime:
    return datetime.now(UTC)


@router.get("/orders")
def orders(request: Request, who: Who, q: Text = "", status: Text = "", offset: Offset = 0) -> Response:
    chosen = status if status in {s.value for s in OrderStatus} else None
    items, total = reads.orders(
        web_of(request).birlik.uow(),
        who.principal,
        today().date(),
        PageRequest(offset, PAGE),
        status=chosen,
        q=q.strip() or None,
    )
    return render(
        request,
        "orders.html",
        who,
        orders=items,
        total=total,
        offset=offset,
        page=PAGE,
        q=q,
        status=chosen or "",
        statuses=[s.value for s in OrderStatus],
    )


@router.get("/orders/{number}")
def order(request: Request, who: Who, number: Annotated[str, Path(max_length=40)]) -> Response:
    birlik = web_of(request).birlik
    record, _ = reads.order(birlik.uow(), who.principal, today().date(), number)
    schedule = order_schedule(birlik, who.principal, today().date(), record.number)
    return render(request, "order.html", who, order=record, schedule=schedule)
