"""Who is asking, in a browser: the session cookie, the CSRF token that guards every form, the language.

The cookie holds the same session token the API's `/auth/login` hands out, and it is checked by the
same `accounts.authenticate`, so a page sees exactly the principal the API would. The cookie is
HttpOnly (no script reads it) and SameSite=Lax (other sites' forms do not carry it). On top of that,
every POST form carries a CSRF token derived from the session token by HMAC: a page of another site
can neither read it nor compute it, and it needs no storage of its own. The login form, which has no
session yet, uses a double-submit cookie instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request, Response

from birlik.adapters.db.accounts_repository import TokenRecord
from birlik.bootstrap import App
from birlik.domain.errors import DomainError
from birlik.i18n import LANGUAGES, language_or_default
from birlik.services import accounts
from birlik.services.access import Principal
from birlik.services.commands import now

SESSION_COOKIE = "birlik_session"
LOGIN_CSRF_COOKIE = "birlik_login_csrf"
LANGUAGE_COOKIE = "birlik_lang"
ONE_YEAR = 365 * 24 * 3600
_CSRF_PURPOSE = b"birlik web form"


class CsrfRejected(DomainError):
    """A POST without the form token of the caller's session (HTTP 403): not sent from Birlik's page."""

    def __init__(self) -> None:
        super().__init__("the form has expired or was not sent from a Birlik page; reload it and try again")


@dataclass(frozen=True)
class WebCaller:
    """The principal behind a browser request, the session token record and its form token."""

    principal: Principal
    token: TokenRecord
    csrf: str


def csrf_for(session_token: str) -> str:
    return hmac.new(session_token.encode(), _CSRF_PURPOSE, hashlib.sha256).hexdigest()


def check_csrf(expected: str | None, sent: str | None) -> None:
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise CsrfRejected()


def caller(request: Request, birlik: App) -> WebCaller:
    """The authenticated caller; `accounts.Unauthenticated` (→ the login page) otherwise."""
    token = request.cookies.get(SESSION_COOKIE)
    principal, record = accounts.authenticate(birlik.uow(), token, now())
    assert token is not None  # authenticate refuses a missing token
    return WebCaller(principal, record, csrf_for(token))


def language(request: Request) -> str:
    """The cookie's language, else the browser's first preference, else English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return language_or_default(request.headers.get("accept-language"))


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session(response: Response, request: Request, session: accounts.Session) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )


def clear_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def login_csrf(request: Request) -> str:
    """The login form's token: the one the browser holds already, or a new one."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)


def keep_login_csrf(response: Response, request: Request, value: str) -> None:
    response.set_cookie(
        LOGIN_CSRF_COOKIE, value, httponly=True, samesite="strict", secure=_secure(request), path="/login"
    )


def set_language(response: Response, code: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE, language_or_default(code), max_age=ONE_YEAR, samesite="lax", path="/"
    )


def local_path(target: str | None, default: str = "/") -> str:
    """A redirect target on this site only (no scheme, no host, no `//evil`), else `default`."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target
