"""The pages' route class: user errors become HTML pages, a missing session the login page.

The API answers errors as JSON (`entrypoints/api/errors.py`); a browser gets the same status — from
the same table, `entrypoints/statuses.py`, so a record out of scope is a 404 here exactly as there —
with a page that says what happened in the reader's language, and never a stack trace.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from birlik.domain.errors import DomainError, NotFound
from birlik.entrypoints.statuses import status_and_code
from birlik.entrypoints.web.rendering import is_htmx, render, web_of
from birlik.entrypoints.web.session import CsrfRejected, WebCaller, caller
from birlik.services.accounts import Unauthenticated

_TITLES = {401: "error_401", 403: "error_403", 404: "error_404", 409: "error_409", 412: "error_412"}


def status_of(error: DomainError) -> int:
    if isinstance(error, CsrfRejected):
        return 403
    return status_and_code(error)[0]


def to_login(request: Request) -> Response:
    target = "/login?next=" + quote(request.url.path, safe="/")
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def error_page(request: Request, error: DomainError, who: WebCaller | None) -> Response:
    status = status_of(error)
    # A missing record and one out of scope read the same, as in the API: the message names the
    # identifier the caller typed and nothing else.
    detail = str(error)
    if isinstance(error, NotFound):
        detail = ""
    title = _TITLES.get(status, "error_other")
    return render(request, "error.html", who, http_status=status, title_key=title, detail=detail)


def _caller_or_none(request: Request) -> WebCaller | None:
    try:
        return caller(request, web_of(request).birlik)
    except DomainError:
        return None


class WebRoute(APIRoute):
    """An APIRoute whose user errors are pages (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthenticated:
                return to_login(request)
            except DomainError as error:
                return error_page(request, error, _caller_or_none(request))

        return guarded


def get_caller(request: Request) -> WebCaller:
    return caller(request, web_of(request).birlik)
