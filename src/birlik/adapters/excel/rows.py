"""Reading one row: each getter parses a cell by its column's kind and logs what is wrong, never raising.

A builder asks for every cell it needs, then builds its record only if the row had no issue; so a row
with three bad cells reports all three.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from birlik.adapters.excel import cells
from birlik.adapters.excel.cells import CellError
from birlik.adapters.excel.issues import Expectation, IssueLog, Problem, Where
from birlik.adapters.excel.sheets import SheetSpec, ValueKind
from birlik.adapters.excel.table import HeaderCell
from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.vocabulary import Currency

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

# Which column a domain error is about, by the field name the domain puts in InvalidValue.
_FIELD_COLUMNS = {
    "bin": "bin",
    "name": "name",
    "name_en": "name_en",
    "country": "country",
    "city": "city",
    "latitude": "latitude",
    "longitude": "longitude",
    "valid_to": "valid_to",
    "local_content_share": "lc_share",
    "min_local_content": "min_local_content",
    "certificate number": "number",
    "sku": "sku",
    "material code": "code",
    "buyer code": "buyer_code",
    "order number": "order",
    "origin_country": "origin",
    "substitutes_for": "substitutes_for",
}


def expectation_for(spec: SheetSpec, key: str) -> Expectation:
    column = spec.column(key)
    kind = column.kind
    if kind in (ValueKind.CHOICE, ValueKind.CHOICES) and column.enum is not None:
        return Expectation(kind.value, {"values": ", ".join(m.value for m in column.enum)})
    if kind is ValueKind.CURRENCY:
        return Expectation("currency", {"values": ", ".join(c.value for c in Currency)})
    if kind is ValueKind.CODE and column.example is None:
        return Expectation("known_product")  # an optional reference: say what it must name
    if kind is ValueKind.CODE:
        return Expectation("code", {"example": column.example})
    return Expectation(kind.value)


class RowReader:
    def __init__(
        self,
        spec: SheetSpec,
        where: Where,
        values: dict[str, object],
        headers: dict[str, HeaderCell],
        log: IssueLog,
    ) -> None:
        self.spec = spec
        self.where = where
        self.values = values
        self.headers = headers
        self.log = log
        self.failed = False

    @property
    def row(self) -> int:
        return self.where.row or 0

    def at(self, key: str) -> Where:
        cell = self.headers.get(key)
        return self.where if cell is None else self.where.at(cell.letter, cell.text)

    def report(self, key: str, problem: Problem, expected: Expectation | None = None) -> None:
        self.failed = True
        self.log.add(self.at(key), self.values.get(key), problem, expected or expectation_for(self.spec, key))

    def _get(self, key: str, parse: Callable[[object], T], default: T) -> T:
        value = self.values.get(key)
        if cells.is_blank(value):
            if self.spec.column(key).required:
                self.report(key, Problem("blank"))
            return default
        try:
            return parse(value)
        except CellError as error:
            self.report(key, error.problem, error.expected)
            return default

    def blank(self, key: str) -> bool:
        return cells.is_blank(self.values.get(key))

    def text(self, key: str) -> str:
        return self._get(key, cells.text, "")

    def code(self, key: str) -> str:
        return self._get(key, cells.code, "")

    def bin(self, key: str = "bin") -> str:
        return self._get(key, cells.bin_number, "")

    def decimal(self, key: str, *, positive: bool = False, default: Decimal = Decimal(0)) -> Decimal:
        return self._get(key, cells.positive if positive else cells.non_negative, default)

    def share(self, key: str) -> Decimal | None:
        return self._get(key, cells.share, None)

    def integer(self, key: str) -> int | None:
        return self._get(key, cells.integer, None)

    def month(self, key: str) -> Month:
        return self._get(key, cells.month, Month(2000, 1))

    def date(self, key: str) -> date:
        return self._get(key, cells.calendar_date, date(2000, 1, 1))

    def boolean(self, key: str, default: bool) -> bool:
        return self._get(key, cells.boolean, default)

    def choice(self, key: str, enum: type[E]) -> E | None:
        return self._get(key, lambda v: cells.choice(enum, v), None)

    def choices(self, key: str, enum: type[E]) -> frozenset[E]:
        return self._get(key, lambda v: cells.choices(enum, v), frozenset())

    def country(self, key: str) -> str | None:
        return self._get(key, cells.country, None)

    def coordinate(self, key: str) -> float | None:
        return self._get(key, cells.coordinate, None)

    def currency(self, key: str, default: Currency = Currency.KZT) -> Currency:
        return self._get(key, cells.currency, default)

    def legal_form(self, key: str) -> str:
        return self._get(key, cells.legal_form, "LLP")

    def hs_code(self, key: str) -> HsCode | None:
        return self._get(key, cells.hs_code, None)

    def build(self, make: Callable[[], T], column: str = "") -> T | None:
        """The record, or None when a cell failed or the domain refuses it (logged at its column)."""
        if self.failed:
            return None
        try:
            return make()
        except InvalidValue as error:
            key = _FIELD_COLUMNS.get(error.field, column)
            if key not in self.headers:
                key = column
            self.failed = True
            self.log.add(
                self.at(key) if key else self.where,
                error.value,
                Problem("rule", {"why": f"{error.field}: {error.why}"}),
                Expectation("consistent"),
            )
            return None
