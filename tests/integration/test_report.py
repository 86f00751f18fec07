"""The results report for a period: figures from the approved (or latest) plan, as xlsx and as PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.entrypoints.cli import app as cli
from birlik.services.exports import export_report
from birlik.services.planning import approve_plan, run_allocation
from birlik.services.results import period_results

YEAR = (Month(2027, 1), Month(2027, 12))


@pytest.fixture
def planned(app: App) -> tuple[App, int]:
    load_demo(app.uow)
    return app, run_allocation(app.uow).plan_id


def test_the_figures_add_up_and_say_which_plan_they_come_from(planned: tuple[App, int]) -> None:
    app, plan_id = planned
    draft = period_results(app.uow(), *YEAR)
    assert draft["basis"] == {**draft["basis"], "plan_id": plan_id, "approved": False}
    approve_plan(app.uow(), plan_id)
    results = period_results(app.uow(), *YEAR)
    assert results["basis"]["approved"] is True
    total = results["totals"]["value_kzt"]
    assert total > 0
    assert sum(v["value_kzt"] for v in results["volumes"]) == pytest.approx(total)
    assert sum(m["value_kzt"] for m in results["members"]) == pytest.approx(total)
    # the circulated report leaves the defense order (6 lines, to UZ) out of every figure
    assert {e["country"] for e in results["exports"]} == {"BY", "RU"}
    assert not [c for c in results["contracts"] if c["confidential"]]
    assert results["basis"]["confidential_included"] is False
    delivery = results["delivery"]
    assert delivery["on_time"] + delivery["late"] + delivery["short"] == 30 - 6  # all due in 2027
    internal = period_results(app.uow(), *YEAR, include_confidential=True)
    assert {e["country"] for e in internal["exports"]} == {"BY", "UZ", "RU"}
    assert internal["totals"]["value_kzt"] > total
    confidential = [c for c in internal["contracts"] if c["confidential"]]
    assert confidential and all(c["order"] is None and c["buyer"] is None for c in confidential)
    assert all(0 <= t["lc_share"] <= 1 for t in results["lc_trend"] if t["lc_share"] is not None)
    empty = period_results(app.uow(), Month(2030, 1), Month(2030, 3))
    assert empty["totals"]["value_kzt"] == 0 and empty["members"] == []


def test_the_xlsx_report_opens_with_its_charts(planned: tuple[App, int], tmp_path: Path) -> None:
    app, _ = planned
    target = tmp_path / "report.xlsx"
    export_report(app.uow(), *YEAR, target, "ru")
    book = load_workbook(target)
    charts = {sheet.title: len(sheet._charts) for sheet in book.worksheets}
    assert sum(charts.values()) >= 6, charts
    assert all(count >= 1 for count in charts.values()), charts
    assert book.worksheets[0]["A1"].value == "Итоги консорциума, 2027-01 – 2027-12"


def test_the_pdf_report_renders_pages_that_are_not_blank(planned: tuple[App, int], tmp_path: Path) -> None:
    app, _ = planned
    target = tmp_path / "report.pdf"
    export_report(app.uow(), *YEAR, target, "kk")
    document = pdfium.PdfDocument(str(target))
    assert len(document) >= 4
    for index in (0, 1):
        image = document[index].render(scale=0.5).to_pil().convert("L")
        dark = sum(image.histogram()[:200])  # pixels darker than light grey
        assert dark > 0.01 * image.width * image.height, f"page {index + 1} is blank"
    document.close()


def test_a_report_needs_a_plan_and_a_known_format(app: App, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="no plan yet"):
        period_results(app.uow(), *YEAR)
    with pytest.raises(InvalidValue, match=r"\.pdf or \.xlsx"):
        export_report(app.uow(), *YEAR, tmp_path / "report.docx")


def test_the_report_command_says_when_no_plan_is_approved(planned: tuple[App, int], tmp_path: Path) -> None:
    app, _ = planned
    url = app.engine.url.render_as_string(hide_password=False)
    target = tmp_path / "итоги.xlsx"
    args = ["report", "--from", "2027-01", "--to", "2027-06", "--out", str(target), "--lang", "en"]
    result = CliRunner().invoke(cli, [*args, "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "No plan is approved yet" in result.output and target.exists()
