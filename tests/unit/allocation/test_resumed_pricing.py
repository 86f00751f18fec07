"""Column generation that goes on from its own master: at new costs, and with lines held.

The split path prices its pieces once, then again with the floors priced in, then re-plans
the orders without a floor around the re-split ones, all from the masters and bases the first
pricing left (``PricingRun``). Each must end where a fresh run on the same model ends: the
same optimum, every rule kept."""

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
    make_problem,
    random_problem,
    shapes,
    without_floors,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from birlik.allocation import EngineSettings, SolveStatus, assert_valid, pricing
from birlik.allocation import engine as engine_module
from birlik.allocation.columns import candidate_columns
from birlik.allocation.floor_repair import meet_floors
from birlik.allocation.interpret import assemble_plan, clean_quantities, plan_cost
from birlik.allocation.pricing import PricingRun
from birlik.allocation.problem import sum_by
from birlik.allocation.rates import rates
from birlik.allocation.results import SolverInfo
from birlik.allocation.split_pricing import (
    floor_prices,
    piece_lines,
    price_pieces,
    replan_around_floors,
    replan_free_lines,
    subgradient_floor_prices,
)

RUNS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RUNS
@given(shape=shapes, seed=st.integers(0, 2**31 - 1), spread=st.sampled_from([0.05, 0.5, 2.0]))
def test_a_run_repriced_at_new_costs_ends_at_the_optimum_of_a_fresh_run(
    shape: Shape, seed: int, spread: float
) -> None:
    problem = without_floors(random_problem(shape))
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    run = PricingRun(problem, engine, columns, rate)
    assert run.solve(time.perf_counter() + 60).status is SolveStatus.OPTIMAL
    factor = np.random.default_rng(seed).uniform(1.0 - spread / 4, 1.0 + spread, columns.n)
    dearer = dataclasses.replace(rate, unit_cost=rate.unit_cost * factor)
    again = run.reprice(dearer, time.perf_counter() + 60)
    fresh = PricingRun(problem, engine, columns, dearer).solve(time.perf_counter() + 60)
    assert again.status is SolveStatus.OPTIMAL and fresh.status is SolveStatus.OPTIMAL
    assert again.objective is not None and fresh.objective is not None
    assert again.objective == pytest.approx(fresh.objective, rel=1e-7, abs=1e-6)
    assert again.bound is not None and again.bound <= again.objective + 1e-6 * (1 + abs(again.objective))
    # the plan is the new costs' plan: its cost at them is the objective (shortage included)
    made = sum_by(problem.arc_line[columns.col_arc], again.x, problem.n_lines)
    cost = float(dearer.unit_cost @ again.x + dearer.shortage @ (problem.line_qty - made))
    assert cost == pytest.approx(again.objective, rel=1e-7, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("close_enough", [1e-3, 0.05])
def test_a_run_stopped_close_to_its_bound_is_that_close_and_goes_on_to_the_optimum(
    seed: int, close_enough: float
) -> None:
    """Large enough, and with one first column per line, for column generation to take rounds."""
    problem = without_floors(random_problem(Shape(12, 2, 4, 20, 120, seed)))
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    with patch.object(pricing, "INITIAL_ARCS_PER_LINE", 1):
        run = PricingRun(problem, engine, columns, rate)
    near = run.solve(time.perf_counter() + 60, close_enough=close_enough)
    assert near.objective is not None and near.bound is not None
    if close_enough >= 0.05:  # far enough from the optimum to stop before it on these
        assert near.status is SolveStatus.TIME_LIMIT_WITH_SOLUTION
    if near.status is not SolveStatus.OPTIMAL:
        assert near.status is SolveStatus.TIME_LIMIT_WITH_SOLUTION
        assert near.objective - near.bound <= close_enough * max(abs(near.objective), 1.0)
    on = run.reprice(rate, time.perf_counter() + 60)
    fresh = PricingRun(problem, engine, columns, rate).solve(time.perf_counter() + 60)
    assert on.status is SolveStatus.OPTIMAL and fresh.status is SolveStatus.OPTIMAL
    assert on.objective == pytest.approx(fresh.objective, rel=1e-7, abs=1e-6)
    assert near.objective >= on.objective - 1e-6 * (1 + abs(on.objective))


@RUNS
@given(shape=shapes, seed=st.integers(0, 2**31 - 1), steps=st.integers(1, 4))
def test_repricings_of_one_master_each_keep_what_priced_out_and_a_full_one_ends_at_the_optimum(
    shape: Shape, seed: int, steps: int
) -> None:
    """A reprice cut to one master hands over that master's plan (feasible, at the new costs,
    not proven optimal while columns priced out) and keeps the columns that priced out: after
    a few such steps, a reprice without the cut ends at a fresh run's optimum."""
    problem = without_floors(random_problem(shape))
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    run = PricingRun(problem, engine, columns, rate)
    run.solve(time.perf_counter() + 60)
    rng = np.random.default_rng(seed)
    for _ in range(steps):
        dearer = dataclasses.replace(rate, unit_cost=rate.unit_cost * rng.uniform(0.5, 2.0, columns.n))
        rounds, before = run.rounds, run.master.cols.copy()
        cut = run.reprice(dearer, time.perf_counter() + 60, max_masters=1)
        assert run.rounds == rounds + 1 and cut.master_solved
        event(f"one master: {cut.status}")
        if cut.status is SolveStatus.OPTIMAL:  # nothing priced out: that master was the optimum
            fresh = PricingRun(problem, engine, columns, dearer).solve(time.perf_counter() + 60)
            assert cut.objective == pytest.approx(fresh.objective, rel=1e-7, abs=1e-6)
            assert np.array_equal(run.master.cols, before)
        else:
            assert cut.status is SolveStatus.TIME_LIMIT_WITH_SOLUTION
            # what priced out is in the master for the next reprice, which was not run here
            assert np.setdiff1d(run.master.cols, before).size > 0
        made = sum_by(problem.arc_line[columns.col_arc], cut.x, problem.n_lines)
        assert np.all(made <= problem.line_qty + 1e-6)
        assert cut.bound is not None and cut.objective is not None
        assert cut.bound <= cut.objective + 1e-6 * (1 + abs(cut.objective))
    full = run.reprice(dearer, time.perf_counter() + 60)
    fresh = PricingRun(problem, engine, columns, dearer).solve(time.perf_counter() + 60)
    assert full.status is SolveStatus.OPTIMAL and fresh.status is SolveStatus.OPTIMAL
    assert full.objective == pytest.approx(fresh.objective, rel=1e-7, abs=1e-6)


@RUNS
@given(shape=shapes, freeze=st.integers(0, 3), pricings=st.integers(0, 5), small_masters=st.booleans())
def test_the_re_plan_around_the_floors_from_the_pieces_runs_matches_the_one_from_new_masters(
    shape: Shape, freeze: int, pricings: int, small_masters: bool
) -> None:
    """Holding the lines of orders with a floor in the pieces' own runs and pricing the rest
    again is the same LP as ``replan_free_lines`` solves on a problem of its own: same cost,
    the held lines untouched, frozen cells kept, every floor still met. As the engine does it:
    from the average of up to ``pricings`` pricings with the floors priced in, re-split; with
    masters kept small (one first column per line, sifted early) so that held cells have left
    the master or never entered it."""
    with (
        patch.object(pricing, "INITIAL_ARCS_PER_LINE", 1 if small_masters else pricing.INITIAL_ARCS_PER_LINE),
        patch.object(pricing, "SIFT_FACTOR", 0.05 if small_masters else pricing.SIFT_FACTOR),
        patch.object(engine_module, "FLOOR_PRICINGS", max(pricings, 1)),
    ):
        _check_re_plan_around_floors(shape, freeze, pricings)


def _check_re_plan_around_floors(shape: Shape, freeze: int, pricings: int) -> None:
    problem = random_problem(shape)
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    pieces = piece_lines(problem, engine)
    if freeze:  # some cells of the plan without floors frozen at their quantities
        unfrozen = price_pieces(problem, engine, columns, rate, pieces, time.perf_counter() + 60)
        frozen = np.flatnonzero(unfrozen.x > 1e-9)[:freeze]
        problem = dataclasses.replace(
            problem,
            frozen_arc=columns.col_arc[frozen],
            frozen_month=columns.col_month[frozen],
            frozen_qty=unfrozen.x[frozen],
        )
    core = price_pieces(problem, engine, columns, rate, pieces, time.perf_counter() + 60)
    x = clean_quantities(problem, columns, core.x)
    if pricings and core.runs:
        least = floor_prices(problem, columns, rate, core.capacity_price)
        start, _, _ = engine_module._priced_with_floors(
            problem, engine, columns, rate, core, least, x, time.perf_counter() + 60, 0.0
        )
        if start is not None and start.runs is not None:
            x, core = start.x, start.runs
    repaired = meet_floors(problem, columns, rate, x, core.capacity_price)
    event("frozen cells" if problem.frozen_qty.size else "none frozen")
    if repaired is None:  # frozen cells hold a floor out of reach
        event("a floor out of reach")
        return
    fresh = replan_free_lines(problem, engine, columns, repaired, time.perf_counter() + 60)
    resumed = replan_around_floors(problem, core, repaired, time.perf_counter() + 60)
    assert (fresh is None) == (resumed is None)
    event("re-planned" if resumed is not None else "nothing to re-plan")
    if fresh is None or resumed is None:
        return
    floored_col = problem.order_lc_floor[problem.line_order[problem.arc_line[columns.col_arc]]] > 0
    np.testing.assert_allclose(resumed[floored_col], repaired[floored_col], rtol=1e-9, atol=1e-9)
    resumed = clean_quantities(problem, columns, resumed)
    floored = problem.order_lc_floor > 0
    surplus = floor_surplus(problem, columns, resumed)
    assert np.all(surplus[floored] >= -1e-7 * (1 + np.abs(resumed).sum()))
    frozen_cols = columns.column_of(problem.frozen_arc, problem.frozen_month)
    np.testing.assert_allclose(resumed[frozen_cols], problem.frozen_qty, rtol=1e-9, atol=1e-9)
    solver = SolverInfo("test", SolveStatus.HEURISTIC, None, None, None, 0.0, 0.0, None)
    assert_valid(problem, assemble_plan(problem, engine, columns, rate, resumed, solver))
    fresh_cost = plan_cost(problem, engine, columns, rate, clean_quantities(problem, columns, fresh))
    resumed_cost = plan_cost(problem, engine, columns, rate, resumed)
    assert resumed_cost == pytest.approx(fresh_cost, rel=1e-6, abs=1e-6)
    assert resumed_cost <= plan_cost(problem, engine, columns, rate, repaired) + 1e-6 * (1 + resumed_cost)


@RUNS
@given(shape=shapes, seed=st.integers(0, 2**31 - 1))
def test_floor_prices_move_up_for_orders_below_their_floor_and_down_for_those_above(
    shape: Shape, seed: int
) -> None:
    problem = random_problem(shape)
    columns = candidate_columns(problem, EngineSettings())
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 50, columns.n) * (rng.random(columns.n) < 0.5)
    price = np.where(problem.order_lc_floor > 0, rng.uniform(0, 2, problem.n_orders), 0.0)
    moved = subgradient_floor_prices(problem, columns, price, x)
    surplus = floor_surplus(problem, columns, x)
    floored = problem.order_lc_floor > 0
    assert np.all(moved >= 0)
    below, above = floored & (surplus < 0), floored & (surplus > 0)
    assert np.all(moved[below] >= price[below]) and np.all(moved[above] <= price[above])
    if not (price[below] > 0).any():  # nothing missed at a price: no step to take
        np.testing.assert_array_equal(moved[below | above], price[below | above])
    # the step's length: to first order it raises the bound by what the missed floors cost at
    # these prices (when no price was clipped at 0); a halved step goes half as far
    short = np.where(floored, -surplus, 0.0)
    target = float(price @ np.maximum(short, 0.0))
    moving = short != 0
    if (moved[moving] > 0).all():
        assert float((moved - price) @ short) == pytest.approx(target, rel=1e-9, abs=1e-9)
    half = subgradient_floor_prices(problem, columns, price, x, share=0.5)
    clear = moved > 0
    np.testing.assert_allclose(half[clear] - price[clear], (moved[clear] - price[clear]) / 2, atol=1e-12)


def test_held_lines_keep_their_cells_even_those_outside_the_master_and_take_new_quantities() -> None:
    """Two lines at 40 members: the first masters hold a few cells per line. The first line is
    held on a cell its master never took in, then held again elsewhere; the other line is
    planned around it in the capacity left."""
    members = 40
    capacity = [[[10.0]] for _ in range(members)]
    arcs = [Arc(line, member, cost=1.0 + member) for line in (0, 1) for member in range(members)]
    problem = make_problem(capacity, [Line(12.0), Line(15.0)], arcs)
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    run = PricingRun(problem, engine, columns, rates(problem, engine, columns))
    assert run.solve(time.perf_counter() + 60).status is SolveStatus.OPTIMAL
    outside = np.flatnonzero(~run.in_master & (problem.arc_line[columns.col_arc] == 0))
    assert outside.size >= 2
    x = np.zeros(columns.n)
    x[outside[:2]] = [7.0, 5.0]
    run.hold_lines(np.array([0]), x)
    held = run.solve(time.perf_counter() + 60)
    assert held.status is SolveStatus.OPTIMAL
    np.testing.assert_allclose(held.x[outside[:2]], [7.0, 5.0])
    assert held.x[problem.arc_line[columns.col_arc] == 0].sum() == pytest.approx(12.0)
    # the other line takes the cheapest capacity left, the held cells' included
    left = np.array([10.0] * members)
    left[problem.arc_member[columns.col_arc[outside[:2]]]] -= [7.0, 5.0]
    other = held.x[problem.arc_line[columns.col_arc] == 1]
    assert other.sum() == pytest.approx(15.0)
    assert np.all(other <= left + 1e-9)
    x[outside[:2]] = [2.0, 10.0]
    run.hold_lines(np.array([0]), x)
    again = run.solve(time.perf_counter() + 60)
    assert again.status is SolveStatus.OPTIMAL
    np.testing.assert_allclose(again.x[outside[:2]], [2.0, 10.0], atol=1e-9)


def test_a_reprice_stopped_before_a_master_hands_back_the_old_plan_as_unsolved() -> None:
    """Out of time before the first master at the new costs: the run says so (no master solved
    in this call) and keeps its last plan, which ``price_pieces`` counts as an unsolved piece."""
    problem = without_floors(
        random_problem(Shape(members=4, families=2, months=3, orders=2, lines=8, seed=5))
    )
    engine = EngineSettings()
    columns = candidate_columns(problem, engine)
    rate = rates(problem, engine, columns)
    pieces = piece_lines(problem, engine)
    core = price_pieces(problem, engine, columns, rate, pieces, time.perf_counter() + 60)
    assert core.unsolved == 0 and core.runs
    dearer = np.ones(problem.n_orders)
    with patch.object(pricing._Master, "run", lambda master, deadline: "kTimeLimit"):
        again = price_pieces(
            problem, engine, columns, rate, pieces, time.perf_counter() + 60, floor_price=dearer, resume=core
        )
    assert again.unsolved == len(pieces)
    np.testing.assert_array_equal(again.x, core.x)
    run = core.runs[0].pricing
    assert run is not None
    with patch.object(pricing._Master, "run", lambda master, deadline: "kTimeLimit"):
        stopped = run.reprice(core.runs[0].rate, time.perf_counter() + 60)
    assert not stopped.master_solved and stopped.status is SolveStatus.TIME_LIMIT_NO_SOLUTION
    assert stopped.objective is None
