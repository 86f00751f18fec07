"""Buyers, products and their bills of materials."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from birlik.domain.vocabulary import Family, Process
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS, location, reply, run
from birlik.entrypoints.api.schemas import PRINTABLE, BuyerIn, Page, ProductIn
from birlik.services import reads, writes
from birlik.services.commands import etag_of
from birlik.services.records import BomRecord, BuyerRecord, ProductRecord

router = APIRouter(tags=["buyers and catalogue"], responses=ERRORS)
Key = Annotated[str, Path(min_length=1, max_length=40, pattern=PRINTABLE)]
Filter = Annotated[str | None, Query(max_length=120, pattern=PRINTABLE)]


@router.get("/buyers", response_model=Page[BuyerRecord])
def list_buyers(
    principal: Me, context: Ctx, today: Today, paging: PageDep, q: Filter = None
) -> Page[BuyerRecord]:
    """Buyers the caller may see (a buyer user: only its own)."""
    items, total = reads.buyers(context.birlik.uow(), principal, today, paging, q=q)
    return Page.of(items, total, paging)


@router.post("/buyers", status_code=201, response_model=BuyerRecord)
def register_buyer(body: BuyerIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    buyer = body.to_domain()
    return run(
        context,
        principal,
        lambda uow: writes.register_buyer(uow, principal, buyer),
        lambda b: reply(201, BuyerRecord.of(b), BuyerRecord, {"Location": location("buyers", b.code)}),
        idempotency,
    )


@router.get("/buyers/{code}", response_model=BuyerRecord)
def get_buyer(code: Key, principal: Me, context: Ctx, today: Today) -> BuyerRecord:
    return reads.buyer(context.birlik.uow(), principal, today, code)


@router.get("/products", response_model=Page[ProductRecord])
def list_products(
    principal: Me,
    context: Ctx,
    paging: PageDep,
    family: Family | None = None,
    process: Process | None = None,
    q: Filter = None,
) -> Page[ProductRecord]:
    items, total = reads.products(
        context.birlik.uow(),
        principal,
        paging,
        family=None if family is None else family.value,
        process=None if process is None else process.value,
        q=q,
    )
    return Page.of(items, total, paging)


@router.post("/products", status_code=201, response_model=ProductRecord)
def add_product(body: ProductIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    product = body.to_domain()
    return run(
        context,
        principal,
        lambda uow: writes.add_product(uow, principal, product),
        lambda p: reply(
            201,
            ProductRecord.of(p),
            ProductRecord,
            {"Location": location("products", p.sku), "ETag": etag_of(p)},
        ),
        idempotency,
    )


@router.get("/products/{sku}", response_model=ProductRecord)
def get_product(sku: Key, principal: Me, context: Ctx, response: Response) -> ProductRecord:
    record, etag = reads.product(context.birlik.uow(), principal, sku)
    response.headers["ETag"] = etag
    return record


@router.get("/products/{sku}/bom", response_model=BomRecord)
def get_bom(sku: Key, principal: Me, context: Ctx) -> BomRecord:
    """The bill of materials, rolled down to purchased materials per unit (prices: coordinators only)."""
    return reads.bom(context.birlik.uow(), principal, sku)
