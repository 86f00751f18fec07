"""import_files: spreadsheets into the registry, all or nothing.

Reading and resolving happen before anything is written, inside one unit of work; the registry's own
rules (check_member, check_order) then judge every record the file touches. If any issue was found,
nothing is written and ImportFailed lists every one of them. Otherwise the changed records are saved
and committed together; records equal to what is stored are left alone, so importing the same file
twice changes nothing. The HTTP API calls the same function with the upload's bytes and file name.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from birlik.adapters.excel.issues import Expectation, ImportIssue, IssueLog, Problem, Where
from birlik.adapters.excel.reader import Progress, SheetRead, read_files
from birlik.adapters.excel.records import RowRef
from birlik.adapters.excel.resolve import Change, Resolved, resolve
from birlik.adapters.excel.snapshot import RegistrySnapshot
from birlik.domain.errors import DomainError
from birlik.domain.products import ComponentKind, Product
from birlik.services.registry import check_member, check_order
from birlik.services.unit_of_work import UnitOfWork

FileInput = Path | tuple[str, bytes]
KINDS = ("materials", "products", "members", "buyers", "orders", "rates")


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportResult:
    """What an import did: per kind of record, how many were created, updated or left unchanged."""

    files: tuple[str, ...]
    sheets: tuple[SheetRead, ...]
    counts: dict[str, Counts]
    examples_skipped: int = 0
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())


class ImportFailed(DomainError):
    """Nothing was imported; `issues` says everything that is wrong, each at its cell."""

    def __init__(self, issues: Sequence[ImportIssue], language: str = "en") -> None:
        self.issues = list(issues)
        self.language = language
        first = self.issues[0].line(language) if self.issues else ""
        super().__init__(f"nothing was imported: {len(self.issues)} error(s); first: {first}")

    def as_dicts(self, language: str | None = None) -> list[dict[str, object]]:
        return [issue.as_dict(language or self.language) for issue in self.issues]


def _contents(files: Sequence[FileInput], log: IssueLog) -> list[tuple[str, bytes]]:
    loaded = []
    for item in files:
        if isinstance(item, Path):
            try:
                loaded.append((str(item), item.read_bytes()))
            except OSError as error:
                log.add(
                    Where(str(item)),
                    None,
                    Problem("unreadable", {"reason": error.strerror or str(error)}),
                    Expectation("file"),
                )
        else:
            loaded.append(item)
    return loaded


def _snapshot(uow: UnitOfWork) -> RegistrySnapshot:
    return RegistrySnapshot(
        members=uow.members.list(),
        catalogue=uow.catalogue.load(),
        buyers=uow.buyers.list(),
        orders=uow.orders.list(),
        rates=list(uow.rates.load()),
    )


def _judge(resolved: Resolved, stored: RegistrySnapshot, log: IssueLog) -> None:
    """The registry's own rules, applied to every member and order the file touches."""
    catalogue = resolved.catalogue or stored.catalogue
    by_bin = {m.bin: m for m in stored.members} | {c.value.bin: c.value for c in resolved.members}
    buyers = {b.code: b for b in stored.buyers} | {c.value.code: c.value for c in resolved.buyers}
    for member in resolved.members:
        _check(log, member.ref, partial(check_member, member.value, catalogue), "bin")
    members = list(by_bin.values())
    for order in resolved.orders:
        if order.outcome != "unchanged":
            buyer = buyers.get(order.value.buyer_code)
            _check(log, order.ref, partial(check_order, order.value, catalogue, members, buyer), "order")


def _check(log: IssueLog, ref: RowRef, rule: Callable[[], None], key: str) -> None:
    try:
        rule()
    except DomainError as error:
        where, value = ref.at(key)
        log.add(where, value, Problem("rule", {"why": str(error)}), Expectation("consistent"))


def _products_in_order(changes: list[Change[Product]]) -> list[Product]:
    """Changed products with the changed products they are made of first (foreign keys need it)."""
    changed = {c.value.sku: c.value for c in changes if c.outcome != "unchanged"}
    ordered: list[Product] = []
    done: set[str] = set()

    def visit(sku: str) -> None:
        if sku in done or sku not in changed:
            return
        done.add(sku)
        for line in changed[sku].bom:
            if line.kind is ComponentKind.PRODUCT:
                visit(line.component)
        ordered.append(changed[sku])

    for sku in changed:
        visit(sku)
    return ordered


def _write(uow: UnitOfWork, resolved: Resolved, progress: Progress) -> None:
    total = sum(len(getattr(resolved, kind)) for kind in KINDS)
    done = 0

    def step(n: int = 1) -> None:
        nonlocal done
        done += n
        if done % 100 == 0 or done == total:
            progress("write", done, total)

    for material in resolved.materials:
        if material.outcome != "unchanged":
            uow.catalogue.save_material(material.value)
        step()
    for product in _products_in_order(resolved.products):
        uow.catalogue.save_product(product)
    step(len(resolved.products))
    for kind, save in (
        ("members", uow.members.save),
        ("buyers", uow.buyers.save),
        ("orders", uow.orders.save),
        ("rates", uow.rates.save),
    ):
        for change in getattr(resolved, kind):
            if change.outcome != "unchanged":
                save(change.value)
            step()


def _counts(resolved: Resolved) -> dict[str, Counts]:
    result = {}
    for kind in KINDS:
        tally = Counter(change.outcome for change in getattr(resolved, kind))
        result[kind] = Counts(tally["created"], tally["updated"], tally["unchanged"])
    return result


def import_files(
    uow: UnitOfWork,
    files: Sequence[FileInput],
    *,
    language: str = "en",
    progress: Progress = _quiet,
) -> ImportResult:
    """Import workbooks (.xlsx) and CSV files as one batch: every row is written, or none is."""
    started = time.perf_counter()
    log = IssueLog()
    contents = _contents(files, log)
    parsed = read_files(contents, log, progress)
    with uow:
        stored = _snapshot(uow)
        progress("check", 0, 1)
        resolved = resolve(parsed, stored, log)
        if not log:
            _judge(resolved, stored, log)
        progress("check", 1, 1)
        if log:
            raise ImportFailed(log.issues, language)
        _write(uow, resolved, progress)
        uow.commit()
    return ImportResult(
        files=tuple(name for name, _ in contents),
        sheets=tuple(parsed.sheets),
        counts=_counts(resolved),
        examples_skipped=parsed.examples_skipped,
        ignored_sheets=tuple(parsed.ignored_sheets),
        ignored_columns=tuple(parsed.ignored_columns),
        seconds=time.perf_counter() - started,
    )


def import_file(
    uow: UnitOfWork,
    source: Path | bytes,
    filename: str | None = None,
    *,
    language: str = "en",
    progress: Progress = _quiet,
) -> ImportResult:
    """One file, by path or as uploaded bytes with its file name (the extension says .xlsx or .csv)."""
    if isinstance(source, bytes):
        return import_files(uow, [(filename or "upload.xlsx", source)], language=language, progress=progress)
    return import_files(uow, [source], language=language, progress=progress)


__all__ = ["Counts", "FileInput", "ImportFailed", "ImportResult", "import_file", "import_files"]
