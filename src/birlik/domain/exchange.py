"""Exchange rates to tenge, dated: contracts are in BYN, USD or UZS, costs and reports in KZT."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from birlik.domain.errors import InvalidValue
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    currency: Currency
    valid_from: date
    kzt_per_unit: Decimal

    def __post_init__(self) -> None:
        if self.kzt_per_unit <= 0:
            raise InvalidValue(f"rate of {self.currency.value}", self.kzt_per_unit, "must be positive")


class ExchangeRates:
    """The rate in force on a day is the latest one whose valid_from is not after it."""

    def __init__(self, rates: Iterable[ExchangeRate]) -> None:
        self._rates = sorted(rates, key=lambda r: (r.currency.value, r.valid_from))

    def __iter__(self) -> Iterator[ExchangeRate]:
        return iter(self._rates)

    def kzt_per_unit(self, currency: Currency, on: date) -> Decimal:
        if currency is Currency.KZT:
            return Decimal(1)
        in_force = [r for r in self._rates if r.currency is currency and r.valid_from <= on]
        if not in_force:
            raise InvalidValue(
                "exchange rate", f"{currency.value} on {on.isoformat()}", "no rate to KZT is in force"
            )
        return in_force[-1].kzt_per_unit

    def to_kzt(self, money: Money, on: date) -> Decimal:
        return money.amount * self.kzt_per_unit(money.currency, on)
