"""Money and quantities as values that refuse to be mixed up.

Money is a Decimal with a currency, so tenge are never added to roubles by accident; a quantity
carries its unit, so metres of cloth are never compared with pieces. Both are immutable values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from birlik.domain.errors import InvalidValue
from birlik.domain.vocabulary import Currency, Unit


def to_decimal(field: str, value: object) -> Decimal:
    """Read a number the way people write it: Decimal, int or text with a decimal point or comma."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidValue(field, value, "expected a number")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InvalidValue(field, value, "expected a number") from None
    if not result.is_finite():
        raise InvalidValue(field, value, "expected a finite number")
    return result


def parse_unit(field: str, value: object) -> Unit:
    try:
        return value if isinstance(value, Unit) else Unit(str(value).strip())
    except ValueError:
        known = ", ".join(u.value for u in Unit)
        raise InvalidValue(field, value, f"unknown unit; use one of {known}") from None


def parse_currency(field: str, value: object) -> Currency:
    try:
        return value if isinstance(value, Currency) else Currency(str(value).strip().upper())
    except ValueError:
        known = ", ".join(c.value for c in Currency)
        raise InvalidValue(field, value, f"unknown currency; use one of {known}") from None


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: Currency

    @classmethod
    def of(cls, amount: object, currency: object, *, field: str = "price") -> Money:
        return cls(to_decimal(field, amount), parse_currency(f"{field} currency", currency))

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise InvalidValue("currency", other.currency.value, f"cannot combine with {self.currency.value}")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency.value}"


@dataclass(frozen=True, slots=True)
class Quantity:
    amount: Decimal
    unit: Unit

    @classmethod
    def of(cls, amount: object, unit: object, *, field: str = "quantity") -> Quantity:
        return cls(to_decimal(field, amount), parse_unit(f"{field} unit", unit))

    def positive(self, field: str) -> Quantity:
        """Return self, or refuse a zero or negative quantity where one makes no sense."""
        if self.amount <= 0:
            raise InvalidValue(field, f"{self.amount} {self.unit.value}", "must be greater than zero")
        return self

    def __str__(self) -> str:
        return f"{self.amount:,} {self.unit.value}"
