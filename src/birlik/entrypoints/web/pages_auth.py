"""Logging in and out, the start page and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from birlik.entrypoints.web.rendering import render, web_of
from birlik.entrypoints.web.routing import WebRoute
from birlik.entrypoints.web.session import (
    LOGIN_CSRF_COOKIE,
    WebCaller,
    caller,
    check_csrf,
    clear_session,
    keep_login_csrf,
    local_path,
    login_csrf,
    set_language,
    set_session,
)
from birlik.services import accounts
from birlik.services.access import Principal, Role
from birlik.services.commands import now

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Field = Annotated[str, Form(max_length=200)]


def home_of(principal: Principal) -> str:
    """Where each role starts: the figures, its own work, or its own orders."""
    match principal.role:
        case Role.COORDINATOR | Role.ANALYST:
            return "/dashboard"
        case Role.MEMBER:
            return "/assignments"
        case _:
            return "/orders"


def _signed_in(request: Request) -> WebCaller | None:
    try:
        return caller(request, web_of(request).birlik)
    except accounts.Unauthenticated:
        return None


@router.get("/")
def start(request: Request) -> Response:
    who = _signed_in(request)
    return RedirectResponse("/login" if who is None else home_of(who.principal), status_code=303)


def _login_page(
    request: Request, next_: str, *, error: str = "", seconds: int = 0, status: int = 200
) -> Response:
    token = login_csrf(request)
    page = render(
        request, "login.html", None, http_status=status, next=next_, error=error, seconds=seconds, csrf=token
    )
    keep_login_csrf(page, request, token)
    return page


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    who = _signed_in(request)
    if who is not None:
        return RedirectResponse(local_path(next, home_of(who.principal)), status_code=303)
    return _login_page(request, local_path(next))


@router.post("/login")
def login(
    request: Request, username: Field, password: Field, csrf: Field = "", next: Field = "/"
) -> Response:
    check_csrf(request.cookies.get(LOGIN_CSRF_COOKIE), csrf)
    web = web_of(request)
    client = request.client.host if request.client else "unknown"
    try:
        session = accounts.login(web.birlik.uow(), web.passwords, username, password, client, now())
    except accounts.TooManyAttempts as refused:
        return _login_page(
            request, local_path(next), error="login_throttled", seconds=refused.retry_after, status=429
        )
    except accounts.Unauthenticated:
        return _login_page(request, local_path(next), error="login_failed", status=401)
    target = next if next != "/" else home_of(session.principal)
    response = RedirectResponse(local_path(target, home_of(session.principal)), status_code=303)
    set_session(response, request, session)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, csrf: Field = "") -> Response:
    who = caller(request, web_of(request).birlik)
    check_csrf(who.csrf, csrf)
    accounts.logout(web_of(request).birlik.uow(), who.token.id, now())
    response = RedirectResponse("/login", status_code=303)
    clear_session(response)
    return response


@router.get("/language/{code}")
def choose_language(code: str, next: str = "/") -> Response:
    """A plain link per language (works without JavaScript); the choice is kept in a cookie."""
    response = RedirectResponse(local_path(next), status_code=303)
    set_language(response, code)
    return response
