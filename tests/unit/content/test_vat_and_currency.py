"""VAT as dated data and conversions that show the rate used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from birlik.domain.content.currency import convert
from birlik.domain.content.vat import Supply, standard_rate, vat_on_supply
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRate, ExchangeRates
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2025, 12, 31), Decimal("0.12")),
        (date(2026, 1, 1), Decimal("0.16")),
        (date(2027, 6, 1), Decimal("0.16")),
    ],
)
def test_kazakh_vat_is_twelve_percent_until_2025_and_sixteen_from_2026(day: date, rate: Decimal) -> None:
    assert standard_rate("KZ", day).rate == rate
    assert vat_on_supply("KZ", day).rate == rate


def test_exports_to_the_eaeu_and_beyond_are_zero_rated() -> None:
    to_belarus = vat_on_supply("BY", date(2027, 3, 1))
    assert (to_belarus.supply, to_belarus.rate) == (Supply.EXPORT_EAEU, 0)
    assert "art. 520" in to_belarus.reason
    to_uzbekistan = vat_on_supply("UZ", date(2027, 3, 1))
    assert (to_uzbekistan.supply, to_uzbekistan.rate) == (Supply.EXPORT, 0)


def test_a_day_without_a_recorded_rate_is_refused_not_guessed() -> None:
    with pytest.raises(InvalidValue, match="no rate recorded for that day"):
        standard_rate("BY", date(2020, 1, 1))
    assert standard_rate("UZ", date(2022, 6, 1)).rate == Decimal("0.15")


RATES = ExchangeRates(
    [
        ExchangeRate(Currency.USD, date(2026, 1, 1), Decimal("510")),
        ExchangeRate(Currency.USD, date(2027, 1, 1), Decimal("520")),
        ExchangeRate(Currency.BYN, date(2026, 1, 1), Decimal("160")),
        ExchangeRate(Currency.UZS, date(2026, 1, 1), Decimal("0.041")),
    ]
)


def test_a_conversion_uses_the_rate_in_force_and_says_which() -> None:
    march = convert(Money(Decimal(100), Currency.USD), Currency.KZT, date(2027, 3, 1), RATES)
    assert march.result == Money(Decimal(52000), Currency.KZT)
    assert "1 USD = 520 KZT from 2027-01-01" in march.describe()
    december = convert(Money(Decimal(100), Currency.USD), Currency.KZT, date(2026, 12, 31), RATES)
    assert december.result.amount == Decimal(51000)


def test_a_cross_rate_goes_through_tenge_and_names_both_legs() -> None:
    result = convert(Money(Decimal(160), Currency.BYN), Currency.UZS, date(2027, 3, 1), RATES)
    assert result.result.amount == Decimal(160) * 160 / Decimal("0.041")
    assert len(result.legs) == 2 and "1 UZS = 0.041 KZT" in result.describe()


def test_a_missing_rate_is_refused() -> None:
    with pytest.raises(InvalidValue, match="RUB on 2027-03-01"):
        convert(Money(Decimal(1), Currency.RUB), Currency.KZT, date(2027, 3, 1), RATES)
