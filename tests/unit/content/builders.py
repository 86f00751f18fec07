"""A small catalogue for error and property tests: fibre → yarn → cloth → garment, with trims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from birlik.domain.content.rollup import Roller, Setting
from birlik.domain.content.sourcing import Sourcing
from birlik.domain.exchange import ExchangeRate, ExchangeRates
from birlik.domain.hs import HsCode
from birlik.domain.members import Member
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Names, Product
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency, Family, Process, Unit
from tests.unit.domain.builders import BIN_A, BIN_B, SHYMKENT

DAY = date(2027, 3, 1)


def material(
    code: str,
    origin: str,
    price: str,
    unit: Unit = Unit.KILOGRAM,
    hs: str | None = None,
    *,
    wholly_obtained: bool = False,
) -> Material:
    hs_code = None if hs is None else HsCode.parse(hs)
    return Material(
        code, Names(code), unit, origin, Money(Decimal(price), Currency.KZT), None, hs_code, wholly_obtained
    )


def product(sku: str, hs: str, process: Process, *bom: tuple[str, str, str]) -> Product:
    lines = tuple(BomLine(ComponentKind(kind), code, Decimal(qty)) for kind, code, qty in bom)
    return Product(sku, Names(sku), HsCode.parse(hs), Unit.METRE, Family.GREIGE_FABRIC, process, lines)


def mill(bin_: str = BIN_A, **costs: str) -> Member:
    return Member(
        bin=bin_,
        name=f"Mill {bin_[-3:]}",
        city=SHYMKENT,
        processes=frozenset(Process),
        unit_costs={sku.replace("_", "-"): Money(Decimal(c), Currency.KZT) for sku, c in costs.items()},
    )


def catalogue(*materials: Material, extra: tuple[Product, ...] = ()) -> Catalogue:
    base = (
        material("LINT", "KZ", "300", hs="5201.00", wholly_obtained=True),
        material("SIZE", "CN", "1000", hs="3905.30"),
        material("TRIM", "TR", "50", Unit.PIECE, hs="9606.21"),
    )
    products = (
        product("YARN", "5205.12", Process.SPINNING, ("material", "LINT", "1.1")),
        product(
            "CLOTH", "5208.12", Process.WEAVING, ("product", "YARN", "0.2"), ("material", "SIZE", "0.01")
        ),
        product("SUIT", "6203.22", Process.SEWING, ("product", "CLOTH", "3"), ("material", "TRIM", "4")),
    )
    return Catalogue((*products, *extra), (*base, *materials))


def roller(cat: Catalogue, *members: Member, sources: tuple[str, ...] = ()) -> Roller:
    rates = ExchangeRates([ExchangeRate(Currency.USD, date(2026, 1, 1), Decimal(500))])
    setting = Setting(cat, {m.bin: m for m in members}, rates, DAY, Sourcing.parse(sources))
    return Roller(setting)


__all__ = ["BIN_A", "BIN_B", "DAY", "catalogue", "material", "mill", "product", "roller"]
