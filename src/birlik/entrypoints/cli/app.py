"""Typer application: global options, error handling, and the command groups.

Every error the user can cause is printed as one line on stderr with a non-zero exit code; a
traceback would mean a bug in Birlik, not in the input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from birlik.bootstrap import App, bootstrap
from birlik.config import Settings
from birlik.domain.errors import DomainError
from birlik.entrypoints.cli.texts import choose_language

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="birlik",
    help="Birlik — the operating platform of a light-industry consortium.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
members_app = typer.Typer(help="The member registry.", no_args_is_help=True)
orders_app = typer.Typer(help="Orders and their lines.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(members_app, name="members")
app.add_typer(orders_app, name="orders")

console = Console()
if not console.is_terminal:
    # Piped or captured output has no width to follow; 120 columns keeps the tables unwrapped.
    console.width = max(console.width, 120)
error_console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option("--database-url", envvar="BIRLIK_DATABASE_URL", help="SQLAlchemy URL; default ./birlik.db"),
]


@app.callback()
def options(
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="BIRLIK_LANGUAGE", help="language of the output: ru, kk or en"),
    ] = None,
) -> None:
    """Birlik — the operating platform of a light-industry consortium."""
    choose_language(lang)


def open_app(database_url: str | None) -> App:
    settings = Settings.from_env()
    if database_url:
        settings = Settings(database_url=database_url, language=settings.language)
    return bootstrap(settings)


@contextmanager
def opened(database_url: str | None) -> Iterator[App]:
    """The app for one command, its connections closed however the command ends."""
    birlik = open_app(database_url)
    try:
        yield birlik
    finally:
        birlik.close()


def using_app(database_url: str | None, use: Callable[[App], R]) -> R:
    """`use(app)` with the app open, for commands that need one value from a use case."""
    with opened(database_url) as birlik:
        return use(birlik)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can cause into one readable line and exit code 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            error_console.print(f"[red]Error:[/red] {error}", markup=True, highlight=False)
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            error_console.print(f"[red]Database error:[/red] {reason}", markup=True, highlight=False)
        except OSError as error:
            error_console.print(f"[red]Error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(1)

    return wrapper


def main() -> None:
    """Console-script entry point."""
    app(prog_name="birlik")
    sys.exit(0)
