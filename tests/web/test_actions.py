"""Changing things from the pages: answering assignments, running and approving plans."""

from __future__ import annotations

import time

from tests.api.world import World
from tests.web.conftest import browser, csrf_of, etag_of

HTMX = {"HX-Request": "true"}


def _assignment_status(world: World, assignment_id: int) -> dict[str, str]:
    with world.client("coordinator") as api:
        found: dict[str, str] = api.get(f"/api/v1/assignments/{assignment_id}").json()
    return found


def test_a_member_accepts_in_place_and_the_api_sees_it(world: World) -> None:
    with browser(world, "member_a") as client:
        page = client.get("/assignments").text
        form = {"csrf": csrf_of(page), "etag": etag_of(page), "back": "/assignments"}
        forged = client.post(
            f"/assignments/{world.assignment_a}/accept", data={**form, "csrf": "x"}, headers=HTMX
        )
        assert forged.status_code == 403
        assert _assignment_status(world, world.assignment_a)["status"] == "proposed"
        row = client.post(f"/assignments/{world.assignment_a}/accept", data=form, headers=HTMX)
    assert row.status_code == 200
    assert row.text.lstrip().startswith(f'<tr id="assignment-{world.assignment_a}"')
    assert "accepted" in row.text and "<form" not in row.text
    assert _assignment_status(world, world.assignment_a)["status"] == "accepted"


def test_declining_needs_a_reason_and_keeps_it(world: World) -> None:
    with browser(world, "member_b") as client:
        page = client.get(f"/assignments/{world.assignment_b}").text
        form = {"csrf": csrf_of(page), "etag": etag_of(page)}
        empty = client.post(
            f"/assignments/{world.assignment_b}/decline", data={**form, "reason": " "}, headers=HTMX
        )
        assert "say why" in empty.text and 'role="alert"' in empty.text
        done = client.post(
            f"/assignments/{world.assignment_b}/decline",
            data={**form, "reason": "looms under repair in March", "back": "/assignments"},
        )
    assert done.status_code == 303 and done.headers["location"] == "/assignments"
    answer = _assignment_status(world, world.assignment_b)
    assert answer["status"] == "declined" and answer["decline_reason"] == "looms under repair in March"


def test_a_member_cannot_answer_another_members_assignment(world: World) -> None:
    with browser(world, "member_a") as mine:
        csrf = csrf_of(mine.get("/assignments").text)
    with browser(world, "member_b") as client:
        page = client.get("/assignments").text
        refused = client.post(
            f"/assignments/{world.assignment_a}/accept", data={"csrf": csrf_of(page), "etag": "*"}
        )
    assert refused.status_code == 404
    assert csrf != csrf_of(page)  # each session has its own form token
    assert _assignment_status(world, world.assignment_a)["status"] == "proposed"


def test_the_coordinator_runs_a_plan_in_the_background_and_approves_it(world: World) -> None:
    with browser(world, "coordinator") as client:
        page = client.get("/plans").text
        queued = client.post("/plans", data={"csrf": csrf_of(page), "max_late_months": "2"})
        assert queued.status_code == 303
        job_url = queued.headers["location"]
        deadline = time.monotonic() + 60
        while 'href="/plans/' not in (status := client.get(job_url, headers=HTMX).text):
            assert "failed" not in status and time.monotonic() < deadline
            time.sleep(0.2)
        assert "hx-trigger" not in status  # polling stops once the job is done
        plan_url = status.split('href="', 1)[1].split('"', 1)[0]
        plan = client.get(plan_url).text
        assert "Cost by term" in plan and "Approve this plan" in plan
        stale = client.post(f"{plan_url}/approve", data={"csrf": csrf_of(plan), "etag": '"stale"'})
        assert stale.status_code == 412
        approved = client.post(f"{plan_url}/approve", data={"csrf": csrf_of(plan), "etag": etag_of(plan)})
        assert approved.status_code == 303
        assert "approved" in client.get(plan_url).text
    with world.client("coordinator") as api:
        assert api.get(f"/api/v1{plan_url}").json()["plan"]["status"] == "approved"


def test_a_member_may_not_run_plans(world: World) -> None:
    with browser(world, "member_a") as client:
        page = client.get("/assignments").text
        refused = client.post("/plans", data={"csrf": csrf_of(page)})
    assert refused.status_code == 403
