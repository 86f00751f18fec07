"""From files to records: every sheet located, every row parsed, every issue logged, nothing written.

`read_files` is the whole reading half of an import; the service does the other half (checking the
records against each other and the registry, then writing them in one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from birlik.adapters.excel.grid import Grid, UnreadableFile, read_grids
from birlik.adapters.excel.issues import Expectation, IssueLog, Problem, Where
from birlik.adapters.excel.records import (
    BUILDERS,
    BomRec,
    BuyerRec,
    CapacityRec,
    CertificateRec,
    LineRec,
    MaterialRec,
    MemberRec,
    OrderRec,
    ProductRec,
    RateRec,
    Record,
    UnitCostRec,
)
from birlik.adapters.excel.render import untouched_example
from birlik.adapters.excel.rows import RowReader
from birlik.adapters.excel.sheets import SheetKind
from birlik.adapters.excel.table import Table, data_rows, locate

Progress = Callable[[str, int, int], None]
_PROGRESS_EVERY = 200


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class SheetRead:
    file: str
    title: str
    kind: SheetKind
    rows: int


@dataclass
class Parsed:
    """Everything read from the files, by kind of sheet, in the order the rows were found."""

    members: list[MemberRec] = field(default_factory=list)
    capacities: list[CapacityRec] = field(default_factory=list)
    unit_costs: list[UnitCostRec] = field(default_factory=list)
    certificates: list[CertificateRec] = field(default_factory=list)
    materials: list[MaterialRec] = field(default_factory=list)
    products: list[ProductRec] = field(default_factory=list)
    bom: list[BomRec] = field(default_factory=list)
    buyers: list[BuyerRec] = field(default_factory=list)
    orders: list[OrderRec] = field(default_factory=list)
    order_lines: list[LineRec] = field(default_factory=list)
    rates: list[RateRec] = field(default_factory=list)
    present: set[SheetKind] = field(default_factory=set)
    sheets: list[SheetRead] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    examples_skipped: int = 0

    def add(self, record: Record) -> None:
        match record:
            case MemberRec():
                self.members.append(record)
            case CapacityRec():
                self.capacities.append(record)
            case UnitCostRec():
                self.unit_costs.append(record)
            case CertificateRec():
                self.certificates.append(record)
            case MaterialRec():
                self.materials.append(record)
            case ProductRec():
                self.products.append(record)
            case BomRec():
                self.bom.append(record)
            case BuyerRec():
                self.buyers.append(record)
            case OrderRec():
                self.orders.append(record)
            case LineRec():
                self.order_lines.append(record)
            case RateRec():
                self.rates.append(record)


def _key(record: Record) -> tuple[object, ...] | None:
    """The record's unique key within its kind of sheet (None: numbered later, cannot clash)."""
    match record:
        case MemberRec():
            return (record.bin,)
        case CapacityRec():
            return (record.bin, record.capacity.family)
        case UnitCostRec():
            return (record.bin, record.sku)
        case CertificateRec():
            c = record.certificate
            return (record.bin, c.kind, c.number, c.product_sku)
        case MaterialRec():
            return (record.material.code,)
        case ProductRec():
            return (record.sku,)
        case BomRec():
            return (record.parent, record.component)
        case BuyerRec():
            return (record.code,)
        case OrderRec():
            return (record.number,)
        case LineRec():
            return None if record.number is None else (record.order, record.number)
        case RateRec():
            return (record.rate.currency, record.rate.valid_from)


def _structure_issues(table: Table, log: IssueLog) -> None:
    where = Where(table.grid.file, table.grid.title, table.header_row)
    for key in table.missing:
        column = table.spec.column(key)
        log.add(
            where,
            None,
            Problem("missing_column"),
            Expectation("column", {"header": column.template_header()}),
        )
    for _key_name, first, second in table.duplicates:
        log.add(
            where.at(second.letter, second.text),
            second.text,
            Problem("duplicate_column", {"other": first.letter}),
            Expectation("unique"),
        )


def _tables(files: Sequence[tuple[str, bytes]], log: IssueLog, parsed: Parsed) -> list[Table]:
    tables: list[Table] = []
    for filename, content in files:
        try:
            grids: list[Grid] = read_grids(filename, content)
        except UnreadableFile as error:
            problem = (
                Problem("unsupported")
                if error.unsupported
                else Problem("unreadable", {"reason": error.reason})
            )
            log.add(Where(filename), None, problem, Expectation("file"))
            continue
        found = 0
        for grid in grids:
            located = locate(grid)
            if isinstance(located, Table):
                found += 1
                _structure_issues(located, log)
                tables.append(located)
                parsed.ignored_columns.extend(
                    f"{filename} · {grid.title} · {h}" for h in located.ignored_headers
                )
            elif located is None and grid.rows:
                parsed.ignored_sheets.append(f"{filename} · {grid.title}")
        if not found:
            log.add(Where(filename), None, Problem("no_sheets"), Expectation("sheets"))
    return tables


def read_files(files: Sequence[tuple[str, bytes]], log: IssueLog, progress: Progress = _quiet) -> Parsed:
    """Parse every sheet of every file; issues go to `log`, records to the result."""
    parsed = Parsed()
    tables = _tables(files, log, parsed)
    total = sum(max(0, len(t.grid.rows) - t.first_data_row + 1) for t in tables)
    done = 0
    seen: dict[tuple[SheetKind, tuple[object, ...]], int] = {}
    progress("read", 0, total)
    for table in tables:
        if table.missing:
            continue  # reported once as a missing column, not once per row
        kind = table.spec.kind
        parsed.present.add(kind)
        base = Where(table.grid.file, table.grid.title)
        count = 0
        for number, values in data_rows(table):
            done += 1
            if done % _PROGRESS_EVERY == 0:
                progress("read", min(done, total), total)
            if untouched_example(table.spec, values):
                parsed.examples_skipped += 1
                continue
            count += 1
            reader = RowReader(table.spec, Where(base.file, base.sheet, number), values, table.columns, log)
            record = BUILDERS[kind](reader)
            if record is None:
                continue
            key = _key(record)
            first_key_column = table.spec.keys[0]
            if key is not None and (kind, key) in seen:
                reader.report(
                    first_key_column,
                    Problem("duplicate_key", {"row": seen[(kind, key)]}),
                    Expectation("unique"),
                )
                continue
            if key is not None:
                seen[(kind, key)] = number
            parsed.add(record)
        parsed.sheets.append(SheetRead(table.grid.file, table.grid.title, kind, count))
    progress("read", total, total)
    return parsed
