"""Every route of the OpenAPI document × 8 roles × (own, foreign, missing), over real HTTP.

Counts, for each database: unexpected statuses (and among them unexpected successes), and foreign
identifiers in any response or count. A route that the document lists and the matrix does not (a new
route someone added) fails the test until its row is written.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import httpx
from fastapi import FastAPI

from birlik.entrypoints.api import create_app
from tests.api.matrix import AUTHENTICATED, CASES, MATRIX, SECRETS, TENANTS, Entry, Probe
from tests.api.world import World, login

CLIENT = httpx.Client(timeout=60)  # one client: building one costs ~15 ms (its TLS context)
ROLES = ("coordinator", "member_a", "member_b", "buyer_x", "buyer_y", "analyst", "anonymous", "disabled")


def operations(openapi: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in openapi["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def uncovered(openapi: dict[str, Any]) -> set[str]:
    return operations(openapi) - set(MATRIX)


def _leaks(role: str, probe: Probe, response: httpx.Response) -> list[str]:
    """Secrets of other tenants in the response that the caller did not send itself."""
    sent = probe.path + json.dumps(probe.params) + json.dumps(probe.json)
    return [s for s in SECRETS[role] if s in response.text and s not in sent]


def _count_problems(entry: Entry, role: str, case: str, response: httpx.Response) -> str | None:
    """Lists must find nothing for a missing record, nor a tenant for another tenant's."""
    if not entry.search or response.status_code != 200:
        return None
    total = response.json()["total"]
    if (case == "missing" or (case == "foreign" and role in TENANTS)) and total != 0:
        return f"total {total} for a {case} search"
    if total != len(response.json()["items"]) and total <= 50:
        return f"total {total} but {len(response.json()['items'])} items"
    return None


def _send(world: World, operation: str, role: str, case: str) -> tuple[Probe, httpx.Response]:
    entry = MATRIX[operation]
    probe = entry.probe(world, role, case)
    token = world.tokens.get(role)
    if entry.fresh_session and role in AUTHENTICATED:
        token = login(world.base_url, role)
    headers = {**probe.headers, **({"Authorization": f"Bearer {token}"} if token else {})}
    method = operation.split()[0]
    # A connection per request (and no cookies are used): nothing carries over between roles.
    headers["Connection"] = "close"
    response = CLIENT.request(
        method, world.base_url + probe.path, params=probe.params, json=probe.json, headers=headers
    )
    return probe, response


def test_every_route_role_and_case_gets_exactly_its_answer_and_nothing_foreign(shared_world: World) -> None:
    with httpx.Client(base_url=shared_world.base_url) as client:
        openapi = client.get("/api/v1/openapi.json").json()
    assert not uncovered(openapi), f"routes without a matrix row: {sorted(uncovered(openapi))}"
    tally: Counter[str] = Counter()
    problems: list[str] = []
    for operation in sorted(operations(openapi)):
        entry = MATRIX[operation]
        for role in ROLES:
            for index, case in enumerate(CASES):
                probe, response = _send(shared_world, operation, role, case)
                tally["requests"] += 1
                wanted = entry.expect[role][index]
                where = f"{operation} as {role} ({case})"
                if response.status_code != wanted:
                    tally["unexpected"] += 1
                    if response.is_success and not 200 <= wanted < 300:
                        tally["unexpected successes"] += 1
                    problems.append(
                        f"{where}: {response.status_code}, expected {wanted}: {response.text[:200]}"
                    )
                if response.status_code >= 500:
                    tally["server errors"] += 1
                if leaked := _leaks(role, probe, response):
                    tally["leaks"] += 1
                    problems.append(f"{where}: shows {leaked}")
                if counted := _count_problems(entry, role, case, response):
                    tally["count leaks"] += 1
                    problems.append(f"{where}: {counted}")
                if not response.is_success and response.headers.get("content-type") == "application/json":
                    assert set(response.json()["error"]) >= {"code", "message"}, where
    size = f"{len(operations(openapi))} routes × {len(ROLES)} roles × {len(CASES)} cases"
    print(f"\nauthorization matrix: {size}: {dict(tally)}")
    assert tally["requests"] == len(operations(openapi)) * len(ROLES) * len(CASES)
    assert not problems, "\n".join(problems)


def test_a_route_without_a_matrix_row_is_caught() -> None:
    app: FastAPI = create_app(_any_birlik(), worker=False)

    @app.get("/api/v1/members/{bin}/secrets")
    def secrets(bin: str) -> dict[str, str]:
        return {"bin": bin}

    assert uncovered(app.openapi()) == {"GET /api/v1/members/{bin}/secrets"}


def _any_birlik() -> Any:
    """create_app only keeps the App for later requests; the OpenAPI document needs none."""
    from birlik.bootstrap import App
    from birlik.config import Settings

    return App(Settings(), None, lambda: None)  # type: ignore[arg-type,return-value]
