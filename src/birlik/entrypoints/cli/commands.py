"""The commands: demo, db, members, orders. Rendering is in render.py."""

from __future__ import annotations

from typing import Annotated

import typer

from birlik.adapters.db.engine import make_engine
from birlik.adapters.db.migrate import downgrade, upgrade
from birlik.config import Settings
from birlik.demo import load_demo
from birlik.domain.vocabulary import Process
from birlik.entrypoints.cli import render, render_plan
from birlik.entrypoints.cli.app import (
    DatabaseOption,
    app,
    console,
    db_app,
    members_app,
    open_app,
    orders_app,
    user_errors,
)
from birlik.services.planning import PlanningOptions, run_allocation
from birlik.services.views import registry_summary, show_order


@app.command()
@user_errors
def demo(database_url: DatabaseOption = None) -> None:
    """Create or refresh the database with the demo consortium, print its summary, and plan it."""
    birlik = open_app(database_url)
    try:
        load_demo(birlik.uow)
        render.summary(console, registry_summary(birlik.uow()))
        with console.status("Planning…") as status:
            outcome = run_allocation(birlik.uow, PlanningOptions(), lambda step: status.update(f"{step}…"))
    finally:
        birlik.close()
    render_plan.plan(console, outcome.report)


@db_app.command("upgrade")
@user_errors
def db_upgrade(
    database_url: DatabaseOption = None,
    revision: Annotated[str, typer.Argument(help="target revision")] = "head",
) -> None:
    """Bring the schema up to a revision (the latest by default)."""
    engine = make_engine(database_url or Settings.from_env().database_url)
    try:
        upgrade(engine, revision)
    finally:
        engine.dispose()
    console.print(f"Schema at {revision}.")


@db_app.command("downgrade")
@user_errors
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="target revision, e.g. base")],
    database_url: DatabaseOption = None,
) -> None:
    """Take the schema back to an earlier revision."""
    engine = make_engine(database_url or Settings.from_env().database_url)
    try:
        downgrade(engine, revision)
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
    birlik = open_app(database_url)
    try:
        with birlik.uow() as uow:
            members = uow.members.list()
    finally:
        birlik.close()
    if region:
        members = [m for m in members if region.lower() in m.city.region.lower()]
    if process:
        members = [m for m in members if process in m.processes]
    render.members(console, members)


@orders_app.command("list")
@user_errors
def orders_list(database_url: DatabaseOption = None) -> None:
    """List orders with buyer, status, value and floors."""
    birlik = open_app(database_url)
    try:
        summary = registry_summary(birlik.uow())
    finally:
        birlik.close()
    render.orders(console, summary.orders)


@orders_app.command("show")
@user_errors
def orders_show(
    number: Annotated[str, typer.Argument(help="order number")], database_url: DatabaseOption = None
) -> None:
    """One order: its lines and who could make each."""
    birlik = open_app(database_url)
    try:
        view = show_order(birlik.uow(), number)
    finally:
        birlik.close()
    render.order(console, view)
