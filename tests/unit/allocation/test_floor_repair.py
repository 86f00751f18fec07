"""A plan stopped before the local-content floors were back in is re-split into one that keeps
every rule: the floors met, capacity and demand kept, other orders untouched."""

from __future__ import annotations

import dataclasses
import time
from unittest.mock import patch

import numpy as np
import pytest
from _alloc_builders import (
    Arc,
    Line,
    Shape,
    floor_surplus,
    freeze_first,
    make_problem,
    random_problem,
    shapes,
    without_floors,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from birlik.allocation import (
    AllocationProblem,
    EngineSettings,
    SolveStatus,
    assert_valid,
    build,
    plan,
    solve,
    split_pricing,
)
from birlik.allocation import engine as engine_module
from birlik.allocation import pricing as pricing_module
from birlik.allocation.columns import Columns, candidate_columns, lc_coefficients
from birlik.allocation.floor_repair import meet_floors
from birlik.allocation.greedy import greedy_quantities
from birlik.allocation.interpret import assemble_plan, plan_cost
from birlik.allocation.model import capacity_key
from birlik.allocation.pricing import PricingResult, PricingRun, solve_by_pricing
from birlik.allocation.problem import sum_by
from birlik.allocation.rates import rates
from birlik.allocation.results import SolverInfo
from birlik.allocation.split_pricing import (
    floor_prices,
    floors_bound,
    piece_lines,
    replan_free_lines,
    stepped_floor_prices,
)

RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def core_plan(problem: AllocationProblem, engine: EngineSettings) -> np.ndarray:
    """The optimal quantities with the floors left out: what a held-back master hands over."""
    model = build(without_floors(problem), engine)
    result = solve(model, engine)
    assert result.status is SolveStatus.OPTIMAL
    return np.asarray(result.col_value[model.col_blocks["x"]])


def assert_keeps_capacity_and_demand(problem: AllocationProblem, columns: Columns, x: np.ndarray) -> None:
    arcs = columns.col_arc
    key = capacity_key(
        problem, problem.arc_member[arcs], problem.line_family[problem.arc_line[arcs]], columns.col_month
    )
    load = sum_by(key, x * problem.arc_use[arcs], problem.capacity.size)
    assert np.all(load <= problem.capacity.reshape(-1) + 1e-7 * (1 + problem.capacity.reshape(-1)))
    made = sum_by(problem.arc_line[arcs], x, problem.n_lines)
    assert np.all(x >= 0) and np.all(made <= problem.line_qty * (1 + 1e-9) + 1e-9)


def freeze_cells(
    problem: AllocationProblem, columns: Columns, x: np.ndarray, count: int
) -> tuple[AllocationProblem, np.ndarray]:
    """The problem with the first ``count`` cells that ``x`` uses frozen at its quantities."""
    frozen = np.flatnonzero(x > 0)[:count]
    frozen_problem = dataclasses.replace(
        problem,
        frozen_arc=columns.col_arc[frozen],
        frozen_month=columns.col_month[frozen],
        frozen_qty=x[frozen],
    )
    return frozen_problem, frozen


@RUNS
@given(shape=shapes, freeze=st.integers(0, 2), priced=st.booleans())
def test_the_re_split_plan_keeps_every_rule_and_touches_only_the_orders_below(
    shape: Shape, freeze: int, priced: bool
) -> None:
    """With or without capacity prices to rank the moves by (the no-floor LP's duals)."""
    problem = random_problem(shape)
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    x = core_plan(problem, engine)
    price = None
    if priced:
        price = solve_by_pricing(without_floors(problem), engine, columns, rate).capacity_dual
        assert price is not None and np.all(price <= 0)
    problem, frozen = freeze_cells(problem, columns, x, freeze)
    repaired = meet_floors(problem, columns, rate, x, price)
    if repaired is None:
        # only frozen cells can keep an order below its floor: leaving units short always works
        only_frozen = np.zeros(columns.n)
        only_frozen[frozen] = x[frozen]
        held_down = floor_surplus(problem, columns, only_frozen) < 0
        assert np.any(held_down & (problem.order_lc_floor > 0))
        return
    assert np.array_equal(repaired[frozen], x[frozen])

    surplus = floor_surplus(problem, columns, repaired)
    scale = 1e-7 * (
        1 + sum_by(problem.line_order[problem.arc_line[columns.col_arc]], np.abs(repaired), problem.n_orders)
    )
    floored = problem.order_lc_floor > 0
    assert np.all(surplus[floored] >= -scale[floored])
    assert_keeps_capacity_and_demand(problem, columns, repaired)
    arcs = columns.col_arc

    below_before = floored & (floor_surplus(problem, columns, x) < -1e-9 * (1 + np.abs(x).sum()))
    order_of_col = problem.line_order[problem.arc_line[arcs]]
    repair_order = np.isin(order_of_col, np.flatnonzero(below_before))
    # orders that met their floor keep their own cells; only capacity room may have been made
    # in cells of orders without a floor
    untouched = ~repair_order & (problem.order_lc_floor[order_of_col] > 0)
    assert np.allclose(repaired[untouched], x[untouched])

    solver = SolverInfo("test", SolveStatus.TIME_LIMIT_WITH_SOLUTION, None, None, None, 0.0, 0.0, None)
    assert_valid(problem, assemble_plan(problem, engine, columns, rate, repaired, solver))
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    assert plan_cost(problem, engine, columns, rate, repaired) >= optimum - 1e-6 * (1 + abs(optimum))


@RUNS
@given(shape=shapes, freeze=st.integers(0, 2))
def test_re_planning_the_orders_without_a_floor_keeps_every_rule_and_never_costs_more(
    shape: Shape, freeze: int
) -> None:
    """The lines of orders with a floor stay as re-split; the others, planned anew in the
    capacity those leave, cost at most what they did (their old cells are one of their plans)."""
    problem = random_problem(shape)
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    x = core_plan(problem, engine)
    problem, frozen = freeze_cells(problem, columns, x, freeze)
    repaired = meet_floors(problem, columns, rate, x)
    if repaired is None:
        return
    again = replan_free_lines(problem, engine, columns, repaired, time.perf_counter() + 60)
    floored_col = problem.order_lc_floor[problem.line_order[problem.arc_line[columns.col_arc]]] > 0
    event("re-planned" if again is not None else "nothing to re-plan")
    if again is None:
        assert floored_col.all() or not columns.n
        return
    assert np.array_equal(again[floored_col], repaired[floored_col])
    assert np.allclose(again[frozen], x[frozen])
    assert_keeps_capacity_and_demand(problem, columns, again)
    surplus = floor_surplus(problem, columns, again)
    floored = problem.order_lc_floor > 0
    assert np.all(surplus[floored] >= -1e-7 * (1 + np.abs(again).sum()))
    solver = SolverInfo("test", SolveStatus.TIME_LIMIT_WITH_SOLUTION, None, None, None, 0.0, 0.0, None)
    assert_valid(problem, assemble_plan(problem, engine, columns, rate, again, solver))
    before = plan_cost(problem, engine, columns, rate, repaired)
    assert plan_cost(problem, engine, columns, rate, again) <= before + 1e-6 * (1 + abs(before))


def wide_problem_with_floors() -> AllocationProblem:
    rng = np.random.default_rng(11)
    members, months, lines = 1_500, 12, 4
    arc_line = np.repeat(np.arange(lines), members)
    arc_member = np.tile(np.arange(members), lines)
    n = arc_line.shape[0]
    return AllocationProblem(
        n_months=months,
        capacity=rng.integers(0, 30, (members, 1, months)).astype(float),
        line_qty=np.array([4_000.0, 2_500.0, 6_000.0, 3_000.0]),
        line_release=np.zeros(lines, np.int64),
        line_due=np.array([5, 8, 11, 11]),
        line_price=np.array([10.0, 12.0, 9.0, 11.0]),
        line_order=np.array([0, 0, 1, 2]),
        line_family=np.zeros(lines, np.int64),
        order_lc_floor=np.array([0.6, 0.0, 0.7]),
        arc_line=arc_line,
        arc_member=arc_member,
        # the members with the most local content cost the most: the core leaves the floors short
        arc_production_cost=3.0 + 3.0 * np.tile(np.linspace(0, 1, members), lines),
        arc_transport_cost=rng.uniform(0, 1, n),
        arc_use=np.ones(n),
        arc_lc_share=np.tile(np.linspace(0.0, 0.95, members), lines).round(3),
        arc_first_month=np.zeros(n, np.int64),
        arc_last_month=np.full(n, months - 1),
    )


def test_a_pricing_run_stopped_with_the_floors_held_back_hands_over_a_re_split_plan() -> None:
    """Stopping is simulated: the run is told it solved the master without the floors and ran
    out of time (its x is the core's, its bound the core's: a true bound of the whole model)."""
    problem = wide_problem_with_floors()
    engine = EngineSettings()

    def stopped_while_held(p: AllocationProblem, *args: object, **kwargs: object) -> PricingResult:
        core = solve_by_pricing(without_floors(p), *args, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(core, status=SolveStatus.TIME_LIMIT_NO_SOLUTION, objective=None, gap=None)

    with patch.object(engine_module, "solve_by_pricing", stopped_while_held):
        result = plan(problem, engine)
    assert_valid(problem, result)
    info = result.solver
    assert info.method == "pricing" and info.status is SolveStatus.TIME_LIMIT_WITH_SOLUTION
    assert "re-split" in info.detail
    assert np.all(result.order_lc_floor_met)
    optimum = plan(problem, engine)
    assert optimum.status is SolveStatus.OPTIMAL
    assert info.bound is not None and info.bound <= optimum.objective + 1e-6 * optimum.objective
    assert result.objective >= optimum.objective * (1 - 1e-9)
    # the re-split plan is close: far cheaper than the greedy plan, within a few per cent here
    assert result.objective <= 1.05 * optimum.objective
    assert info.gap == pytest.approx((result.objective - info.bound) / result.objective)


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 3.0]), freeze=st.integers(0, 2))
def test_the_split_path_keeps_every_rule_and_its_bound_is_honest(
    shape: Shape, fairness: float, freeze: int
) -> None:
    """Forced on small problems: pieces without shared capacity priced alone, floors re-split."""
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness)
    first = plan(problem, dataclasses.replace(engine, method="highs"))
    problem = freeze_first(problem, first.assignments, freeze)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    with patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0):
        result = plan(problem, dataclasses.replace(engine, method="pricing"))
    assert_valid(problem, result)
    info = result.solver
    tol = 1e-6 * (1 + abs(optimum))
    assert result.objective >= optimum - tol
    assert info.bound is None or info.bound <= optimum + tol
    if info.method == "split_pricing":
        assert info.status in (SolveStatus.OPTIMAL, SolveStatus.HEURISTIC)
        if info.status is SolveStatus.OPTIMAL:
            assert result.objective == pytest.approx(optimum, rel=1e-6, abs=1e-6)


def test_a_run_stopped_before_any_master_was_solved_hands_over_the_greedy_plan() -> None:
    problem = wide_problem_with_floors()

    def nothing_solved(p: AllocationProblem, *args: object, **kwargs: object) -> PricingResult:
        core = solve_by_pricing(without_floors(p), *args, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(
            core,
            status=SolveStatus.TIME_LIMIT_NO_SOLUTION,
            x=np.zeros_like(core.x),
            objective=None,
            gap=None,
            master_solved=False,
        )

    with patch.object(engine_module, "solve_by_pricing", nothing_solved):
        result = plan(problem, EngineSettings())
    assert_valid(problem, result)
    assert result.solver.status is SolveStatus.TIME_LIMIT_WITH_SOLUTION
    assert "greedy plan" in result.solver.detail
    assert result.solver.bound is not None and result.objective >= result.solver.bound


def test_a_floor_reached_only_through_many_cells_still_below_it_is_met_without_going_short() -> None:
    """Cost rising with the share (1 + 5·k²) over 40 members: the cheapest way up passes every
    member in turn; the re-split must end at the two members either side of the floor."""
    n = 40
    share = np.linspace(0.0, 1.0, n)
    problem = AllocationProblem(
        n_months=1,
        capacity=np.full((n, 1, 1), 1e6),
        line_qty=np.array([100.0]),
        line_release=np.array([0]),
        line_due=np.array([0]),
        line_price=np.array([10.0]),
        line_order=np.array([0]),
        line_family=np.array([0]),
        order_lc_floor=np.array([0.9]),
        arc_line=np.zeros(n, np.int64),
        arc_member=np.arange(n),
        arc_production_cost=1.0 + 5.0 * share**2,
        arc_transport_cost=np.zeros(n),
        arc_use=np.ones(n),
        arc_lc_share=share,
        arc_first_month=np.zeros(n, np.int64),
        arc_last_month=np.zeros(n, np.int64),
    )
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    x = np.zeros(columns.n)
    x[0] = 100.0  # all at the cheapest member, share 0
    repaired = meet_floors(problem, columns, rate, x)
    assert repaired is not None and repaired.sum() == pytest.approx(100.0)  # nothing left short
    optimum = plan(problem, engine).objective
    assert plan_cost(problem, engine, columns, rate, repaired) == pytest.approx(optimum, rel=1e-9)


def two_family_problem() -> AllocationProblem:
    """The wide problem with its lines in two families: two pieces that share no capacity."""
    wide = wide_problem_with_floors()
    return dataclasses.replace(
        wide,
        capacity=np.concatenate([wide.capacity, wide.capacity], axis=1),
        line_family=np.array([0, 1, 0, 1]),
    )


def test_the_split_path_plans_two_families_apart_and_the_whole_model_gets_the_time_left() -> None:
    problem = two_family_problem()
    optimum = plan(problem, EngineSettings(method="highs"))
    with patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0):
        result = plan(problem, EngineSettings())
    assert_valid(problem, result)
    info = result.solver
    # the pieces took a second, so the whole model ran after them and found the optimum
    assert info.method == "pricing" and info.status is SolveStatus.OPTIMAL
    assert "the other way (split_pricing): 2 of 2 pieces" in info.detail
    assert result.objective == pytest.approx(optimum.objective, rel=1e-7)
    assert info.bound is not None and info.bound <= optimum.objective * (1 + 1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_floors_the_first_plan_already_meets_leave_the_pieces_to_go_on_to_their_optimum(seed: int) -> None:
    """With floors in the model the pieces' first pricing stops near its bound
    (``FIRST_PRICING_GAP``, here far from it); when that plan meets every floor after all, the
    pieces go on from their masters, and the plan is the optimum, proven."""
    base = random_problem(Shape(12, 2, 4, 20, 120, seed))
    rng = np.random.default_rng(seed)
    problem = dataclasses.replace(
        base,
        arc_lc_share=rng.uniform(0.5, 1.0, base.n_arcs),
        lc_override_share=rng.uniform(0.5, 1.0, base.lc_override_share.shape[0]),
        order_lc_floor=np.full(base.n_orders, 0.1),  # every cell is above it
    )
    optimum = plan(problem, EngineSettings(method="highs")).objective
    calls: list[split_pricing.SplitCore] = []

    def counted(*args: object, **kwargs: object) -> split_pricing.SplitCore:
        core = split_pricing.price_pieces(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(core)
        return core

    with (
        patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0),
        patch.object(engine_module, "FIRST_PRICING_GAP", 0.5),
        patch.object(engine_module, "FIRST_PRICING_GAP_MIN_COLUMNS", 0),
        patch.object(pricing_module, "INITIAL_ARCS_PER_LINE", 1),
        patch.object(engine_module, "price_pieces", counted),
    ):
        result = plan(problem, EngineSettings(method="pricing"))
    assert_valid(problem, result)
    assert [core.optimal < core.pieces for core in calls] == [True, False]  # stopped, then went on
    info = result.solver
    assert info.method == "split_pricing" and info.status is SolveStatus.OPTIMAL
    assert result.objective == pytest.approx(optimum, rel=1e-7, abs=1e-6)


def test_a_split_plan_close_enough_to_its_bound_is_handed_over_without_the_whole_model() -> None:
    """Here the pieces end a little above their bound; with that gap counted close enough the
    whole model, which would otherwise get the time left, does not run."""
    problem = two_family_problem()
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    pieces = piece_lines(problem, engine)
    alone = engine_module._split_candidate(problem, engine, columns, rate, pieces, time.perf_counter())
    assert alone is not None and alone.solver.gap is not None and alone.solver.gap > 0
    close_enough = alone.solver.gap * 1.01
    with (
        patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0),
        patch.object(engine_module, "SPLIT_CLOSE_ENOUGH", close_enough),
    ):
        result = plan(problem, engine)
    assert_valid(problem, result)
    assert result.solver.method == "split_pricing" and "the other way" not in result.solver.detail
    assert result.solver.gap is not None and result.solver.gap <= close_enough


def test_a_time_limit_short_for_the_whole_model_sends_a_small_plan_to_the_pieces_first() -> None:
    """Below ``SPLIT_MIN_COLUMNS`` too: the pieces' plan comes first when the whole model would
    not be done in time (here every limit counts as short)."""
    problem = two_family_problem()
    with patch.object(engine_module, "WHOLE_SECONDS_PER_COLUMN", 1.0):
        result = plan(problem, EngineSettings(time_limit_s=30.0))
    assert_valid(problem, result)
    assert "2 of 2 pieces" in result.solver.detail
    with patch.object(engine_module, "WHOLE_SECONDS_PER_COLUMN", 0.0):
        alone = plan(problem, EngineSettings(time_limit_s=30.0))
    assert "pieces" not in alone.solver.detail
    assert result.objective == pytest.approx(alone.objective, rel=1e-7)


def test_with_little_time_left_after_the_pieces_their_plan_is_handed_over() -> None:
    """The whole model starts only when at least as much time is left as the pieces took."""
    problem = two_family_problem()
    real = split_pricing.price_pieces

    def slow_pieces(*args: object, **kwargs: object) -> split_pricing.SplitCore:
        core = real(*args, **kwargs)  # type: ignore[arg-type]
        time.sleep(0.6)  # the pieces took more than half of the 1 s limit
        return core

    with (
        patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0),
        patch.object(engine_module, "price_pieces", slow_pieces),
    ):
        result = plan(problem, EngineSettings(time_limit_s=1.0))
    assert_valid(problem, result)
    info = result.solver
    assert info.method == "split_pricing" and "2 of 2 pieces" in info.detail
    assert "the other way" not in info.detail
    assert np.all(result.order_lc_floor_met)
    optimum = plan(problem, EngineSettings(method="highs"))
    assert info.bound is not None and info.bound <= optimum.objective * (1 + 1e-9)
    assert result.objective <= 1.05 * optimum.objective


def test_a_split_run_out_of_time_hands_over_the_greedy_plan_rather_than_nothing() -> None:
    """A piece started after the deadline solves no master, and its lines would all be short:
    simulated for every piece and for the whole model, so that neither has a plan of its own."""

    problem = two_family_problem()

    real_solve = PricingRun.solve

    def out_of_time(run: PricingRun, deadline: float, *args: object, **kwargs: object) -> PricingResult:
        real = real_solve(run, deadline)
        return dataclasses.replace(
            real,
            status=SolveStatus.TIME_LIMIT_NO_SOLUTION,
            x=np.zeros_like(real.x),
            objective=None,
            gap=None,
            master_solved=False,
        )

    with (
        patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0),
        patch.object(PricingRun, "solve", out_of_time),  # every piece and the whole model
    ):
        result = plan(problem, EngineSettings())
    assert_valid(problem, result)
    info = result.solver
    assert info.method == "split_pricing" and "2 pieces stopped before a first plan" in info.detail
    assert "the other way (pricing)" in info.detail
    assert "the greedy plan the cheaper" in info.detail
    assert float(result.short.sum()) < 0.5 * float(problem.line_qty.sum())


def test_floor_prices_lift_each_order_to_its_floor_at_the_least_price_then_step_along_shortfalls() -> None:
    """On the wide problem the members with more local content cost more: each order with a
    floor needs a positive price, the least at which its lines' cheapest cells meet the floor
    (with a plan that misses no floor, that is all); from a plan that misses floors, one step
    along the shortfalls, as long as the floors' first-order cost at those prices."""
    problem = wide_problem_with_floors()
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    free = np.zeros(problem.capacity.size)
    price = floor_prices(problem, columns, rate, free)
    # a plan that misses no floor (nothing made yet) takes no step
    assert np.array_equal(stepped_floor_prices(problem, columns, price, np.zeros(columns.n)), price)
    floored = problem.order_lc_floor > 0
    assert np.all(price[floored] > 0) and np.all(price[~floored] == 0)
    coef = lc_coefficients(problem, columns, problem.order_lc_floor)
    line = problem.arc_line[columns.col_arc]

    def lifted(lam: np.ndarray) -> np.ndarray:
        """Each line whole on its cheapest cell at the prices (ties: the most local content)."""
        value = rate.unit_cost - lam[problem.line_order[line]] * coef
        surplus = np.zeros(problem.n_orders)
        for k in range(problem.n_lines):
            cells = np.flatnonzero(line == k)
            best = cells[value[cells] <= value[cells].min() + 1e-9 * (1 + abs(value[cells].min()))]
            surplus[problem.line_order[k]] += problem.line_qty[k] * coef[best].max()
        return surplus

    assert np.all(lifted(price)[floored] >= 0)
    assert np.all(lifted(price * (1 - 1e-6))[floored] < 0)

    x = core_plan(problem, engine)
    shortfall = np.maximum(-floor_surplus(problem, columns, x), 0.0) * floored
    assert shortfall.any()
    stepped = stepped_floor_prices(problem, columns, price, x)
    expected = price + float(price @ shortfall) / float(shortfall @ shortfall) * shortfall
    assert np.allclose(stepped, expected, rtol=1e-9, atol=0.0)


def test_the_pieces_priced_again_at_the_floors_prices_give_a_bound_that_counts_the_floors() -> None:
    problem = two_family_problem()
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    floors_dropped = plan(without_floors(problem), dataclasses.replace(engine, method="highs")).objective
    assert floors_dropped < optimum - 1.0  # the floors cost something here
    started = time.perf_counter()
    candidate = engine_module._split_candidate(
        problem, engine, columns, rate, piece_lines(problem, engine), started
    )
    assert candidate is not None and candidate.x is not None
    info = candidate.solver
    assert "priced again with the floors at estimated prices" in info.detail
    assert info.bound is not None and floors_dropped + 1e-6 < info.bound <= optimum * (1 + 1e-9)
    assert_valid(problem, assemble_plan(problem, engine, columns, rate, candidate.x, info))
    assert info.objective is not None and info.objective >= optimum * (1 - 1e-9)


def test_priced_moves_do_not_buy_a_full_capacity_the_others_need_dearly() -> None:
    """Order A (floor 0.45) must move half its 10 units to a member with local content: m1 costs
    2 but is full with order B, whose next cell costs 4 more; m2 costs 2.5 and has room. By cost
    alone the re-split takes m1 and pushes B out (+25); with m1's capacity price (−4, what B
    pays to go elsewhere) it takes m2 (+7.5): the optimum."""
    problem = AllocationProblem(
        n_months=1,
        capacity=np.array([10.0, 10.0, 10.0, 10.0]).reshape(4, 1, 1),
        line_qty=np.array([10.0, 12.0]),
        line_release=np.zeros(2, np.int64),
        line_due=np.zeros(2, np.int64),
        line_price=np.array([10.0, 10.0]),
        line_order=np.array([0, 1]),
        line_family=np.zeros(2, np.int64),
        order_lc_floor=np.array([0.45, 0.0]),
        arc_line=np.array([0, 0, 0, 1, 1]),
        arc_member=np.array([0, 1, 2, 1, 3]),
        arc_production_cost=np.array([1.0, 2.0, 2.5, 1.0, 5.0]),
        arc_transport_cost=np.zeros(5),
        arc_use=np.ones(5),
        arc_lc_share=np.array([0.0, 0.9, 0.9, 0.9, 0.0]),
        arc_first_month=np.zeros(5, np.int64),
        arc_last_month=np.zeros(5, np.int64),
    )
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    core = solve_by_pricing(without_floors(problem), engine, columns, rate)
    assert core.capacity_dual is not None and core.capacity_dual[1] == pytest.approx(-4.0)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    assert optimum == pytest.approx(37.5)
    priced = meet_floors(problem, columns, rate, core.x, core.capacity_dual)
    by_cost = meet_floors(problem, columns, rate, core.x)
    assert priced is not None and by_cost is not None
    assert plan_cost(problem, engine, columns, rate, priced) == pytest.approx(optimum)
    assert plan_cost(problem, engine, columns, rate, by_cost) == pytest.approx(55.0)


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 3.0]), freeze=st.integers(0, 2))
def test_the_split_candidate_bounds_the_optimum_and_the_second_pricing_never_costs_more(
    shape: Shape, fairness: float, freeze: int
) -> None:
    """The pieces' plan with the floors met, called directly (on small problems the whole model
    runs after it and would hide it): its bound holds, and pricing the pieces again at the
    floors' estimated prices never leaves it dearer than without (both plans are re-split)."""
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness)
    if freeze:
        exact = plan(problem, dataclasses.replace(engine, method="highs"))
        problem = freeze_first(problem, exact.assignments, freeze)
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    pieces = piece_lines(problem, engine)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    tol = 1e-6 * (1 + abs(optimum))
    # the greedy plan is compared only far from the bound, and the second pricing's better bound
    # can spare it: it is left out of both, which compares the pieces' own plans
    with patch.object(engine_module, "_greedy_if_cheaper", lambda *args: None):
        with_second = engine_module._split_candidate(
            problem, engine, columns, rate, pieces, time.perf_counter()
        )
        with patch.object(engine_module, "orders_below_floor", lambda *args: np.zeros(0, np.int64)):
            without = engine_module._split_candidate(
                problem, engine, columns, rate, pieces, time.perf_counter()
            )
    assert (with_second is None) == (without is None)
    if with_second is None or without is None:
        return
    info = with_second.solver
    assert info.bound is None or info.bound <= optimum + tol
    assert info.objective is not None and without.solver.objective is not None
    assert optimum - tol <= info.objective <= without.solver.objective + tol
    assert with_second.x is not None
    assert_valid(problem, assemble_plan(problem, engine, columns, rate, with_second.x, info))


def test_a_deadline_hit_once_the_floors_are_back_is_not_handed_over_as_optimal() -> None:
    """The no-floor master was optimal and missed a floor; the floors go back and the next solve
    runs out of time: that plan is not the model's optimum (it was reported as one)."""
    problem = wide_problem_with_floors()
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    real_hold, real_run = pricing_module._Master.hold_local_content, pricing_module._Master.run
    restored: list[bool] = []

    def hold(master: object, held: bool) -> None:
        restored.append(not held)
        real_hold(master, held)  # type: ignore[arg-type]

    def run(master: object, deadline: float) -> str:
        return "kTimeLimit" if restored and restored[-1] else real_run(master, deadline)  # type: ignore[arg-type]

    with (
        patch.object(pricing_module._Master, "hold_local_content", hold),
        patch.object(pricing_module._Master, "run", run),
    ):
        result = solve_by_pricing(problem, engine, columns, rate, time.perf_counter() + 30)
    assert restored[-1]  # the floors were put back
    assert result.status is SolveStatus.TIME_LIMIT_NO_SOLUTION and result.objective is None
    assert result.master_solved and np.any(floor_surplus(problem, columns, result.x) < 0)


@RUNS
@given(
    shape=shapes, fairness=st.sampled_from([0.0, 3.0]), freeze=st.integers(0, 2), scale=st.floats(0.0, 3.0)
)
def test_the_bound_from_prices_holds_for_any_prices_and_is_best_at_the_least_floor_prices(
    shape: Shape, fairness: float, freeze: int, scale: float
) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness)
    if freeze:
        exact = plan(problem, dataclasses.replace(engine, method="highs"))
        problem = freeze_first(problem, exact.assignments, freeze)
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    tol = 1e-6 * (1 + abs(optimum))
    core = solve_by_pricing(without_floors(problem), engine, columns, rate)
    assert core.capacity_dual is not None
    least = floor_prices(problem, columns, rate, core.capacity_dual)
    at_least = floors_bound(problem, engine, columns, rate, core.capacity_dual, least)
    assert at_least <= optimum + tol
    # any prices of the right sign bound the optimum; none beats the least floor prices at
    # the same capacity prices
    other = floors_bound(problem, engine, columns, rate, core.capacity_dual, scale * least + scale / 10)
    assert other <= at_least + tol
    rng = np.random.default_rng(shape.seed)
    random_capacity = -rng.exponential(1.0, problem.capacity.size)
    random_floor = rng.exponential(0.1, problem.n_orders)
    assert floors_bound(problem, engine, columns, rate, random_capacity, random_floor) <= optimum + tol


def test_without_time_to_price_the_pieces_again_their_bound_still_counts_the_floors() -> None:
    problem = two_family_problem()
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    floors_dropped = plan(without_floors(problem), dataclasses.replace(engine, method="highs")).objective
    with patch.object(engine_module, "SECOND_PRICING_SHARE", 1e9):
        candidate = engine_module._split_candidate(
            problem, engine, columns, rate, piece_lines(problem, engine), time.perf_counter()
        )
    assert candidate is not None
    info = candidate.solver
    assert "priced again" not in info.detail
    assert info.bound is not None and floors_dropped + 1e-6 < info.bound <= optimum * (1 + 1e-9)


def test_a_greedy_plan_held_below_a_floor_by_frozen_cells_is_re_split_before_it_is_used() -> None:
    """A frozen cell below the floor starts the greedy's account in the red, so its plan missed
    the floor; taken as "the greedy plan the cheaper" it made an invalid plan (73 against an
    optimum of 82.33)."""
    capacity = np.zeros((3, 2, 2))
    capacity[:, 0, :] = [[13, 16], [13, 19], [12, 8]]
    capacity[1, 1, :] = 10
    problem = make_problem(
        capacity,
        [
            Line(7, due=1, price=4, order=0),
            Line(7, due=0, price=8, order=0),
            Line(5, due=0, price=1, order=1, family=1),
        ],
        [
            Arc(0, 0, cost=7, transport=1, use=0.5, k=0, first=1),
            Arc(1, 0, cost=1, k=0.7, last=0),
            Arc(1, 2, cost=5, transport=4, k=1.0),
            Arc(2, 1, cost=2),
        ],
        floors=[0.5, 0.0],
        frozen=[(0, 1, 7.0)],
    )
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    assert np.any(floor_surplus(problem, columns, greedy_quantities(problem, engine, columns, rate)) < 0)
    cheaper = engine_module._greedy_if_cheaper(problem, engine, columns, rate, np.inf)
    assert cheaper is not None
    assert np.all(floor_surplus(problem, columns, cheaper[0])[problem.order_lc_floor > 0] >= -1e-9)
    optimum = plan(problem, dataclasses.replace(engine, method="highs")).objective
    assert cheaper[1] >= optimum - 1e-9
    with patch.object(engine_module, "SPLIT_MIN_COLUMNS", 0):
        result = plan(problem, dataclasses.replace(engine, method="pricing"))
    assert_valid(problem, result)
    assert result.objective == pytest.approx(optimum, rel=1e-9)
