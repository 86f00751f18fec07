"""Read use cases for one caller: every list, count, lookup and report goes through its Scope.

Lists are filtered to the scope first and only then by the caller's filters, paged and counted, so
a count can never include a record the caller may not see. The consortium's registry is small (tens
of members, hundreds of orders), so filtering happens on domain objects rather than in SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.domain.errors import NotFound
from birlik.domain.orders import Order
from birlik.services.access import (
    Capability,
    Principal,
    Role,
    Scope,
    require,
    scope_of,
    sees_contract_prices,
    sees_member_costs,
)
from birlik.services.commands import etag_of
from birlik.services.figures import figures_within
from birlik.services.records import (
    AuditView,
    BomRecord,
    BuyerRecord,
    CapacityRecord,
    CertificateRecord,
    ConsortiumReport,
    MemberRecord,
    OrderLocalContent,
    OrderRecord,
    ProductRecord,
    UserView,
)
from birlik.services.unit_of_work import UnitOfWork

T = TypeVar("T")
MAX_PAGE = 100


@dataclass(frozen=True)
class PageRequest:
    offset: int = 0
    limit: int = 50


def page(items: Sequence[T], request: PageRequest) -> tuple[list[T], int]:
    return list(items[request.offset : request.offset + min(request.limit, MAX_PAGE)]), len(items)


def _matches(q: str | None, *texts: str) -> bool:
    return q is None or any(q.lower() in t.lower() for t in texts)


# Members -------------------------------------------------------------------------------------------


def members(
    uow: UnitOfWork,
    principal: Principal,
    today: date,
    request: PageRequest,
    *,
    region: str | None = None,
    process: str | None = None,
    q: str | None = None,
) -> tuple[list[MemberRecord], int]:
    require(principal, Capability.READ_MEMBERS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = [
            MemberRecord.of(m)
            for m in uow.members.list()
            if scope.sees_member(m.bin)
            and _matches(region, m.city.region)
            and (process is None or process in {p.value for p in m.processes})
            and _matches(q, m.name, m.bin, m.city.name)
        ]
    return page(found, request)


def member(uow: UnitOfWork, principal: Principal, today: date, bin_: str) -> tuple[MemberRecord, str]:
    """The member and its ETag."""
    require(principal, Capability.READ_MEMBERS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = scope.member_or_404(uow.members.get(bin_), bin_)
    record = MemberRecord.of(found)
    if not sees_member_costs(principal, found.bin):
        record = MemberRecord(**{**record.__dict__, "unit_costs": [], "capacities": []})
    return record, etag_of(found)


def capacities(uow: UnitOfWork, principal: Principal, today: date, bin_: str) -> list[CapacityRecord]:
    record, _ = member(uow, principal, today, bin_)
    return record.capacities


def certificates(uow: UnitOfWork, principal: Principal, today: date, bin_: str) -> list[CertificateRecord]:
    record, _ = member(uow, principal, today, bin_)
    return record.certificates


# Buyers and the catalogue --------------------------------------------------------------------------


def buyers(
    uow: UnitOfWork, principal: Principal, today: date, request: PageRequest, *, q: str | None = None
) -> tuple[list[BuyerRecord], int]:
    require(principal, Capability.READ_BUYERS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = [
            BuyerRecord.of(b)
            for b in uow.buyers.list()
            if scope.sees_buyer(b.code) and _matches(q, b.code, b.name)
        ]
    return page(found, request)


def buyer(uow: UnitOfWork, principal: Principal, today: date, code: str) -> BuyerRecord:
    require(principal, Capability.READ_BUYERS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = uow.buyers.get(code)
    if found is None or not scope.sees_buyer(found.code):
        raise NotFound("buyer", code)
    return BuyerRecord.of(found)


def products(
    uow: UnitOfWork,
    principal: Principal,
    request: PageRequest,
    *,
    family: str | None = None,
    process: str | None = None,
    q: str | None = None,
) -> tuple[list[ProductRecord], int]:
    require(principal, Capability.READ_CATALOGUE)
    with uow:
        catalogue = uow.catalogue.load()
    found = [
        ProductRecord.of(p)
        for p in sorted(catalogue.products.values(), key=lambda p: p.sku)
        if (family is None or p.family.value == family)
        and (process is None or p.process.value == process)
        and _matches(q, p.sku, p.names.en, p.names.ru, p.names.kk, str(p.hs_code))
    ]
    return page(found, request)


def product(uow: UnitOfWork, principal: Principal, sku: str) -> tuple[ProductRecord, str]:
    require(principal, Capability.READ_CATALOGUE)
    with uow:
        found = uow.catalogue.load().products.get(sku)
    if found is None:
        raise NotFound("product", sku)
    return ProductRecord.of(found), etag_of(found)


def bom(uow: UnitOfWork, principal: Principal, sku: str) -> BomRecord:
    """The BOM with purchased materials rolled down; material prices for coordinators only."""
    require(principal, Capability.READ_CATALOGUE)
    with uow:
        catalogue = uow.catalogue.load()
    if sku not in catalogue.products:
        raise NotFound("product", sku)
    return BomRecord.of(catalogue, sku, with_prices=principal.role is Role.COORDINATOR)


# Orders ------------------------------------------------------------------------------------------


def _order_record(scope: Scope, order: Order, assignments: Sequence[AssignmentRecord]) -> OrderRecord:
    lines = None
    if scope.role is Role.MEMBER:
        lines = {
            r.assignment.line_number
            for r in assignments
            if r.assignment.order_number == order.number and scope.sees_plan(r.plan_id)
        }
    return OrderRecord.of(order, with_prices=sees_contract_prices(scope.principal, order), lines=lines)


def _own_assignments(uow: UnitOfWork, scope: Scope) -> list[AssignmentRecord]:
    if scope.role is not Role.MEMBER:
        return []
    return uow.assignments.matching(member_bin=scope.principal.member_bin)


def orders(
    uow: UnitOfWork,
    principal: Principal,
    today: date,
    request: PageRequest,
    *,
    status: str | None = None,
    buyer_code: str | None = None,
    q: str | None = None,
) -> tuple[list[OrderRecord], int]:
    require(principal, Capability.READ_ORDERS)
    with uow:
        scope = scope_of(uow, principal, today)
        own = _own_assignments(uow, scope)
        found = [
            _order_record(scope, o, own)
            for o in uow.orders.list()
            if scope.sees_order(o)
            and (status is None or o.status.value == status)
            and (buyer_code is None or o.buyer_code == buyer_code)
            and _matches(q, o.number, o.destination.name)
        ]
    return page(found, request)


def order(uow: UnitOfWork, principal: Principal, today: date, number: str) -> tuple[OrderRecord, str | None]:
    """The order and, for those who see all of it, its ETag.

    A member does not get the ETag: it is a digest of the whole order, prices included, and a caller
    who knows every other field could test guessed prices against it."""
    require(principal, Capability.READ_ORDERS)
    with uow:
        scope = scope_of(uow, principal, today)
        found = scope.order_or_404(uow.orders.get(number), number)
        record = _order_record(scope, found, _own_assignments(uow, scope))
    return record, etag_of(found) if sees_contract_prices(principal, found) else None


# Reports, users, audit --------------------------------------------------------------------------


def consortium_report(uow: UnitOfWork, principal: Principal, today: date) -> ConsortiumReport:
    require(principal, Capability.READ_REPORTS)
    with uow:
        scope = scope_of(uow, principal, today)
        all_members = uow.members.list()
        product_count = uow.catalogue.count_products()
        counted = [o for o in uow.orders.list() if scope.counts_in_aggregates(o)]
        figures = figures_within(uow, scope)
    registry = (
        len(all_members),
        dict(Counter(m.city.region for m in all_members).most_common()),
        dict(Counter(p.value for m in all_members for p in m.processes).most_common()),
        product_count,
        len(counted),
        dict(Counter(o.status.value for o in counted).most_common()),
    )
    if figures is None:
        return ConsortiumReport(*registry, approved_plan_id=None, assignments_by_status={})
    return ConsortiumReport(
        *registry,
        approved_plan_id=figures.basis.plan_id if figures.basis.approved else None,
        assignments_by_status=figures.assignments_by_status,
        local_content=[
            OrderLocalContent(o.order, o.lc_share, o.lc_floor, o.lc_floor_met) for o in figures.orders
        ],
        basis=figures.basis,
        totals=figures.totals,
        volumes=list(figures.volumes),
        exports=list(figures.exports),
        utilisation=list(figures.utilisation),
    )


def users(uow: UnitOfWork, principal: Principal, request: PageRequest) -> tuple[list[UserView], int]:
    require(principal, Capability.MANAGE_USERS)
    with uow:
        found = [UserView.of(u) for u in uow.accounts.users()]
    return page(found, request)


def user(uow: UnitOfWork, principal: Principal, user_id: int) -> tuple[UserView, str]:
    require(principal, Capability.MANAGE_USERS)
    with uow:
        found = uow.accounts.by_id(user_id)
    if found is None:
        raise NotFound("user", user_id)
    view = UserView.of(found)
    return view, etag_of(view)


def audit_log(
    uow: UnitOfWork, principal: Principal, request: PageRequest, *, entity: str | None, entity_key: str | None
) -> tuple[list[AuditView], int]:
    require(principal, Capability.READ_AUDIT)
    with uow:
        entries, total = uow.audit.entries(
            entity=entity, entity_key=entity_key, offset=request.offset, limit=min(request.limit, MAX_PAGE)
        )
    return [AuditView.of(e) for e in entries], total
