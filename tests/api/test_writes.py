"""Writes: Idempotency-Key replays, ETag/If-Match, and the audit log written with the change."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.api.matrix import CITY
from tests.api.world import BIN_A, World


def _order(number: str, buyer: str = "BUY-X", quantity: str = "10") -> dict[str, Any]:
    return {
        "number": number,
        "buyer_code": buyer,
        "destination": CITY,
        "currency": "KZT",
        "release": "2027-01",
        "lines": [
            {
                "number": 1,
                "product_sku": "CLOTH-A",
                "quantity": quantity,
                "unit": "m",
                "due": "2027-02",
                "unit_price": "7",
            }
        ],
    }


def _count(client: httpx.Client, path: str, **params: str) -> int:
    total: int = client.get(path, params=params).json()["total"]
    return total


def test_a_replayed_post_returns_the_first_response_and_creates_nothing(shared_world: World) -> None:
    with shared_world.client("buyer_x") as buyer, shared_world.client("coordinator") as coordinator:
        key = {"Idempotency-Key": "order-IDEM-1"}
        first = buyer.post("/api/v1/orders", json=_order("BUY-X-IDEM-1"), headers=key)
        orders, audited = _count(buyer, "/api/v1/orders"), _count(coordinator, "/api/v1/audit")
        again = buyer.post("/api/v1/orders", json=_order("BUY-X-IDEM-1"), headers=key)
        other = buyer.post("/api/v1/orders", json=_order("BUY-X-IDEM-1", quantity="11"), headers=key)
        without_key = buyer.post("/api/v1/orders", json=_order("BUY-X-IDEM-1"))
        assert (_count(buyer, "/api/v1/orders"), _count(coordinator, "/api/v1/audit")) == (orders, audited)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert without_key.status_code == 422 and without_key.json()["error"]["field"] == "number"


def test_racing_duplicates_with_one_key_create_one_order(shared_world: World) -> None:
    barrier = threading.Barrier(8)
    answers: list[httpx.Response] = []

    def post() -> None:
        with shared_world.client("coordinator") as client:
            barrier.wait()
            answers.append(
                client.post("/api/v1/orders", json=_order("RACE-1"), headers={"Idempotency-Key": "k-race"})
            )

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with shared_world.client("coordinator") as coordinator:
        created = _count(coordinator, "/api/v1/orders", q="RACE-1")
        audited = _count(coordinator, "/api/v1/audit", entity="order", key="RACE-1")
    assert created == 1 and audited == 1
    assert {a.status_code for a in answers} <= {201, 409}, [a.text for a in answers]
    assert len({a.content for a in answers if a.status_code == 201}) == 1


def test_an_update_needs_the_current_etag(shared_world: World) -> None:
    with shared_world.client("coordinator") as coordinator:
        read = coordinator.get("/api/v1/orders/X-CLOTH")
        etag = read.headers["ETag"]
        missing = coordinator.patch("/api/v1/orders/X-CLOTH", json={"status": "in_production"})
        stale = coordinator.patch(
            "/api/v1/orders/X-CLOTH", json={"status": "in_production"}, headers={"If-Match": '"0000"'}
        )
        done = coordinator.patch(
            "/api/v1/orders/X-CLOTH", json={"status": "in_production"}, headers={"If-Match": etag}
        )
        replayed = coordinator.patch(
            "/api/v1/orders/X-CLOTH", json={"status": "shipped"}, headers={"If-Match": etag}
        )
        fresh = coordinator.get("/api/v1/orders/X-CLOTH")
    assert missing.status_code == 428 and missing.json()["error"]["code"] == "precondition_required", (
        missing.text
    )
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "precondition_failed"
    assert done.status_code == 200 and done.json()["status"] == "in_production"
    assert done.headers["ETag"] != etag and done.headers["ETag"] == fresh.headers["ETag"]
    assert replayed.status_code == 412
    assert fresh.json()["status"] == "in_production"


def test_the_audit_log_holds_who_changed_what_and_nothing_for_refused_changes(shared_world: World) -> None:
    with shared_world.client("member_a") as member, shared_world.client("coordinator") as coordinator:
        etag = member.get(f"/api/v1/members/{BIN_A}").headers["ETag"]
        capacities = {"capacities": [{"family": "greige_fabric", "monthly": "15000", "unit": "m"}]}
        refused = member.patch(f"/api/v1/members/{BIN_A}", json=capacities, headers={"If-Match": '"x"'})
        before = _count(coordinator, "/api/v1/audit", entity="member")
        changed = member.patch(f"/api/v1/members/{BIN_A}", json=capacities, headers={"If-Match": etag})
        renamed = member.patch(
            f"/api/v1/members/{BIN_A}",
            json={"name": "Renamed"},
            headers={"If-Match": changed.headers["ETag"]},
        )
        entries = coordinator.get("/api/v1/audit", params={"entity": "member"}).json()["items"]
    assert refused.status_code == 412 and changed.status_code == 200
    assert renamed.status_code == 403  # the name is the coordinator's to change
    assert len(entries) == before + 1
    last = entries[-1]
    assert (last["actor"], last["action"], last["entity_key"]) == ("member_a", "member.update", BIN_A)
    assert '"monthly": "20000"' in last["before"] and '"monthly": "15000"' in last["after"]


def test_the_audit_log_refuses_updates(shared_world: World) -> None:
    assert shared_world.engine is not None
    with pytest.raises(DBAPIError), shared_world.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'someone else'"))
