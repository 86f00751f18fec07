"""Small builders for domain tests: each makes a valid object, tests change one thing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from birlik.domain.calendar import Month
from birlik.domain.geography import City
from birlik.domain.hs import HsCode
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order, OrderLine
from birlik.domain.products import BomLine, ComponentKind, Material, Names, Product
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import CertificateKind, Currency, Family, Process, Unit

SHYMKENT = City("Shymkent", "Shymkent", "KZ", 42.3417, 69.5901)
MINSK = City("Minsk", "Minsk", "BY", 53.9006, 27.5590)
BIN_A = "123456789013"
BIN_B = "000740001307"


def fibre() -> Material:
    return Material("FIBRE-KZ", Names("Cotton fibre"), Unit.KILOGRAM, "KZ", Money(Decimal(320), Currency.KZT))


def calico() -> Product:
    return Product(
        "CALICO",
        Names("Greige calico", "Бязь суровая", "Шикі бөз"),
        HsCode.parse("5208.12"),
        Unit.METRE,
        Family.GREIGE_FABRIC,
        Process.WEAVING,
        (BomLine(ComponentKind.MATERIAL, "FIBRE-KZ", Decimal("0.16")),),
    )


def weaver(bin_: str = BIN_A, *, certificates: tuple[Certificate, ...] = ()) -> Member:
    return Member(
        bin=bin_,
        name="Ontustik Mata",
        city=SHYMKENT,
        processes=frozenset({Process.WEAVING}),
        capacities=(Capacity(Family.GREIGE_FABRIC, Decimal(1_500_000), Unit.METRE),),
        unit_costs={"CALICO": Money(Decimal(310), Currency.KZT)},
        certificates=certificates,
    )


def ct_kz(share: str = "0.85", valid_to: date = date(2027, 12, 31)) -> Certificate:
    return Certificate(CertificateKind.CT_KZ, "KZ-001", date(2026, 1, 1), valid_to, "CALICO", Decimal(share))


def calico_order(**changes: object) -> Order:
    fields: dict[str, object] = {
        "number": "BY-1",
        "buyer_code": "BY-TEX",
        "destination": MINSK,
        "currency": Currency.BYN,
        "lines": (
            OrderLine(
                1,
                "CALICO",
                Quantity(Decimal(100_000), Unit.METRE),
                Month(2027, 3),
                Money(Decimal(2), Currency.BYN),
            ),
        ),
        "release": Month(2027, 1),
    }
    fields.update(changes)
    return Order(**fields)  # type: ignore[arg-type]
