"""Orders: placed by coordinators and buyers, read by whoever is in scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from birlik.domain.orders import OrderStatus
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, IfMatch, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS, location, reply, run
from birlik.entrypoints.api.schemas import PRINTABLE, OrderIn, OrderPatch, Page
from birlik.services import reads, reads_content, writes
from birlik.services.access import sees_contract_prices
from birlik.services.commands import etag_of
from birlik.services.reads_content import OrderContentRecord
from birlik.services.records import OrderRecord

router = APIRouter(prefix="/orders", tags=["orders"], responses=ERRORS)
Number = Annotated[str, Path(min_length=1, max_length=40, pattern=PRINTABLE)]
Filter = Annotated[str | None, Query(max_length=120, pattern=PRINTABLE)]


@router.get("", response_model=Page[OrderRecord])
def list_orders(
    principal: Me,
    context: Ctx,
    today: Today,
    paging: PageDep,
    status: OrderStatus | None = None,
    buyer: Filter = None,
    q: Filter = None,
) -> Page[OrderRecord]:
    """Orders in the caller's scope: a buyer's own, a member's assigned ones (no prices), all for
    coordinators. Confidential orders appear only to coordinators, their buyer and cleared members
    assigned to them."""
    items, total = reads.orders(
        context.birlik.uow(),
        principal,
        today,
        paging,
        status=None if status is None else status.value,
        buyer_code=buyer,
        q=q,
    )
    return Page.of(items, total, paging)


@router.post("", status_code=201, response_model=OrderRecord)
def place_order(
    body: OrderIn, principal: Me, context: Ctx, today: Today, idempotency: IdempotencyDep
) -> Response:
    order = body.to_domain()
    return run(
        context,
        principal,
        lambda uow: writes.place_order(uow, principal, today, order),
        lambda o: reply(
            201,
            OrderRecord.of(o, with_prices=sees_contract_prices(principal, o)),
            OrderRecord,
            {"Location": location("orders", o.number), "ETag": etag_of(o)},
        ),
        idempotency,
    )


@router.get("/{number}", response_model=OrderRecord)
def get_order(number: Number, principal: Me, context: Ctx, today: Today, response: Response) -> OrderRecord:
    record, etag = reads.order(context.birlik.uow(), principal, today, number)
    if etag is not None:
        response.headers["ETag"] = etag
    return record


@router.patch("/{number}", response_model=OrderRecord)
def change_order(
    number: Number, body: OrderPatch, principal: Me, context: Ctx, today: Today, if_match: IfMatch = None
) -> Response:
    """Move the order through its life cycle (coordinators). Send If-Match with the ETag you read."""
    return run(
        context,
        principal,
        lambda uow: writes.change_order_status(uow, principal, today, number, body.status, if_match),
        lambda o: reply(200, OrderRecord.of(o, with_prices=True), OrderRecord, {"ETag": etag_of(o)}),
        None,
    )


@router.get("/{number}/local-content", response_model=OrderContentRecord)
def get_order_content(
    number: Number,
    principal: Me,
    context: Ctx,
    today: Today,
    plan_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
) -> OrderContentRecord:
    """The order's local content (КСт) from a plan (default: the latest approved): for coordinators
    and the order's buyer."""
    return reads_content.order_content(context.birlik.uow(), principal, today, number, plan_id)
