"""Logging in and out in a browser: cookies, form tokens, redirects, languages."""

from __future__ import annotations

import httpx

from birlik.entrypoints.web.session import SESSION_COOKIE
from tests.api.world import PASSWORD, World
from tests.web.conftest import browser, csrf_of


def _login(client: httpx.Client, username: str, password: str, next_: str = "/") -> httpx.Response:
    page = client.get("/login", params={"next": next_})
    assert page.status_code == 200
    form = {"username": username, "password": password, "csrf": csrf_of(page.text), "next": next_}
    return client.post("/login", data=form)


class TestLogin:
    def test_a_page_without_a_session_sends_the_browser_to_the_login_form(self, shared_world: World) -> None:
        with browser(shared_world, "anonymous") as client:
            answer = client.get("/orders/X-CLOTH")
        assert answer.status_code == 303
        assert answer.headers["location"] == "/login?next=/orders/X-CLOTH"

    def test_logging_in_sets_an_http_only_lax_session_cookie_and_goes_where_it_was_asked(
        self, shared_world: World
    ) -> None:
        with browser(shared_world, "anonymous") as client:
            answer = _login(client, "buyer_y", PASSWORD, "/orders/Y-SUITS")
            assert answer.status_code == 303
            assert answer.headers["location"] == "/orders/Y-SUITS"
            cookie = next(v for k, v in answer.headers.multi_items() if v.startswith(SESSION_COOKIE + "="))
            assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
            assert client.get("/orders/Y-SUITS").status_code == 200

    def test_a_wrong_password_is_refused_on_the_form_without_a_session(self, shared_world: World) -> None:
        with browser(shared_world, "anonymous") as client:
            answer = _login(client, "analyst", "not-the-password-at-all")
        assert answer.status_code == 401
        assert "Wrong username or password" in answer.text
        assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")

    def test_a_login_post_without_the_forms_token_is_refused(self, shared_world: World) -> None:
        with browser(shared_world, "anonymous") as client:
            answer = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf": "x"})
        assert answer.status_code == 403
        assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")

    def test_the_next_page_never_leaves_the_site(self, shared_world: World) -> None:
        with browser(shared_world, "anonymous") as client:
            answer = _login(client, "analyst", PASSWORD, "//evil.example/steal")
            assert answer.headers["location"] == "/dashboard"
            switched = client.get("/language/ru", params={"next": "https://evil.example/"})
        assert switched.headers["location"] == "/"

    def test_each_role_starts_on_its_own_page(self, shared_world: World) -> None:
        starts = {"coordinator": "/dashboard", "analyst": "/dashboard", "member_a": "/assignments"}
        for role, start in {**starts, "buyer_x": "/orders", "anonymous": "/login"}.items():
            with browser(shared_world, role) as client:
                assert client.get("/").headers["location"] == start, role


class TestLogout:
    def test_logging_out_revokes_the_session_for_the_pages_and_the_api(self, world: World) -> None:
        with browser(world, "buyer_x") as client:
            page = client.get("/orders")
            refused = client.post("/logout", data={"csrf": "forged"})
            assert refused.status_code == 403
            assert client.get("/orders").status_code == 200  # a forged logout changed nothing
            done = client.post("/logout", data={"csrf": csrf_of(page.text)})
            assert done.status_code == 303
        with browser(world, "buyer_x") as client:  # the old cookie, replayed
            assert client.get("/orders").headers["location"] == "/login?next=/orders"
        with world.client("buyer_x") as api:
            assert api.get("/api/v1/orders").status_code == 401


class TestLanguage:
    def test_the_language_link_keeps_the_choice_in_a_cookie(self, shared_world: World) -> None:
        with browser(shared_world, "coordinator") as client:
            switched = client.get("/language/ru", params={"next": "/orders"})
            assert switched.headers["location"] == "/orders"
            assert "birlik_lang=ru" in switched.headers["set-cookie"]
            assert "Заказы" in client.get("/orders").text  # the cookie the link set
        with browser(shared_world, "coordinator", "kk") as client:
            assert "Тапсырыстар" in client.get("/orders").text

    def test_without_a_cookie_the_browsers_language_is_used(self, shared_world: World) -> None:
        with httpx.Client(base_url=shared_world.base_url) as client:
            page = client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        assert "Вход в Birlik" in page.text and 'lang="ru"' in page.text
