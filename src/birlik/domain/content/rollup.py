"""A product as one member makes it, rolled down through made inputs to purchased materials.

The model (documented in README, "Local content and origin"):
- The cost of the good at member M is M's unit cost for it: the full production cost without VAT and
  profit, materials included (that is what the registry records).
- Each BOM line is an input at M. A purchased material costs its quantity × price and has the origin its
  record states. A made input (yarn, greige, cloth) is bought from whoever the sourcing names, at that
  member's unit cost; its origin is decided by rolling it up in turn at its maker: it is Kazakh if it is
  made in Kazakhstan and originating there under the origin rules (wholly obtained, or sufficiently
  processed: change of heading, or the product rule). An imported substitute is a purchased material.
- M's own processing (unit cost less its inputs) is Kazakh value added; it is never foreign.
- An input of Kazakh origin counts as Kazakh whole (its own foreign contents are not looked through),
  both for origin and for the CT-KZ share: the formula subtracts "materials of foreign origin".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from birlik.domain.content.classification import foreign_hs_code
from birlik.domain.content.currency import to_kzt
from birlik.domain.content.origin import Criterion, OriginInput, OriginVerdict, judge
from birlik.domain.content.origin_rules import CIS_2009, Operation, RuleTable
from birlik.domain.content.sourcing import FromMember, Imported, Source, Sourcing
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRates
from birlik.domain.hs import HsCode
from birlik.domain.members import Member
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Product
from birlik.domain.vocabulary import Unit

UNKNOWN_ORIGINS = frozenset({"XX", "ZZ"})  # ISO user-assigned codes people use for "unknown"


class InputKind(StrEnum):
    MATERIAL = "material"
    MADE = "made"
    IMPORTED = "imported"  # an imported material standing in for a made input
    OWN_WORK = "own_work"


@dataclass(frozen=True, slots=True)
class InputLine:
    kind: InputKind
    code: str
    name: str
    quantity: Decimal
    unit: Unit | None
    unit_cost: Decimal  # KZT
    cost: Decimal  # KZT per unit of the product
    origin_country: str
    originating: bool  # of the maker's country (Kazakh for a member in Kazakhstan)
    wholly_obtained: bool
    hs_code: HsCode | None
    basis: str  # why this origin
    source: str  # the record the cost comes from
    supplier_bin: str | None = None
    detail: Rollup | None = None

    @property
    def foreign_cost(self) -> Decimal:
        return Decimal(0) if self.originating else self.cost


@dataclass(frozen=True, slots=True)
class Rollup:
    product: Product
    member: Member
    on: date
    unit_cost: Decimal  # KZT
    cost_source: str
    inputs: tuple[InputLine, ...]  # BOM inputs, then the member's own work
    origin: OriginVerdict

    @property
    def foreign_cost(self) -> Decimal:
        return sum((line.foreign_cost for line in self.inputs), Decimal(0))

    @property
    def kazakh(self) -> bool:
        return self.origin.originating and self.origin.country == "KZ"


@dataclass(frozen=True)
class Setting:
    """Everything a roll-up reads: records, the day, the sourcing choices and the rule table."""

    catalogue: Catalogue
    members: Mapping[str, Member]
    rates: ExchangeRates
    on: date
    sourcing: Sourcing = field(default_factory=Sourcing)
    rules: RuleTable = CIS_2009
    profit_margin: Decimal = Decimal(0)  # ex-works price = cost × (1 + margin), for the value test


class Roller:
    """Rolls products up at members; each (product, member) is computed once per setting."""

    def __init__(self, setting: Setting) -> None:
        self.s = setting
        self._done: dict[tuple[str, str], Rollup] = {}

    def member(self, bin_: str) -> Member:
        found = self.s.members.get(bin_)
        if found is None:
            raise InvalidValue("member", bin_, "no member with this BIN")
        return found

    def unit_cost(self, member: Member, sku: str) -> Decimal:
        cost = member.unit_costs.get(sku)
        if cost is None:
            raise InvalidValue(
                f"member {member.bin} ({member.name})", sku, "has no unit cost for it: does not make it"
            )
        amount = to_kzt(cost, self.s.on, self.s.rates)
        if amount <= 0:
            raise InvalidValue(
                f"unit cost of {sku} at member {member.bin}", str(cost), "must be greater than zero"
            )
        return amount

    def roll_up(self, sku: str, member_bin: str, path: tuple[str, ...] = ()) -> Rollup:
        if sku in path:
            raise InvalidValue("BOM", " → ".join((*path, sku)), "a product cannot contain itself")
        key = (sku, member_bin)
        if key not in self._done:
            self._done[key] = self._compute(
                self.s.catalogue.product(sku), self.member(member_bin), (*path, sku)
            )
        return self._done[key]

    def _compute(self, product: Product, member: Member, path: tuple[str, ...]) -> Rollup:
        unit_cost = self.unit_cost(member, product.sku)
        country = member.city.country
        lines = [self._line(bom, product, member, path) for bom in product.bom]
        inputs_cost = sum((line.cost for line in lines), Decimal(0))
        own = unit_cost - inputs_cost
        if own < 0:
            raise InvalidValue(
                f"unit cost of {product.sku} at member {member.bin} ({member.name})",
                f"{unit_cost:,.2f} KZT",
                f"is below the cost of its inputs ({inputs_cost:,.2f} KZT): check the cost or the sourcing",
            )
        lines.append(self._own_work(product, member, own))
        verdict = judge(
            product.hs_code,
            [OriginInput(x.code, x.hs_code, x.originating, x.wholly_obtained, x.cost) for x in lines[:-1]],
            unit_cost * (1 + self.s.profit_margin),
            self.s.on,
            self.s.rules,
            (Operation(product.process.value),),
            country,
        )
        source = f"unit cost of {product.sku} at {member.bin} ({member.unit_costs[product.sku]})"
        return Rollup(product, member, self.s.on, unit_cost, source, tuple(lines), verdict)

    def _own_work(self, product: Product, member: Member, own: Decimal) -> InputLine:
        country = member.city.country
        return InputLine(
            kind=InputKind.OWN_WORK,
            code=product.process.value,
            name=f"own {product.process.value} at {member.name}",
            quantity=Decimal(1),
            unit=None,
            unit_cost=own,
            cost=own,
            origin_country=country,
            originating=True,
            wholly_obtained=False,
            hs_code=None,
            basis=f"value added by the maker in {country}",
            source="unit cost less the inputs",
        )

    def _line(self, bom: BomLine, parent: Product, member: Member, path: tuple[str, ...]) -> InputLine:
        if bom.kind is ComponentKind.MATERIAL:
            return self._material(
                self.s.catalogue.materials[bom.component], bom.quantity, member, InputKind.MATERIAL
            )
        source = self._source_of(bom.component, parent, member)
        if isinstance(source, Imported):
            material = self.s.catalogue.materials.get(source.material_code)
            made = self.s.catalogue.product(bom.component)
            if material is None:
                raise InvalidValue(f"source of {bom.component}", source.material_code, "no such material")
            if material.unit is not made.unit:
                raise InvalidValue(
                    f"source of {bom.component}", material.code,
                    f"is counted in {material.unit.value}, {made.sku} in {made.unit.value}",
                )  # fmt: skip
            return self._material(material, bom.quantity, member, InputKind.IMPORTED)
        detail = self.roll_up(bom.component, source.bin, path)
        how = (
            "own production"
            if source.bin == member.bin
            else f"bought from {detail.member.name} ({source.bin})"
        )
        verdict = detail.origin
        status = "originating" if verdict.originating else "NOT originating"
        maker_country = detail.member.city.country
        return InputLine(
            kind=InputKind.MADE,
            code=bom.component,
            name=detail.product.names.en,
            quantity=bom.quantity,
            unit=detail.product.unit,
            unit_cost=detail.unit_cost,
            cost=bom.quantity * detail.unit_cost,
            origin_country=maker_country if verdict.originating else f"not {maker_country}",
            originating=verdict.originating and maker_country == member.city.country,
            wholly_obtained=verdict.criterion is Criterion.WHOLLY_OBTAINED,
            hs_code=detail.product.hs_code,
            basis=f"{how}, made in {maker_country}: {status} — {verdict.reason}",
            source=detail.cost_source,
            supplier_bin=source.bin,
            detail=detail,
        )

    def _material(self, material: Material, quantity: Decimal, member: Member, kind: InputKind) -> InputLine:
        if material.origin_country in UNKNOWN_ORIGINS:
            raise InvalidValue(
                f"origin of material {material.code}", material.origin_country, "unknown origin"
            )
        price = to_kzt(material.price, self.s.on, self.s.rates)
        if price <= 0:
            raise InvalidValue(
                f"price of material {material.code}", str(material.price), "a zero price would hide its share"
            )
        local = material.origin_country == member.city.country
        hs_code = material.hs_code if local else foreign_hs_code(material)  # raises, naming the material
        return InputLine(
            kind=kind,
            code=material.code,
            name=material.names.en,
            quantity=quantity,
            unit=material.unit,
            unit_cost=price,
            cost=quantity * price,
            origin_country=material.origin_country,
            originating=local,
            wholly_obtained=local and material.wholly_obtained,
            hs_code=hs_code,
            basis=f"material record: origin {material.origin_country}",
            source=f"price of {material.code} ({material.price})",
        )

    def _source_of(self, sku: str, parent: Product, maker: Member) -> Source:
        chosen = self.s.sourcing.choices.get(sku)
        if chosen is not None:
            if isinstance(chosen, FromMember):
                self.unit_cost(self.member(chosen.bin), sku)  # refuses a member that does not make it
            return chosen
        if sku in maker.unit_costs:
            return FromMember(maker.bin)
        makers = [m for m in self.s.members.values() if m.active and sku in m.unit_costs]
        if not makers:
            raise InvalidValue(
                f"BOM of {parent.sku}", sku, "no member makes it: name an import with --source SKU=MATERIAL"
            )
        cheapest = min(makers, key=lambda m: (self.unit_cost(m, sku), m.bin))
        return FromMember(cheapest.bin)
