"""Members accept or decline their own assignments; accepting stays within the month's capacity."""

from __future__ import annotations

import threading
from dataclasses import replace
from decimal import Decimal

import httpx

from birlik.bootstrap import App
from birlik.services import registry
from tests.api.world import BIN_A, RACE_CAPACITY, RACE_LINES, World, build_race, login


def _read(client: httpx.Client, assignment_id: int) -> tuple[dict[str, object], str]:
    response = client.get(f"/api/v1/assignments/{assignment_id}")
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


def test_a_member_accepts_or_declines_its_own_assignments(world: World) -> None:
    with world.client("member_a") as a, world.client("member_b") as b:
        _, etag = _read(a, world.assignment_a)
        key = {"Idempotency-Key": "accept-1", "If-Match": etag}
        accepted = a.post(f"/api/v1/assignments/{world.assignment_a}/accept", headers=key)
        replayed = a.post(f"/api/v1/assignments/{world.assignment_a}/accept", headers=key)
        then_declined = a.post(
            f"/api/v1/assignments/{world.assignment_a}/decline",
            json={"reason": "changed my mind"},
            headers={"If-Match": accepted.headers["ETag"]},
        )
        _, etag_b = _read(b, world.assignment_b)
        no_reason = b.post(
            f"/api/v1/assignments/{world.assignment_b}/decline",
            json={"reason": ""},
            headers={"If-Match": etag_b},
        )
        declined = b.post(
            f"/api/v1/assignments/{world.assignment_b}/decline",
            json={"reason": "the sewing line is being rebuilt in March"},
            headers={"If-Match": etag_b},
        )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert replayed.content == accepted.content and replayed.headers["Idempotent-Replayed"] == "true"
    assert then_declined.status_code == 409 and then_declined.json()["error"]["code"] == "illegal_transition"
    assert no_reason.status_code == 422
    assert declined.status_code == 200
    assert declined.json()["decline_reason"] == "the sewing line is being rebuilt in March"


def test_accepting_beyond_the_months_capacity_is_refused(world: World) -> None:
    with world.client("coordinator") as coordinator, world.client("member_a") as a:
        assignment, etag = _read(a, world.assignment_a)
        member = coordinator.get(f"/api/v1/members/{BIN_A}")
        too_small = str(Decimal(str(assignment["quantity"])) - 1)
        lowered = coordinator.patch(
            f"/api/v1/members/{BIN_A}",
            json={"capacities": [{"family": "greige_fabric", "monthly": too_small, "unit": "m"}]},
            headers={"If-Match": member.headers["ETag"]},
        )
        refused = a.post(f"/api/v1/assignments/{world.assignment_a}/accept", headers={"If-Match": etag})
        after, _ = _read(a, world.assignment_a)
    assert lowered.status_code == 200, lowered.text
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "capacity_exceeded"
    assert "greige_fabric" in refused.json()["error"]["message"]
    assert after["status"] == "proposed"


def test_sixteen_racing_accepts_never_overbook_the_capacity(app: App, server: str) -> None:
    plan_id = build_race(app)
    token = login(server, "member_a")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server, headers=headers) as member:
        listed = member.get("/api/v1/assignments", params={"plan_id": plan_id}).json()["items"]
        assert len(listed) == RACE_LINES and {a["month"] for a in listed} == {"2027-03"}
        etags = {a["id"]: _read(member, a["id"])[1] for a in listed}
    barrier = threading.Barrier(RACE_LINES)
    answers: dict[int, httpx.Response] = {}

    def accept(assignment_id: int) -> None:
        with httpx.Client(base_url=server, headers=headers, timeout=60) as client:
            barrier.wait()
            answers[assignment_id] = client.post(
                f"/api/v1/assignments/{assignment_id}/accept",
                headers={"If-Match": etags[assignment_id], "Idempotency-Key": f"race-{assignment_id}"},
            )

    threads = [threading.Thread(target=accept, args=(i,)) for i in etags]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in answers.values())
    with httpx.Client(base_url=server, headers=headers) as member:
        accepted = member.get("/api/v1/assignments", params={"status": "accepted"}).json()["items"]
    load = sum(Decimal(a["quantity"]) for a in accepted)
    assert load <= RACE_CAPACITY, f"overbooked: {load} m accepted against {RACE_CAPACITY} m"
    assert statuses.count(200) == len(accepted) == RACE_CAPACITY // 100
    assert set(statuses) <= {200, 409, 412}, [r.text for r in answers.values()]


def test_a_member_whose_clearance_lapsed_no_longer_sees_the_defense_work(app: App, world: World) -> None:
    with world.client("member_a") as member:
        before = member.get("/api/v1/orders/X-DEFENSE").status_code
        with app.uow() as uow:
            cleared = uow.members.get(BIN_A)
        assert cleared is not None
        registry.register_members(app.uow(), [replace(cleared, certificates=())])
        after = member.get("/api/v1/orders/X-DEFENSE")
        assignments = member.get("/api/v1/assignments").json()["items"]
        report = member.get(f"/api/v1/plans/{world.approved_plan}").json()["report"]
    assert before == 200 and after.status_code == 404
    assert assignments and all(a["order_number"] != "X-DEFENSE" for a in assignments)
    assert "X-DEFENSE" not in str(report)
