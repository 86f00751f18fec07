"""A plan as a workbook, read back with openpyxl: summary, orders, members' own sheets, the heat map."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.domain.errors import NotFound
from birlik.entrypoints.cli import app as cli
from birlik.services.exports import export_plan
from birlik.services.planning import run_allocation


@pytest.fixture
def planned(app: App) -> tuple[App, int, dict]:  # type: ignore[type-arg]
    load_demo(app.uow)
    outcome = run_allocation(app.uow)
    return app, outcome.plan_id, outcome.report


def test_the_plan_workbook_has_a_summary_a_sheet_per_order_and_per_member(planned, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, plan_id, report = planned
    target = export_plan(app.uow(), plan_id, tmp_path / "plan.xlsx", "en")
    book = load_workbook(target)
    orders = {o["order"] for o in report["orders"]}
    members = {a["member_bin"]: a["member"] for a in report["assignments"]}
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Capacity utilisation"
    assert orders <= set(book.sheetnames)
    assert len(book.sheetnames) == 2 + len(orders) + len(members)
    summary = [c.value for row in book["Summary"].iter_rows() for c in row if c.value is not None]
    assert f"Plan {plan_id}" in summary and "OIL-2027-003" in summary


def test_a_member_sheet_holds_only_that_members_assignments(planned, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, plan_id, report = planned
    book = load_workbook(export_plan(app.uow(), plan_id, tmp_path / "plan.xlsx", "ru"))
    bin_, name = next((a["member_bin"], a["member"]) for a in report["assignments"])
    [sheet] = [
        book[t] for t in book.sheetnames if book[t]["A1"].value and f"БИН {bin_}" in str(book[t]["A1"].value)
    ]
    assert name in sheet["A1"].value
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) == sum(1 for a in report["assignments"] if a["member_bin"] == bin_)
    heat = book["Загрузка мощностей"]
    assert heat.conditional_formatting, "utilisation is coloured as a heat map"
    values = [v for r in heat.iter_rows(min_row=4, min_col=4, values_only=True) for v in r if v is not None]
    assert values and max(values) <= 1.0 + 1e-6


def test_an_unknown_plan_is_a_clear_error(app: App, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        export_plan(app.uow(), 999, tmp_path / "x.xlsx")
    url = app.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        cli, ["export", "plan", "999", "--out", str(tmp_path / "x.xlsx"), "--database-url", url]
    )
    assert result.exit_code == 1 and "no plan 999" in result.output
