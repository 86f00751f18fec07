"""Turn the demo data into domain objects and store them through the registry's use cases.

The data module is plain records; everything goes through the same validation as user input, so the
demo cannot hold a record that an import would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from birlik.demo import data
from birlik.domain.buyers import Buyer
from birlik.domain.calendar import Month
from birlik.domain.exchange import ExchangeRate
from birlik.domain.geography import City
from birlik.domain.hs import HsCode
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order, OrderLine, OrderStatus
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Names, Product
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import Currency
from birlik.services import registry
from birlik.services.unit_of_work import UnitOfWork

_CITIES = {c.name_en: c for c in data.CITIES}


def demo_city(name: str) -> City:
    c = _CITIES[name]
    return City(c.name_en, c.region, c.country, c.latitude, c.longitude)


def demo_catalogue() -> Catalogue:
    materials = [
        Material(
            m.code,
            Names(m.name_en, m.name_ru),
            m.unit,
            m.origin_country,
            Money(Decimal(m.price_kzt), Currency.KZT),
            m.substitutes_for,
            None if m.hs_code is None else HsCode.parse(m.hs_code),
            m.wholly_obtained,
        )
        for m in data.MATERIALS
    ]
    products = [
        Product(
            p.sku,
            Names(p.name_en, p.name_ru, p.name_kk),
            HsCode.parse(p.hs_code),
            p.unit,
            p.family,
            p.process,
            tuple(BomLine(ComponentKind(b.kind), b.component, Decimal(b.quantity)) for b in p.bom),
        )
        for p in data.PRODUCTS
    ]
    return Catalogue(products, materials)


def demo_members() -> list[Member]:
    return [
        Member(
            bin=m.bin,
            name=m.name,
            legal_form=m.legal_form,
            city=demo_city(m.city),
            processes=frozenset(m.processes),
            capacities=tuple(
                Capacity(c.family, Decimal(c.monthly), c.unit, Decimal(c.use_rate)) for c in m.capacities
            ),
            unit_costs={u.product_sku: Money(Decimal(u.cost_kzt), Currency.KZT) for u in m.unit_costs},
            certificates=tuple(
                Certificate(
                    c.kind,
                    c.number,
                    c.valid_from,
                    c.valid_to,
                    c.product_sku,
                    None if c.local_content_share is None else Decimal(c.local_content_share),
                )
                for c in m.certificates
            ),
        )
        for m in data.MEMBERS
    ]


def demo_buyers() -> list[Buyer]:
    return [Buyer(b.code, b.name, b.country, b.kind, demo_city(b.city)) for b in data.BUYERS]


def demo_orders(catalogue: Catalogue) -> list[Order]:
    """The six orders of the story, confirmed (open) so that the planner takes them."""
    return [
        Order(
            number=o.number,
            buyer_code=o.buyer,
            destination=demo_city(o.destination),
            currency=o.currency,
            lines=tuple(
                OrderLine(
                    number,
                    line.product_sku,
                    Quantity(Decimal(line.quantity), catalogue.product(line.product_sku).unit),
                    Month(*line.due),
                    Money(Decimal(line.unit_price), o.currency),
                )
                for number, line in enumerate(o.lines, start=1)
            ),
            release=Month(*o.release),
            required_certificates=frozenset(o.required_certificates),
            min_local_content=Decimal(o.min_local_content or 0),
            confidential=o.confidential,
            status=OrderStatus.OPEN,
        )
        for o in data.ORDERS
    ]


def demo_rates() -> list[ExchangeRate]:
    """The demo's conversion rates, in force from the start of the year before the horizon."""
    since = Month(*data.HORIZON_START).plus(-12).first_day()
    return [ExchangeRate(r.currency, since, Decimal(r.kzt_per_unit)) for r in data.EXCHANGE_RATES_KZT]


def load_demo(uow_factory: Callable[[], UnitOfWork]) -> None:
    """Create or refresh the demo consortium; re-running it changes nothing that is already there."""
    catalogue = demo_catalogue()
    registry.save_catalogue(uow_factory(), catalogue)
    registry.register_members(uow_factory(), demo_members())
    registry.save_buyers(uow_factory(), demo_buyers())
    registry.place_orders(uow_factory(), demo_orders(catalogue))
    registry.save_rates(uow_factory(), demo_rates())
