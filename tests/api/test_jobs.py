"""Allocation as a background job: 202 with a job to poll, run by the in-process worker."""

from __future__ import annotations

import time
from typing import Any

import httpx

from tests.api.world import World


def _wait(client: httpx.Client, location: str, seconds: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(location).json()
        if job["status"] in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the job at {location} did not finish in {seconds} s")


def test_a_plan_runs_as_a_job_and_is_approved_with_its_etag(world: World) -> None:
    with world.client("coordinator") as coordinator:
        key = {"Idempotency-Key": "run-1"}
        queued = coordinator.post("/api/v1/plans", json={"time_limit_s": 30}, headers=key)
        again = coordinator.post("/api/v1/plans", json={"time_limit_s": 30}, headers=key)
        assert queued.status_code == again.status_code == 202
        assert queued.json()["id"] == again.json()["id"]
        job = _wait(coordinator, queued.headers["Location"])
        assert job["status"] == "succeeded", job
        plan = coordinator.get(f"/api/v1/plans/{job['plan_id']}")
        assert plan.json()["plan"]["status"] == "draft"
        approved = coordinator.post(
            f"/api/v1/plans/{job['plan_id']}/approve", headers={"If-Match": plan.headers["ETag"]}
        )
        earlier = coordinator.get(f"/api/v1/plans/{world.approved_plan}").json()["plan"]["status"]
        trail = [e["action"] for e in coordinator.get("/api/v1/audit").json()["items"]]
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert earlier == "superseded"
    assert (
        trail.count("job.submit") == 2 and "plan.run" in trail and "plan.approve" in trail
    )  # the world ran one


def test_a_job_that_cannot_plan_fails_with_the_reason(world: World) -> None:
    with world.client("coordinator") as coordinator:
        for number in ("X-CLOTH", "Y-SUITS", "X-DEFENSE"):
            etag = coordinator.get(f"/api/v1/orders/{number}").headers["ETag"]
            cancelled = coordinator.patch(
                f"/api/v1/orders/{number}", json={"status": "cancelled"}, headers={"If-Match": etag}
            )
            assert cancelled.status_code == 200, cancelled.text
        queued = coordinator.post("/api/v1/plans", json={})
        job = _wait(coordinator, queued.headers["Location"])
    assert job["status"] == "failed" and "nothing to plan" in job["error"]
    assert job["plan_id"] is None
