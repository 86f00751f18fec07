"""The API with the web pages mounted, live on 127.0.0.1, over the SQLite and PostgreSQL test databases.

The consortium, its users and their sessions are the API tests' world (`tests/api/world.py`): a web
session is the same session token, carried in the cookie instead of the Authorization header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import Engine

from birlik.adapters.db.engine import make_session_factory
from birlik.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from birlik.bootstrap import App
from birlik.config import Settings
from birlik.entrypoints.web.session import SESSION_COOKIE
from tests.api.conftest import live_server as live_site
from tests.api.world import World, build_world
from tests.conftest import BACKENDS, _empty_all_tables


@pytest.fixture(scope="module", params=BACKENDS)
def shared_site(request: pytest.FixtureRequest, engines: dict[str, Engine]) -> Iterator[World]:
    """One consortium per module and database for tests that only read; the job worker is off."""
    engine = engines[request.param]
    _empty_all_tables(engine)
    factory = make_session_factory(engine)
    app = App(Settings(), engine, lambda: SqlAlchemyUnitOfWork(factory))
    with live_site(app, worker=False) as base_url:
        yield build_world(app, base_url)
    _empty_all_tables(engine)


@pytest.fixture
def site(app: App) -> Iterator[World]:
    """A fresh consortium for a test that changes things; jobs run in the server's worker."""
    with live_site(app) as base_url:
        yield build_world(app, base_url)


def browser(world: World, role: str, language: str = "en") -> httpx.Client:
    """A client holding `role`'s session cookie, as a logged-in browser would (no redirects followed)."""
    cookies = {"birlik_lang": language}
    if role in world.tokens:
        cookies[SESSION_COOKIE] = world.tokens[role]
    return httpx.Client(base_url=world.base_url, cookies=cookies, timeout=60)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found is not None, "the page has no form token"
    return found.group(1)


def etag_of(html: str) -> str:
    found = re.search(r'name="etag" value="([^"]*)"', html)
    assert found is not None, "the page has no ETag field"
    return found.group(1).replace("&#34;", '"').replace("&quot;", '"')
