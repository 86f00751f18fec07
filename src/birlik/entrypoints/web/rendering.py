"""Jinja2 pages: one environment per mounted site, a `render` that knows the caller and the language.

Templates get `t(key, **fields)` (the `WEB` catalogue in the caller's language), the caller (or None
on the login page), `can("READ_PLANS")` for navigation, `shortfall(entry)` (a plan's shortfall in
the caller's language), and number filters that format for people.
Autoescaping is on; only the charts' SVG, built and escaped in `charts.py`, is marked safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from birlik.allocation.phrases import shortfall_sentence
from birlik.bootstrap import App
from birlik.entrypoints.web.session import WebCaller, language
from birlik.entrypoints.web.texts import WEB
from birlik.services.access import Capability, allowed
from birlik.services.accounts import Passwords

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


@dataclass
class Web:
    """What the pages need, kept on `app.state.web` by `mount_web`."""

    birlik: App
    passwords: Passwords
    wake: Callable[[], None]
    templates: Environment


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _number(value: object, digits: int = 0) -> str:
    if value is None or value == "":
        return "—"
    number = float(value) if isinstance(value, int | float | Decimal | str) else 0.0
    return f"{number:,.{digits}f}".replace(",", "\u202f")


def _percent(value: object) -> str:
    if value is None or value == "":
        return "—"
    number = float(value) if isinstance(value, int | float | Decimal | str) else 0.0
    return f"{number * 100:.1f}\u00a0%"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _number
    env.filters["pct"] = _percent
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(
    request: Request, template: str, caller: WebCaller | None, *, http_status: int = 200, **values: Any
) -> HTMLResponse:
    lang = language(request)

    def t(key: str, **fields: object) -> str:
        return WEB(key, lang, **fields)

    def label(prefix: str, value: object) -> str:
        key = f"{prefix}{value}"
        return WEB(key, lang) if key in WEB else str(value)

    def can(capability: str) -> bool:
        return caller is not None and allowed(caller.principal, Capability[capability])

    def shortfall(entry: dict[str, Any]) -> str:
        return shortfall_sentence(entry, lang)

    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = (
        web_of(request)
        .templates.get_template(template)
        .render(t=t, label=label, can=can, shortfall=shortfall, caller=caller, lang=lang, here=path, **values)
    )
    return HTMLResponse(html, status_code=http_status)
