"""Tiny problems whose optimum is worked out by hand in each test's comment."""

from __future__ import annotations

import math

import pytest
from _alloc_builders import Arc, Line, make_problem, quantity, solve_checked

from birlik.allocation import EngineSettings, SolveStatus, greedy_plan


def test_cheaper_member_is_filled_first_and_the_rest_goes_to_the_other() -> None:
    # Line of 15 due month 0; member 0 makes at 1/unit with 10 capacity, member 1 at 3/unit.
    # Optimum: 10 at member 0 (10) + 5 at member 1 (15) = 25.
    problem = make_problem(
        capacity=[[[10]], [[100]]],
        lines=[Line(qty=15)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=3)],
    )
    result = solve_checked(problem)
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == pytest.approx(25)
    assert quantity(result, 0, 0) == pytest.approx(10)
    assert quantity(result, 0, 1) == pytest.approx(5)
    assert result.shortfalls == ()
    assert result.utilisation[0, 0, 0] == pytest.approx(1.0)
    assert result.utilisation[1, 0, 0] == pytest.approx(0.05)


def test_production_and_transport_are_reported_apart() -> None:
    # Member 0: make 2 + ship 5 = 7; member 1: make 4 + ship 1 = 5. All 10 units at member 1.
    problem = make_problem(
        capacity=[[[50]], [[50]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0, cost=2, transport=5), Arc(0, 1, cost=4, transport=1)],
    )
    result = solve_checked(problem)
    assert result.cost.production == pytest.approx(40)
    assert result.cost.transport == pytest.approx(10)
    assert result.objective == pytest.approx(50)


def test_local_content_floor_moves_the_cheap_capacity_to_the_order_that_needs_it() -> None:
    # Member 0: k = 100 %, cost 1, 10 per month. Member 1: k = 0, plenty, cost 5 for line 0 and
    # 3 for line 1. Line 0 (order 0, no floor): 15 due month 0. Line 1 (order 1, floor 50 %,
    # price 10): 30 due month 1. Order 1 needs 15 of its 30 from member 0, who has 20 over both
    # months, so line 0 gets only 5 there: 5·1 + 10·5 + 15·1 + 15·3 = 115 (no holding charge,
    # so making line 1 a month early is free here).
    problem = make_problem(
        capacity=[[[10, 10]], [[100, 100]]],
        lines=[Line(qty=15, due=0, price=10, order=0), Line(qty=30, due=1, price=10, order=1)],
        arcs=[Arc(0, 0, cost=1, k=1), Arc(0, 1, cost=5), Arc(1, 0, cost=1, k=1), Arc(1, 1, cost=3)],
        floors=[0.0, 0.5],
    )
    result = solve_checked(problem, EngineSettings(lateness_price_share=0.0, earliness_price_share=0.0))
    assert result.objective == pytest.approx(115)
    assert result.order_lc_share[1] == pytest.approx(0.5)
    assert result.order_lc_floor_met.all()
    # Asking δ less local value lets line 1 move δ/10 units from member 0 to member 1 (+2 each)
    # and line 0 take them at member 0 (−4 each): the floor costs 0.2 per unit of local value.
    assert result.order_lc_shadow_price[1] == pytest.approx(0.2)
    assert math.isnan(result.order_lc_shadow_price[0])


def test_lateness_is_paid_per_unit_and_month() -> None:
    # 20 due month 0, capacity 10 per month at one member, cost 1, lateness 2 per unit-month:
    # 10 on time + 10 one month late: 20 + 10·2 = 40.
    problem = make_problem(
        capacity=[[[10, 10, 10]]],
        lines=[Line(qty=20, due=0)],
        arcs=[Arc(0, 0, cost=1)],
    )
    settings = EngineSettings(lateness_cost=2.0, lateness_price_share=0.0, max_late_months=2)
    result = solve_checked(problem, settings)
    assert result.objective == pytest.approx(40)
    assert result.cost.lateness == pytest.approx(20)
    schedule = result.line_schedule(0)
    assert [(d.month, d.quantity) for d in schedule] == [(0, 10.0), (1, 10.0)]
    assert result.made_by_month[0].tolist() == [10.0, 10.0, 0.0]


def test_late_production_beats_an_expensive_on_time_member_when_cheaper() -> None:
    # 10 due month 0. Member 0: cost 1, only has capacity in month 1 (late, +2) = 3 per unit.
    # Member 1: cost 5, capacity in month 0. Late at member 0 is cheaper: 30.
    problem = make_problem(
        capacity=[[[0, 10]], [[10, 10]]],
        lines=[Line(qty=10, due=0)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=5)],
    )
    settings = EngineSettings(lateness_cost=2.0, lateness_price_share=0.0)
    result = solve_checked(problem, settings)
    assert result.objective == pytest.approx(30)
    (late,) = result.shortfalls
    assert late.months_late == 1
    assert late.cause == "cost"


def test_fairness_splits_a_line_between_two_alike_members() -> None:
    # 10 units; member 0 costs 1, member 1 costs 2, both 10 capacity; fairness 100 per
    # family-month at full peak. Cost with a at member 0: a + 2(10 − a) + 100·max(a, 10 − a)/10,
    # minimal at a = 5: 5 + 10 + 50 = 65 (vs 110 with all at member 0).
    problem = make_problem(
        capacity=[[[10]], [[10]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2)],
    )
    result = solve_checked(problem, EngineSettings(fairness_weight=100.0))
    assert result.objective == pytest.approx(65)
    assert result.cost.fairness == pytest.approx(50)
    assert quantity(result, 0, 0) == pytest.approx(5)


def test_capacity_is_counted_in_each_members_own_units() -> None:
    # Member 0 needs 2 machine-hours per unit and has 10 hours: 5 units at cost 1.
    # The other 5 go to member 1 at cost 4: 5 + 20 = 25.
    problem = make_problem(
        capacity=[[[10]], [[10]]],
        lines=[Line(qty=10)],
        arcs=[Arc(0, 0, cost=1, use=2), Arc(0, 1, cost=4, use=1)],
    )
    result = solve_checked(problem)
    assert result.objective == pytest.approx(25)
    assert result.load[0, 0, 0] == pytest.approx(10)


def test_optimum_is_no_worse_than_greedy_on_a_case_where_greedy_errs() -> None:
    # Greedy serves line 0 first from the member cheapest for it, taking the only capacity
    # line 1 could use; the optimum swaps: line 0 at member 1 (2·10), line 1 at member 0 (1·10),
    # plus holding: line 1 is due in month 1 but made in month 0, 0.5 % of its price 1 × 10 units.
    problem = make_problem(
        capacity=[[[10]], [[10]]],
        lines=[Line(qty=10, due=0), Line(qty=10, due=1)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=2), Arc(1, 0, cost=1)],
    )
    settings = EngineSettings(max_late_months=0)
    best = solve_checked(problem, settings)
    baseline = greedy_plan(problem, settings)
    assert best.objective == pytest.approx(30.05)
    assert best.cost.holding == pytest.approx(0.05)
    assert baseline.objective > best.objective
    assert baseline.short[1] == pytest.approx(10)


def test_holding_cost_makes_a_dearer_on_time_member_beat_an_early_cheap_one() -> None:
    # 10 units of price 100 due month 2. Member 0 costs 1 but only has capacity in month 0
    # (2 months early: 2 · 0.5 % · 100 = 1 per unit, so 2 in all); member 1 costs 1.5 in
    # month 2. Without holding member 0 wins (10); with it member 1 does (15 < 20).
    problem = make_problem(
        capacity=[[[10, 0, 0]], [[0, 0, 10]]],
        lines=[Line(qty=10, due=2, price=100)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=1.5)],
    )
    free = solve_checked(problem, EngineSettings(earliness_price_share=0.0))
    assert free.objective == pytest.approx(10)
    assert quantity(free, 0, 0, month=0) == pytest.approx(10)
    held = solve_checked(problem, EngineSettings(earliness_price_share=0.005))
    assert held.objective == pytest.approx(15)
    assert quantity(held, 0, 1, month=2) == pytest.approx(10)
    assert held.cost.holding == 0.0
    # Forced early (member 1 out), the charge is reported per assignment and by term.
    early = solve_checked(
        make_problem(
            capacity=[[[10, 0, 0]]], lines=[Line(qty=10, due=2, price=100)], arcs=[Arc(0, 0, cost=1)]
        )
    )
    assert early.cost.holding == pytest.approx(10)
    assert early.assignments.holding_cost.tolist() == pytest.approx([10.0])
    assert early.cost.as_dict()["holding"] == pytest.approx(10)
    assert early.objective == pytest.approx(20)
