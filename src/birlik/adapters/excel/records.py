"""Rows of each kind of sheet as typed records, checked cell by cell and by the domain's own rules.

Records still refer to each other by key (BIN, SKU, order number); the import service resolves those
against the rest of the file and the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from birlik.adapters.excel.issues import Problem, Where
from birlik.adapters.excel.rows import RowReader
from birlik.adapters.excel.sheets import SheetKind
from birlik.domain.calendar import Month
from birlik.domain.exchange import ExchangeRate
from birlik.domain.hs import HsCode
from birlik.domain.members import Capacity, Certificate
from birlik.domain.orders import OrderStatus
from birlik.domain.products import ComponentKind, Material, Names
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Currency, Family, Process, Unit


@dataclass(frozen=True)
class RowRef:
    """Where a record came from, so that a later check can point at the very cell."""

    where: Where
    cells: dict[str, Where]
    values: dict[str, object]

    def at(self, key: str) -> tuple[Where, object]:
        return self.cells.get(key, self.where), self.values.get(key)


@dataclass(frozen=True)
class PlaceRef:
    name: str
    region: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class MemberRec:
    ref: RowRef
    bin: str
    name: str
    legal_form: str
    place: PlaceRef
    processes: frozenset[Process]
    active: bool


@dataclass(frozen=True)
class CapacityRec:
    ref: RowRef
    bin: str
    capacity: Capacity


@dataclass(frozen=True)
class UnitCostRec:
    ref: RowRef
    bin: str
    sku: str
    cost: Money


@dataclass(frozen=True)
class CertificateRec:
    ref: RowRef
    bin: str
    certificate: Certificate


@dataclass(frozen=True)
class MaterialRec:
    ref: RowRef
    material: Material


@dataclass(frozen=True)
class ProductRec:
    ref: RowRef
    sku: str
    names: Names
    hs_code: HsCode
    unit: Unit
    family: Family
    process: Process


@dataclass(frozen=True)
class BomRec:
    ref: RowRef
    parent: str
    kind: ComponentKind | None
    component: str
    quantity: Decimal


@dataclass(frozen=True)
class BuyerRec:
    ref: RowRef
    code: str
    name: str
    kind: BuyerKind
    place: PlaceRef


@dataclass(frozen=True)
class OrderRec:
    ref: RowRef
    number: str
    buyer: str
    place: PlaceRef
    currency: Currency
    release: Month
    min_local_content: Decimal
    required: frozenset[CertificateKind]
    confidential: bool
    status: OrderStatus | None


@dataclass(frozen=True)
class LineRec:
    ref: RowRef
    order: str
    number: int | None
    sku: str
    quantity: Decimal
    unit: Unit | None
    due: Month
    unit_price: Decimal


@dataclass(frozen=True)
class RateRec:
    ref: RowRef
    rate: ExchangeRate


Record = (
    MemberRec
    | CapacityRec
    | UnitCostRec
    | CertificateRec
    | MaterialRec
    | ProductRec
    | BomRec
    | BuyerRec
    | OrderRec
    | LineRec
    | RateRec
)


def ref_of(r: RowReader) -> RowRef:
    return RowRef(r.where, {key: r.at(key) for key in r.headers}, dict(r.values))


def _place(r: RowReader, key: str) -> PlaceRef:
    return PlaceRef(
        r.text(key),
        r.text("region") or None,
        r.country("country"),
        r.coordinate("latitude"),
        r.coordinate("longitude"),
    )


def member(r: RowReader) -> MemberRec | None:
    bin_, name, form = r.bin(), r.text("name"), r.legal_form("legal_form")
    place, processes, active = _place(r, "city"), r.choices("processes", Process), r.boolean("active", True)
    return r.build(lambda: MemberRec(ref_of(r), bin_, name, form, place, processes, active))


def capacity(r: RowReader) -> CapacityRec | None:
    bin_, family, unit = r.bin(), r.choice("family", Family), r.choice("unit", Unit)
    monthly = r.decimal("monthly")
    use_rate = r.decimal("use_rate", positive=True, default=Decimal(1))
    if family is None or unit is None:
        return None
    return r.build(lambda: CapacityRec(ref_of(r), bin_, Capacity(family, monthly, unit, use_rate)))


def unit_cost(r: RowReader) -> UnitCostRec | None:
    bin_, sku, cost, currency = r.bin(), r.code("sku"), r.decimal("cost"), r.currency("currency")
    return r.build(lambda: UnitCostRec(ref_of(r), bin_, sku, Money(cost, currency)))


def certificate(r: RowReader) -> CertificateRec | None:
    bin_, kind, number = r.bin(), r.choice("certificate", CertificateKind), r.code("number")
    valid_from, valid_to = r.date("valid_from"), r.date("valid_to")
    sku, share = r.code("sku") or None, r.share("lc_share")
    if kind is None:
        return None
    return r.build(
        lambda: CertificateRec(ref_of(r), bin_, Certificate(kind, number, valid_from, valid_to, sku, share)),
        "certificate",
    )


def material(r: RowReader) -> MaterialRec | None:
    code = r.code("code")
    names = (r.text("name_en"), r.text("name_ru"), r.text("name_kk"))
    unit, origin = r.choice("unit", Unit), r.country("origin")
    price, currency = r.decimal("price"), r.currency("currency")
    replaces = r.code("substitutes_for") or None
    hs, wholly = r.hs_code("hs_code"), r.boolean("wholly_obtained", False)
    if unit is None or origin is None:
        return None
    return r.build(
        lambda: MaterialRec(
            ref_of(r),
            Material(code, Names(*names), unit, origin, Money(price, currency), replaces, hs, wholly),
        )
    )


def product(r: RowReader) -> ProductRec | None:
    sku = r.code("sku")
    names = (r.text("name_en"), r.text("name_ru"), r.text("name_kk"))
    hs, unit = r.hs_code("hs_code"), r.choice("unit", Unit)
    family, process = r.choice("family", Family), r.choice("process", Process)
    if hs is None or unit is None or family is None or process is None:
        return None
    return r.build(lambda: ProductRec(ref_of(r), sku, Names(*names), hs, unit, family, process))


def bom_line(r: RowReader) -> BomRec | None:
    parent, kind = r.code("parent"), r.choice("component_kind", ComponentKind)
    component, quantity = r.code("component"), r.decimal("quantity", positive=True)
    return r.build(lambda: BomRec(ref_of(r), parent, kind, component, quantity))


def buyer(r: RowReader) -> BuyerRec | None:
    code, name, kind = r.code("buyer_code"), r.text("name"), r.choice("buyer_kind", BuyerKind)
    place = _place(r, "city")
    if kind is None:
        return None
    return r.build(lambda: BuyerRec(ref_of(r), code, name, kind, place))


def order(r: RowReader) -> OrderRec | None:
    number, buyer_code = r.code("order"), r.code("buyer_code")
    place, currency, release = _place(r, "destination"), r.currency("currency"), r.month("release")
    floor = r.share("min_lc") or Decimal(0)
    required = r.choices("required", CertificateKind)
    confidential, status = r.boolean("confidential", False), r.choice("status", OrderStatus)
    return r.build(
        lambda: OrderRec(
            ref_of(r), number, buyer_code, place, currency, release, floor, required, confidential, status
        )
    )


def order_line(r: RowReader) -> LineRec | None:
    number_of_order, line = r.code("order"), r.integer("line")
    sku, quantity, unit = r.code("sku"), r.decimal("quantity", positive=True), r.choice("unit", Unit)
    due, price = r.month("due"), r.decimal("unit_price")
    if line is not None and line < 1:
        r.report("line", _positive())
    return r.build(lambda: LineRec(ref_of(r), number_of_order, line, sku, quantity, unit, due, price))


def rate(r: RowReader) -> RateRec | None:
    currency, since, value = (
        r.currency("currency"),
        r.date("valid_from"),
        r.decimal("kzt_per_unit", positive=True),
    )
    return r.build(lambda: RateRec(ref_of(r), ExchangeRate(currency, since, value)))


def _positive() -> Problem:
    return Problem("not_positive")


BUILDERS: dict[SheetKind, Callable[[RowReader], Record | None]] = {
    SheetKind.MEMBERS: member,
    SheetKind.CAPACITIES: capacity,
    SheetKind.UNIT_COSTS: unit_cost,
    SheetKind.CERTIFICATES: certificate,
    SheetKind.MATERIALS: material,
    SheetKind.PRODUCTS: product,
    SheetKind.BOM: bom_line,
    SheetKind.BUYERS: buyer,
    SheetKind.ORDERS: order,
    SheetKind.ORDER_LINES: order_line,
    SheetKind.RATES: rate,
}
