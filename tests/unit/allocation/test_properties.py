"""Property tests on random small problems: the plan is always valid and never worse than greedy."""

from __future__ import annotations

import numpy as np
import pytest
from _alloc_builders import Shape, random_problem, shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birlik.allocation import (
    AllocationProblem,
    EngineSettings,
    ReasonCode,
    SolveStatus,
    assert_valid,
    greedy_plan,
    plan,
)

CONSTRAINT_REASONS = {
    ReasonCode.NO_ELIGIBLE_MEMBER,
    ReasonCode.TIME_WINDOW,
    ReasonCode.CAPACITY,
    ReasonCode.LC_FLOOR,
}
RUNS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_against_greedy(problem: AllocationProblem, engine: EngineSettings) -> None:
    best = plan(problem, engine)
    assert_valid(problem, best)
    assert best.status is SolveStatus.OPTIMAL
    assert best.order_lc_floor_met.all()
    baseline = greedy_plan(problem, engine)
    assert_valid(problem, baseline)
    slack = engine.mip_rel_gap * abs(baseline.objective) + 1e-6 * (1 + abs(baseline.objective))
    assert best.objective <= baseline.objective + slack
    for shortfall in best.shortfalls:
        assert shortfall.sentence
        if shortfall.reason is ReasonCode.LATE:
            assert shortfall.months_late is not None and shortfall.months_late > 0
            assert shortfall.cause is not None
        else:
            assert shortfall.months_late is None


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 5.0]), late=st.integers(0, 2))
def test_lp_plans_are_valid_beat_greedy_and_blame_a_constraint(
    shape: Shape, fairness: float, late: int
) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness, max_late_months=late, lateness_cost=1.0)
    check_against_greedy(problem, engine)
    # With the automatic penalty an optimal LP leaves a unit short only when a constraint
    # blocks every way to make it, so the reason must be one of the constraints.
    for shortfall in plan(problem, engine).shortfalls:
        if shortfall.reason is not ReasonCode.LATE:
            assert shortfall.reason in CONSTRAINT_REASONS, shortfall.sentence


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=shapes,
    option=st.sampled_from(
        [
            {"single_sourcing": True},
            {"min_lot": 4.0},
            {"max_members_per_line": 1},
            {"max_members_per_line": 2, "min_lot": 3.0},
        ]
    ),
)
def test_integer_options_are_kept_and_beat_greedy(shape: Shape, option: dict[str, object]) -> None:
    problem = random_problem(shape)
    check_against_greedy(problem, EngineSettings(**option))  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes, keep=st.integers(1, 4))
def test_freezing_part_of_an_optimal_plan_keeps_its_cost(shape: Shape, keep: int) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(lateness_cost=1.0)
    first = plan(problem, engine)
    a = first.assignments
    picked = np.arange(len(a))[:keep]
    frozen = AllocationProblem(
        **{
            **problem.__dict__,
            "frozen_arc": a.arc[picked],
            "frozen_month": a.month[picked],
            "frozen_qty": a.quantity[picked],
        }
    )
    again = plan(frozen, engine)
    assert_valid(frozen, again)
    assert again.objective == pytest.approx(first.objective, rel=1e-6, abs=1e-6)
