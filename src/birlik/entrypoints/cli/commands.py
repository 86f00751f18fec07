"""The commands: demo, db, members, orders. Rendering is in render.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from sqlalchemy import Engine

from birlik.adapters.db.engine import make_engine
from birlik.adapters.db.migrate import downgrade, upgrade
from birlik.config import Settings
from birlik.domain.errors import InvalidValue
from birlik.domain.vocabulary import Process
from birlik.entrypoints.cli import render, render_plan
from birlik.entrypoints.cli.app import (
    DatabaseOption,
    app,
    console,
    db_app,
    members_app,
    opened,
    orders_app,
    user_errors,
)
from birlik.services.planning import PlanningOptions, run_allocation
from birlik.services.views import registry_summary, show_order


@app.command()
@user_errors
def demo(database_url: DatabaseOption = None) -> None:
    """Create or refresh the database with the demo consortium, print its summary, and plan it."""
    from birlik.demo import load_demo  # the demo's data: only for this command

    with opened(database_url) as birlik:
        load_demo(birlik.uow)
        render.summary(console, registry_summary(birlik.uow()))
        with console.status("Planning…") as status:
            outcome = run_allocation(birlik.uow, PlanningOptions(), lambda step: status.update(f"{step}…"))
    render_plan.plan(console, outcome.report)


@db_app.command("upgrade")
@user_errors
def db_upgrade(
    database_url: DatabaseOption = None,
    revision: Annotated[str, typer.Argument(help="target revision")] = "head",
) -> None:
    """Bring the schema up to a revision (the latest by default)."""
    _migrate(upgrade, database_url, revision)


@db_app.command("downgrade")
@user_errors
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="target revision, e.g. base")],
    database_url: DatabaseOption = None,
) -> None:
    """Take the schema back to an earlier revision."""
    _migrate(downgrade, database_url, revision)


def _migrate(step: Callable[[Engine, str], None], database_url: str | None, revision: str) -> None:
    """Migrations run without bootstrap(), which would first upgrade to head."""
    from alembic.util.exc import CommandError

    engine = make_engine(database_url or Settings.from_env().database_url)
    try:
        step(engine, revision)
    except CommandError as error:
        raise InvalidValue("revision", revision, str(error)) from None
    finally:
        engine.dispose()
    console.print(f"Schema at {revision}.")


@members_app.command("list")
@user_errors
def members_list(
    database_url: DatabaseOption = None,
    region: Annotated[str | None, typer.Option(help="only this region")] = None,
    process: Annotated[Process | None, typer.Option(help="only members with this process")] = None,
) -> None:
    """List members with their city, processes and capacities."""
    with opened(database_url) as birlik, birlik.uow() as uow:
        members = uow.members.list()
    if region:
        members = [m for m in members if region.lower() in m.city.region.lower()]
    if process:
        members = [m for m in members if process in m.processes]
    render.members(console, members)


@orders_app.command("list")
@user_errors
def orders_list(database_url: DatabaseOption = None) -> None:
    """List orders with buyer, status, value and floors."""
    with opened(database_url) as birlik:
        summary = registry_summary(birlik.uow())
    render.orders(console, summary.orders)


@orders_app.command("show")
@user_errors
def orders_show(
    number: Annotated[str, typer.Argument(help="order number")], database_url: DatabaseOption = None
) -> None:
    """One order: its lines and who could make each."""
    with opened(database_url) as birlik:
        view = show_order(birlik.uow(), number)
    render.order(console, view)
