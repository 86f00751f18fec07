"""Property tests on random small problems: the plan is always valid and never worse than greedy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
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


@dataclass(frozen=True)
class Shape:
    members: int
    families: int
    months: int
    orders: int
    lines: int
    seed: int


shapes = st.builds(
    Shape,
    members=st.integers(1, 4),
    families=st.integers(1, 2),
    months=st.integers(1, 4),
    orders=st.integers(1, 3),
    lines=st.integers(0, 4),
    seed=st.integers(0, 2**32 - 1),
)


def random_problem(shape: Shape) -> AllocationProblem:
    rng = np.random.default_rng(shape.seed)
    n_lines = shape.orders + shape.lines
    order = np.concatenate([np.arange(shape.orders), rng.integers(0, shape.orders, shape.lines)])
    release = rng.integers(0, shape.months, n_lines)
    pairs = np.argwhere(rng.random((n_lines, shape.members)) < 0.6)
    n_arcs = pairs.shape[0]
    first = rng.integers(0, shape.months, n_arcs)
    return AllocationProblem(
        n_months=shape.months,
        capacity=rng.integers(0, 20, (shape.members, shape.families, shape.months)).astype(float),
        line_qty=rng.integers(1, 15, n_lines).astype(float),
        line_release=release,
        line_due=release + rng.integers(0, 2, n_lines),
        line_price=rng.integers(1, 10, n_lines).astype(float),
        line_order=order,
        line_family=rng.integers(0, shape.families, n_lines),
        order_lc_floor=np.where(
            rng.random(shape.orders) < 0.5, rng.choice([0.3, 0.5, 0.8], shape.orders), 0.0
        ),
        arc_line=pairs[:, 0],
        arc_member=pairs[:, 1],
        arc_production_cost=rng.integers(1, 10, n_arcs).astype(float),
        arc_transport_cost=rng.integers(0, 5, n_arcs).astype(float),
        arc_use=rng.choice([0.5, 1.0, 2.0], n_arcs),
        arc_lc_share=rng.choice([0.0, 0.4, 0.7, 1.0], n_arcs),
        arc_first_month=first,
        arc_last_month=first + rng.integers(0, shape.months, n_arcs),
    )


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
