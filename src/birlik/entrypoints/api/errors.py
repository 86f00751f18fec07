"""Errors as JSON: `{"error": {"code": ..., "message": ...}}` with a stable code, never a stack trace.

The code is what programs branch on; the message is for people. Out-of-scope records are `not_found`
exactly like missing ones (see birlik.services.access), so the error says nothing about other tenants.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from birlik.domain.errors import DomainError, InvalidValue
from birlik.entrypoints.api.texts import TEXTS
from birlik.entrypoints.statuses import status_and_code
from birlik.i18n import language_or_default
from birlik.services.accounts import TooManyAttempts, Unauthenticated

log = logging.getLogger("birlik.api")


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _language(request: Request) -> str:
    return language_or_default(request.headers.get("accept-language"))


def _domain(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    status, code = status_and_code(error)
    headers: dict[str, str] = {}
    message = str(error)
    extra: dict[str, Any] = {}
    if isinstance(error, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
        message = TEXTS("unauthenticated", _language(request))
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after)
        message = TEXTS("too_many_attempts", _language(request), seconds=error.retry_after)
    if isinstance(error, InvalidValue):
        extra["field"] = error.field
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    fields = [
        {"location": [str(part) for part in e.get("loc", ())], "problem": str(e.get("msg", ""))}
        for e in error.errors()
    ]
    body = error_body("validation_error", TEXTS("validation_error", _language(request)), fields=fields)
    return JSONResponse(body, status_code=422)


def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 404:
        return JSONResponse(error_body("route_not_found", TEXTS("route_not_found", _language(request))), 404)
    if error.status_code == 405:
        body = error_body("method_not_allowed", TEXTS("method_not_allowed", _language(request)))
        return JSONResponse(body, 405, headers={"Allow": ", ".join(_allowed_methods(request))})
    if error.status_code == 400:
        return JSONResponse(error_body("malformed_body", str(error.detail)), 400)
    return JSONResponse(error_body("http_error", str(error.detail)), error.status_code)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE and isinstance(route, APIRoute):
            methods |= route.methods or set()
    return sorted(methods)


def _database(request: Request, error: Exception) -> JSONResponse:
    """Lock timeouts, serialization failures, racing inserts: the request lost a race; it may retry."""
    if isinstance(error, IntegrityError | OperationalError) or _is_serialization(error):
        log.info("write conflict on %s: %s", request.url.path, str(error).splitlines()[0])
        return JSONResponse(error_body("conflict", TEXTS("conflict", _language(request))), 409)
    return _internal(request, error)


def _is_serialization(error: Exception) -> bool:
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return code in {"40001", "40P01", "55P03"}


def _internal(request: Request, error: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return JSONResponse(error_body("internal_error", TEXTS("internal_error", _language(request))), 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(DBAPIError, _database)
    app.add_exception_handler(Exception, _internal)
