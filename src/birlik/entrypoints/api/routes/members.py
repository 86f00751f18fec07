"""Members, their capacities and certificates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from birlik.domain.vocabulary import Process
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, IfMatch, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS, location, reply, run
from birlik.entrypoints.api.schemas import PRINTABLE, CertificateIn, MemberIn, MemberPatch, Page
from birlik.services import reads, reads_content, writes
from birlik.services.commands import etag_of
from birlik.services.reads_content import ProductContentRecord
from birlik.services.records import CapacityRecord, CertificateRecord, MemberRecord
from birlik.services.writes import MemberChanges

router = APIRouter(prefix="/members", tags=["members"], responses=ERRORS)
Bin = Annotated[str, Path(min_length=1, max_length=40, pattern=PRINTABLE, description="the member's BIN")]
Filter = Annotated[str | None, Query(max_length=120, pattern=PRINTABLE)]


@router.get("", response_model=Page[MemberRecord])
def list_members(
    principal: Me,
    context: Ctx,
    today: Today,
    paging: PageDep,
    region: Filter = None,
    process: Process | None = None,
    q: Filter = None,
) -> Page[MemberRecord]:
    """Members the caller may see (a member user: only its own), filtered and paged."""
    items, total = reads.members(
        context.birlik.uow(),
        principal,
        today,
        paging,
        region=region,
        process=None if process is None else process.value,
        q=q,
    )
    return Page.of(items, total, paging)


@router.post("", status_code=201, response_model=MemberRecord)
def register_member(body: MemberIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    member = body.to_domain()
    return run(
        context,
        principal,
        lambda uow: writes.register_member(uow, principal, member),
        lambda m: reply(
            201,
            MemberRecord.of(m),
            MemberRecord,
            {"Location": location("members", m.bin), "ETag": etag_of(m)},
        ),
        idempotency,
    )


@router.get("/{bin}", response_model=MemberRecord)
def get_member(bin: Bin, principal: Me, context: Ctx, today: Today, response: Response) -> MemberRecord:
    record, etag = reads.member(context.birlik.uow(), principal, today, bin)
    response.headers["ETag"] = etag
    return record


@router.patch("/{bin}", response_model=MemberRecord)
def change_member(
    bin: Bin, body: MemberPatch, principal: Me, context: Ctx, today: Today, if_match: IfMatch = None
) -> Response:
    """Change a member: its own user may change capacities and unit costs; name and active are the
    coordinator's. Send If-Match with the ETag you read."""
    changes = MemberChanges(body.name, body.active, body.capacities_domain(), body.unit_costs_domain())
    return run(
        context,
        principal,
        lambda uow: writes.change_member(uow, principal, today, bin, changes, if_match),
        lambda m: reply(200, MemberRecord.of(m), MemberRecord, {"ETag": etag_of(m)}),
        None,
    )


@router.get("/{bin}/capacities", response_model=list[CapacityRecord])
def get_capacities(bin: Bin, principal: Me, context: Ctx, today: Today) -> list[CapacityRecord]:
    return reads.capacities(context.birlik.uow(), principal, today, bin)


@router.get("/{bin}/certificates", response_model=list[CertificateRecord])
def get_certificates(bin: Bin, principal: Me, context: Ctx, today: Today) -> list[CertificateRecord]:
    return reads.certificates(context.birlik.uow(), principal, today, bin)


@router.post("/{bin}/certificates", status_code=201, response_model=MemberRecord)
def add_certificate(
    bin: Bin, body: CertificateIn, principal: Me, context: Ctx, today: Today, idempotency: IdempotencyDep
) -> Response:
    certificate = body.to_domain()
    return run(
        context,
        principal,
        lambda uow: writes.add_certificate(uow, principal, today, bin, certificate),
        lambda m: reply(201, MemberRecord.of(m), MemberRecord, {"ETag": etag_of(m)}),
        idempotency,
    )


@router.get("/{bin}/products/{sku}/local-content", response_model=ProductContentRecord)
def get_product_content(
    bin: Bin,
    sku: Annotated[str, Path(min_length=1, max_length=40, pattern=PRINTABLE)],
    principal: Me,
    context: Ctx,
    today: Today,
) -> ProductContentRecord:
    """The CT-KZ share of a good made by this member, computed from the BOM (its costs: the member's
    own eyes and the coordinator's only)."""
    return reads_content.product_content(context.birlik.uow(), principal, today, bin, sku)
