"""verify() must catch a plan that breaks a rule, or it proves nothing when it passes."""

from __future__ import annotations

import dataclasses

import numpy as np
from _alloc_builders import Arc, Line, make_problem, solve_checked

from birlik.allocation import (
    AllocationProblem,
    EngineSettings,
    Plan,
    ReasonCode,
    SolveResult,
    SolveStatus,
    ViolationKind,
    build,
    interpret,
    solve,
    validate,
    verify,
)


def problem() -> AllocationProblem:
    return make_problem(
        capacity=[[[10, 10]], [[10, 10]]],
        lines=[Line(qty=12, due=1, price=5)],
        arcs=[Arc(0, 0, cost=1, k=1.0, last=0), Arc(0, 1, cost=2, k=0.0)],
        floors=[0.5],
    )


def kinds(p: AllocationProblem, plan: Plan) -> set[ViolationKind]:
    return {v.kind for v in verify(p, plan)}


def with_quantity(plan: Plan, quantity: np.ndarray) -> Plan:
    a = dataclasses.replace(plan.assignments, quantity=quantity)
    return dataclasses.replace(plan, assignments=a)


def test_the_pipeline_steps_can_run_one_by_one() -> None:
    p, s = problem(), EngineSettings()
    validate(p, s)
    model = build(p, s)
    result = solve(model, s)
    plan = interpret(p, s, model, result)
    assert verify(p, plan) == []
    assert plan.objective == solve_checked(p).objective


def test_more_than_capacity_is_caught() -> None:
    p = problem()
    plan = solve_checked(p)
    doubled = with_quantity(plan, plan.assignments.quantity * 2)
    assert {ViolationKind.CAPACITY, ViolationKind.DEMAND, ViolationKind.COST} <= kinds(p, doubled)


def test_an_ineligible_member_or_month_is_caught() -> None:
    p = problem()
    plan = solve_checked(p)
    a = plan.assignments
    swapped = dataclasses.replace(plan, assignments=dataclasses.replace(a, member=1 - a.member))
    assert ViolationKind.NOT_ELIGIBLE in kinds(p, swapped)
    moved = dataclasses.replace(plan, assignments=dataclasses.replace(a, month=a.month * 0 + 1))
    assert ViolationKind.OUTSIDE_WINDOW in kinds(p, moved)


def test_a_false_local_content_claim_is_caught_both_ways() -> None:
    # 10 at member 0 (k = 100 %) + 2 at member 1 (k = 0): 83 % local content.
    p = dataclasses.replace(problem(), order_lc_floor=np.array([0.3]))
    plan = solve_checked(p)
    assert plan.order_lc_share[0] > 0.8
    modest = dataclasses.replace(plan, order_lc_floor_met=np.array([False]))
    assert ViolationKind.LOCAL_CONTENT in kinds(p, modest)
    stricter = dataclasses.replace(p, order_lc_floor=np.array([0.9]))
    assert ViolationKind.LOCAL_CONTENT in kinds(stricter, plan)


def test_a_frozen_cell_that_moved_is_caught() -> None:
    p = dataclasses.replace(
        problem(), frozen_arc=np.array([1]), frozen_month=np.array([1]), frozen_qty=np.array([2.0])
    )
    plan = solve_checked(p)
    a = plan.assignments
    changed = with_quantity(plan, np.where(a.arc == 1, a.quantity + 1, a.quantity))
    assert ViolationKind.FROZEN in kinds(p, changed)


def test_options_are_checked_from_the_plans_settings() -> None:
    p = problem()
    split = solve_checked(p)
    assert len(np.unique(split.assignments.member)) == 2
    claimed = dataclasses.replace(split, settings=EngineSettings(single_sourcing=True))
    assert ViolationKind.MAX_MEMBERS in kinds(p, claimed)
    lot = dataclasses.replace(split, settings=EngineSettings(min_lot=100))
    assert ViolationKind.MIN_LOT in kinds(p, lot)


def test_a_misreported_cost_term_is_caught() -> None:
    p = problem()
    plan = solve_checked(p)
    wrong = dataclasses.replace(plan, cost=dataclasses.replace(plan.cost, transport=1.0))
    assert ViolationKind.COST in kinds(p, wrong)


def test_a_solver_without_a_plan_still_yields_an_honest_plan() -> None:
    p = dataclasses.replace(
        problem(), frozen_arc=np.array([1]), frozen_month=np.array([1]), frozen_qty=np.array([2.0])
    )
    s = EngineSettings()
    model = build(p, s)
    stopped = SolveResult(SolveStatus.TIME_LIMIT_NO_SOLUTION, None, None, None, 1.0, np.zeros(0), np.zeros(0))
    plan = interpret(p, s, model, stopped)
    assert verify(p, plan) == []
    assert plan.short[0] == 10  # only the 2 frozen units are kept
    (shortfall,) = plan.shortfalls
    assert shortfall.reason is ReasonCode.NO_SOLUTION
    assert "time_limit_no_solution" in shortfall.sentence
