"""Single sourcing solved as a GAP: exact knapsacks, valid Lagrangian bounds, feasible plans.

Small random GAPs (a few agents, a dozen jobs, tight capacities) whose optimum HiGHS proves
through the engine's whole model (``method="highs"``): every bound of the GAP search must stay at
or below it, and every plan must be one the verifier accepts.
"""

from __future__ import annotations

import dataclasses
import itertools
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birlik.allocation import SolveStatus, assert_valid, plan
from birlik.allocation.columns import candidate_columns
from birlik.allocation.engine import DIRECT_GAP_MAX_ARCS, choose_method
from birlik.allocation.gap import GapInstance, gap_problem, gap_settings
from birlik.allocation.gap_search import (
    Assignment,
    GapShape,
    arcs_ruled_out,
    gap_shape,
    improve,
    insert_missing,
    is_gap_shaped,
    knapsacks,
    lagrangian,
    solve_gap,
)
from birlik.allocation.rates import rates

RUNS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def instance(agents: int, jobs: int, seed: int, tightness: float = 0.8) -> GapInstance:
    """Type-D-like: heavy jobs are cheap, each agent gets ``tightness`` of a fair share."""
    rng = np.random.default_rng(seed)
    use = rng.integers(1, 30, (agents, jobs)).astype(float)
    cost = 40.0 - use + rng.integers(-5, 6, (agents, jobs))
    capacity = np.floor(tightness * use.sum(axis=1) / agents)
    return GapInstance(cost, use, capacity)


def shape_of(gap: GapInstance) -> GapShape:
    problem = gap_problem(gap, maximise=False)
    engine = gap_settings(gap)
    columns = candidate_columns(problem, engine)
    shape = gap_shape(problem, engine, columns, rates(problem, engine, columns))
    assert shape is not None
    return shape


def optimum(gap: GapInstance) -> float:
    problem = gap_problem(gap, maximise=False)
    result = plan(problem, dataclasses.replace(gap_settings(gap, 30.0), method="highs"))
    assert result.status is SolveStatus.OPTIMAL
    return result.objective


gaps = st.builds(instance, agents=st.integers(2, 4), jobs=st.integers(3, 12), seed=st.integers(0, 2**16))


@RUNS
@given(
    m=st.integers(1, 3),
    n=st.integers(1, 8),
    seed=st.integers(0, 2**16),
)
def test_knapsacks_are_exact(m: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    reduced = rng.integers(-20, 10, (m, n)).astype(float)
    weight = rng.integers(0, 12, (m, n)).astype(np.int64)
    capacity = rng.integers(0, 30, m).astype(np.int64)
    sacks = knapsacks(reduced, weight, capacity)
    for i in range(m):
        best = min(
            sum(reduced[i, j] for j in subset)
            for k in range(n + 1)
            for subset in itertools.combinations(range(n), k)
            if sum(weight[i, j] for j in subset) <= capacity[i]
        )
        assert sacks.value[i] == pytest.approx(best)
        taken = np.flatnonzero(sacks.taken[i])
        assert weight[i, taken].sum() <= capacity[i]
        assert reduced[i, taken].sum() == pytest.approx(best)


@RUNS
@given(gap=gaps, scale=st.floats(0.0, 2.0), seed=st.integers(0, 2**16))
def test_the_lagrangian_bound_holds_for_any_prices(gap: GapInstance, scale: float, seed: int) -> None:
    # Weak duality: whatever the prices on "each job once", L(u) never exceeds the optimum.
    shape = shape_of(gap)
    u = scale * np.random.default_rng(seed).random(shape.n_jobs) * 60.0
    value, _ = lagrangian(shape, u)
    assert value <= optimum(gap) + 1e-6


@RUNS
@given(gap=gaps, seed=st.integers(0, 2**16))
def test_local_search_keeps_every_plan_within_capacity(gap: GapInstance, seed: int) -> None:
    shape = shape_of(gap)
    rng = np.random.default_rng(seed)
    agent = np.where(rng.random(shape.n_jobs) < 0.5, rng.integers(0, shape.n_agents, shape.n_jobs), -1)
    start = Assignment(shape, np.full(shape.n_jobs, -1, np.int64))
    for job in np.flatnonzero(agent >= 0):  # a random plan within capacity to start from
        if start.fits(int(job), int(agent[job])):
            start.move(int(job), int(agent[job]))
    before = start.cost
    improved = improve(start, time.perf_counter() + 5.0)
    jobs = np.flatnonzero(improved.agent >= 0)
    load = np.bincount(
        improved.agent[jobs], weights=shape.weight[improved.agent[jobs], jobs], minlength=shape.n_agents
    )
    assert np.all(load <= shape.capacity)
    assert np.array_equal(load, improved.load)
    assert np.all(np.isfinite(shape.cost[improved.agent[jobs], jobs]))
    assert improved.cost <= before + 1e-9


@RUNS
@given(gap=gaps)
def test_insert_missing_never_overloads(gap: GapInstance) -> None:
    shape = shape_of(gap)
    empty = Assignment(shape, np.full(shape.n_jobs, -1, np.int64))
    insert_missing(empty)
    assert np.all(empty.load <= shape.capacity)


@RUNS
@given(gap=gaps, seed=st.integers(0, 2**16))
def test_arcs_ruled_out_are_never_in_a_plan_cheaper_than_the_cutoff(gap: GapInstance, seed: int) -> None:
    shape = shape_of(gap)
    best = optimum(gap)
    u = np.random.default_rng(seed).random(shape.n_jobs) * 60.0
    value, sacks = lagrangian(shape, u)
    # a cutoff just above the optimum: the optimal plan must keep all its arcs
    out = arcs_ruled_out(shape, u, value, sacks, best + 1.0)
    result = solve_gap(shape, time.perf_counter() + 4.0, 0.0)
    assert result.objective == pytest.approx(best)
    jobs = np.flatnonzero(result.agent >= 0)
    assert not out[result.agent[jobs], jobs].any()


@RUNS
@given(gap=gaps)
def test_the_gap_search_reaches_the_optimum_with_an_honest_bound(gap: GapInstance) -> None:
    shape = shape_of(gap)
    best = optimum(gap)
    result = solve_gap(shape, time.perf_counter() + 4.0, 0.0)
    assert result.bound <= best + 1e-6
    assert result.objective == pytest.approx(best)
    assert result.optimal


def test_a_large_gap_goes_to_the_gap_search_and_its_plan_is_valid() -> None:
    gap = instance(8, 100, seed=3)
    problem = gap_problem(gap, maximise=False)
    engine = gap_settings(gap, time_limit_s=3.0)
    columns = candidate_columns(problem, engine)
    assert problem.n_arcs > DIRECT_GAP_MAX_ARCS
    assert is_gap_shaped(problem, engine, columns)
    assert choose_method(problem, engine, columns) == "lp_guided"
    started = time.perf_counter()
    result = plan(problem, engine)
    assert time.perf_counter() - started < engine.time_limit_s + 1.5
    assert_valid(problem, result)
    info = result.solver
    assert "LP bound" in info.detail
    assert info.bound is not None and info.bound <= result.objective
    assert result.short.sum() == 0


def test_small_or_multi_month_single_sourcing_is_not_a_gap_here() -> None:
    small = gap_problem(instance(3, 10, seed=1), maximise=False)
    engine = gap_settings(instance(3, 10, seed=1))
    columns = candidate_columns(small, engine)
    assert is_gap_shaped(small, engine, columns)
    assert choose_method(small, engine, columns) == "highs"  # HiGHS proves such sizes at once
    two_months = dataclasses.replace(
        small,
        n_months=2,
        capacity=np.repeat(small.capacity, 2, axis=2),
        line_due=small.line_due + 1,
        arc_last_month=small.arc_last_month + 1,
    )
    assert not is_gap_shaped(two_months, engine, candidate_columns(two_months, engine))
