"""Read models for people: short summaries of the registry and the orders, computed from the domain."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from birlik.domain.calendar import months_between
from birlik.domain.eligibility import able_to_make, judge
from birlik.domain.errors import NotFound
from birlik.domain.members import Member
from birlik.domain.orders import Order
from birlik.domain.products import Catalogue
from birlik.domain.vocabulary import CertificateKind
from birlik.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class LineView:
    number: int
    product_sku: str
    product_name: str
    quantity: str
    due: str
    value: str
    eligible_members: int
    lacking: dict[str, int]  # certificate → how many members able to make the product lack it


@dataclass(frozen=True, slots=True)
class OrderView:
    order: Order
    buyer_name: str
    buyer_kind: str
    value: str
    lines: list[LineView]


@dataclass(frozen=True, slots=True)
class RegistrySummary:
    members: int
    by_region: dict[str, int]
    by_process: dict[str, int]
    cleared_for_defense: int
    products: int
    orders: list[OrderView]


def order_view(
    order: Order, catalogue: Catalogue, members: list[Member], buyer_name: str, kind: str
) -> OrderView:
    lines = []
    for line in order.lines:
        product = catalogue.product(line.product_sku)
        months = months_between(order.release, line.due)
        verdicts = [judge(m, product, order, months) for m in able_to_make(members, product)]
        lacking: Counter[str] = Counter(
            kind.value for verdict in verdicts for kind in verdict.missing_certificates
        )
        lines.append(
            LineView(
                number=line.number,
                product_sku=product.sku,
                product_name=product.names.en,
                quantity=str(line.quantity),
                due=str(line.due),
                value=str(line.value),
                eligible_members=sum(v.eligible for v in verdicts),
                lacking=dict(lacking),
            )
        )
    return OrderView(order, buyer_name, kind, str(order.value), lines)


def registry_summary(uow: UnitOfWork) -> RegistrySummary:
    with uow:
        members = uow.members.list()
        catalogue = uow.catalogue.load()
        buyers = {b.code: b for b in uow.buyers.list()}
        orders = uow.orders.list()
    by_region = Counter(m.city.region for m in members)
    by_process = Counter(p.value for m in members for p in m.processes)
    cleared = sum(any(c.kind is CertificateKind.DEFENSE_CLEARANCE for c in m.certificates) for m in members)
    views = [
        order_view(o, catalogue, members, buyers[o.buyer_code].name, buyers[o.buyer_code].kind.value)
        for o in orders
    ]
    return RegistrySummary(
        members=len(members),
        by_region=dict(by_region.most_common()),
        by_process=dict(by_process.most_common()),
        cleared_for_defense=cleared,
        products=len(catalogue.products),
        orders=views,
    )


def show_order(uow: UnitOfWork, number: str) -> OrderView:
    with uow:
        order = uow.orders.get(number)
        if order is None:
            raise NotFound("order", number)
        buyer = uow.buyers.get(order.buyer_code)
        members = uow.members.list()
        catalogue = uow.catalogue.load()
    assert buyer is not None  # the foreign key guarantees it
    return order_view(order, catalogue, members, buyer.name, buyer.kind.value)
