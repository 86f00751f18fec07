"""Cell values as people type them: decimal commas, thousands separators, dates as dates or as text.

Each parser returns the value or raises CellError naming what is wrong and what was expected. The
conventions (documented on the templates' instructions sheet):
- numbers: spaces, non-breaking spaces and apostrophes group thousands; with both "," and "." the last
  one is the decimal separator; a single "," is a decimal comma; several "," or "." group thousands;
- shares: "60 %", 60 (a number above 1 is a percentage) or 0.6;
- dates: real dates, Excel serial numbers, 2027-03-31, 31.03.2027 or 31/03/2027 (day first);
- months: real dates, 2027-03, 03.2027, 3/2027 or a month name with the year ("март 2027").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from birlik.adapters.excel.choices import LABELS, LEGAL_FORMS, match_choice, normalise
from birlik.adapters.excel.countries import country_by_name
from birlik.adapters.excel.issues import Expectation, Problem
from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.identifiers import validate_bin
from birlik.domain.vocabulary import Currency

E = TypeVar("E", bound=StrEnum)
_EXCEL_EPOCH = date(1899, 12, 30)
_THIN_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'’]")


class CellError(Exception):
    def __init__(self, problem: Problem, expected: Expectation) -> None:
        super().__init__(problem.key)
        self.problem = problem
        self.expected = expected


def _fail(problem: str, expected: str, **fields: object) -> CellError:
    return CellError(Problem(problem), Expectation(expected, dict(fields)))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def code(value: object) -> str:
    """A key people type (SKU, order number): numbers lose a spreadsheet's ".0", spaces are trimmed."""
    return text(value)


def _number_text(raw: str) -> str:
    s = _THIN_SPACES.sub("", raw).replace("−", "-")
    if "," in s and "." in s:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        return s.replace(grouping, "").replace(decimal_mark, ".")
    for mark in (",", "."):
        if s.count(mark) > 1:
            return s.replace(mark, "")
    return s.replace(",", ".")


def decimal(value: object, expected: str = "decimal") -> Decimal:
    if isinstance(value, bool):
        raise _fail("not_number", expected)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    try:
        result = Decimal(_number_text(str(value)))
    except InvalidOperation:
        raise _fail("not_number", expected) from None
    if not result.is_finite():
        raise _fail("not_number", expected)
    return result


def non_negative(value: object) -> Decimal:
    result = decimal(value, "non_negative")
    if result < 0:
        raise _fail("negative", "non_negative")
    return result


def positive(value: object) -> Decimal:
    result = decimal(value, "positive")
    if result <= 0:
        raise _fail("not_positive", "positive")
    return result


def integer(value: object) -> int:
    result = decimal(value, "integer")
    if result != result.to_integral_value():
        raise _fail("not_integer", "integer")
    return int(result)


def share(value: object) -> Decimal:
    """A fraction 0..1 from "60 %", 60 or 0.6."""
    if isinstance(value, str) and value.strip().endswith("%"):
        result = decimal(value.strip().rstrip("%"), "share") / 100
    else:
        result = decimal(value, "share")
        if result > 1:
            result = result / 100
    if not Decimal(0) <= result <= Decimal(1):
        raise _fail("not_share", "share")
    return result.normalize() if result else Decimal(0)


def coordinate(value: object) -> float:
    try:
        return float(decimal(value, "coordinate"))
    except CellError:
        raise _fail("not_coordinate", "coordinate") from None


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?: .*)?$"), (3, 2, 1)),
)


def calendar_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raw = str(value).strip()
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                return date(int(match.group(y)), int(match.group(m)), int(match.group(d)))
            except ValueError:
                break
    raise _fail("not_date", "date")


_MONTH_NAMES = {
    **{
        name: i
        for i, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
        )
    },
    **{
        name: i
        for i, name in enumerate(
            ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"), start=1
        )
    },
    "мая": 5,
    **{
        name: i
        for i, name in enumerate(
            ("қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"), start=1
        )
    },
}
_MONTH_FORMS = (
    (re.compile(r"^(\d{4})[-./](\d{1,2})$"), (1, 2)),
    (re.compile(r"^(\d{1,2})[-./](\d{4})$"), (2, 1)),
)
_NAMED_MONTH = re.compile(r"^([^\d\s]+)\.?\s+(\d{4})(?:\s*(?:г|ж)\.?)?$")


def month(value: object) -> Month:
    if isinstance(value, date):
        return Month(value.year, value.month)
    raw = normalise(value)
    try:
        for pattern, (y, m) in _MONTH_FORMS:
            match = pattern.match(raw)
            if match:
                return Month(int(match.group(y)), int(match.group(m)))
        named = _NAMED_MONTH.match(raw)
        if named and named.group(1)[:3] in _MONTH_NAMES:
            return Month(int(named.group(2)), _MONTH_NAMES[named.group(1)[:3]])
        if re.match(r"^\d{4}-\d{1,2}-\d{1,2}", raw) or re.match(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$", raw):
            day = calendar_date(raw)
            return Month(day.year, day.month)
    except (InvalidValue, CellError):
        pass
    raise _fail("not_month", "month")


_TRUE = {"1", "true", "x", "+", "v", "✓", "y"}
_FALSE = {"0", "false", "-", "n"}


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raw = normalise(value)
    for part in (raw, *(p.strip() for p in raw.split("/"))):
        if part in _TRUE or part in {normalise(LABELS("yes", lang)) for lang in ("en", "ru", "kk")}:
            return True
        if part in _FALSE or part in {normalise(LABELS("no", lang)) for lang in ("en", "ru", "kk")}:
            return False
    raise _fail("not_bool", "bool")


def choice(enum: type[E], value: object) -> E:
    found = match_choice(enum, value)
    if found is None:
        raise _fail("not_choice", "choice", values=", ".join(m.value for m in enum))
    return found


_LIST_SEPARATORS = re.compile(r"[,;\n]+")


def choices(enum: type[E], value: object) -> frozenset[E]:
    found: set[E] = set()
    for part in _LIST_SEPARATORS.split(str(value)):
        if part.strip():
            item = match_choice(enum, part)
            if item is None:
                raise _fail("not_choice", "choices", values=", ".join(m.value for m in enum))
            found.add(item)
    return frozenset(found)


def country(value: object) -> str:
    raw = str(value).strip()
    candidate = raw.split()[0].upper() if raw else ""
    if len(candidate) == 2 and candidate.isalpha() and candidate.isascii():
        return candidate
    found = country_by_name(raw)
    if found is None:
        raise _fail("not_country", "country")
    return found


def currency(value: object) -> Currency:
    raw = str(value).strip().upper()
    try:
        return Currency(raw)
    except ValueError:
        raise _fail("not_choice", "currency", values=", ".join(c.value for c in Currency)) from None


def legal_form(value: object) -> str:
    raw = normalise(value)
    for part in (raw, *(p.strip() for p in raw.split("/"))):
        if part in LEGAL_FORMS:
            return LEGAL_FORMS[part]
    return text(value)


def bin_number(value: object) -> str:
    """A BIN; one stored as a number by the spreadsheet gets its leading zeros back."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        raw = f"{int(value):012d}"
    else:
        raw = str(value)
    try:
        return validate_bin(raw)
    except InvalidValue as error:
        raise CellError(Problem("rule", {"why": error.why}), Expectation("bin")) from None


def hs_code(value: object) -> HsCode:
    """An HS code; a spreadsheet that made 6203.40 the number 6203.4 gets its trailing zero back."""
    if isinstance(value, float):
        whole, _, fraction = repr(value).partition(".")
        fraction = "" if fraction == "0" else fraction
        raw = whole + (fraction + "0" * (len(fraction) % 2))
    else:
        raw = str(value)
    try:
        return HsCode.parse(raw)
    except InvalidValue as error:
        raise CellError(Problem("rule", {"why": error.why}), Expectation("hs_code")) from None
