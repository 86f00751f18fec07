"""One set of consortium figures: the web dashboard, the API's consortium report and the results report
(`birlik report`, read back from its workbook) show the same numbers for the same plan and caller.

The report is the coordinator's document: its internal copy (`--include-confidential`) is what the
coordinator reads on the dashboard and in the API, its circulated copy what an analyst reads there.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from birlik.bootstrap import App
from birlik.domain.plans import PlanStatus
from birlik.entrypoints.cli import app as cli
from birlik.entrypoints.web.session import SESSION_COOKIE
from birlik.services.planning import run_allocation
from tests.api.world import World, create_users, load_registry, login
from tests.web.conftest import browser

TOTALS = ("value_kzt", "export_value_kzt", "export_share", "lc_share", "members_involved", "lines_due")
DEFENSE_VALUE = 3_000 * 1_100  # X-DEFENSE: 3 000 m at 1 100 KZT, all made in the world's plan
DEFENSE_METRES = 3_000


def api_report(client: httpx.Client) -> dict[str, Any]:
    answer = client.get("/api/v1/reports/consortium")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def dashboard_numbers(page: str) -> list[str]:
    """The four figures at the top of the dashboard, as shown."""
    block = re.search(r'<dl class="figures">(.*?)</dl>', page, re.S)
    assert block is not None, page
    return [unescape(v).strip() for v in re.findall(r"<dd>(.*?)</dd>", block.group(1), re.S)]


def as_shown(totals: dict[str, Any]) -> list[str]:
    """The API's totals in the dashboard's formats (whole tenge, one decimal of a percent)."""
    share = totals["lc_share"]
    return [
        f"{totals['value_kzt']:,.0f}".replace(",", "\u202f"),
        f"{totals['export_value_kzt']:,.0f}".replace(",", "\u202f"),
        "—" if share is None else f"{share * 100:.1f}\u00a0%",
        str(totals["members_involved"]),
    ]


def dashboard_orders(page: str) -> list[str]:
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r"<tr><td>([^<]*)</td>", table)


def report_book(url: str, folder: Path, *, internal: bool) -> tuple[Workbook, str]:
    """`birlik report` over a window wider than any plan of the test worlds, read back."""
    target = folder / ("internal.xlsx" if internal else "circulated.xlsx")
    args = ["report", "--from", "2026-01", "--to", "2028-12", "--out", str(target), "--lang", "en"]
    args += ["--include-confidential"] if internal else []
    result = CliRunner().invoke(cli, [*args, "--database-url", url])
    assert result.exit_code == 0, result.output
    return load_workbook(target), result.output


def report_totals(book: Workbook) -> list[object]:
    summary = book.worksheets[0]
    return [summary.cell(row=row, column=2).value for row in range(4, 4 + len(TOTALS))]


def report_contracts(book: Workbook) -> list[tuple[object, object]]:
    """(order or "confidential order", LC share) per contract row of the local-content sheet."""
    sheet = book.worksheets[4]
    rows = []
    for row in range(4, sheet.max_row + 1):
        order = sheet.cell(row=row, column=1).value
        if order is None:
            break
        rows.append((order, sheet.cell(row=row, column=5).value))
    return rows


def report_utilisation(book: Workbook) -> float:
    """The sum of every utilisation cell of the report (by family and month)."""
    sheet = book.worksheets[5]
    return sum(
        float(cell)
        for row in sheet.iter_rows(min_row=4, min_col=2, values_only=True)
        for cell in row
        if isinstance(cell, int | float)
    )


def every_cell(book: Workbook) -> str:
    return " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
    )


def database_url(world: World) -> str:
    assert world.engine is not None
    return world.engine.url.render_as_string(hide_password=False)


@pytest.mark.parametrize(("role", "internal"), [("coordinator", True), ("analyst", False)])
def test_the_dashboard_the_api_and_the_report_show_the_same_figures_for_one_caller(
    shared_world: World, tmp_path: Path, role: str, internal: bool
) -> None:
    with shared_world.client(role) as client:
        api = api_report(client)
    with browser(shared_world, role) as client:
        page = client.get("/dashboard").text
    book, _ = report_book(database_url(shared_world), tmp_path, internal=internal)
    plan = shared_world.approved_plan
    totals = api["totals"]

    assert api["basis"] == {**api["basis"], "plan_id": plan, "status": "approved", "approved": True}
    assert api["approved_plan_id"] == plan
    assert f"Figures of the approved plan {plan}." in page
    assert f"Figures from the approved plan {plan} of " in book.worksheets[0]["A2"].value

    assert totals["value_kzt"] > 0 and totals["members_involved"] == 2
    assert dashboard_numbers(page) == as_shown(totals)
    assert report_totals(book) == [totals[key] for key in TOTALS]

    orders = {o["order"]: o["lc_share"] for o in api["local_content"]}
    assert dashboard_orders(page) == list(orders)
    named = {o: share for o, share in orders.items() if o != "X-DEFENSE"}
    contracts = report_contracts(book)
    assert {o: share for o, share in contracts if o != "confidential order"} == named
    assert len(contracts) == len(orders)

    assert {(e["country"], e["value_kzt"]) for e in api["exports"]} == {("BY", totals["export_value_kzt"])}
    assert sum(v["value_kzt"] for v in api["volumes"]) == pytest.approx(totals["value_kzt"])
    assert report_utilisation(book) == pytest.approx(sum(u["utilisation"] or 0 for u in api["utilisation"]))


def test_a_confidential_order_counts_for_the_coordinator_and_in_the_internal_copy_only(
    shared_world: World, tmp_path: Path
) -> None:
    with shared_world.client("coordinator") as client:
        everything = api_report(client)
    with shared_world.client("analyst") as client:
        public = api_report(client)
    internal, _ = report_book(database_url(shared_world), tmp_path, internal=True)
    circulated, _ = report_book(database_url(shared_world), tmp_path, internal=False)

    assert report_totals(internal)[0] - report_totals(circulated)[0] == DEFENSE_VALUE  # type: ignore[operator]
    assert "X-DEFENSE" not in every_cell(circulated)
    assert "confidential order" in every_cell(internal) and "confidential order" not in every_cell(circulated)
    # the capacity the defense order takes is left out too: its load alone would give it away
    assert report_utilisation(circulated) < report_utilisation(internal)

    assert everything["totals"]["value_kzt"] - public["totals"]["value_kzt"] == DEFENSE_VALUE
    assert [o["order"] for o in everything["local_content"]].count("X-DEFENSE") == 1
    assert "X-DEFENSE" not in str(public)

    def greige_load(report: dict[str, Any]) -> float:
        return sum(u["load"] for u in report["utilisation"] if u["family"] == "greige_fabric")

    assert greige_load(everything) - greige_load(public) == pytest.approx(DEFENSE_METRES)


def test_without_an_approved_plan_every_output_shows_the_latest_draft_and_says_so(
    app: App, server: str, tmp_path: Path
) -> None:
    load_registry(app)
    draft = run_allocation(app.uow).plan_id
    turned_down = run_allocation(app.uow).plan_id
    with app.uow() as uow:
        uow.plans.set_status(turned_down, PlanStatus.DISCARDED)  # never a basis, though it is newer
        uow.commit()
    create_users(app)
    token = login(server, "coordinator")
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
        api = api_report(client)
    with httpx.Client(base_url=server, cookies={SESSION_COOKIE: token}, timeout=60) as client:
        page = client.get("/dashboard").text
    book, output = report_book(app.engine.url.render_as_string(hide_password=False), tmp_path, internal=True)

    assert f"No plan is approved yet: figures of the latest plan {draft} (draft)." in page
    assert "No plan is approved yet" in output
    assert f"figures from the latest plan {draft} (draft)" in book.worksheets[0]["A2"].value
    assert api["basis"] == {**api["basis"], "plan_id": draft, "status": "draft", "approved": False}
    assert api["approved_plan_id"] is None
    assert {o["order"] for o in api["local_content"]} == {"X-CLOTH", "X-DEFENSE", "Y-SUITS"}
    assert api["assignments_by_status"] == {"proposed": 3}
    assert dashboard_numbers(page) == as_shown(api["totals"])
    assert report_totals(book) == [api["totals"][key] for key in TOTALS]
