"""`birlik template`, `birlik import`, `birlik export plan|registry` and `birlik report`: spreadsheets and
documents in and out of the registry."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from birlik.domain.calendar import Month
from birlik.entrypoints.cli.app import (
    DatabaseOption,
    app,
    console,
    error_console,
    open_app,
    opened,
    user_errors,
)
from birlik.entrypoints.cli.render import table
from birlik.i18n import Texts, language_or_default

if TYPE_CHECKING:
    from birlik.services.imports import ImportFailed, ImportResult

# The workbook services (openpyxl, the chart renderer) are imported by the commands that use
# them: every other command, `birlik plan` among them, starts 0.2 s sooner without them.

export_app = typer.Typer(help="Write a plan or the registry as workbooks.", no_args_is_help=True)
app.add_typer(export_app, name="export")

PROGRESS_FROM_ROWS = 1000

SAY = Texts(
    "cli.exchange",
    {
        "template": {
            "en": "Template «{kind}» written to {path}.",
            "ru": "Шаблон «{kind}» записан в {path}.",
            "kk": "«{kind}» үлгісі {path} файлына жазылды.",
        },
        "failed": {
            "en": "Nothing was imported: {n} error(s). Fix them and load the file again.",
            "ru": "Ничего не загружено: ошибок — {n}. Исправьте их и загрузите файл снова.",
            "kk": "Ештеңе жүктелмеді: {n} қате. Оларды түзетіп, файлды қайта жүктеңіз.",
        },
        "errors_saved": {
            "en": "Every error is listed in {path}.",
            "ru": "Все ошибки перечислены в {path}.",
            "kk": "Барлық қате {path} файлында көрсетілген.",
        },
        "imported": {
            "en": "Imported in {seconds:.1f} s: {changed} record(s) created or updated.",
            "ru": "Загружено за {seconds:.1f} с: создано или изменено записей — {changed}.",
            "kk": "{seconds:.1f} с ішінде жүктелді: {changed} жазба құрылды не өзгертілді.",
        },
        "examples": {
            "en": "{n} untouched example row(s) skipped.",
            "ru": "Пропущено нетронутых строк-примеров: {n}.",
            "kk": "Өзгертілмеген мысал жолдары өткізілді: {n}.",
        },
        "ignored": {"en": "Ignored: {what}", "ru": "Пропущено: {what}", "kk": "Ескерілмеді: {what}"},
        "written": {"en": "Written: {paths}", "ru": "Записано: {paths}", "kk": "Жазылды: {paths}"},
        "stage_read": {"en": "Reading rows", "ru": "Чтение строк", "kk": "Жолдарды оқу"},
        "stage_check": {"en": "Checking", "ru": "Проверка", "kk": "Тексеру"},
        "stage_write": {"en": "Writing", "ru": "Запись", "kk": "Жазу"},
        "kind": {"en": "records", "ru": "записи", "kk": "жазбалар"},
        "created": {"en": "created", "ru": "создано", "kk": "құрылды"},
        "updated": {"en": "updated", "ru": "изменено", "kk": "өзгертілді"},
        "unchanged": {"en": "unchanged", "ru": "без изменений", "kk": "өзгеріссіз"},
        "basis_latest": {
            "en": "No plan is approved yet: the report uses the latest plan {plan} ({status}).",
            "ru": "Утверждённого плана нет: отчёт построен по последнему плану {plan} ({status}).",
            "kk": "Бекітілген жоспар жоқ: есеп соңғы {plan} жоспары ({status}) бойынша жасалды.",
        },
    },
)

LanguageOption = Annotated[str, typer.Option("--lang", help="ru, kk or en")]


class _Bar:
    """A Rich progress bar that appears only for large files."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.progress is None:
            if stage != "read" or total < PROGRESS_FROM_ROWS:
                return
            self.progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=console, transient=True,
            )  # fmt: skip
            self.progress.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(
                SAY(f"stage_{stage}", self.language), total=max(total, 1)
            )
        self.progress.update(self.tasks[stage], completed=done, total=max(total, 1))

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command("template")
@user_errors
def template(
    kind: Annotated[str, typer.Argument(help="members, capacities, products or orders")],
    out: Annotated[Path, typer.Option("--out", help="the .xlsx file to write")],
    lang: LanguageOption = "ru",
) -> None:
    """Write a blank template: headers in Russian and English, lists, instructions, an example row."""
    from birlik.services.exports import export_template

    language = language_or_default(lang)
    export_template(kind, out, language)
    console.print(SAY("template", language, kind=kind, path=out), highlight=False)


def _save_errors(failure: ImportFailed, target: Path, language: str) -> None:
    rows = failure.as_dicts(language)
    with target.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["problem"])
        writer.writeheader()
        writer.writerows(rows)


def _show_errors(failure: ImportFailed, language: str) -> None:
    t = table("")
    for column in ("file", "sheet", "row", "column", "value", "problem", "expected"):
        t.add_column(column, overflow="fold")
    for issue in failure.as_dicts(language):
        column = f"{issue['column']} «{issue['header']}»" if issue["column"] else ""
        t.add_row(
            Path(str(issue["file"])).name,
            str(issue["sheet"]),
            str(issue["row"] or ""),
            column,
            str(issue["value"]),
            str(issue["problem"]),
            str(issue["expected"]),
        )
    error_console.print(t)


def _show_result(result: ImportResult, language: str) -> None:
    t = table("")
    for column in ("kind", "created", "updated", "unchanged"):
        t.add_column(SAY(column, language), justify="left" if column == "kind" else "right")
    for kind, counts in result.counts.items():
        if counts.created or counts.updated or counts.unchanged:
            t.add_row(kind, str(counts.created), str(counts.updated), str(counts.unchanged))
    console.print(t)
    console.print(SAY("imported", language, seconds=result.seconds, changed=result.changed), highlight=False)
    if result.examples_skipped:
        console.print(SAY("examples", language, n=result.examples_skipped), highlight=False)
    for ignored in (*result.ignored_sheets, *result.ignored_columns):
        console.print(SAY("ignored", language, what=ignored), highlight=False)


@app.command("import")
@user_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help=".xlsx or .csv files, loaded together as one batch")],
    database_url: DatabaseOption = None,
    lang: LanguageOption = "ru",
    errors: Annotated[
        Path | None, typer.Option("--errors", help="also write every error to this .csv")
    ] = None,
) -> None:
    """Load members, capacities, products and BOMs, buyers and orders: every row is written, or none is."""
    from birlik.services.imports import ImportFailed, import_files

    language = language_or_default(lang)
    bar = _Bar(language)
    birlik = open_app(database_url)
    try:
        result = import_files(birlik.uow(), files, language=language, progress=bar)
    except ImportFailed as failure:
        bar.stop()
        _show_errors(failure, language)
        if errors is not None:
            _save_errors(failure, errors, language)
            error_console.print(SAY("errors_saved", language, path=errors), highlight=False)
        error_console.print(f"[red]{SAY('failed', language, n=len(failure.issues))}[/red]", highlight=False)
        raise typer.Exit(1) from None
    finally:
        bar.stop()
        birlik.close()
    _show_result(result, language)


@export_app.command("plan")
@user_errors
def export_plan_command(
    plan_id: Annotated[int, typer.Argument(help="plan id")],
    out: Annotated[Path, typer.Option("--out", help="the .xlsx file to write")],
    database_url: DatabaseOption = None,
    lang: LanguageOption = "ru",
) -> None:
    """A plan as a workbook: summary, a sheet per order, a sheet per member, the utilisation heat map."""
    from birlik.services.exports import export_plan

    birlik = open_app(database_url)
    try:
        export_plan(birlik.uow(), plan_id, out, language_or_default(lang))
    finally:
        birlik.close()
    console.print(SAY("written", language_or_default(lang), paths=out), highlight=False)


@export_app.command("registry")
@user_errors
def export_registry_command(
    out: Annotated[Path, typer.Option("--out", help="a folder (four templates) or one .xlsx file")],
    database_url: DatabaseOption = None,
    lang: LanguageOption = "ru",
) -> None:
    """The registry as filled templates, ready to edit and load again with `birlik import`."""
    from birlik.services.exports import export_registry

    birlik = open_app(database_url)
    try:
        written = export_registry(birlik.uow(), out, language_or_default(lang))
    finally:
        birlik.close()
    console.print(
        SAY("written", language_or_default(lang), paths=", ".join(map(str, written))), highlight=False
    )


@app.command("report")
@user_errors
def report(
    first: Annotated[str, typer.Option("--from", help="first month, YYYY-MM")],
    last: Annotated[str, typer.Option("--to", help="last month, YYYY-MM")],
    out: Annotated[Path, typer.Option("--out", help="FILE.pdf or FILE.xlsx")],
    database_url: DatabaseOption = None,
    lang: LanguageOption = "ru",
    include_confidential: Annotated[
        bool,
        typer.Option(help="an internal copy: count confidential (defense) orders too; never for circulation"),
    ] = False,
) -> None:
    """The results for a period: volumes, members, exports, local content, utilisation, delivery."""
    from birlik.services.exports import export_report

    language = language_or_default(lang)
    with opened(database_url) as birlik:
        results = export_report(
            birlik.uow(),
            Month.parse(first, "--from"),
            Month.parse(last, "--to"),
            out,
            language,
            include_confidential=include_confidential,
        )
    basis = results["basis"]
    if not basis["approved"]:
        console.print(
            SAY("basis_latest", language, plan=basis["plan_id"], status=basis["status"]), highlight=False
        )
    console.print(SAY("written", language, paths=out), highlight=False)
