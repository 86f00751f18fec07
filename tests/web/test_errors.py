"""Errors the framework raises before a page runs: HTML for pages, JSON for the API."""

from __future__ import annotations

from tests.api.world import World
from tests.web.conftest import browser


def test_an_unknown_page_is_an_html_404_in_the_readers_language(shared_world: World) -> None:
    with browser(shared_world, "coordinator", language="ru") as client:
        answer = client.get("/no-such-page")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Не найдено" in answer.text
    assert "Traceback" not in answer.text


def test_a_malformed_page_path_is_an_html_page_not_json(shared_world: World) -> None:
    with browser(shared_world, "coordinator") as client:
        answer = client.get("/plans/not-a-number")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")


def test_the_api_keeps_answering_json(shared_world: World) -> None:
    with browser(shared_world, "coordinator") as client:
        missing = client.get("/api/v1/no-such-route")
        malformed = client.get("/api/v1/plans/not-a-number")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "route_not_found"
    # the page cookie is not an API credential: the API answers, in JSON, that it needs a token
    assert malformed.status_code == 401 and malformed.json()["error"]["code"] == "unauthenticated"
