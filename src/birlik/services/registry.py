"""Use cases that keep the registry: members, the catalogue, buyers and orders.

Each checks the new record against what is already stored (the products it names exist, someone can
make what is ordered) before writing, so a refused record leaves the database untouched.
"""

from __future__ import annotations

from birlik.domain.buyers import Buyer
from birlik.domain.eligibility import able_to_make
from birlik.domain.errors import InvalidValue, NotFound
from birlik.domain.exchange import ExchangeRate
from birlik.domain.members import Member
from birlik.domain.orders import Order, OrderStatus
from birlik.domain.products import Catalogue
from birlik.services.unit_of_work import UnitOfWork


def save_catalogue(uow: UnitOfWork, catalogue: Catalogue) -> None:
    with uow:
        uow.catalogue.save(catalogue)
        uow.commit()


def check_member(member: Member, catalogue: Catalogue) -> None:
    """Refuse a member whose costs or certificates name products the catalogue does not have."""
    for sku in member.unit_costs:
        if sku not in catalogue.products:
            raise InvalidValue(f"unit cost of member {member.bin}", sku, "no product with this SKU")
    for cert in member.certificates:
        if cert.product_sku is not None and cert.product_sku not in catalogue.products:
            raise InvalidValue(f"certificate {cert.number}", cert.product_sku, "no product with this SKU")


def register_members(uow: UnitOfWork, members: list[Member]) -> None:
    with uow:
        catalogue = uow.catalogue.load()
        for member in members:
            check_member(member, catalogue)
            uow.members.save(member)
        uow.commit()


def save_buyers(uow: UnitOfWork, buyers: list[Buyer]) -> None:
    with uow:
        for buyer in buyers:
            uow.buyers.save(buyer)
        uow.commit()


def save_rates(uow: UnitOfWork, rates: list[ExchangeRate]) -> None:
    with uow:
        for rate in rates:
            uow.rates.save(rate)
        uow.commit()


def check_order(order: Order, catalogue: Catalogue, members: list[Member], buyer: Buyer | None) -> None:
    """Refuse an order the consortium could never deliver, naming the line and the product."""
    if buyer is None:
        raise NotFound("buyer", order.buyer_code)
    for line in order.lines:
        product = catalogue.products.get(line.product_sku)
        if product is None:
            raise InvalidValue(f"product of line {line.number}", line.product_sku, "no product with this SKU")
        if line.quantity.unit is not product.unit:
            raise InvalidValue(
                f"unit of line {line.number}",
                line.quantity.unit.value,
                f"{product.sku} is counted in {product.unit.value}",
            )
        if not able_to_make(members, product):
            raise InvalidValue(
                f"product of line {line.number}",
                line.product_sku,
                f"no member makes it (needs {product.process.value} and capacity for {product.family.value})",
            )


def place_orders(uow: UnitOfWork, orders: list[Order]) -> None:
    with uow:
        catalogue = uow.catalogue.load()
        members = uow.members.list()
        for order in orders:
            check_order(order, catalogue, members, uow.buyers.get(order.buyer_code))
            uow.orders.save(order)
        uow.commit()


def change_order_status(uow: UnitOfWork, number: str, status: OrderStatus) -> Order:
    with uow:
        order = uow.orders.get(number)
        if order is None:
            raise NotFound("order", number)
        moved = order.moved_to(status)
        uow.orders.save(moved)
        uow.commit()
        return moved
