"""Buyers and orders, upserted by buyer code and order number."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from birlik.adapters.db.places import city_row, to_city
from birlik.adapters.db.tables import BuyerRow, OrderLineRow, OrderRow
from birlik.domain.buyers import Buyer
from birlik.domain.calendar import Month
from birlik.domain.errors import NotFound
from birlik.domain.orders import Order, OrderLine, OrderStatus
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Currency, Unit


class BuyerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, buyer: Buyer) -> None:
        city = city_row(self.session, buyer.city)
        row = self.session.scalars(select(BuyerRow).where(BuyerRow.code == buyer.code)).one_or_none()
        if row is None:
            row = BuyerRow(code=buyer.code)
            self.session.add(row)
        row.name, row.country, row.kind = buyer.name, buyer.country, buyer.kind.value
        row.city = city
        self.session.flush()

    def get(self, code: str) -> Buyer | None:
        row = self.session.scalars(select(BuyerRow).where(BuyerRow.code == code)).one_or_none()
        return None if row is None else to_buyer(row)

    def list(self) -> list[Buyer]:
        return [to_buyer(r) for r in self.session.scalars(select(BuyerRow).order_by(BuyerRow.code))]


def to_buyer(row: BuyerRow) -> Buyer:
    return Buyer(row.code, row.name, row.country, BuyerKind(row.kind), to_city(row.city))


class OrderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, number: str) -> OrderRow | None:
        return self.session.scalars(select(OrderRow).where(OrderRow.number == number)).one_or_none()

    def get(self, number: str) -> Order | None:
        row = self._row(number)
        return None if row is None else to_order(row)

    def list(self, statuses: frozenset[OrderStatus] | None = None) -> list[Order]:
        query = select(OrderRow).order_by(OrderRow.number)
        if statuses is not None:
            query = query.where(OrderRow.status.in_(sorted(s.value for s in statuses)))
        return [to_order(r) for r in self.session.scalars(query)]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(OrderRow)) or 0

    def line_id(self, order_number: str, line_number: int) -> int:
        line_id = self.session.scalar(
            select(OrderLineRow.id)
            .join(OrderRow)
            .where(OrderRow.number == order_number, OrderLineRow.number == line_number)
        )
        if line_id is None:
            raise NotFound("order line", f"{order_number}/{line_number}")
        return line_id

    def save(self, order: Order) -> None:
        """Insert or update the order. Lines are matched by number so plans referring to them survive."""
        destination = city_row(self.session, order.destination)
        row = self._row(order.number)
        buyer_id = self.session.scalar(select(BuyerRow.id).where(BuyerRow.code == order.buyer_code))
        if buyer_id is None:
            raise NotFound("buyer", order.buyer_code)
        if row is None:
            row = OrderRow(number=order.number)
            self.session.add(row)
        row.buyer_id = buyer_id
        row.destination = destination
        row.currency = order.currency.value
        row.release_month = str(order.release)
        row.min_local_content = order.min_local_content
        row.confidential = order.confidential
        row.status = order.status.value
        row.required_certificates = ",".join(sorted(k.value for k in order.required_certificates))
        existing = {line.number: line for line in row.lines}
        kept: list[OrderLineRow] = []
        for line in order.lines:
            line_row = existing.get(line.number) or OrderLineRow(number=line.number)
            line_row.product_sku = line.product_sku
            line_row.quantity = line.quantity.amount
            line_row.unit = line.quantity.unit.value
            line_row.due_month = str(line.due)
            line_row.unit_price = line.unit_price.amount
            kept.append(line_row)
        row.lines = kept
        self.session.flush()


def to_order(row: OrderRow) -> Order:
    currency = Currency(row.currency)
    return Order(
        number=row.number,
        buyer_code=row.buyer.code,
        destination=to_city(row.destination),
        currency=currency,
        lines=tuple(
            OrderLine(
                number=line.number,
                product_sku=line.product_sku,
                quantity=Quantity(line.quantity, Unit(line.unit)),
                due=Month.parse(line.due_month),
                unit_price=Money(line.unit_price, currency),
            )
            for line in row.lines
        ),
        release=Month.parse(row.release_month),
        required_certificates=frozenset(
            CertificateKind(k) for k in row.required_certificates.split(",") if k
        ),
        min_local_content=row.min_local_content,
        confidential=row.confidential,
        status=OrderStatus(row.status),
    )
