"""Exchange rates, upserted by (currency, valid_from)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from birlik.adapters.db.tables import ExchangeRateRow
from birlik.domain.exchange import ExchangeRate, ExchangeRates
from birlik.domain.vocabulary import Currency


class RateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, rate: ExchangeRate) -> None:
        row = self.session.get(ExchangeRateRow, (rate.currency.value, rate.valid_from))
        if row is None:
            row = ExchangeRateRow(currency=rate.currency.value, valid_from=rate.valid_from)
            self.session.add(row)
        row.kzt_per_unit = rate.kzt_per_unit
        self.session.flush()

    def load(self) -> ExchangeRates:
        rows = self.session.scalars(select(ExchangeRateRow))
        return ExchangeRates(
            ExchangeRate(Currency(r.currency), r.valid_from, Decimal(r.kzt_per_unit)) for r in rows
        )
