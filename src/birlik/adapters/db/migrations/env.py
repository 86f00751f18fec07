"""Alembic environment: the URL and connection come from birlik.adapters.db.migrate, not alembic.ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import birlik.adapters.db.accounts_tables  # noqa: F401  (registers the API's tables on Base.metadata)
from birlik.adapters.db.engine import make_engine
from birlik.adapters.db.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
