"""Bad input is refused before any solve, with a message naming what is wrong."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from _alloc_builders import Arc, Line, make_problem

from birlik.allocation import AllocationInputError, AllocationProblem, EngineSettings, plan
from birlik.allocation.solve import SolveStatus, map_status


def good(**changes: object) -> AllocationProblem:
    problem = make_problem(
        capacity=[[[10, 10]], [[10, 10]]],
        lines=[Line(qty=5, due=1)],
        arcs=[Arc(0, 0, first=0, last=0), Arc(0, 1)],
        member_labels=("Alem", "Beren"),
        line_labels=("L-1",),
    )
    return dataclasses.replace(problem, **changes)  # type: ignore[arg-type]


def refused(problem: AllocationProblem, match: str, settings: EngineSettings | None = None) -> None:
    with pytest.raises(AllocationInputError, match=match):
        plan(problem, settings)


def test_the_good_problem_is_accepted() -> None:
    assert plan(good()).status is SolveStatus.OPTIMAL


def test_negative_capacity() -> None:
    refused(
        good(capacity=np.array([[[10, -1]], [[10, 10]]])),
        r"capacity of Alem for family 0 in month 1 is negative \(-1\)",
    )


def test_floor_above_one_hundred_percent() -> None:
    refused(good(order_lc_floor=np.array([1.2])), "floor of 120%; it must lie between")


def test_order_with_no_lines() -> None:
    refused(good(order_lc_floor=np.array([0.0, 0.3])), "order 1 has no lines")


def test_line_with_no_quantity() -> None:
    refused(good(line_qty=np.array([0.0])), "L-1 orders 0 units")


def test_frozen_assignment_outside_the_members_certificate_window() -> None:
    refused(
        good(frozen_arc=np.array([0]), frozen_month=np.array([1]), frozen_qty=np.array([2.0])),
        "frozen assignment of L-1 to Alem in month 1 is not allowed: .* only month 0 to month 0",
    )


def test_frozen_assignment_to_a_pair_that_is_not_eligible() -> None:
    refused(
        good(frozen_arc=np.array([5]), frozen_month=np.array([0]), frozen_qty=np.array([2.0])),
        "refers to arc 5, but there are 2 eligible",
    )


def test_frozen_above_capacity_and_above_the_order() -> None:
    refused(
        good(frozen_arc=np.array([1]), frozen_month=np.array([0]), frozen_qty=np.array([12.0])),
        "more than the 5 ordered.*above its capacity of 10",
    )


def test_frozen_on_two_members_under_single_sourcing() -> None:
    refused(
        good(frozen_arc=np.array([0, 1]), frozen_month=np.array([0, 0]), frozen_qty=np.array([1.0, 1.0])),
        "to 2 members, which breaks single sourcing",
        EngineSettings(single_sourcing=True),
    )


def test_shapes_that_do_not_match() -> None:
    refused(good(line_due=np.array([1, 1])), "line arrays must be one-dimensional and equally long")
    refused(good(capacity=np.ones((2, 1, 3))), r"capacity must have shape \(members, families, 2")


def test_indices_out_of_range_and_bad_shares() -> None:
    refused(good(arc_member=np.array([0, 7])), "refers to member 7")
    refused(good(arc_lc_share=np.array([0.5, 1.5])), "local-content share of 150%")
    refused(good(arc_member=np.array([1, 1])), "listed as an arc more than once")
    refused(good(line_release=np.array([1]), line_due=np.array([0])), "due .* before it is released")


def test_fractional_month_indices_are_refused_at_construction() -> None:
    with pytest.raises(AllocationInputError, match="whole numbers"):
        good(line_due=np.array([1.5]))


def test_several_problems_are_reported_together() -> None:
    with pytest.raises(AllocationInputError) as caught:
        plan(good(line_qty=np.array([-1.0]), order_lc_floor=np.array([2.0])))
    assert "L-1 orders -1 units" in str(caught.value)
    assert "floor of 200%" in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lateness_cost", -1.0),
        ("max_late_months", -1),
        ("max_members_per_line", 0),
        ("min_lot", 0.0),
        ("time_limit_s", 0.0),
        ("shortage_penalty", -5.0),
    ],
)
def test_settings_are_checked(field: str, value: object) -> None:
    with pytest.raises(AllocationInputError, match=f"setting {field}"):
        EngineSettings(**{field: value})  # type: ignore[arg-type]


def test_unknown_solver_statuses_map_to_unknown_not_an_exception() -> None:
    assert map_status("kSomethingNew", True) is SolveStatus.UNKNOWN
    assert map_status("kTimeLimit", True) is SolveStatus.TIME_LIMIT_WITH_SOLUTION
    assert map_status("kTimeLimit", False) is SolveStatus.TIME_LIMIT_NO_SOLUTION
    assert map_status("kOptimal", True) is SolveStatus.OPTIMAL
