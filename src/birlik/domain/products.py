"""The catalogue: products with HS codes and bills of materials down to the fibre.

A BOM line points either to another product (made by a member: yarn, greige, finished cloth) or to a
purchased material with its country of origin and price. Rolling a BOM down to purchased materials is
what local content and origin are computed from, so the catalogue refuses cycles and dangling lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Family, Process, Unit


@dataclass(frozen=True, slots=True)
class Names:
    """A name in the consortium's three languages; English is the fallback."""

    en: str
    ru: str = ""
    kk: str = ""

    def __post_init__(self) -> None:
        if not self.en.strip():
            raise InvalidValue("name_en", self.en, "an English name is required (it is the fallback)")

    def in_language(self, language: str) -> str:
        return {"ru": self.ru, "kk": self.kk}.get(language, "") or self.en


@dataclass(frozen=True, slots=True)
class Material:
    """Something bought, not made by members: fibre, dyes, thread, buttons, imported cloth.

    ``substitutes_for`` names the member-made product (e.g. a finished cloth) this material can stand
    in for when bought instead: the registry's own record of which import can replace which cloth, so
    planning can weigh member cloth against it without being told on the command line.

    ``hs_code`` is the material's classification, which the CIS origin rules compare with the product's
    heading when the material is foreign; optional, since a domestic material needs none, but a foreign
    one without it stops an origin verdict (and so a share) for every good it goes into.
    ``wholly_obtained`` marks products of the soil or livestock of their origin country (ginned
    cotton lint): a good made of such inputs alone is "wholly obtained" under the same rules.
    """

    code: str
    names: Names
    unit: Unit
    origin_country: str
    price: Money
    substitutes_for: str | None = None
    hs_code: HsCode | None = None
    wholly_obtained: bool = False

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise InvalidValue("material code", self.code, "a material needs a code")
        if self.hs_code is not None:
            # Parsed again whatever it was given as (an HsCode built without its parser, or text from an
            # untyped caller), so a stored material always carries a code that exists, named by material.
            given: object = self.hs_code
            text = given.digits if isinstance(given, HsCode) else given
            object.__setattr__(self, "hs_code", HsCode.parse(text, f"HS code of material {self.code}"))
        if not isinstance(self.wholly_obtained, bool):
            raise InvalidValue(
                f"wholly_obtained of material {self.code}", self.wholly_obtained, "must be yes or no"
            )
        if self.substitutes_for is not None and not self.substitutes_for.strip():
            raise InvalidValue(
                "substitutes_for", self.substitutes_for, "name the SKU of a product, or leave it empty"
            )
        if len(self.origin_country) != 2 or not self.origin_country.isupper():
            raise InvalidValue("origin_country", self.origin_country, "use the ISO code, e.g. KZ")
        if self.price.amount < 0:
            raise InvalidValue(f"price of {self.code}", str(self.price), "cannot be negative")


class ComponentKind(StrEnum):
    PRODUCT = "product"
    MATERIAL = "material"


@dataclass(frozen=True, slots=True)
class BomLine:
    kind: ComponentKind
    component: str  # a product SKU or a material code
    quantity: Decimal  # per unit of the parent product, in the component's unit

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise InvalidValue(f"BOM quantity of {self.component}", self.quantity, "must be > 0")


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    names: Names
    hs_code: HsCode
    unit: Unit
    family: Family
    process: Process
    bom: tuple[BomLine, ...] = ()

    def __post_init__(self) -> None:
        if not self.sku.strip():
            raise InvalidValue("sku", self.sku, "a product needs a SKU")
        components = [line.component for line in self.bom]
        repeated = {c for c in components if components.count(c) > 1}
        if repeated:
            raise InvalidValue(f"BOM of {self.sku}", sorted(repeated), "lists a component twice")


@dataclass(frozen=True, slots=True)
class MaterialNeed:
    """One purchased material in a product's fully rolled-up BOM, per unit of the product."""

    material: Material
    quantity: Decimal


def check_substitute(
    material: Material, products: Mapping[str, Product], materials: Mapping[str, Material]
) -> None:
    """Refuse a material whose ``substitutes_for`` names no product members make, or one counted in
    another unit (a metre of imported cloth replaces a metre of member cloth, nothing else)."""
    sku = material.substitutes_for
    if sku is None:
        return
    field = f"substitutes_for of material {material.code}"
    product = products.get(sku)
    if product is None:
        why = (
            "is a purchased material: only a product members make can be replaced by an import"
            if sku in materials
            else "no product with this SKU in the catalogue"
        )
        raise InvalidValue(field, sku, why)
    if product.unit is not material.unit:
        raise InvalidValue(
            field,
            sku,
            f"{sku} is counted in {product.unit.value}, {material.code} in {material.unit.value}: "
            "a substitute must be counted in the same unit",
        )


class Catalogue:
    """Products and materials together, checked as a whole: every BOM resolves, nothing is cyclic,
    every substitute stands in for a product of the catalogue."""

    def __init__(self, products: Iterable[Product], materials: Iterable[Material]) -> None:
        self.products: Mapping[str, Product] = {p.sku: p for p in products}
        self.materials: Mapping[str, Material] = {m.code: m for m in materials}
        self._check()

    def _check(self) -> None:
        for product in self.products.values():
            for line in product.bom:
                known = self.products if line.kind is ComponentKind.PRODUCT else self.materials
                if line.component not in known:
                    raise InvalidValue(
                        f"BOM of {product.sku}",
                        line.component,
                        f"no {line.kind.value} with this code in the catalogue",
                    )
        for sku in self.products:
            self._walk(sku, ())
        for material in self.materials.values():
            check_substitute(material, self.products, self.materials)

    def _walk(self, sku: str, path: tuple[str, ...]) -> None:
        if sku in path:
            cycle = " → ".join((*path, sku))
            raise InvalidValue("BOM", cycle, "a product cannot contain itself")
        for line in self.products[sku].bom:
            if line.kind is ComponentKind.PRODUCT:
                self._walk(line.component, (*path, sku))

    def product(self, sku: str) -> Product:
        try:
            return self.products[sku]
        except KeyError:
            raise InvalidValue("sku", sku, "no product with this SKU in the catalogue") from None

    def substitutes(self, sku: str) -> list[Material]:
        """The materials the registry says can stand in for this product, by code."""
        return sorted((m for m in self.materials.values() if m.substitutes_for == sku), key=lambda m: m.code)

    def purchased_materials(self, sku: str) -> list[MaterialNeed]:
        """The product's BOM rolled down through made products to purchased materials, per unit."""
        totals: dict[str, Decimal] = {}

        def add(product_sku: str, factor: Decimal) -> None:
            for line in self.products[product_sku].bom:
                if line.kind is ComponentKind.PRODUCT:
                    add(line.component, factor * line.quantity)
                else:
                    totals[line.component] = totals.get(line.component, Decimal(0)) + (factor * line.quantity)

        add(self.product(sku).sku, Decimal(1))
        return [MaterialNeed(self.materials[code], qty) for code, qty in sorted(totals.items())]
