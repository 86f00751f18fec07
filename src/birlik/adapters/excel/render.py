"""Values as they are written into cells: the same spelling in templates and registry exports.

What is written here reads back to the same value, so an exported registry imports unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from birlik.adapters.excel import cells
from birlik.adapters.excel.choices import bool_label, cell_label
from birlik.adapters.excel.sheets import Column, SheetSpec, ValueKind

DATE_FORMAT = "DD.MM.YYYY"
SHARE_FORMAT = "0.##%"


def render(column: Column, value: object) -> object:
    """The cell value for a column; None stays empty."""
    if value is None:
        return None
    kind = column.kind
    if kind is ValueKind.CHOICE and isinstance(value, StrEnum):
        return cell_label(value)
    if kind is ValueKind.CHOICES and not isinstance(value, str):
        items = sorted(value, key=str) if isinstance(value, Iterable) else []
        return ", ".join(cell_label(item) for item in items if isinstance(item, StrEnum))
    if kind is ValueKind.BOOL and isinstance(value, bool):
        return bool_label(value)
    if kind is ValueKind.CURRENCY and isinstance(value, StrEnum):
        return value.value
    if kind in (ValueKind.HS_CODE, ValueKind.MONTH, ValueKind.BIN, ValueKind.CODE):
        return str(value)
    if kind is ValueKind.DECIMAL and isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if kind is ValueKind.SHARE:
        return float(str(value))
    return value


def number_format(column: Column) -> str | None:
    if column.kind is ValueKind.DATE:
        return DATE_FORMAT
    if column.kind is ValueKind.SHARE:
        return SHARE_FORMAT
    if column.kind in (ValueKind.BIN, ValueKind.HS_CODE, ValueKind.MONTH, ValueKind.CODE):
        return "@"  # text, so that Excel keeps leading zeros and trailing zeros
    return None


def _same(written: object, read: object) -> bool:
    if cells.is_blank(written) and cells.is_blank(read):
        return True
    if isinstance(read, datetime):
        read = read.date()
    if isinstance(written, date) or isinstance(read, date):
        return written == read
    if isinstance(written, int | float) and not isinstance(written, bool):
        try:
            return float(cells.decimal(read)) == float(written)
        except cells.CellError:
            return False
    return cells.text(written) == cells.text(read if read is not None else "")


def untouched_example(spec: SheetSpec, values: dict[str, object]) -> bool:
    """Whether a row is the template's example row exactly as the template wrote it."""
    return all(
        _same(render(column, column.example), values.get(column.key))
        for column in spec.columns
        if column.key in values
    )
