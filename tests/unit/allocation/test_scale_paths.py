"""The solve paths for scale reach the same optimum as the whole model, with honest bounds.

Small random problems, so that the suite stays fast: the paths' speed is a benchmark's business
(bench/allocation.py); here only their answers are checked.
"""

from __future__ import annotations

import dataclasses
from unittest.mock import patch

import numpy as np
import pytest
from _alloc_builders import Shape, freeze_first, random_problem, shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birlik.allocation import (
    AllocationProblem,
    EngineSettings,
    SolveStatus,
    assert_valid,
    build,
    plan,
    pricing,
    solve,
)
from birlik.allocation.columns import candidate_columns, lc_coefficients
from birlik.allocation.engine import DIRECT_MIP_MAX_ARCS, PRICING_MIN_COLUMNS, choose_method
from birlik.allocation.pricing import Duals, fixed_rows, lagrangian_bound, priced_cost
from birlik.allocation.rates import rates

RUNS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def planned(problem: AllocationProblem, engine: EngineSettings, method: str) -> tuple[float, object]:
    result = plan(problem, dataclasses.replace(engine, method=method))
    assert_valid(problem, result)
    return result.objective, result


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 5.0]), late=st.integers(0, 2), freeze=st.integers(0, 3))
def test_pricing_reaches_the_whole_models_optimum(
    shape: Shape, fairness: float, late: int, freeze: int
) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness, max_late_months=late, lateness_cost=1.0)
    whole, first = planned(problem, engine, "highs")
    if freeze:
        problem = freeze_first(problem, first.assignments, freeze)  # type: ignore[attr-defined]
        whole, _ = planned(problem, engine, "highs")
    # One arc per line in the first master, so that pricing has to find the rest.
    with patch.object(pricing, "INITIAL_ARCS_PER_LINE", 1):
        priced, result = planned(problem, engine, "pricing")
    info = result.solver  # type: ignore[attr-defined]
    assert info.method == "pricing"
    assert info.status is SolveStatus.OPTIMAL
    assert priced == pytest.approx(whole, rel=1e-6, abs=1e-6)
    assert info.bound is not None and info.bound <= priced + 1e-6 * (1 + abs(priced))
    assert info.gap is not None and info.gap <= 1e-6
    assert np.array_equal(result.order_lc_floor_met, np.ones(problem.n_orders, dtype=bool))  # type: ignore[attr-defined]


@RUNS
@given(shape=shapes, scale=st.floats(0.0, 3.0), seed=st.integers(0, 2**16))
def test_the_lagrangian_bound_holds_for_any_duals(shape: Shape, scale: float, seed: int) -> None:
    # Weak duality: whatever sign-correct prices are put on capacity and local content, the
    # bound never exceeds the true optimum. This is what makes a stopped run's gap honest.
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=2.0, lateness_cost=1.0)
    model = build(problem, engine)
    optimum = solve(model, engine).objective
    assert optimum is not None
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    rows = fixed_rows(problem, engine, columns)
    rng = np.random.default_rng(seed)
    duals = Duals(
        demand=np.zeros(problem.n_lines),
        capacity=-scale * rng.random(rows.cap_keys.shape[0]),
        local_content=scale * rng.random(rows.lc_orders.shape[0]),
    )
    net = priced_cost(rows, rate.unit_cost, duals)
    bound = lagrangian_bound(problem, engine, columns, rows, rate, net, duals, np.zeros(0, np.int64))
    assert bound <= optimum + 1e-6 * (1 + abs(optimum))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=shapes,
    option=st.sampled_from(
        [
            {"single_sourcing": True},
            {"min_lot": 4.0},
            {"max_members_per_line": 1},
            {"min_lot": 3.0, "max_members_per_line": 2},
        ]
    ),
)
def test_the_lp_guided_search_keeps_the_rules_and_its_gap_is_honest(
    shape: Shape, option: dict[str, object]
) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(time_limit_s=5.0, **option)  # type: ignore[arg-type]
    exact, _ = planned(problem, engine, "highs")
    guided, result = planned(problem, engine, "lp_guided")
    info = result.solver  # type: ignore[attr-defined]
    assert info.method == "lp_guided"
    tol = 1e-6 * (1 + abs(exact))
    # `exact` is HiGHS's MIP answer, itself only proven within mip_rel_gap of the optimum: the guided
    # search may find a slightly better plan, but never one better than that proven bound allows.
    proven = engine.mip_rel_gap * abs(exact)
    assert guided >= exact - proven - tol  # no plan beats the optimum
    assert info.bound is not None and info.bound <= exact + tol  # the bound is a true bound
    if info.status is SolveStatus.OPTIMAL:
        assert guided <= exact + engine.mip_rel_gap * abs(exact) + tol


def wide_problem(n_members: int = 1_700) -> AllocationProblem:
    # One line per family-month pair would do; a few lines at many members give > 20 k cells.
    rng = np.random.default_rng(7)
    months, lines = 12, 3
    arc_line = np.repeat(np.arange(lines), n_members)
    arc_member = np.tile(np.arange(n_members), lines)
    n = arc_line.shape[0]
    return AllocationProblem(
        n_months=months,
        capacity=rng.integers(0, 30, (n_members, 1, months)).astype(float),
        line_qty=np.array([4_000.0, 2_500.0, 6_000.0]),
        line_release=np.zeros(lines, np.int64),
        line_due=np.array([5, 8, 11]),
        line_price=np.array([10.0, 12.0, 9.0]),
        line_order=np.array([0, 0, 1]),
        line_family=np.zeros(lines, np.int64),
        order_lc_floor=np.array([0.4, 0.0]),
        arc_line=arc_line,
        arc_member=arc_member,
        arc_production_cost=rng.uniform(3, 6, n),
        arc_transport_cost=rng.uniform(0, 2, n),
        arc_use=np.ones(n),
        arc_lc_share=np.round(rng.choice([0.0, 0.5, 0.9], n), 2),
        arc_first_month=np.zeros(n, np.int64),
        arc_last_month=np.full(n, months - 1),
    )


def test_the_engine_picks_its_method_by_size() -> None:
    small = random_problem(Shape(3, 1, 3, 2, 2, 11))
    engine = EngineSettings()
    assert choose_method(small, engine, candidate_columns(small, engine)) == "highs"
    wide = wide_problem()
    columns = candidate_columns(wide, engine)
    assert columns.n >= PRICING_MIN_COLUMNS
    assert choose_method(wide, engine, columns) == "pricing"
    assert wide.n_arcs > DIRECT_MIP_MAX_ARCS
    assert choose_method(wide, EngineSettings(min_lot=50.0), columns) == "lp_guided"
    assert choose_method(wide, EngineSettings(method="highs"), columns) == "highs"


def test_a_wide_problem_is_priced_to_the_same_optimum_as_the_whole_model() -> None:
    wide = wide_problem()
    auto = plan(wide)
    assert_valid(wide, auto)
    assert auto.solver.method == "pricing"
    assert auto.status is SolveStatus.OPTIMAL
    assert (
        auto.solver.size is not None
        and auto.solver.size.n_columns < candidate_columns(wide, EngineSettings()).n
    )
    whole = plan(wide, EngineSettings(method="highs"))
    assert auto.objective == pytest.approx(whole.objective, rel=1e-7)
    assert auto.order_lc_share[0] >= 0.4 - 1e-9


def test_the_method_setting_is_checked() -> None:
    from birlik.allocation import AllocationInputError

    with pytest.raises(AllocationInputError, match="setting method = 'simplex': must be one of auto"):
        EngineSettings(method="simplex")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=shapes,
    option=st.sampled_from(
        [{"single_sourcing": True}, {"min_lot": 4.0}, {"min_lot": 3.0, "max_members_per_line": 1}]
    ),
)
def test_the_lp_dive_ends_with_quantities_that_obey_the_integer_rules(
    shape: Shape, option: dict[str, object]
) -> None:
    import time

    from birlik.allocation.milp import lp_dive
    from birlik.allocation.problem import sum_by

    # Without floors every round stays feasible, so the dive must finish; with floors it may
    # give up (None) when settled low-content arcs and bans leave a floor unreachable.
    problem = dataclasses.replace(random_problem(shape), order_lc_floor=np.zeros(shape.orders))
    engine = EngineSettings(**option)  # type: ignore[arg-type]
    x = lp_dive(problem, engine, time.perf_counter() + 5.0)
    assert x is not None
    columns = candidate_columns(problem, engine)
    amount = sum_by(columns.col_arc, x, problem.n_arcs)
    qty = problem.line_qty[problem.arc_line]
    used = amount > 1e-6 * qty
    lot = qty if engine.single_sourcing else np.minimum(engine.min_lot or 0.0, qty)
    assert np.all(amount[used] >= lot[used] - 1e-6 * qty[used])
    limit = 1 if engine.single_sourcing else engine.max_members_per_line
    if limit is not None:
        assert np.bincount(problem.arc_line[used], minlength=problem.n_lines).max(initial=0) <= limit


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes, fairness=st.sampled_from([0.0, 5.0]))
def test_the_cheap_plan_cost_equals_the_plans_own_total(shape: Shape, fairness: float) -> None:
    # The engine compares candidate plans (greedy fallback, MIP incumbents) with plan_cost;
    # it must price them exactly as the plan reports, or a dearer plan could win.
    from birlik.allocation.greedy import greedy_quantities
    from birlik.allocation.interpret import assemble_plan, plan_cost

    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness, lateness_cost=1.0)
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    x = greedy_quantities(problem, engine, columns, rate)
    whole = plan(problem, engine)
    for quantities, info in ((x, whole.solver), (np.zeros(columns.n), whole.solver)):
        assembled = assemble_plan(problem, engine, columns, rate, quantities, info)
        assert plan_cost(problem, engine, columns, rate, quantities) == pytest.approx(
            assembled.objective, rel=1e-12, abs=1e-9
        )


def _floors_met(problem: AllocationProblem, x: np.ndarray) -> bool:
    columns = candidate_columns(problem, EngineSettings())
    rows = pricing.fixed_rows(problem, EngineSettings(), columns)
    return not pricing.floors_missed(rows, x)


def test_pricing_stopped_before_the_floors_are_back_offers_no_plan() -> None:
    # The cheapest member has no local content; the order's 50 % floor needs the other one. The
    # first masters hold the floors back, so a run stopped there has no plan of the model.
    problem = AllocationProblem(
        n_months=1,
        capacity=np.full((2, 1, 1), 100.0),
        line_qty=[10.0],
        line_release=[0],
        line_due=[0],
        line_price=[5.0],
        line_order=[0],
        line_family=[0],
        order_lc_floor=[0.5],
        arc_line=[0, 0],
        arc_member=[0, 1],
        arc_production_cost=[1.0, 3.0],
        arc_transport_cost=[0.0, 0.0],
        arc_use=[1.0, 1.0],
        arc_lc_share=[0.0, 1.0],
        arc_first_month=[0, 0],
        arc_last_month=[0, 0],
    )
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    import time

    stopped = pricing.solve_by_pricing(problem, engine, columns, rate, deadline=time.perf_counter())
    assert stopped.status is SolveStatus.TIME_LIMIT_NO_SOLUTION and stopped.objective is None
    full = pricing.solve_by_pricing(problem, engine, columns, rate)
    assert full.status is SolveStatus.OPTIMAL
    assert full.x.tolist() == pytest.approx([5.0, 5.0])
    assert _floors_met(problem, full.x)


@RUNS
@given(shape=shapes)
def test_a_priced_plan_stopped_at_any_round_meets_every_floor(shape: Shape) -> None:
    import time

    problem = random_problem(shape)
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    with patch.object(pricing, "INITIAL_ARCS_PER_LINE", 1):
        result = pricing.solve_by_pricing(problem, engine, columns, rate, deadline=time.perf_counter())
    if result.objective is not None:
        assert _floors_met(problem, result.x)


@RUNS
@given(
    lines=st.integers(1, 30),
    per_line=st.integers(1, 12),
    limit=st.integers(1, 60),
    seed=st.integers(0, 2**31 - 1),
)
def test_each_round_brings_in_every_lines_best_columns_then_the_most_negative(
    lines: int, per_line: int, limit: int, seed: int
) -> None:
    """``entering_columns``: a line's most negative columns come first, whichever lines the
    most negative overall belong to; the rest of the limit goes to the most negative others.
    (Fewer than ``PRESELECT`` columns per line: the preselection drops none that count.)"""
    rng = np.random.default_rng(seed)
    n = lines * per_line
    col_line = np.repeat(np.arange(lines), per_line)
    reduced = -rng.permutation(n).astype(np.float64) - 1.0  # distinct, all negative
    priced_out = np.flatnonzero(rng.random(n) < 0.8)
    chosen = pricing.entering_columns(priced_out, reduced, col_line, limit)
    assert np.unique(chosen).size == chosen.size == min(limit, priced_out.size)
    assert np.isin(chosen, priced_out).all()
    # each line's ENTERING_PER_LINE most negative, ranked among its priced-out columns
    order = np.lexsort((reduced[priced_out], col_line[priced_out]))
    ranked = priced_out[order]
    rank = np.arange(ranked.size) - np.searchsorted(col_line[ranked], col_line[ranked])
    best = ranked[rank < pricing.ENTERING_PER_LINE]
    if best.size <= limit:
        assert np.isin(best, chosen).all()
        rest_chosen = np.setdiff1d(chosen, best)
        left_out = np.setdiff1d(priced_out, chosen)
        if rest_chosen.size and left_out.size:
            assert reduced[rest_chosen].max() < reduced[left_out].min()
    else:  # more lines than room: the most negative of the lines' best
        assert np.isin(chosen, best).all()
        assert reduced[chosen].max() < reduced[np.setdiff1d(best, chosen)].min()


def test_local_content_coefficients_are_computed_once_per_problem_and_read_only() -> None:
    problem = wide_problem()
    columns = candidate_columns(problem, EngineSettings())
    first = lc_coefficients(problem, columns, problem.order_lc_floor)
    assert lc_coefficients(problem, columns, problem.order_lc_floor) is first
    assert not first.flags.writeable
    fresh = lc_coefficients(problem, columns, problem.order_lc_floor.copy())  # other floors: not kept
    assert fresh is not first and fresh.flags.writeable
    np.testing.assert_array_equal(fresh, first)
    lower = dataclasses.replace(problem, order_lc_floor=problem.order_lc_floor / 2)
    halved = lc_coefficients(lower, columns, lower.order_lc_floor)
    assert halved is not first and not np.array_equal(halved, first)
    assert lc_coefficients(lower, columns, lower.order_lc_floor) is halved
