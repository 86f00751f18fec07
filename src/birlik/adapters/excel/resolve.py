"""From records to the registry's records: keys resolved against the file and the stored registry.

Child rows (capacities, unit costs, certificates, BOM lines, order lines) replace what is stored for
the member, product or order they name; a parent whose child sheet is absent, or who has no rows on
it, keeps what it has. Every reference that resolves nowhere is an issue at its very cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Generic, TypeVar

from birlik.adapters.excel.issues import Expectation, IssueLog, Problem
from birlik.adapters.excel.places import Places
from birlik.adapters.excel.reader import Parsed
from birlik.adapters.excel.records import (
    BomRec,
    CapacityRec,
    CertificateRec,
    LineRec,
    MaterialRec,
    MemberRec,
    OrderRec,
    ProductRec,
    RowRef,
    UnitCostRec,
)
from birlik.adapters.excel.snapshot import RegistrySnapshot
from birlik.domain.buyers import Buyer
from birlik.domain.errors import DomainError, IllegalTransition, InvalidValue
from birlik.domain.exchange import ExchangeRate
from birlik.domain.members import Member
from birlik.domain.orders import Order, OrderLine, OrderStatus
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Product, check_substitute
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import Currency

T = TypeVar("T")
K = TypeVar("K")
FIXED = frozenset({OrderStatus.IN_PRODUCTION, OrderStatus.SHIPPED, OrderStatus.CLOSED, OrderStatus.CANCELLED})


@dataclass(frozen=True)
class Change(Generic[T]):
    value: T
    ref: RowRef
    stored: T | None

    @property
    def outcome(self) -> str:
        if self.stored is None:
            return "created"
        return "unchanged" if self.stored == self.value else "updated"


@dataclass
class Resolved:
    materials: list[Change[Material]] = field(default_factory=list)
    products: list[Change[Product]] = field(default_factory=list)
    members: list[Change[Member]] = field(default_factory=list)
    buyers: list[Change[Buyer]] = field(default_factory=list)
    orders: list[Change[Order]] = field(default_factory=list)
    rates: list[Change[ExchangeRate]] = field(default_factory=list)
    catalogue: Catalogue | None = None


def _rule(log: IssueLog, ref: RowRef, key: str, error: DomainError) -> None:
    where, value = ref.at(key)
    if isinstance(error, InvalidValue):
        log.add(
            where,
            error.value,
            Problem("rule", {"why": f"{error.field}: {error.why}"}),
            Expectation("consistent"),
        )
    else:
        log.add(where, value, Problem("rule", {"why": str(error)}), Expectation("consistent"))


def _unknown(log: IssueLog, ref: RowRef, key: str, what: str) -> None:
    where, value = ref.at(key)
    log.add(where, value, Problem(f"unknown_{what}"), Expectation(f"known_{what}"))


def _groups(records: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    grouped: dict[K, list[T]] = defaultdict(list)
    for record in records:
        grouped[key(record)].append(record)
    return grouped


def _build(log: IssueLog, ref: RowRef, key: str, make: Callable[[], T]) -> T | None:
    try:
        return make()
    except DomainError as error:
        _rule(log, ref, key, error)
        return None


def _keep_unmentioned(rec: MaterialRec, stored: Material | None) -> Material:
    """The material as its row gives it, except that a sheet without the "substitutes for", HS
    code or "wholly obtained" column (a workbook made before materials had them, or a price list)
    keeps what the registry stores: an import that never mentions a fact must not erase it."""
    material = rec.material
    if stored is not None and "substitutes_for" not in rec.ref.cells:
        material = replace(material, substitutes_for=stored.substitutes_for)
    if stored is not None and "hs_code" not in rec.ref.cells:
        material = replace(material, hs_code=stored.hs_code)
    if stored is not None and "wholly_obtained" not in rec.ref.cells:
        material = replace(material, wholly_obtained=stored.wholly_obtained)
    return material


class Resolver:
    def __init__(self, parsed: Parsed, stored: RegistrySnapshot, log: IssueLog) -> None:
        self.parsed = parsed
        self.stored = stored
        self.log = log
        self.result = Resolved()
        self.places = Places(
            [m.city for m in stored.members]
            + [b.city for b in stored.buyers]
            + [o.destination for o in stored.orders]
        )
        self.places.learn(
            [r.place for r in parsed.members]
            + [r.place for r in parsed.buyers]
            + [r.place for r in parsed.orders]
        )
        self.materials: dict[str, Material] = dict(stored.catalogue.materials)
        self.products: dict[str, Product] = dict(stored.catalogue.products)
        self.buyers: dict[str, Buyer] = {b.code: b for b in stored.buyers}

    def run(self) -> Resolved:
        self._catalogue()
        self._members()
        self._buyers()
        self._orders()
        self._rates()
        return self.result

    # --- catalogue ---------------------------------------------------------------------------------

    def _catalogue(self) -> None:
        for material_rec in self.parsed.materials:
            old = self.stored.catalogue.materials.get(material_rec.material.code)
            material = _keep_unmentioned(material_rec, old)
            self.materials[material.code] = material
            self.result.materials.append(Change(material, material_rec.ref, old))
        file_products = {rec.sku: rec for rec in self.parsed.products}
        known_skus = set(self.products) | set(file_products)
        boms = _groups(self.parsed.bom, lambda r: r.parent)
        for parent, lines in boms.items():
            if parent not in known_skus:
                for line in lines:
                    _unknown(self.log, line.ref, "parent", "product")
        for sku in [*file_products, *(p for p in boms if p not in file_products and p in self.products)]:
            rec = file_products.get(sku)
            stored = self.stored.catalogue.products.get(sku)
            bom = self._bom(boms[sku], known_skus) if sku in boms else (stored.bom if stored else ())
            if bom is None:
                continue
            ref = rec.ref if rec is not None else boms[sku][0].ref
            made = _build(self.log, ref, "sku" if rec else "parent", _product_maker(rec, stored, bom))
            if made is not None:
                self.products[sku] = made
                self.result.products.append(Change(made, ref, stored))
        self._substitutes(known_skus)
        try:
            self.result.catalogue = Catalogue(self.products.values(), self.materials.values())
        except InvalidValue as error:
            if not self.log:  # otherwise the dangling line is already reported at its cell
                refs = [r.ref for r in self.parsed.bom] + [r.ref for r in self.parsed.products]
                _rule(self.log, (refs or [r.ref for r in self.parsed.materials])[0], "parent", error)

    def _substitutes(self, known_skus: set[str]) -> None:
        """Each material's "substitutes for" names a product of the file or the catalogue, in its unit."""
        for rec in self.parsed.materials:
            sku = rec.material.substitutes_for
            if sku is None or (sku in known_skus and sku not in self.products):
                continue  # the product's own row is wrong, and reported there
            if sku not in known_skus and sku not in self.materials:
                _unknown(self.log, rec.ref, "substitutes_for", "product")
                continue
            rule = partial(check_substitute, rec.material, self.products, self.materials)
            _build(self.log, rec.ref, "substitutes_for", rule)

    def _bom(self, lines: Sequence[BomRec], known_skus: set[str]) -> tuple[BomLine, ...] | None:
        result: list[BomLine] = []
        ok = True
        for line in lines:
            kind = line.kind
            if kind is None:
                if line.component in known_skus:
                    kind = ComponentKind.PRODUCT
                elif line.component in self.materials:
                    kind = ComponentKind.MATERIAL
            known = known_skus if kind is ComponentKind.PRODUCT else set(self.materials)
            if kind is None or line.component not in known:
                _unknown(self.log, line.ref, "component", "component")
                ok = False
                continue
            result.append(BomLine(kind, line.component, line.quantity))
        return tuple(result) if ok else None

    # --- members -----------------------------------------------------------------------------------

    def _members(self) -> None:
        stored = {m.bin: m for m in self.stored.members}
        file_members = {rec.bin: rec for rec in self.parsed.members}
        capacities = _groups(self.parsed.capacities, lambda r: r.bin)
        costs = _groups(self.parsed.unit_costs, lambda r: r.bin)
        certificates = _groups(self.parsed.certificates, lambda r: r.bin)
        bins = [
            *file_members,
            *(b for g in (capacities, costs, certificates) for b in g if b not in file_members),
        ]
        for bin_ in dict.fromkeys(bins):
            rec = file_members.get(bin_)
            before = stored.get(bin_)
            if rec is None and before is None:
                orphans: list[CapacityRec | UnitCostRec | CertificateRec] = [
                    *capacities[bin_],
                    *costs[bin_],
                    *certificates[bin_],
                ]
                for child in orphans:
                    _unknown(self.log, child.ref, "bin", "member")
                continue
            member = self._member(rec, before, capacities.get(bin_), costs.get(bin_), certificates.get(bin_))
            if member is not None:
                children: list[CapacityRec | UnitCostRec | CertificateRec] = [
                    *capacities.get(bin_, []),
                    *costs.get(bin_, []),
                    *certificates.get(bin_, []),
                ]
                ref = rec.ref if rec else children[0].ref
                self.result.members.append(Change(member, ref, before))

    def _member(
        self,
        rec: MemberRec | None,
        before: Member | None,
        capacities: list[CapacityRec] | None,
        costs: list[UnitCostRec] | None,
        certificates: list[CertificateRec] | None,
    ) -> Member | None:
        city = self.places.resolve(rec.place, rec.ref, "city", self.log) if rec else None
        unit_costs: dict[str, Money] = {}
        ok = rec is None or city is not None
        for cost in costs or []:
            if cost.sku not in self.products:
                _unknown(self.log, cost.ref, "sku", "product")
                ok = False
            unit_costs[cost.sku] = cost.cost
        for cert in certificates or []:
            if cert.certificate.product_sku is not None and cert.certificate.product_sku not in self.products:
                _unknown(self.log, cert.ref, "sku", "product")
                ok = False
        if not ok:
            return None
        base = before
        if rec is not None:
            assert city is not None
            fields = {
                "name": rec.name,
                "legal_form": rec.legal_form,
                "city": city,
                "processes": rec.processes,
                "active": rec.active,
            }
            if base is None:
                return _build(
                    self.log,
                    rec.ref,
                    "bin",
                    lambda: canonical(
                        Member(
                            bin=rec.bin,
                            capacities=tuple(c.capacity for c in capacities or []),
                            unit_costs=unit_costs,
                            certificates=tuple(c.certificate for c in certificates or []),
                            **fields,  # type: ignore[arg-type]
                        )
                    ),
                )
            base = replace(base, **fields)  # type: ignore[arg-type]
        assert base is not None
        ref = rec.ref if rec else (capacities or costs or certificates or [None])[0].ref  # type: ignore[union-attr]
        changes: dict[str, object] = {}
        if capacities is not None:
            changes["capacities"] = tuple(c.capacity for c in capacities)
        if costs is not None:
            changes["unit_costs"] = unit_costs
        if certificates is not None:
            changes["certificates"] = tuple(c.certificate for c in certificates)
        return _build(self.log, ref, "bin", lambda: canonical(replace(base, **changes)))  # type: ignore[arg-type]

    # --- buyers, orders, rates ---------------------------------------------------------------------

    def _buyers(self) -> None:
        for rec in self.parsed.buyers:
            city = self.places.resolve(rec.place, rec.ref, "city", self.log)
            if city is None:
                continue
            buyer = _build(
                self.log,
                rec.ref,
                "buyer_code",
                partial(Buyer, rec.code, rec.name, city.country, rec.kind, city),
            )
            if buyer is not None:
                before = self.buyers.get(buyer.code)
                self.buyers[buyer.code] = buyer
                self.result.buyers.append(Change(buyer, rec.ref, before))

    def _orders(self) -> None:
        stored = {o.number: o for o in self.stored.orders}
        file_orders = {rec.number: rec for rec in self.parsed.orders}
        lines = _groups(self.parsed.order_lines, lambda r: r.order)
        for number in dict.fromkeys([*file_orders, *lines]):
            rec, before = file_orders.get(number), stored.get(number)
            if rec is None and before is None:
                for line in lines[number]:
                    _unknown(self.log, line.ref, "order", "order")
                continue
            order = self._order(rec, before, lines.get(number))
            if order is not None:
                ref = rec.ref if rec else lines[number][0].ref
                self.result.orders.append(Change(order, ref, before))

    def _order(self, rec: OrderRec | None, before: Order | None, lines: list[LineRec] | None) -> Order | None:
        ref = rec.ref if rec else (lines or [])[0].ref
        if rec is not None:
            destination = self.places.resolve(rec.place, rec.ref, "destination", self.log)
            if rec.buyer not in self.buyers:
                _unknown(self.log, rec.ref, "buyer_code", "buyer")
                return None
            if destination is None:
                return None
        currency = rec.currency if rec else before.currency  # type: ignore[union-attr]
        made_lines = self._lines(lines, currency) if lines is not None else (before.lines if before else ())
        if made_lines is None:
            return None
        if not made_lines:
            where, value = ref.at("order")
            self.log.add(where, value, Problem("no_lines"), Expectation("lines"))
            return None
        if rec is not None:
            status = rec.status or (before.status if before else OrderStatus.DRAFT)
            make: Callable[[], Order] = lambda: Order(  # noqa: E731
                number=rec.number,
                buyer_code=rec.buyer,
                destination=destination,  # type: ignore[arg-type]
                currency=rec.currency,
                lines=made_lines,
                release=rec.release,
                required_certificates=rec.required,
                min_local_content=rec.min_local_content,
                confidential=rec.confidential,
                status=before.status if before else status,
            )
        else:
            assert before is not None
            status = before.status
            make = lambda: replace(before, lines=made_lines)  # noqa: E731
        order = _build(self.log, ref, "order", make)
        if order is None:
            return None
        if before is not None and status is not before.status:
            try:
                order = replace(order, status=before.moved_to(status).status)
            except IllegalTransition as error:
                _rule(self.log, ref, "status", error)
                return None
        if before is not None and before.status in FIXED and replace(order, status=before.status) != before:
            where, value = ref.at("order")
            self.log.add(
                where,
                value,
                Problem("order_fixed", {"status": before.status.value}),
                Expectation("unchanged"),
            )
            return None
        return order

    def _lines(self, records: list[LineRec], currency: Currency) -> tuple[OrderLine, ...] | None:
        used = {r.number for r in records if r.number is not None}
        next_number = 1
        result: list[OrderLine] = []
        ok = True
        for rec in records:
            number = rec.number
            if number is None:
                while next_number in used:
                    next_number += 1
                number = next_number
                used.add(number)
            product = self.products.get(rec.sku)
            if product is None:
                _unknown(self.log, rec.ref, "sku", "product")
                ok = False
                continue
            if rec.unit is not None and rec.unit is not product.unit:
                where, value = rec.ref.at("unit")
                self.log.add(
                    where,
                    value,
                    Problem("wrong_unit", {"unit": product.unit.value}),
                    Expectation("consistent"),
                )
                ok = False
                continue
            line = _build(
                self.log,
                rec.ref,
                "quantity",
                partial(
                    OrderLine,
                    number,
                    rec.sku,
                    Quantity(rec.quantity, product.unit),
                    rec.due,
                    Money(rec.unit_price, currency),
                ),
            )
            if line is None:
                ok = False
            else:
                result.append(line)
        return tuple(sorted(result, key=lambda line: line.number)) if ok else None

    def _rates(self) -> None:
        stored = {(r.currency, r.valid_from): r for r in self.stored.rates}
        for rec in self.parsed.rates:
            key = (rec.rate.currency, rec.rate.valid_from)
            self.result.rates.append(Change(rec.rate, rec.ref, stored.get(key)))


def _product_maker(
    rec: ProductRec | None, stored: Product | None, bom: tuple[BomLine, ...]
) -> Callable[[], Product]:
    def make() -> Product:
        if rec is not None:
            return Product(rec.sku, rec.names, rec.hs_code, rec.unit, rec.family, rec.process, bom)
        assert stored is not None
        return replace(stored, bom=bom)

    return make


def canonical(member: Member) -> Member:
    """Capacities and certificates in the order the registry keeps them, so equal members compare equal."""
    return replace(
        member,
        capacities=tuple(sorted(member.capacities, key=lambda c: c.family.value)),
        certificates=tuple(
            sorted(member.certificates, key=lambda c: (c.kind.value, c.number, c.product_sku or ""))
        ),
    )


def resolve(parsed: Parsed, stored: RegistrySnapshot, log: IssueLog) -> Resolved:
    return Resolver(parsed, stored, log).run()
