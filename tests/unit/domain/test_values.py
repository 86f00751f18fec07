from __future__ import annotations

from decimal import Decimal

import pytest

from birlik.domain.calendar import Month, months_between
from birlik.domain.errors import InvalidValue
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import Currency, Unit


class TestMoney:
    def test_reads_decimal_commas_and_thousand_separators(self) -> None:
        assert Money.of("1 234,50", "kzt") == Money(Decimal("1234.50"), Currency.KZT)

    def test_never_adds_tenge_to_roubles(self) -> None:
        with pytest.raises(InvalidValue, match="cannot combine with KZT"):
            _ = Money.of(1, "KZT") + Money.of(1, "RUB")

    def test_refuses_an_unknown_currency_and_lists_the_known_ones(self) -> None:
        with pytest.raises(InvalidValue, match="unknown currency; use one of KZT, UZS"):
            Money.of(1, "XYZ")


class TestQuantity:
    def test_refuses_an_unknown_unit(self) -> None:
        with pytest.raises(InvalidValue, match="quantity unit = 'yards': unknown unit"):
            Quantity.of(5, "yards")

    @pytest.mark.parametrize("amount", ["0", "-3", "-0.001"])
    def test_refuses_zero_or_negative_where_a_positive_is_needed(self, amount: str) -> None:
        with pytest.raises(InvalidValue, match="must be greater than zero"):
            Quantity.of(amount, "m").positive("quantity of line 1")

    def test_refuses_text_that_is_not_a_number(self) -> None:
        with pytest.raises(InvalidValue, match="expected a number"):
            Quantity.of("ten", Unit.METRE)


class TestMonth:
    def test_parses_and_prints_year_month(self) -> None:
        assert str(Month.parse("2027-3")) == "2027-03"

    def test_month_arithmetic_crosses_years(self) -> None:
        assert Month(2026, 11).plus(3) == Month(2027, 2)
        assert Month(2027, 2).index - Month(2026, 11).index == 3

    def test_last_day_knows_february(self) -> None:
        assert Month(2028, 2).last_day().day == 29

    def test_refuses_month_thirteen(self) -> None:
        with pytest.raises(InvalidValue, match="month must be 1..12"):
            Month.parse("2027-13")

    def test_months_between_is_inclusive(self) -> None:
        assert [str(m) for m in months_between(Month(2027, 11), Month(2028, 1))] == [
            "2027-11",
            "2027-12",
            "2028-01",
        ]
