"""Months: the planning model's unit of time (capacity is monthly, orders are due by month)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from birlik.domain.errors import InvalidValue

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidValue("month", f"{self.year}-{self.month}", "the month must be 1..12")
        if not 2000 <= self.year <= 2100:
            raise InvalidValue("month", f"{self.year}-{self.month}", "the year must be 2000..2100")

    @classmethod
    def parse(cls, value: object, field: str = "month") -> Month:
        """Accept 'YYYY-MM', a date, or a Month."""
        if isinstance(value, Month):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month)
        match = _MONTH.match(str(value))
        if not match:
            raise InvalidValue(field, value, "expected a month written as YYYY-MM")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def index(self) -> int:
        """Months since year 0, so that differences between months are plain subtraction."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    def plus(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        return date.fromordinal(self.plus(1).first_day().toordinal() - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from first to last inclusive."""
    return [Month.from_index(i) for i in range(first.index, last.index + 1)]
