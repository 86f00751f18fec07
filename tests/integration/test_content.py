"""Local content, origin and certificate drafts through the services and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.entrypoints.cli import app as cli
from birlik.entrypoints.web.schedule import order_schedule
from birlik.services import content, reads_content
from birlik.services.access import Principal, Role
from birlik.services.planning import PlanningOptions, run_allocation
from birlik.services.planning.run import PlanOutcome

runner = CliRunner()
SHYMKENT_ARNAU = "110240044100"
AZAL_MATA = "120340010438"
ALATAU = "160340028903"  # sews workwear; its CT-KZ on file was issued for the suit of imported twill
MELANZH = "050840022177"  # weaves and finishes workwear twill


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def outcome(app: App) -> tuple[App, PlanOutcome]:
    """The demo planned as `birlik plan` plans it: multi-stage, the cloth of sewn goods from member
    mills or an import."""
    load_demo(app.uow)
    return app, run_allocation(app.uow)


@pytest.fixture
def planned(outcome: tuple[App, PlanOutcome]) -> tuple[App, dict[str, object]]:
    app, made = outcome
    return app, made.report


def _fully_made(report: dict[str, Any]) -> set[str]:
    """Orders with nothing short: their plan share (over what is made) and КСт (over S) are one figure."""
    short = {row["order"] for row in report["lines"] if row["short"] > 0}
    return {row["order"] for row in report["orders"]} - short


def test_the_oil_order_contract_share_with_the_planned_cloth_is_the_plans_share(
    outcome: tuple[App, PlanOutcome],
) -> None:
    app, made = outcome
    assert made.staged is not None
    view = content.order_share(app.uow(), number="OIL-2027-003")
    [o] = [i for i, row in enumerate(made.report["orders"]) if row["order"] == "OIL-2027-003"]
    assert view.staged and view.plan is not None and view.contract.total == Decimal(696_000_000)
    assert abs(float(view.contract.share) - float(made.staged.order_lc_share[o])) < 1e-6
    assert view.contract.share >= Decimal("0.5999")
    # the contract is still Σ CTi·Ki / S, with each Ki the good's share with its planned cloth
    weighted = sum(i.item.value * i.item.share.share for i in view.items) / view.contract.total
    assert view.contract.share == weighted
    # Alatau's CT-KZ on file (42 %) was issued for the suit sewn from imported twill
    assert view.on_file is not None and view.on_file.share == Decimal("0.42")
    assert all(i.on_file is not None and i.on_file.share == Decimal("0.42") for i in view.items)
    member_sewn = [i for i in view.items if i.cloth and any(p.mill for p in i.cloth.parts)]
    assert member_sewn and all(i.needs_new_ct_kz for i in member_sewn)
    # each assignment's share is what the plan stored for it
    for i in view.items:
        assert i.planner_share is not None
        assert abs(i.item.share.share - i.planner_share) <= Decimal("0.00005")


def test_every_fully_made_order_has_the_plans_share_with_the_planned_cloth(
    outcome: tuple[App, PlanOutcome],
) -> None:
    app, made = outcome
    assert made.staged is not None
    views = {v.order.number: v for v in content.plan_shares(app.uow())}
    orders = [row["order"] for row in made.report["orders"]]
    complete = _fully_made(made.report)
    assert {"OIL-2027-003", "KTZ-2027-004", "UZ-2027-002"} <= complete
    for number in complete:
        planned = float(made.staged.order_lc_share[orders.index(number)])
        assert abs(float(views[number].contract.share) - planned) < 1e-6, number
    assert all(Decimal(0) <= v.contract.share <= Decimal(1) for v in views.values())
    assert all(v.on_file is not None and Decimal(0) <= v.on_file.share <= Decimal(1) for v in views.values())


def test_content_order_shows_the_certificates_figure_and_the_ct_kz_drafts_the_plan_needs(
    planned: tuple[App, dict[str, object]], tmp_path: Path
) -> None:
    app, report = planned
    url = ["--database-url", url_of(app.engine)]
    shown = runner.invoke(cli, ["content", "order", "OIL-2027-003", *url])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    [oil] = [o for o in report["orders"] if o["order"] == "OIL-2027-003"]  # type: ignore[attr-defined]
    assert f"→ {oil['lc_share'] * 100:.2f} %" in text  # the plan's share, with the planned cloth
    assert "By the CT-KZ on file: Σ CT·K = 292,320,000.00 → 42.00 % (below the floor)" in text
    assert "needed" in text and "CTKZ-27-ALA-00131" in text
    pointer = f"birlik certificate ct-kz WW-SUIT --member {ALATAU} --source TWL-DY={MELANZH} --on 2027-01-01"
    assert pointer in text

    data = json.loads(runner.invoke(cli, ["content", "order", "OIL-2027-003", "--json", *url]).output)
    assert data["basis"] == "planned_cloth" and Decimal(data["on_file"]["share"]) == Decimal("0.42")
    assert abs(float(data["share"]) - oil["lc_share"]) < 1e-4
    assert all(item["new_ct_kz"] for item in data["items"] if item["member"])
    [command] = [c for c in data["new_ct_kz_drafts"] if f"TWL-DY={MELANZH}" in c]

    # the pointer is a working command whose draft computes the share the plan counts
    out = tmp_path / "draft.json"
    args = command.removeprefix("birlik ").split()
    made = runner.invoke(cli, [*args[: args.index("--out")], "--out", str(out), *url])
    assert made.exit_code == 0, made.output
    draft = json.loads(out.read_text(encoding="utf-8"))
    [share] = [f["value"] for f in draft["sections"]["calculation"] if f["field"] == "share"]
    parts = [p for i in data["items"] if i["cloth"] for p in i["cloth"]["parts"] if p["code"] == MELANZH]
    assert parts and all(f"({p['K']})" in share for p in parts)  # e.g. "90.96 % (0.909553)"


def test_a_single_stage_plan_counts_the_certificates_on_file_as_before(app: App) -> None:
    load_demo(app.uow)
    report = run_allocation(app.uow, PlanningOptions(stages=False)).report
    view = content.order_share(app.uow(), number="OIL-2027-003")
    [oil] = [o for o in report["orders"] if o["order"] == "OIL-2027-003"]
    assert not view.staged and view.on_file is None
    assert abs(float(view.contract.share) - oil["lc_share"]) < 1e-3
    # every good is supplied by its own producer: the share is the value-weighted mean of the Ki
    weighted = sum(i.item.value * i.item.share.share for i in view.items) / view.contract.total
    assert view.contract.share == weighted
    assert all(i.item.share.certificate is not None for i in view.items if i.member is not None)
    assert all(i.cloth is None and not i.needs_new_ct_kz for i in view.items)
    data = json.loads(
        runner.invoke(
            cli, ["content", "order", "OIL-2027-003", "--json", "--database-url", url_of(app.engine)]
        ).output
    )
    assert "basis" not in data and "on_file" not in data and "new_ct_kz" not in data["items"][0]


def test_the_api_and_the_order_page_read_the_same_figures(outcome: tuple[App, PlanOutcome]) -> None:
    app, _ = outcome
    view = content.order_share(app.uow(), number="OIL-2027-003")
    on = date(2027, 1, 15)
    coordinator = Principal(1, "coordinator", Role.COORDINATOR)
    record = reads_content.order_content(app.uow(), coordinator, on, "OIL-2027-003", None)
    assert record.basis == "planned_cloth" and record.share == view.contract.share
    assert record.floor_met  # as the plan says: 60.00 % of a 60 % floor
    assert record.share_on_file == Decimal("0.42") and record.floor_met_on_file is False
    assert any(i.new_ct_kz for i in record.items)
    with app.uow() as uow:
        order = uow.orders.get("OIL-2027-003")
    assert order is not None
    buyer = Principal(2, "buyer", Role.BUYER, buyer_code=order.buyer_code)
    for principal in (coordinator, buyer):
        schedule = order_schedule(app, principal, on, "OIL-2027-003")
        assert schedule.lc_share is not None and schedule.lc_share_on_file == Decimal("0.42")
        assert schedule.lc_met
        assert abs(schedule.lc_share - view.contract.share) < Decimal("0.00005")
        assert schedule.new_ct_kz == len(view.needing_new_ct_kz) > 0


def test_cli_product_origin_and_certificates(planned: tuple[App, dict[str, object]], tmp_path: Path) -> None:
    app, _ = planned
    url = ["--database-url", url_of(app.engine)]
    product = runner.invoke(
        cli,
        ["content", "product", "WW-SUIT", "--member", SHYMKENT_ARNAU, "--on", "2027-03-01", "--json", *url],
    )
    assert product.exit_code == 0, product.output
    data = json.loads(product.output)
    assert data["share"] == "0.917677" and Decimal(data["declared"]["share"]) == Decimal("0.81")

    origin = runner.invoke(cli, ["origin", "CAL-GR", "--member", AZAL_MATA, "--to", "BY", "--json", *url])
    verdict = json.loads(origin.output)
    assert verdict["originating"] and verdict["criterion"] == "change_of_heading"

    pdf = tmp_path / "ct-kz.pdf"
    made = runner.invoke(
        cli, ["certificate", "ct-kz", "WW-SUIT", "--member", SHYMKENT_ARNAU, "--out", str(pdf), *url]
    )
    assert made.exit_code == 0, made.output
    assert len(pdfium.PdfDocument(str(pdf))) == 1

    ct1 = tmp_path / "ct-1.json"
    args = ["certificate", "ct-1", "--order", "UZ-2027-002", "--line", "2", "--member", SHYMKENT_ARNAU]
    made = runner.invoke(cli, [*args, "--out", str(ct1), *url])
    assert made.exit_code == 0, made.output
    draft = json.loads(ct1.read_text(encoding="utf-8"))
    assert draft["schema"] == "birlik.ct_1-draft/1" and draft["sections"]["origin"][0]["value"] == "KZ"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["certificate", "ct-kz", "WW-SUIT", "--member", "123456789012"], "check digit"),
        (["certificate", "ct-kz", "NO-SUCH", "--member", SHYMKENT_ARNAU], "no product with this SKU"),
        (
            ["certificate", "ct-1", "--order", "OIL-2027-003", "--line", "1", "--member", SHYMKENT_ARNAU],
            "CT-1",
        ),
        (
            ["certificate", "ct-kz", "WW-SUIT", "--member", SHYMKENT_ARNAU, "--source", "TWL-DY=NOPE"],
            "no such material",
        ),
    ],
)
def test_refused_drafts_are_one_line_and_write_no_file(
    planned: tuple[App, dict[str, object]], tmp_path: Path, args: list[str], message: str
) -> None:
    app, _ = planned
    out = tmp_path / "draft.pdf"
    result = runner.invoke(cli, [*args, "--out", str(out), "--database-url", url_of(app.engine)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_rates_are_entered_and_used_by_date(app: App, tmp_path: Path) -> None:
    url = ["--database-url", url_of(app.engine)]
    assert runner.invoke(cli, ["rates", "add", "USD", "2027-01-01", "520", *url]).exit_code == 0
    csv_file = tmp_path / "rates.csv"
    csv_file.write_text(
        "currency,valid_from,kzt_per_unit\nUSD,2027-07-01,530\nBYN,2027-01-01,160\n", encoding="utf-8"
    )
    assert runner.invoke(cli, ["rates", "import", str(csv_file), *url]).exit_code == 0
    listed = runner.invoke(cli, ["rates", "list", *url])
    assert "Exchange rates (3)" in listed.output
    rates = {(r.currency.value, r.valid_from): r.kzt_per_unit for r in content.list_rates(app.uow())}
    assert rates[("USD", date(2027, 7, 1))] == Decimal(530)
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,valid_from,kzt_per_unit\nGBP,2027-01-01,600\n", encoding="utf-8")
    refused = runner.invoke(cli, ["rates", "import", str(bad), *url])
    assert refused.exit_code == 1 and "row 2 of bad.csv" in refused.output
