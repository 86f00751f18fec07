"""Logging in and out, throttling, API tokens, disabled users, and errors as JSON."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from birlik.services.accounts import MAX_FAILURES_PER_USERNAME
from tests.api.world import PASSWORD, World


def _login(base_url: str, username: str, password: str) -> httpx.Response:
    return httpx.post(f"{base_url}/api/v1/auth/login", json={"username": username, "password": password})


def test_logout_revokes_the_session_and_only_it(shared_world: World) -> None:
    session = _login(shared_world.base_url, "analyst", PASSWORD).json()["token"]
    assert len(session) >= 3 + 43  # "bk_" and 32 random bytes in base64: 256 bits
    with httpx.Client(
        base_url=shared_world.base_url, headers={"Authorization": f"Bearer {session}"}
    ) as client:
        assert client.get("/api/v1/me").json()["username"] == "analyst"
        assert client.post("/api/v1/auth/logout").status_code == 204
        after = client.get("/api/v1/me")
    assert after.status_code == 401 and after.json()["error"]["code"] == "unauthenticated"
    assert after.headers["WWW-Authenticate"] == "Bearer"
    with shared_world.client("analyst") as other_session:
        assert other_session.get("/api/v1/me").status_code == 200


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(shared_world: World) -> None:
    wrong = [
        _login(shared_world.base_url, "member_b", "not-the-password")
        for _ in range(MAX_FAILURES_PER_USERNAME)
    ]
    blocked = _login(shared_world.base_url, "member_b", PASSWORD)
    other_user = _login(shared_world.base_url, "member_a", PASSWORD)
    assert {r.status_code for r in wrong} == {401}
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert blocked.json()["error"]["code"] == "too_many_attempts"
    assert other_user.status_code == 200


def test_unknown_users_and_wrong_passwords_get_the_same_answer(shared_world: World) -> None:
    unknown = _login(shared_world.base_url, "nobody-at-all", PASSWORD)
    wrong = _login(shared_world.base_url, "buyer_y", "wrong-password-!")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def test_an_api_token_works_until_revoked_and_only_its_digest_is_stored(shared_world: World) -> None:
    with shared_world.client("buyer_x") as buyer:
        made = buyer.post("/api/v1/tokens", json={"name": "erp-sync", "lifetime_days": 30})
        token = made.json()["token"]
        listed = buyer.get("/api/v1/tokens").json()
        with httpx.Client(
            base_url=shared_world.base_url, headers={"Authorization": f"Bearer {token}"}
        ) as robot:
            assert robot.get("/api/v1/orders").status_code == 200
            assert buyer.delete(f"/api/v1/tokens/{made.json()['id']}").status_code == 204
            assert robot.get("/api/v1/orders").status_code == 401
    assert made.status_code == 201 and token.startswith("bk_")
    assert all(t["token"] is None for t in listed)  # shown once, at creation
    assert shared_world.engine is not None
    with shared_world.engine.connect() as connection:
        stored = connection.execute(text("SELECT digest FROM access_tokens")).scalars().all()
        hashes = connection.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert token not in stored and all(len(d) == 64 for d in stored)
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_a_disabled_user_is_locked_out_at_once_and_cannot_log_in(shared_world: World) -> None:
    with shared_world.client("disabled") as client:
        assert client.get("/api/v1/me").status_code == 401
    assert _login(shared_world.base_url, "disabled", PASSWORD).status_code == 401


def test_errors_are_json_with_a_stable_code_and_never_a_trace(shared_world: World) -> None:
    with shared_world.client("coordinator") as client:
        broken = client.post(
            "/api/v1/orders", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        unknown = client.get("/api/v1/nowhere")
        wrong_method = client.put("/api/v1/members")
        bad_month = client.get("/api/v1/assignments", params={"month": "March"})
    for response, code in (
        (broken, "validation_error"),
        (unknown, "route_not_found"),
        (wrong_method, "method_not_allowed"),
        (bad_month, "validation_error"),
    ):
        assert response.json()["error"]["code"] == code
        assert "Traceback" not in response.text


def test_messages_follow_the_accept_language(shared_world: World) -> None:
    russian = httpx.get(f"{shared_world.base_url}/api/v1/me", headers={"Accept-Language": "ru-RU"})
    kazakh = httpx.get(f"{shared_world.base_url}/api/v1/me", headers={"Accept-Language": "kk"})
    assert russian.json()["error"]["message"].startswith("Сначала войдите")
    assert kazakh.json()["error"]["message"].startswith("Алдымен кіріңіз")


def test_a_user_disabled_behind_the_apis_back_is_refused_with_a_live_token(shared_world: World) -> None:
    with shared_world.client("coordinator") as coordinator:
        made = coordinator.post(
            "/api/v1/users", json={"username": "temp-analyst", "password": PASSWORD, "role": "analyst"}
        )
    assert made.status_code == 201, made.text
    token = _login(shared_world.base_url, "temp-analyst", PASSWORD).json()["token"]
    assert shared_world.engine is not None
    with shared_world.engine.begin() as connection:  # as if another tool flipped the flag, tokens intact
        connection.execute(text("UPDATE users SET active = false WHERE username = 'temp-analyst'"))
    refused = httpx.get(f"{shared_world.base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401
