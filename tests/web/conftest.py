"""The API with the web pages mounted, live on 127.0.0.1, over the SQLite and PostgreSQL test databases.

The consortium, its users and their sessions are the API tests' world (`tests/api/world.py`): a web
session is the same session token, carried in the cookie instead of the Authorization header.
"""

from __future__ import annotations

import re

import httpx

from birlik.entrypoints.web.session import SESSION_COOKIE

# The pages are served by the API's own app, so the API's fixtures serve them too:
# `shared_world` (read-only, one per module and database) and `world` (fresh, with the job worker).
from tests.api.conftest import server, shared_world, world  # noqa: F401
from tests.api.world import World


def browser(of: World, role: str, language: str = "en") -> httpx.Client:
    """A client holding `role`'s session cookie, as a logged-in browser would (no redirects followed)."""
    cookies = {"birlik_lang": language}
    if role in of.tokens:
        cookies[SESSION_COOKIE] = of.tokens[role]
    return httpx.Client(base_url=of.base_url, cookies=cookies, timeout=60)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found is not None, "the page has no form token"
    return found.group(1)


def etag_of(html: str) -> str:
    found = re.search(r'name="etag" value="([^"]*)"', html)
    assert found is not None, "the page has no ETag field"
    return found.group(1).replace("&#34;", '"').replace("&quot;", '"')
