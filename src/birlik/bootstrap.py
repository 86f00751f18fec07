"""The composition root: builds the database engine, migrations and units of work from settings.

Nothing in Birlik connects to anything at import; entrypoints call `bootstrap()` and pass what it
returns down to the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from birlik.adapters.db.engine import make_engine, make_session_factory
from birlik.adapters.db.migrate import upgrade
from birlik.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from birlik.config import Settings


@dataclass
class App:
    settings: Settings
    engine: Engine
    uow_factory: Callable[[], SqlAlchemyUnitOfWork]

    def uow(self) -> SqlAlchemyUnitOfWork:
        return self.uow_factory()

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(settings: Settings | None = None, *, migrate: bool = True) -> App:
    """Build the app; by default bring the schema to the latest migration first."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    session_factory = make_session_factory(engine)
    return App(settings, engine, lambda: SqlAlchemyUnitOfWork(session_factory))
