"""A live Birlik API on 127.0.0.1 (uvicorn in a thread) over the SQLite and PostgreSQL test databases."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from sqlalchemy import Engine

from birlik.adapters.db.engine import make_session_factory
from birlik.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from birlik.bootstrap import App
from birlik.config import Settings
from birlik.entrypoints.api import create_app
from tests.api.world import FAST_PASSWORDS, World, build_world
from tests.conftest import BACKENDS, _empty_all_tables


@contextmanager
def live_server(app: App, *, worker: bool = True) -> Iterator[str]:
    """Serve the API over real HTTP on a free loopback port until the block ends."""
    # proto=IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections (no 40 ms ACK delays).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(app, passwords=FAST_PASSWORDS, worker=worker),
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, engines: dict[str, Engine]) -> Iterator[World]:
    """One consortium per module and database, for tests that read (or only add records nobody
    else in the module counts on). The worker is off, so queued jobs stay queued."""
    engine = engines[request.param]
    _empty_all_tables(engine)
    factory = make_session_factory(engine)
    app = App(Settings(), engine, lambda: SqlAlchemyUnitOfWork(factory))
    with live_server(app, worker=False) as base_url:
        yield build_world(app, base_url)
    _empty_all_tables(engine)


@pytest.fixture
def server(app: App) -> Iterator[str]:
    with live_server(app) as base_url:
        yield base_url


@pytest.fixture
def world(app: App, server: str) -> World:
    return build_world(app, server)


@pytest.fixture
def make_server(app: App) -> Callable[..., object]:
    return lambda **kw: live_server(app, **kw)
