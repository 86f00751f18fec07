from __future__ import annotations

from decimal import Decimal

import pytest

from birlik.domain.calendar import Month
from birlik.domain.errors import IllegalTransition, InvalidValue
from birlik.domain.orders import OrderLine, OrderStatus
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import Currency, Unit
from tests.unit.domain.builders import calico_order


def line(**changes: object) -> OrderLine:
    fields: dict[str, object] = {
        "number": 1,
        "product_sku": "CALICO",
        "quantity": Quantity(Decimal(10), Unit.METRE),
        "due": Month(2027, 3),
        "unit_price": Money(Decimal(2), Currency.BYN),
    }
    fields.update(changes)
    return OrderLine(**fields)  # type: ignore[arg-type]


class TestOrderLines:
    @pytest.mark.parametrize("amount", [0, -5])
    def test_refuses_zero_or_negative_quantities(self, amount: int) -> None:
        with pytest.raises(InvalidValue, match="quantity of line 1.*must be greater than zero"):
            line(quantity=Quantity(Decimal(amount), Unit.METRE))

    def test_refuses_an_order_without_lines(self) -> None:
        with pytest.raises(InvalidValue, match="at least one line"):
            calico_order(lines=())

    def test_refuses_prices_in_another_currency(self) -> None:
        with pytest.raises(InvalidValue, match="the order is in BYN"):
            calico_order(lines=(line(unit_price=Money(Decimal(2), Currency.USD)),))

    def test_refuses_a_line_due_before_the_order_is_released(self) -> None:
        with pytest.raises(InvalidValue, match="due month of line 1.*is before 2027-01"):
            calico_order(lines=(line(due=Month(2026, 12)),))

    def test_refuses_a_local_content_floor_above_one_hundred_percent(self) -> None:
        with pytest.raises(InvalidValue, match="min_local_content"):
            calico_order(min_local_content=Decimal("1.2"))

    def test_order_value_sums_its_lines(self) -> None:
        order = calico_order(lines=(line(), line(number=2, quantity=Quantity(Decimal(5), Unit.METRE))))
        assert order.value == Money(Decimal(30), Currency.BYN)


class TestOrderLifeCycle:
    def test_an_order_goes_from_draft_to_closed(self) -> None:
        order = calico_order()
        for status in (
            OrderStatus.OPEN,
            OrderStatus.PLANNED,
            OrderStatus.IN_PRODUCTION,
            OrderStatus.SHIPPED,
            OrderStatus.CLOSED,
        ):
            order = order.moved_to(status)
        assert order.status is OrderStatus.CLOSED

    def test_a_shipped_order_cannot_go_back_to_draft(self) -> None:
        order = calico_order(status=OrderStatus.SHIPPED)
        with pytest.raises(
            IllegalTransition, match="is shipped and cannot become draft .allowed next: closed"
        ):
            order.moved_to(OrderStatus.DRAFT)

    def test_a_cancelled_order_is_final(self) -> None:
        with pytest.raises(IllegalTransition, match="none: it is final"):
            calico_order(status=OrderStatus.CANCELLED).moved_to(OrderStatus.OPEN)
