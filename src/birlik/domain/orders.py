"""Orders: contracts the consortium has won, with lines to split among members.

An order moves through a small life cycle; each transition is checked, so an order that is shipped
cannot silently go back to draft and a cancelled one cannot be planned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from birlik.domain.calendar import Month
from birlik.domain.errors import IllegalTransition, InvalidValue
from birlik.domain.geography import City
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import CertificateKind, Currency


class OrderStatus(StrEnum):
    DRAFT = "draft"  # being entered; not planned
    OPEN = "open"  # confirmed; the planner splits it
    PLANNED = "planned"  # an approved plan covers it
    IN_PRODUCTION = "in_production"
    SHIPPED = "shipped"
    CLOSED = "closed"
    CANCELLED = "cancelled"


_TRANSITIONS: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.DRAFT: (OrderStatus.OPEN, OrderStatus.CANCELLED),
    OrderStatus.OPEN: (OrderStatus.PLANNED, OrderStatus.CANCELLED),
    OrderStatus.PLANNED: (OrderStatus.OPEN, OrderStatus.IN_PRODUCTION, OrderStatus.CANCELLED),
    OrderStatus.IN_PRODUCTION: (OrderStatus.SHIPPED,),
    OrderStatus.SHIPPED: (OrderStatus.CLOSED,),
    OrderStatus.CLOSED: (),
    OrderStatus.CANCELLED: (),
}

PLANNABLE = frozenset({OrderStatus.OPEN, OrderStatus.PLANNED})


@dataclass(frozen=True, slots=True)
class OrderLine:
    number: int
    product_sku: str
    quantity: Quantity
    due: Month
    unit_price: Money

    def __post_init__(self) -> None:
        if self.number < 1:
            raise InvalidValue("line number", self.number, "lines are numbered from 1")
        self.quantity.positive(f"quantity of line {self.number}")
        if self.unit_price.amount < 0:
            raise InvalidValue(f"unit price of line {self.number}", str(self.unit_price), "< 0")

    @property
    def value(self) -> Money:
        return self.unit_price * self.quantity.amount


@dataclass(frozen=True, slots=True)
class Order:
    number: str
    buyer_code: str
    destination: City
    currency: Currency
    lines: tuple[OrderLine, ...]
    release: Month
    required_certificates: frozenset[CertificateKind] = frozenset()
    min_local_content: Decimal = Decimal(0)
    confidential: bool = False
    status: OrderStatus = OrderStatus.DRAFT

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise InvalidValue("order number", self.number, "an order needs a number")
        if not self.lines:
            raise InvalidValue(f"order {self.number}", "no lines", "an order needs at least one line")
        numbers = [line.number for line in self.lines]
        if len(set(numbers)) != len(numbers):
            raise InvalidValue(f"order {self.number}", numbers, "line numbers must be unique")
        for line in self.lines:
            if line.unit_price.currency is not self.currency:
                raise InvalidValue(
                    f"unit price of line {line.number}",
                    str(line.unit_price),
                    f"the order is in {self.currency.value}",
                )
            if line.due < self.release:
                raise InvalidValue(
                    f"due month of line {line.number}", str(line.due), f"is before {self.release}"
                )
        if not Decimal(0) <= self.min_local_content <= Decimal(1):
            raise InvalidValue(
                "min_local_content", self.min_local_content, "must be between 0 and 1 (0–100 %)"
            )

    @property
    def value(self) -> Money:
        total = Money(Decimal(0), self.currency)
        for line in self.lines:
            total = total + line.value
        return total

    def line(self, number: int) -> OrderLine:
        for line in self.lines:
            if line.number == number:
                return line
        raise InvalidValue(f"order {self.number}", number, "has no such line")

    def allowed_next(self) -> tuple[OrderStatus, ...]:
        return _TRANSITIONS[self.status]

    def moved_to(self, status: OrderStatus) -> Order:
        """The same order in a new status, if the life cycle allows the move."""
        if status not in _TRANSITIONS[self.status]:
            raise IllegalTransition(
                f"order {self.number}",
                self.status.value,
                status.value,
                tuple(s.value for s in _TRANSITIONS[self.status]),
            )
        return replace(self, status=status)
