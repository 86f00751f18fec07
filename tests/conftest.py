"""Shared fixtures: a migrated database on SQLite and on PostgreSQL for every database test.

PostgreSQL is expected at 127.0.0.1:5432, database `test`, trust auth (as on the development and CI
machines); set BIRLIK_TEST_POSTGRES_URL to point elsewhere. It is not skipped silently when missing:
the database tests fail, because CI must prove both back ends. Each test session works in a schema of
its own (named by its process id, carried in the URL's search_path), so parallel runs on one server do
not disturb each other, and the schema is dropped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from birlik.adapters.db.engine import make_engine, make_session_factory, normalise_url
from birlik.adapters.db.migrate import upgrade
from birlik.adapters.db.tables import Base
from birlik.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from birlik.bootstrap import App
from birlik.config import Settings

POSTGRES_URL = os.environ.get("BIRLIK_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _own_schema(schema: str) -> str:
    """The test server's URL with every connection confined to `schema`."""
    server = make_engine(POSTGRES_URL)
    with server.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    server.dispose()
    url = make_url(normalise_url(POSTGRES_URL)).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _drop_schema(schema: str) -> None:
    server = make_engine(POSTGRES_URL)
    with server.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    server.dispose()


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    sqlite_path = Path(tmp_path_factory.mktemp("db")) / "birlik-test.db"
    schema = f"birlik_test_{os.getpid()}"
    made = {"sqlite": make_engine(f"sqlite:///{sqlite_path}"), "postgresql": make_engine(_own_schema(schema))}
    for engine in made.values():
        upgrade(engine)
    yield made
    for engine in made.values():
        engine.dispose()
    _drop_schema(schema)


def _empty_all_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, engines: dict[str, Engine]) -> Iterator[Engine]:
    """A migrated, empty database of each kind; emptied again after the test."""
    chosen = engines[request.param]
    _empty_all_tables(chosen)
    yield chosen
    _empty_all_tables(chosen)


@pytest.fixture
def app(engine: Engine) -> App:
    factory = make_session_factory(engine)
    return App(
        Settings(database_url=engine.url.render_as_string(hide_password=False)),
        engine,
        lambda: SqlAlchemyUnitOfWork(factory),
    )


@pytest.fixture
def uow(app: App) -> SqlAlchemyUnitOfWork:
    return app.uow()
