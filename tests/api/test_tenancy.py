"""Confidential orders and tenants' records, probed directly (the matrix covers every route)."""

from __future__ import annotations

from decimal import Decimal

from tests.api.world import BIN_A, BIN_B, World

CONFIDENTIAL_VISIBLE = {
    "coordinator": 200,
    "member_a": 200,  # cleared and assigned to it
    "member_b": 404,  # not cleared, not assigned: as if it did not exist
    "buyer_x": 200,  # its own order
    "buyer_y": 404,
    "analyst": 403,  # never single records
    "anonymous": 401,
    "disabled": 401,
}


def test_the_defense_order_is_seen_only_by_coordinators_its_buyer_and_cleared_assigned_members(
    shared_world: World,
) -> None:
    for role, expected in CONFIDENTIAL_VISIBLE.items():
        with shared_world.client(role) as client:
            direct = client.get("/api/v1/orders/X-DEFENSE")
            listed = client.get("/api/v1/orders", params={"q": "DEFENSE"})
        assert direct.status_code == expected, (role, direct.text)
        if listed.status_code == 200:
            numbers = [o["number"] for o in listed.json()["items"]]
            assert ("X-DEFENSE" in numbers) == (expected == 200), role
            assert listed.json()["total"] == len(numbers), role


def test_a_missing_and_a_hidden_order_get_the_same_answer(shared_world: World) -> None:
    with shared_world.client("member_b") as client:
        hidden = client.get("/api/v1/orders/X-DEFENSE")
        missing = client.get("/api/v1/orders/X-DEFENSF")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["error"]["code"] == missing.json()["error"]["code"] == "not_found"
    assert hidden.json()["error"]["message"].replace("X-DEFENSE", "?") == missing.json()["error"][
        "message"
    ].replace("X-DEFENSF", "?")


def test_members_see_their_orders_without_contract_prices_and_buyers_with(shared_world: World) -> None:
    with shared_world.client("member_a") as member, shared_world.client("buyer_x") as buyer:
        seen_by_member = member.get("/api/v1/orders/X-CLOTH").json()
        seen_by_buyer = buyer.get("/api/v1/orders/X-CLOTH").json()
    assert seen_by_member["value"] is None
    assert all(line["unit_price"] is None for line in seen_by_member["lines"])
    assert Decimal(seen_by_buyer["value"]) == Decimal(4_500_000)
    assert Decimal(seen_by_buyer["lines"][0]["unit_price"]) == Decimal(900)


def test_a_member_reads_only_its_own_rows_of_the_plan_report(shared_world: World) -> None:
    with shared_world.client("member_a") as member, shared_world.client("coordinator") as coordinator:
        own = member.get(f"/api/v1/plans/{shared_world.approved_plan}").json()
        full = coordinator.get(f"/api/v1/plans/{shared_world.approved_plan}").json()
    assert {a["member_bin"] for a in full["report"]["assignments"]} == {BIN_A, BIN_B}
    assert {a["member_bin"] for a in own["report"]["assignments"]} == {BIN_A}
    assert {c["member_bin"] for c in own["report"]["capacity"]} == {BIN_A}
    assert own["report"]["orders"] == [] and own["report"]["shortfalls"] == []
    assert own["plan"]["objective"] is None and full["plan"]["objective"] is not None
    assert BIN_B not in str(own) and "Y-SUITS" not in str(own)


def test_a_member_never_sees_the_draft_plan(shared_world: World) -> None:
    with shared_world.client("member_a") as member:
        plans = member.get("/api/v1/plans").json()
        draft = member.get(f"/api/v1/plans/{shared_world.draft_plan}")
    assert [p["id"] for p in plans["items"]] == [shared_world.approved_plan]
    assert draft.status_code == 404


def test_a_buyer_cannot_probe_other_buyers_order_numbers(shared_world: World) -> None:
    order = {
        "buyer_code": "BUY-Y",
        "destination": {
            "name": "Minsk",
            "region": "Minsk",
            "country": "BY",
            "latitude": 53.9,
            "longitude": 27.57,
        },
        "currency": "KZT",
        "release": "2027-01",
        "lines": [
            {
                "number": 1,
                "product_sku": "CLOTH-A",
                "quantity": "1",
                "unit": "m",
                "due": "2027-02",
                "unit_price": "1",
            }
        ],
    }
    with shared_world.client("buyer_y") as buyer:
        taken = buyer.post("/api/v1/orders", json={**order, "number": "X-DEFENSE"})
        free = buyer.post("/api/v1/orders", json={**order, "number": "X-NEVER-USED"})
    assert taken.status_code == free.status_code == 422
    assert taken.json()["error"]["message"].replace("X-DEFENSE", "?") == free.json()["error"][
        "message"
    ].replace("X-NEVER-USED", "?")


def test_a_member_gets_no_etag_that_would_let_it_test_guessed_prices(shared_world: World) -> None:
    with shared_world.client("member_a") as member, shared_world.client("buyer_x") as buyer:
        assert "ETag" not in member.get("/api/v1/orders/X-CLOTH").headers
        assert "ETag" in buyer.get("/api/v1/orders/X-CLOTH").headers
