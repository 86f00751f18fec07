"""The command line, run through Typer's runner against real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from birlik.entrypoints.cli import app
from tests.integration.test_import import workbook

runner = CliRunner()


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_demo_prints_the_summary_and_is_repeatable(engine: Engine) -> None:
    first = runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    assert first.exit_code == 0, first.output
    assert "44 members (6 cleared for defense orders)" in first.output
    assert "OIL-2027-003" in first.output and "60 %" in first.output
    second = runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    assert second.exit_code == 0
    members = runner.invoke(app, ["members", "list", "--database-url", url_of(engine)])
    assert "Members (44)" in members.output


def test_members_list_filters_by_process(engine: Engine) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    result = runner.invoke(
        app, ["members", "list", "--process", "spinning", "--database-url", url_of(engine)]
    )
    assert result.exit_code == 0
    assert "Members (7)" in result.output


def test_orders_show_tells_who_lacks_which_certificate(engine: Engine) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    result = runner.invoke(app, ["orders", "show", "OIL-2027-003", "--database-url", url_of(engine)])
    assert result.exit_code == 0, result.output
    assert "lack ISO 9001" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["orders", "show", "NOPE-1"], "Error: no order 'NOPE-1'"),
        (["members", "list", "--process", "dancing"], "Invalid value"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(
    engine: Engine, args: list[str], message: str
) -> None:
    result = runner.invoke(app, [*args, "--database-url", url_of(engine)])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_unreachable_database_is_one_line_not_a_traceback(tmp_path: object) -> None:
    result = runner.invoke(app, ["members", "list", "--database-url", "sqlite:////nonexistent/dir/x.db"])
    assert result.exit_code == 1
    assert "Database error: unable to open database file" in result.output
    assert "Traceback" not in result.output


def test_db_upgrade_and_downgrade(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    assert runner.invoke(app, ["db", "upgrade", "--database-url", url]).exit_code == 0
    assert runner.invoke(app, ["db", "downgrade", "base", "--database-url", url]).exit_code == 0


def test_plan_writes_the_documented_json(engine: Engine, tmp_path: object) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    target = Path(str(tmp_path)) / "plan.json"
    result = runner.invoke(app, ["plan", "--json", str(target), "--database-url", url_of(engine)])
    assert result.exit_code == 0, result.output
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["schema"] == "birlik.plan/1"
    single = {"schema", "plan", "lines", "assignments", "shortfalls", "capacity", "orders"}
    assert set(report) == single | {"stages"}  # the demo registry names imports: multi-stage
    assert {"id", "status", "objective", "cost", "solver"} <= set(report["plan"])
    assignment = report["assignments"][0]
    assert {
        "order",
        "line",
        "member_bin",
        "product",
        "month",
        "quantity",
        "capacity_used",
        "lc_share",
        "cost",
    } <= set(assignment)
    shown = runner.invoke(app, ["plans", "show", str(report["plan"]["id"]), "--database-url", url_of(engine)])
    assert shown.exit_code == 0 and "Who makes what" in shown.output


def test_plan_on_the_demo_is_multi_stage_by_default(engine: Engine) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    staged = runner.invoke(app, ["plan", "--json", "-", "--database-url", url_of(engine)])
    assert staged.exit_code == 0, staged.output
    report = json.loads(staged.output)
    assert report["stages"]["enabled"] and report["stages"]["flows"]
    single = runner.invoke(app, ["plan", "--single-stage", "--json", "-", "--database-url", url_of(engine)])
    assert "stages" not in json.loads(single.output)
    shown = runner.invoke(app, ["--lang", "ru", "plans", "show", str(report["plan"]["id"]), "--database-url",
                                url_of(engine)])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert "Цепочка OIL-2027-003: ВЦ 60.0 % (минимум 60.0 %)" in shown.output
    assert "ткань от фабрик" in shown.output and "импортная ткань" in shown.output


def test_plan_refuses_a_bad_bin_to_exclude(engine: Engine) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    result = runner.invoke(app, ["plan", "--exclude", "123456789012", "--database-url", url_of(engine)])
    assert result.exit_code == 1
    assert "check digit" in result.output


def test_demo_ends_with_a_plan(engine: Engine) -> None:
    result = runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    assert "Who makes what" in result.output
    assert "Short or late, and why" in result.output


def test_the_output_speaks_russian_and_kazakh_when_asked(engine: Engine) -> None:
    russian = runner.invoke(app, ["--lang", "ru", "demo", "--database-url", url_of(engine)])
    assert russian.exit_code == 0, russian.output
    assert "44 участников" in russian.output and "Кто что делает" in russian.output
    kazakh = runner.invoke(app, ["--lang", "kk", "plans", "list", "--database-url", url_of(engine)])
    assert "Жоспарлар" in kazakh.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--max-late", "-1"], "max_late_months = -1: must be zero or more"),
        (["plan", "--time-limit", "0"], "time_limit_s = 0.0: must be more than zero"),
        (["db", "upgrade", "no-such-revision"], "revision = 'no-such-revision'"),
    ],
)
def test_bad_settings_and_revisions_are_one_line_not_a_traceback(
    engine: Engine, args: list[str], message: str
) -> None:
    runner.invoke(app, ["demo", "--database-url", url_of(engine)])
    result = runner.invoke(app, [*args, "--database-url", url_of(engine)])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_plan_says_which_import_lacks_its_hs_code_and_where_to_record_it(
    engine: Engine, tmp_path: Path
) -> None:
    """A coordinator adds an imported greige for the uniform cloth without its HS code: the finishing is
    planned single-stage and the plan says why; with the code recorded, the greige is weighed."""
    db = ["--database-url", url_of(engine)]
    runner.invoke(app, ["demo", *db])
    header = ["Код материала", "Наименование (англ.)", "Ед. изм.", "Страна происхождения", "Цена",
              "Заменяет изделие (артикул)"]  # fmt: skip
    greige = ["MAT-UNC-GR-TR", "Greige uniform twill", "м", "TR", "830", "UNC-GR"]
    without = tmp_path / "greige.xlsx"
    without.write_bytes(workbook({"Материалы": [header, greige]}))
    assert runner.invoke(app, ["import", str(without), *db]).exit_code == 0
    planned = runner.invoke(app, ["plan", "--json", "-", *db])
    assert planned.exit_code == 0, planned.output
    report = json.loads(planned.output)
    [reason] = report["stages"]["unstaged"]
    assert {k: reason[k] for k in ("product", "cloth", "import", "reason", "material_without_hs_code")} == {
        "product": "UNC-DY",
        "cloth": "UNC-GR",
        "import": "MAT-UNC-GR-TR",
        "reason": "material_without_hs_code",
        "material_without_hs_code": "MAT-UNC-GR-TR",
    }
    assert reason["orders"] == ["UZ-2027-002"] and reason["candidates"] > 0
    shown = runner.invoke(app, ["--lang", "ru", "plans", "show", str(report["plan"]["id"]), *db])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())  # Rich wraps long lines
    assert "UNC-DY (UZ-2027-002): ткань UNC-GR не сравнивалась с импортной MAT-UNC-GR-TR" in text
    assert "У материала MAT-UNC-GR-TR не указан код ТН ВЭД" in text
    assert "(лист «Материалы», столбец «Код ТН ВЭД»)" in text
    with_code = tmp_path / "greige-hs.xlsx"
    with_code.write_bytes(workbook({"Материалы": [[*header, "Код ТН ВЭД"], [*greige, "5514.12"]]}))
    assert runner.invoke(app, ["import", str(with_code), *db]).exit_code == 0
    report = json.loads(runner.invoke(app, ["plan", "--json", "-", *db]).output)
    assert report["stages"]["unstaged"] == []
    [defense] = [o for o in report["orders"] if o["order"] == "UZ-2027-002"]
    assert any(c["cloth"] and c["cloth"]["sku"] == "UNC-GR" for c in defense["chain"])
