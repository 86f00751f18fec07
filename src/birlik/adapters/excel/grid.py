"""A file's sheets as plain grids of values with their merged ranges: .xlsx through openpyxl, .csv as text.

Everything after this point works on grids, so an .xlsx and a .csv with the same table read the same.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)


class UnreadableFile(Exception):
    def __init__(self, reason: str, *, unsupported: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unsupported = unsupported


@dataclass
class Grid:
    file: str
    title: str
    rows: list[tuple[object, ...]]  # rows[0] is the sheet's row 1
    merged: list[Merged] = field(default_factory=list)

    def value(self, row: int, column: int) -> object:
        """The value at a 1-based (row, column); None outside the grid."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def read_grids(filename: str, content: bytes) -> list[Grid]:
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(filename, content)
    if suffix in (".csv", ".txt"):
        return [_csv(filename, content)]
    raise UnreadableFile(suffix or filename, unsupported=True)


def _xlsx(filename: str, content: bytes) -> list[Grid]:
    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(str(error) or type(error).__name__) from None
    try:
        return [_sheet(filename, ws) for ws in book.worksheets if isinstance(ws, Worksheet)]
    finally:
        book.close()


def _sheet(filename: str, ws: Worksheet) -> Grid:
    # Only cells that hold a value bound the grid: formatting often reaches far past the data.
    stored: dict[tuple[int, int], Any] = getattr(ws, "_cells", {})
    filled = [key for key, cell in stored.items() if cell.value is not None]
    last_row = max((r for r, _ in filled), default=0)
    last_col = max((c for _, c in filled), default=0)
    rows: list[tuple[object, ...]] = (
        [tuple(r) for r in ws.iter_rows(min_row=1, max_row=last_row, max_col=last_col, values_only=True)]
        if last_row and last_col
        else []
    )
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return Grid(filename, ws.title, rows, merged)


def _csv(filename: str, content: bytes) -> Grid:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1251")  # what Excel writes on Russian-language Windows
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [tuple(row) for row in csv.reader(io.StringIO(text), dialect)]
    return Grid(filename, PurePath(filename).stem, [tuple(v if v != "" else None for v in r) for r in rows])
