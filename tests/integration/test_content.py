"""Local content, origin and certificate drafts through the services and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.entrypoints.cli import app as cli
from birlik.services import content
from birlik.services.planning import PlanningOptions, run_allocation

runner = CliRunner()
SHYMKENT_ARNAU = "110240044100"
AZAL_MATA = "120340010438"


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def planned(app: App) -> tuple[App, dict[str, object]]:
    """A single-stage plan: its shares are the certificates' Ki, which is what a contract counts. A
    multi-stage plan counts the share each cloth source would give, which certificates on file need
    not state yet."""
    load_demo(app.uow)
    return app, run_allocation(app.uow, PlanningOptions(stages=False)).report


def test_the_oil_order_contract_share_from_the_latest_plan_matches_the_planner(
    planned: tuple[App, dict[str, object]],
) -> None:
    app, report = planned
    view = content.order_share(app.uow(), number="OIL-2027-003")
    [oil] = [o for o in report["orders"] if o["order"] == "OIL-2027-003"]  # type: ignore[attr-defined]
    assert view.plan is not None and view.contract.total == Decimal(696_000_000)
    assert abs(float(view.contract.share) - oil["lc_share"]) < 1e-3
    assert view.contract.share >= Decimal("0.5999")
    # every good is supplied by its own producer: the share is the value-weighted mean of the Ki
    weighted = sum(i.item.value * i.item.share.share for i in view.items) / view.contract.total
    assert view.contract.share == weighted
    assert all(i.item.share.certificate is not None for i in view.items if i.member is not None)


def test_every_demo_order_has_a_contract_share(planned: tuple[App, dict[str, object]]) -> None:
    app, _ = planned
    views = content.plan_shares(app.uow())
    assert {v.order.number for v in views} >= {"OIL-2027-003", "BY-2027-001", "UZ-2027-002"}
    assert all(Decimal(0) <= v.contract.share <= Decimal(1) for v in views)


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
