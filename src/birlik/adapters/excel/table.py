"""Finding the table in a sheet: which kind of sheet it is, its header row and which column is which.

Headers may be in Russian, Kazakh or English, in any order, with or without the template's "*"; a
title may sit above them; a header may be merged over two rows or sit under a merged group header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from openpyxl.utils import get_column_letter

from birlik.adapters.excel.choices import normalise
from birlik.adapters.excel.grid import Grid
from birlik.adapters.excel.sheets import ALIASES, HEADERS, SHEET_TITLES, SPECS, SheetKind, SheetSpec

HEADER_SEARCH_ROWS = 15
_NOISE = re.compile(r"[*:.]")
_PARENTHESES = re.compile(r"\([^)]*\)")
IGNORED_TITLES = ("instructions", "lists")


def _clean(text: object) -> str:
    return normalise(_NOISE.sub(" ", str(text)))


def _variants(text: str) -> Iterator[str]:
    whole = _clean(text)
    yield whole
    parts = [p.strip() for p in re.split(r"[/|·]", whole) if p.strip()]
    yield from parts
    yield _clean(_PARENTHESES.sub(" ", whole))
    for part in parts:
        yield _clean(_PARENTHESES.sub(" ", part))


@cache
def _names(spec_kind: SheetKind) -> list[tuple[str, frozenset[str]]]:
    spec = SPECS[spec_kind]
    result = []
    for column in spec.columns:
        names = {_clean(HEADERS(column.key, lang)) for lang in ("en", "ru", "kk")}
        names.add(_clean(column.template_header()))
        names.update(_clean(a) for a in ALIASES.get(column.key, ()))
        result.append((column.key, frozenset(names)))
    return result


def match_header(spec: SheetSpec, candidates: list[str]) -> str | None:
    names = _names(spec.kind)
    for candidate in candidates:
        for variant in _variants(candidate):
            for key, known in names:
                if variant in known:
                    return key
    return None


@cache
def _title_names(key: str) -> frozenset[str]:
    return frozenset({_clean(SHEET_TITLES(key, lang)) for lang in ("en", "ru", "kk")} | {_clean(key)})


def sheet_kind_by_title(title: str) -> SheetKind | str | None:
    """The sheet kind a title names, "instructions"/"lists" for the templates' own sheets, or None."""
    for variant in _variants(title.replace(" - ", " / ")):
        for kind in SheetKind:
            if variant in _title_names(kind.value):
                return kind
        for own in IGNORED_TITLES:
            if variant in _title_names(own):
                return own
    return None


@dataclass
class HeaderCell:
    index: int  # 1-based column
    letter: str
    text: str


@dataclass
class Table:
    grid: Grid
    spec: SheetSpec
    header_row: int
    first_data_row: int
    columns: dict[str, HeaderCell]
    duplicates: list[tuple[str, HeaderCell, HeaderCell]] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [c.key for c in self.spec.columns if c.required and c.key not in self.columns]


def _covering(grid: Grid, row: int, column: int) -> tuple[int, int, int, int] | None:
    for merged in grid.merged:
        r0, c0, r1, c1 = merged
        if r0 <= row <= r1 and c0 <= column <= c1:
            return merged
    return None


def _header_candidates(grid: Grid, row: int, column: int) -> list[str]:
    own = grid.value(row, column)
    if own is None:
        merged = _covering(grid, row, column)
        if merged is not None and merged[0] < row and merged[1] == column:
            own = grid.value(merged[0], merged[1])  # a header merged down over two rows
    if own is None or not str(own).strip():
        return []
    above = _covering(grid, row - 1, column) if row > 1 else None
    if above is not None and above[3] > above[1] and above[2] == row - 1:
        group = grid.value(above[0], above[1])  # a group header merged across the columns below it
        if group is not None:
            return [f"{group} {own}", str(own)]
    return [str(own)]


def _read_header(grid: Grid, spec: SheetSpec, row: int) -> Table:
    columns: dict[str, HeaderCell] = {}
    duplicates: list[tuple[str, HeaderCell, HeaderCell]] = []
    ignored: list[str] = []
    last_header_row = row
    for column in range(1, grid.width + 1):
        candidates = _header_candidates(grid, row, column)
        if not candidates:
            continue
        cell = HeaderCell(column, get_column_letter(column), candidates[-1])
        key = match_header(spec, candidates)
        if key is None:
            ignored.append(cell.text)
        elif key in columns:
            duplicates.append((key, columns[key], cell))
        else:
            columns[key] = cell
            merged = _covering(grid, row, column)
            if merged is not None:
                last_header_row = max(last_header_row, merged[2])
    return Table(grid, spec, row, last_header_row + 1, columns, duplicates, ignored)


def _score(table: Table) -> tuple[int, int]:
    required = sum(1 for c in table.spec.columns if c.required and c.key in table.columns)
    return required, len(table.columns)


def best_header(grid: Grid, spec: SheetSpec) -> Table:
    tables = [_read_header(grid, spec, r) for r in range(1, min(HEADER_SEARCH_ROWS, len(grid.rows)) + 1)]
    if not tables:
        return Table(grid, spec, 1, 2, {})
    return max(tables, key=lambda t: (_score(t), -t.header_row))


def locate(grid: Grid) -> Table | str | None:
    """The sheet's table; the template's own sheet name ("instructions"/"lists"); or None if unknown."""
    by_title = sheet_kind_by_title(grid.title)
    if isinstance(by_title, str) and not isinstance(by_title, SheetKind):
        return by_title
    if isinstance(by_title, SheetKind):
        return best_header(grid, SPECS[by_title])
    complete = [
        t for t in (best_header(grid, spec) for spec in SPECS.values()) if t.columns and not t.missing
    ]
    if not complete:
        return None
    return max(complete, key=lambda t: (len(t.columns) / len(t.spec.columns), len(t.columns)))


def data_rows(table: Table) -> Iterator[tuple[int, dict[str, object]]]:
    """(row number, values by column key) for every row below the header that is not blank."""
    for number in range(table.first_data_row, len(table.grid.rows) + 1):
        raw = table.grid.rows[number - 1]
        values = {
            key: raw[cell.index - 1] if cell.index <= len(raw) else None
            for key, cell in table.columns.items()
        }
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values.values()):
            yield number, values
