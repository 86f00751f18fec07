"""Migrations go from empty to head and back on both databases, and head matches the ORM tables."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from birlik.adapters.db.migrate import current_tables, downgrade, upgrade
from birlik.adapters.db.tables import Base


def test_from_head_to_empty_and_back(engine: Engine) -> None:
    downgrade(engine, "base")
    assert current_tables(engine) <= {"alembic_version"}
    upgrade(engine)
    assert {t.name for t in Base.metadata.sorted_tables} <= current_tables(engine)


def test_head_matches_the_orm_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, Base.metadata) == []
