"""The command line, run through Typer's runner against real databases."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from birlik.entrypoints.cli import app
from birlik.entrypoints.cli import commands as _commands  # noqa: F401  (registers the commands)

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
