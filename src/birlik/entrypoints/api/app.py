"""The FastAPI application: `create_app(birlik)` builds it from what bootstrap made; nothing at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI

from birlik.bootstrap import App
from birlik.entrypoints.api import errors
from birlik.entrypoints.api.deps import Context
from birlik.entrypoints.api.routes import assignments, auth, catalogue, members, orders, plans, reports, users
from birlik.entrypoints.api.schemas import Health
from birlik.entrypoints.api.worker import JobWorker
from birlik.entrypoints.web import mount_web
from birlik.services.accounts import Passwords

PREFIX = "/api/v1"


def create_app(birlik: App, *, passwords: Passwords | None = None, worker: bool = True) -> FastAPI:
    """The API (under /api/v1) and the web pages over one Birlik; with `worker`, allocation jobs run
    in a thread of this process."""
    job_worker = JobWorker(birlik.uow) if worker else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if job_worker is not None:
            job_worker.start()
        try:
            yield
        finally:
            if job_worker is not None:
                job_worker.stop()

    app = FastAPI(
        title="Birlik API",
        version=version("birlik"),
        description="Registry, orders, plans and assignments of the consortium; see /docs.",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.context = Context(birlik, passwords or Passwords(), job_worker.wake if job_worker else None)
    errors.install(app)
    mount_web(app, birlik)
    for module in (auth, users, members, catalogue, orders, plans, assignments, reports):
        app.include_router(module.router, prefix=PREFIX)

    @app.get(f"{PREFIX}/health", response_model=Health, tags=["service"])
    def health() -> Health:
        """Liveness: answers without logging in."""
        return Health(version=version("birlik"))

    return app
