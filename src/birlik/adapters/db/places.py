"""Cities are shared by members, buyers and order destinations; they are stored once each."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from birlik.adapters.db.tables import CityRow
from birlik.domain.geography import City


def city_row(session: Session, city: City) -> CityRow:
    """The row for this city, created or brought up to date."""
    row = session.scalars(
        select(CityRow).where(CityRow.name == city.name, CityRow.country == city.country)
    ).one_or_none()
    if row is None:
        row = CityRow(name=city.name, country=city.country)
        session.add(row)
    row.region = city.region
    row.latitude = city.latitude
    row.longitude = city.longitude
    return row


def to_city(row: CityRow) -> City:
    return City(row.name, row.region, row.country, row.latitude, row.longitude)
