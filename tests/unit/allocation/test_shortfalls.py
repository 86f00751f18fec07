"""Every unit short or late carries the reason a coordinator would give, in data and words."""

from __future__ import annotations

import pytest
from _alloc_builders import Arc, Line, make_problem, solve_checked

from birlik.allocation import EngineSettings, ReasonCode

NAMES = {
    "member_labels": ("Alem Tekstil", "Beren Tigis"),
    "line_labels": ("L-1", "L-2"),
    "order_labels": ("KazMunai uniforms", "Army boots"),
}


def test_a_line_nobody_is_eligible_for_is_short_with_no_eligible_member() -> None:
    problem = make_problem(
        capacity=[[[10]], [[10]]],
        lines=[Line(qty=5), Line(qty=4, order=1)],
        arcs=[Arc(0, 0)],
        floors=[0.0, 0.0],
        **NAMES,
    )
    result = solve_checked(problem)
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.NO_ELIGIBLE_MEMBER
    assert shortfall.line == 1
    assert shortfall.quantity == pytest.approx(4)
    assert shortfall.months_late is None
    assert "no member is eligible" in shortfall.sentence
    assert "L-2" in shortfall.sentence


def test_full_capacity_is_blamed_on_the_full_members_and_months() -> None:
    # 30 ordered, two members with 10 each in the only month: 10 short.
    problem = make_problem(
        capacity=[[[10]], [[10]]],
        lines=[Line(qty=30)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
        month_labels=("2025-03",),
        member_labels=NAMES["member_labels"],
    )
    result = solve_checked(problem)
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.CAPACITY
    assert shortfall.quantity == pytest.approx(10)
    assert shortfall.members == (0, 1)
    assert shortfall.months == (0,)
    assert "Alem Tekstil (2025-03)" in shortfall.sentence
    assert "Beren Tigis (2025-03)" in shortfall.sentence


def test_capacity_shortfall_also_names_members_shut_out_by_their_certificates() -> None:
    problem = make_problem(
        capacity=[[[10, 10]], [[10, 10]]],
        lines=[Line(qty=30, due=1, release=1)],
        arcs=[Arc(0, 0), Arc(0, 1, first=0, last=0)],
        member_labels=NAMES["member_labels"],
    )
    result = solve_checked(problem, EngineSettings(max_late_months=0))
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.CAPACITY
    assert shortfall.quantity == pytest.approx(20)
    assert "(Beren Tigis: no valid certificate in the line's months)" in shortfall.sentence


def test_certificate_window_outside_the_lines_months_is_a_time_window_shortfall() -> None:
    # The line is released in month 2 and due in month 3; the only member's certificate runs out
    # in month 1.
    problem = make_problem(
        capacity=[[[10, 10, 10, 10]]],
        lines=[Line(qty=5, release=2, due=3)],
        arcs=[Arc(0, 0, first=0, last=1)],
    )
    result = solve_checked(problem)
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.TIME_WINDOW
    assert "certificate windows: member 0 only month 0–month 1" in shortfall.sentence


def test_local_content_floor_leaves_units_short_when_only_low_content_capacity_is_free() -> None:
    # Floor 60 %. Member 0 (k = 100 %) has 10; member 1 (k = 0) has plenty. Making y at member 1
    # needs 10 ≥ 0.6 (10 + y), so y ≤ 6.67 and 30 − 16.67 = 13.33 are short.
    problem = make_problem(
        capacity=[[[10]], [[100]]],
        lines=[Line(qty=30, price=5)],
        arcs=[Arc(0, 0, cost=1, k=1.0), Arc(0, 1, cost=1, k=0.0)],
        floors=[0.6],
        **{k: v[:1] if k != "member_labels" else v for k, v in NAMES.items()},
    )
    result = solve_checked(problem)
    assert result.order_lc_share[0] == pytest.approx(0.6)
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.LC_FLOOR
    assert shortfall.quantity == pytest.approx(30 - 10 - 20 / 3)
    assert shortfall.members == (1,)
    assert "floor of 60%" in shortfall.sentence
    assert "Beren Tigis 0%" in shortfall.sentence


def test_units_made_late_say_how_late_and_that_capacity_was_full_on_time() -> None:
    problem = make_problem(
        capacity=[[[10, 10, 10]]],
        lines=[Line(qty=25, due=0)],
        arcs=[Arc(0, 0, cost=1)],
        month_labels=("2025-01", "2025-02", "2025-03"),
    )
    result = solve_checked(problem, EngineSettings(max_late_months=2))
    late = sorted(result.shortfalls, key=lambda s: s.months_late or 0)
    assert [(s.reason, s.cause, s.months_late, s.quantity) for s in late] == [
        (ReasonCode.LATE, ReasonCode.CAPACITY, 1, 10.0),
        (ReasonCode.LATE, ReasonCode.CAPACITY, 2, 5.0),
    ]
    assert "2 months late (2025-03, due 2025-01)" in late[1].sentence


def test_late_because_no_certificate_is_valid_before_the_due_month() -> None:
    problem = make_problem(
        capacity=[[[10, 10]]],
        lines=[Line(qty=5, due=0)],
        arcs=[Arc(0, 0, first=1)],
    )
    result = solve_checked(problem)
    (late,) = result.shortfalls
    assert (late.reason, late.cause, late.months_late) == (ReasonCode.LATE, ReasonCode.TIME_WINDOW, 1)


def test_a_hand_set_penalty_below_the_cost_gives_cost_as_the_honest_reason() -> None:
    problem = make_problem(capacity=[[[10]]], lines=[Line(qty=5)], arcs=[Arc(0, 0, cost=9)])
    result = solve_checked(problem, EngineSettings(shortage_penalty=3.0))
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.COST
    assert result.objective == pytest.approx(15)


def test_min_lot_larger_than_any_free_capacity_is_a_lot_rule_shortfall() -> None:
    # Lot min(8, 10) = 8 but each member has room for 5 only.
    problem = make_problem(
        capacity=[[[5]], [[5]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0), Arc(0, 1)],
    )
    result = solve_checked(problem, EngineSettings(min_lot=8))
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.LOT_RULES
    assert shortfall.quantity == pytest.approx(10)
    assert "minimum lot of 8" in shortfall.sentence


def test_single_sourcing_short_line_names_the_rule() -> None:
    problem = make_problem(
        capacity=[[[6]], [[6]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0), Arc(0, 1)],
    )
    result = solve_checked(problem, EngineSettings(single_sourcing=True))
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.LOT_RULES
    assert "single sourcing" in shortfall.sentence
    assert len(result.assignments) == 0


def test_sentences_separate_thousands_and_name_the_order_once() -> None:
    # The services label lines with their order's number; the sentence must not repeat it.
    problem = make_problem(
        capacity=[[[20_000]]],
        lines=[Line(qty=80_000.5)],
        arcs=[Arc(0, 0)],
        line_labels=("UZ-2027-002 line 1 (UNC-DY)",),
        order_labels=("UZ-2027-002",),
    )
    (shortfall,) = solve_checked(problem).shortfalls
    assert shortfall.sentence.startswith("60,000.5 of UZ-2027-002 line 1 (UNC-DY) cannot be made")
    assert shortfall.sentence.count("UZ-2027-002") == 1


def test_sentences_name_the_order_when_the_line_label_does_not() -> None:
    problem = make_problem(
        capacity=[[[1_000, 1_000]]],
        lines=[Line(qty=1_500, due=0)],
        arcs=[Arc(0, 0)],
        line_labels=("L-1",),
        order_labels=("KazMunai uniforms",),
    )
    (late,) = solve_checked(problem, EngineSettings(max_late_months=1)).shortfalls
    assert late.sentence.startswith("500 of L-1 (KazMunai uniforms) will be 1 month late")
