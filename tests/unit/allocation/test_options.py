"""Integer options and frozen assignments, each checked on a case with a hand-made optimum."""

from __future__ import annotations

import numpy as np
import pytest
from _alloc_builders import Arc, Line, make_problem, quantity, solve_checked

from birlik.allocation import (
    AllocationInputError,
    EngineSettings,
    ReasonCode,
    SolveStatus,
    build,
    plan,
)


def two_members(qty: float = 10) -> object:
    # Member 0 is cheaper (1) but holds 6; member 1 costs 2 and holds 12.
    return make_problem(
        capacity=[[[6]], [[12]]],
        lines=[Line(qty=qty)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
    )


def test_without_options_the_line_is_split() -> None:
    result = solve_checked(two_members())  # type: ignore[arg-type]
    assert result.objective == pytest.approx(6 + 8)


def test_single_sourcing_gives_the_whole_line_to_the_member_who_can_take_it() -> None:
    result = solve_checked(two_members(), EngineSettings(single_sourcing=True))  # type: ignore[arg-type]
    assert result.objective == pytest.approx(20)
    assert quantity(result, 0, 1) == pytest.approx(10)
    assert result.solver.size is not None and result.solver.size.n_integer == 2


def test_at_most_one_member_per_line_behaves_like_single_sourcing_here() -> None:
    result = solve_checked(two_members(), EngineSettings(max_members_per_line=1))  # type: ignore[arg-type]
    assert result.objective == pytest.approx(20)


def test_min_lot_forbids_a_small_share() -> None:
    # Lot 5: 6 + 4 is not allowed (4 < 5); 5 + 5 costs 15, the best split allowed.
    result = solve_checked(two_members(), EngineSettings(min_lot=5))  # type: ignore[arg-type]
    assert result.objective == pytest.approx(15)
    assert quantity(result, 0, 0) == pytest.approx(5)


def test_min_lot_is_capped_at_the_line_quantity() -> None:
    # Lot 50 on a 10-unit line means "the whole line or nothing" per member: 10 at member 1.
    result = solve_checked(two_members(), EngineSettings(min_lot=50))  # type: ignore[arg-type]
    assert result.objective == pytest.approx(20)


def test_frozen_assignment_is_kept_exactly_and_the_rest_replanned() -> None:
    # Two months, line due in month 1. 3 units frozen at the dearer member 1 in month 0.
    # The other 7: 6 at member 0, and 1 more at member 1 in month 1 (its frozen cell stays 3).
    # The 9 units made in month 0 are a month early: 9 · 0.5 % of price 1 = 0.045 holding.
    problem = make_problem(
        capacity=[[[6, 0]], [[12, 12]]],
        lines=[Line(qty=10, due=1)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
        frozen=[(1, 0, 3.0)],
    )
    result = solve_checked(problem)
    assert quantity(result, 0, 1, month=0) == 3
    assert quantity(result, 0, 1, month=1) == pytest.approx(1)
    assert result.objective == pytest.approx(6 + 8 + 0.045)


def test_a_frozen_cell_is_not_topped_up_and_the_shortfall_says_so() -> None:
    # One month: member 0 holds 6, member 1's only cell is frozen at 3, so 1 unit is short.
    problem = make_problem(
        capacity=[[[6]], [[12]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
        frozen=[(1, 0, 3.0)],
    )
    result = solve_checked(problem)
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.FROZEN
    assert shortfall.quantity == pytest.approx(1)
    assert "frozen by hand" in shortfall.sentence


def test_frozen_zero_keeps_a_member_out() -> None:
    problem = make_problem(
        capacity=[[[6]], [[12]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
        frozen=[(0, 0, 0.0)],
    )
    result = solve_checked(problem)
    assert quantity(result, 0, 0) == 0
    assert result.objective == pytest.approx(20)


def test_frozen_cells_that_break_the_local_content_floor_are_refused_after_the_solve() -> None:
    # 10 frozen at a k = 0 member on an order with a 50 % floor and no other member.
    problem = make_problem(
        capacity=[[[20]]],
        lines=[Line(qty=20)],
        arcs=[Arc(0, 0, k=0.0)],
        floors=[0.5],
        frozen=[(0, 0, 10.0)],
    )
    with pytest.raises(AllocationInputError, match="frozen assignments cannot all be kept"):
        plan(problem)


def test_model_size_is_recorded_and_matches_the_candidate_cells() -> None:
    problem = make_problem(
        capacity=[[[10, 10, 10]], [[10, 10, 10]]],
        lines=[Line(qty=5, due=1)],
        arcs=[Arc(0, 0), Arc(0, 1, first=2)],
    )
    model = build(problem, EngineSettings(max_late_months=1))
    # Arc 0: months 0..2 (due 1 + 1 late); arc 1: month 2 only. 4 x + 1 short.
    assert model.size.n_columns == 5
    assert model.size.n_integer == 0
    assert np.count_nonzero(model.integrality) == 0
    result = solve_checked(problem, EngineSettings(max_late_months=1))
    assert result.status is SolveStatus.OPTIMAL
    assert result.solver.size == model.size
    assert result.solver.build_seconds >= 0 and result.solver.solve_seconds > 0
