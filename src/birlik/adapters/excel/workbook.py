"""Writing table sheets in the template's format: headers, column widths, formats, drop-down lists.

Templates and registry exports share this code, so an exported registry is itself a filled template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from birlik.adapters.excel.choices import LEGAL_FORM_LABELS, bool_label, choice_labels
from birlik.adapters.excel.countries import COUNTRIES, country_label
from birlik.adapters.excel.render import number_format, render
from birlik.adapters.excel.sheets import SHEET_TITLES, SheetSpec, ValueKind
from birlik.domain.vocabulary import Currency

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
EXAMPLE_FONT = Font(italic=True, color="808080")
BOLD = Font(bold=True)
LAST_ROW = 1_048_576


def lists_title() -> str:
    return f"{SHEET_TITLES('lists', 'ru')} · {SHEET_TITLES('lists', 'en')}"


def _list_values(spec_enum: type[StrEnum] | None, kind: ValueKind) -> tuple[str, list[str]] | None:
    """(list name, values) offered for a column, or None when it has no drop-down list."""
    if kind is ValueKind.CHOICE and spec_enum is not None:
        return spec_enum.__name__, choice_labels(spec_enum)
    if kind is ValueKind.BOOL:
        return "YesNo", [bool_label(True), bool_label(False)]
    if kind is ValueKind.CURRENCY:
        return "Currency", [c.value for c in Currency]
    if kind is ValueKind.COUNTRY:
        return "Country", [country_label(code) for code in COUNTRIES]
    if kind is ValueKind.LEGAL_FORM:
        return "LegalForm", list(LEGAL_FORM_LABELS)
    return None


class ListsSheet:
    """One column per drop-down list, written once and referred to by every validation."""

    def __init__(self, book: Workbook) -> None:
        self.sheet = book.create_sheet(lists_title())
        self.ranges: dict[str, str] = {}

    def range_for(self, name: str, values: list[str]) -> str:
        if name not in self.ranges:
            column = len(self.ranges) + 1
            letter = get_column_letter(column)
            self.sheet.cell(row=1, column=column, value=name).font = BOLD
            for i, value in enumerate(values, start=2):
                self.sheet.cell(row=i, column=column, value=value)
            self.sheet.column_dimensions[letter].width = max(14, *(len(v) + 2 for v in values))
            self.ranges[name] = f"{quote_sheetname(self.sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
        return self.ranges[name]


def table_sheet(
    book: Workbook,
    spec: SheetSpec,
    rows: Iterable[Mapping[str, object]],
    lists: ListsSheet,
    *,
    example: bool = False,
) -> Worksheet:
    """A sheet with the spec's headers and the given rows (or the example row), lists attached."""
    sheet: Worksheet = book.create_sheet(spec.template_title())
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.template_header())
        cell.font = BOLD
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    written = [{c.key: c.example for c in spec.columns}] if example else rows
    formats = [number_format(c) for c in spec.columns]
    for row_number, values in enumerate(written, start=2):
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(
                row=row_number, column=index, value=cast(Any, render(column, values.get(column.key)))
            )
            fmt = formats[index - 1]
            if fmt:
                cell.number_format = fmt
            if example:
                cell.font = EXAMPLE_FONT
    _validations(sheet, spec, lists)
    return sheet


def _validations(sheet: Worksheet, spec: SheetSpec, lists: ListsSheet) -> None:
    for index, column in enumerate(spec.columns, start=1):
        offered = _list_values(column.enum, column.kind)
        if offered is None:
            continue
        name, values = offered
        # Countries and legal forms outside the list are still allowed: the list is a help, not a rule.
        strict = column.kind not in (ValueKind.COUNTRY, ValueKind.LEGAL_FORM)
        validation = DataValidation(
            type="list",
            formula1=lists.range_for(name, values),
            allow_blank=not column.required,
            errorStyle="stop" if strict else "warning",
            showErrorMessage=True,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)
