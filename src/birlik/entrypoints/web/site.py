"""`mount_web(app, birlik)`: the server-rendered pages on the API's FastAPI app, at "/".

The pages live next to the API (under /api/v1) in one process: the same accounts, the same session
tokens, the same read and write use cases and the same job worker. Static files (CSS and the vendored
htmx) are served from the package at /static, so the UI works without any network access.
"""

from __future__ import annotations

import inspect
from typing import cast

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from birlik.bootstrap import App
from birlik.entrypoints.web import (
    pages_assignments,
    pages_auth,
    pages_dashboard,
    pages_members,
    pages_orders,
    pages_plans,
)
from birlik.entrypoints.web.rendering import STATIC, Web, environment, render
from birlik.services.accounts import Passwords


def _nothing() -> None:
    """No job worker in this process: queued runs wait for the one that has it."""


def mount_web(app: FastAPI, birlik: App) -> None:
    """Add the pages to `app`; reuses the API context's password hasher and worker when present.

    `create_app` calls it; calling it again changes nothing."""
    if getattr(app.state, "web", None) is not None:
        return
    context = getattr(app.state, "context", None)
    passwords = context.passwords if context is not None else Passwords()
    wake = context.wake if context is not None else _nothing
    app.state.web = Web(birlik, passwords, wake, environment())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (pages_auth, pages_dashboard, pages_orders, pages_plans, pages_assignments, pages_members):
        app.include_router(module.router)
    _pages_answer_in_html(app)


def _pages_answer_in_html(app: FastAPI) -> None:
    """Framework errors (no such route, a malformed path, a crash) on page paths get an HTML page.

    The API's handlers stay in charge of /api/v1 and answer JSON there; a browser following a bad link
    gets a page in its language with the same status, and never a stack trace.
    """
    api_handlers = dict(app.exception_handlers)

    def html_or_api(kind: type[Exception] | int, status: int) -> None:
        api_handler = api_handlers.get(kind)

        async def handler(request: Request, error: Exception) -> Response:
            if request.url.path.startswith("/api/") and api_handler is not None:
                answer = api_handler(request, error)
                response = await answer if inspect.isawaitable(answer) else answer
                return cast(Response, response)
            code = error.status_code if isinstance(error, StarletteHTTPException) else status
            title = "error_404" if code in (404, 405, 422) else "error_other"
            return render(request, "error.html", None, http_status=code, title_key=title, detail="")

        app.add_exception_handler(kind, handler)

    html_or_api(StarletteHTTPException, 404)
    html_or_api(RequestValidationError, 404)
    html_or_api(Exception, 500)
