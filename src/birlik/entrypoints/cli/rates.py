"""`birlik rates …`: dated exchange rates to tenge, listed, added by hand or imported from CSV."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRate
from birlik.domain.quantities import parse_currency, to_decimal
from birlik.entrypoints.cli.app import DatabaseOption, app, console, user_errors, using_app
from birlik.entrypoints.cli.content_views import SAY
from birlik.entrypoints.cli.render import table
from birlik.entrypoints.cli.texts import cli_language
from birlik.services import content, registry

rates_app = typer.Typer(help="Dated exchange rates to tenge.", no_args_is_help=True)
app.add_typer(rates_app, name="rates")


@rates_app.command("list")
@user_errors
def rates_list(database_url: DatabaseOption = None) -> None:
    """Exchange rates to tenge, by currency and the day they take effect."""
    rates = using_app(database_url, lambda b: content.list_rates(b.uow()))
    t = table(f"Exchange rates ({len(rates)})")
    for column in ("currency", "valid from", "KZT per unit"):
        t.add_column(column, justify="right" if column == "KZT per unit" else "left")
    for r in rates:
        t.add_row(r.currency.value, r.valid_from.isoformat(), f"{r.kzt_per_unit:f}")
    console.print(t)


def _rate(currency: str, valid_from: str, kzt_per_unit: str, where: str) -> ExchangeRate:
    try:
        day = date.fromisoformat(valid_from.strip())
    except ValueError:
        raise InvalidValue(f"valid_from of {where}", valid_from, "write the day as YYYY-MM-DD") from None
    return ExchangeRate(
        parse_currency(f"currency of {where}", currency), day, to_decimal(f"rate of {where}", kzt_per_unit)
    )


@rates_app.command("add")
@user_errors
def rates_add(
    currency: Annotated[str, typer.Argument(help="KZT, UZS, BYN, RUB, USD or EUR")],
    valid_from: Annotated[str, typer.Argument(help="first day the rate applies, YYYY-MM-DD")],
    kzt_per_unit: Annotated[str, typer.Argument(help="tenge per one unit of the currency")],
    database_url: DatabaseOption = None,
) -> None:
    """Enter one rate (a later day adds a rate; the same day replaces it)."""
    rate = _rate(currency, valid_from, kzt_per_unit, "the rate")
    using_app(database_url, lambda b: registry.save_rates(b.uow(), [rate]))
    console.print(
        SAY(
            "rate_added",
            cli_language(),
            currency=rate.currency.value,
            rate=rate.kzt_per_unit,
            day=rate.valid_from,
        ),
        highlight=False,
    )


@rates_app.command("import")
@user_errors
def rates_import(
    path: Annotated[Path, typer.Argument(help="CSV with columns currency,valid_from,kzt_per_unit")],
    database_url: DatabaseOption = None,
) -> None:
    """Import rates from a CSV file; every row is checked before any is stored."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"currency", "valid_from", "kzt_per_unit"} - set(reader.fieldnames or [])
            if missing:
                raise InvalidValue(
                    str(path), sorted(missing), "columns missing: currency,valid_from,kzt_per_unit"
                )
            rates = [
                _rate(row["currency"], row["valid_from"], row["kzt_per_unit"], f"row {n} of {path.name}")
                for n, row in enumerate(reader, start=2)
            ]
    except UnicodeDecodeError:
        raise InvalidValue(
            str(path), "encoding", "the file is not UTF-8 text: save it as 'CSV UTF-8'"
        ) from None
    using_app(database_url, lambda b: registry.save_rates(b.uow(), rates))
    console.print(SAY("rates_imported", cli_language(), n=len(rates), path=path), highlight=False)
