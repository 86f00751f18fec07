"""The pages show exactly what the API would: the same records, the same 404 for anything out of scope."""

from __future__ import annotations

import pytest

from tests.api.world import BIN_A, BIN_B, World
from tests.web.conftest import browser

ORDERS = ("X-CLOTH", "Y-SUITS", "X-DEFENSE", "NO-SUCH-ORDER")
ROLES = ("coordinator", "member_a", "member_b", "buyer_x", "buyer_y", "analyst")


@pytest.mark.parametrize("role", ROLES)
def test_an_order_page_answers_as_the_api_does_for_every_role(shared_world: World, role: str) -> None:
    with browser(shared_world, role) as web, shared_world.client(role) as api:
        for number in ORDERS:
            page = web.get(f"/orders/{number}")
            assert page.status_code == api.get(f"/api/v1/orders/{number}").status_code, (role, number)
            assert "Traceback" not in page.text


def test_a_buyer_cannot_see_another_buyers_order_or_the_defense_order(shared_world: World) -> None:
    with browser(shared_world, "buyer_y") as client:
        listed = client.get("/orders").text
        assert "Y-SUITS" in listed and "X-CLOTH" not in listed and "X-DEFENSE" not in listed
        for number in ("X-CLOTH", "X-DEFENSE"):
            page = client.get(f"/orders/{number}")
            assert page.status_code == 404
            assert number not in page.text.replace(f"/orders/{number}", "")


def test_a_buyer_reads_its_own_orders_schedule_and_local_content_with_prices(shared_world: World) -> None:
    with browser(shared_world, "buyer_x") as client:
        page = client.get("/orders/X-CLOTH")
    assert page.status_code == 200
    assert "Delivery schedule" in page.text and "Local content" in page.text
    assert "Unit price" in page.text
    assert "Alpha Weaving" not in page.text  # members stay hidden from buyers


def test_a_coordinator_sees_the_schedule_with_members_and_shortfalls(shared_world: World) -> None:
    with browser(shared_world, "coordinator") as client:
        page = client.get("/orders/X-CLOTH").text
    assert "Alpha Weaving" in page and "Short or late" in page


def test_a_member_sees_only_the_orders_it_works_on_without_prices(shared_world: World) -> None:
    with browser(shared_world, "member_b") as client:
        listed = client.get("/orders").text
        assert "Y-SUITS" in listed and "X-CLOTH" not in listed
        page = client.get("/orders/Y-SUITS").text
    assert "Unit price" not in page and "15\u202f000" not in page


def test_a_member_cannot_open_another_members_assignment(shared_world: World) -> None:
    with browser(shared_world, "member_b") as client:
        assert client.get(f"/assignments/{shared_world.assignment_a}").status_code == 404
        own = client.get(f"/assignments/{shared_world.assignment_b}")
        listed = client.get("/assignments").text
    assert own.status_code == 200 and "Accept" in own.text
    assert f'id="assignment-{shared_world.assignment_a}"' not in listed
    assert f'id="assignment-{shared_world.assignment_b}"' in listed


def test_the_dashboard_draws_four_charts_for_the_coordinator_with_the_defense_order(
    shared_world: World,
) -> None:
    with browser(shared_world, "coordinator") as client:
        page = client.get("/dashboard").text
    assert page.count("<svg") == 4
    assert page.count('class="bar"') > 0 and page.count('class="cell"') > 0
    assert "X-DEFENSE" in page and "Alpha Weaving" in page


def test_an_analysts_dashboard_leaves_the_confidential_order_and_single_members_out(
    shared_world: World,
) -> None:
    with browser(shared_world, "analyst") as client:
        page = client.get("/dashboard").text
    assert "<svg" in page and "X-CLOTH" in page
    assert "X-DEFENSE" not in page and "Alpha Weaving" not in page


@pytest.mark.parametrize(
    ("role", "path"), [("member_a", "/dashboard"), ("buyer_x", "/members"), ("analyst", "/orders")]
)
def test_a_feature_the_role_may_not_use_is_forbidden(shared_world: World, role: str, path: str) -> None:
    with browser(shared_world, role) as client:
        page = client.get(path)
    assert page.status_code == 403 and "Not allowed" in page.text


def test_the_registry_lists_every_member_for_the_coordinator_and_only_itself_for_a_member(
    shared_world: World,
) -> None:
    with browser(shared_world, "coordinator") as client:
        everyone = client.get("/members").text
    with browser(shared_world, "member_a") as client:
        own = client.get("/members").text
    assert BIN_A in everyone and BIN_B in everyone
    assert BIN_A in own and BIN_B not in own


def test_a_member_reads_only_its_own_rows_of_a_plan(shared_world: World) -> None:
    with browser(shared_world, "member_a") as client:
        page = client.get(f"/plans/{shared_world.approved_plan}")
        draft = client.get(f"/plans/{shared_world.draft_plan}")
    assert page.status_code == 200 and "Alpha Weaving" in page.text and "Beta Sewing" not in page.text
    assert "Cost by term" not in page.text and "Approve" not in page.text
    assert draft.status_code == 404
