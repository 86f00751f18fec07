"""Conversions that show the rate they used, built on the dated rates to tenge in domain.exchange.

Every rate Birlik holds is "KZT per unit of a currency, valid from a day"; a conversion between two
foreign currencies goes through tenge, and the result names both legs, so a figure on a certificate
draft can always be recomputed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRate, ExchangeRates
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency


@dataclass(frozen=True, slots=True)
class Conversion:
    original: Money
    result: Money
    on: date
    legs: tuple[ExchangeRate, ...]  # the rate records used (none for KZT, two for a cross rate)

    @property
    def rate(self) -> Decimal:
        """Units of the target currency per unit of the original currency."""
        return self.result.amount / self.original.amount if self.original.amount else Decimal(0)

    def describe(self) -> str:
        if not self.legs:
            return f"{self.original} (no conversion)"
        used = "; ".join(
            f"1 {r.currency.value} = {r.kzt_per_unit} KZT from {r.valid_from.isoformat()}" for r in self.legs
        )
        return f"{self.original} = {self.result} on {self.on.isoformat()} ({used})"


def rate_record(rates: ExchangeRates, currency: Currency, on: date) -> ExchangeRate:
    """The rate record in force on the day: the latest one not after it."""
    in_force = [r for r in rates if r.currency is currency and r.valid_from <= on]
    if not in_force:
        raise InvalidValue(
            "exchange rate", f"{currency.value} on {on.isoformat()}", "no rate to KZT is in force; enter one"
        )
    return max(in_force, key=lambda r: r.valid_from)


def convert(money: Money, to: Currency, on: date, rates: ExchangeRates) -> Conversion:
    if money.currency is to:
        return Conversion(money, money, on, ())
    legs = tuple(rate_record(rates, c, on) for c in (money.currency, to) if c is not Currency.KZT)
    kzt = money.amount * (legs[0].kzt_per_unit if money.currency is not Currency.KZT else Decimal(1))
    result = kzt if to is Currency.KZT else kzt / legs[-1].kzt_per_unit
    return Conversion(money, Money(result, to), on, legs)


def to_kzt(money: Money, on: date, rates: ExchangeRates) -> Decimal:
    return convert(money, Currency.KZT, on, rates).result.amount
