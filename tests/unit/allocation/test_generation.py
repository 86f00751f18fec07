"""Column generation over a built model reaches HiGHS's optimum on the whole model, with honest bounds.

Both the single-stage model and the two-stage one (split by cloth source) are checked on small random
problems against HiGHS on the whole model; the speed is a benchmark's business (bench/allocation.py).
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from _alloc_builders import Shape, freeze_first, random_problem, shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stages import random_stage

from birlik.allocation import AllocationProblem, EngineSettings, SolveStatus, build, solve
from birlik.allocation.generation import (
    LinearProgram,
    column_groups,
    implied_upper,
    lagrangian_bound,
    signed_duals,
    solve_by_generation,
)
from birlik.allocation.stage_plan import assert_staged_valid, plan_staged

RUNS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def program(problem: AllocationProblem, engine: EngineSettings) -> tuple[LinearProgram, slice]:
    model = build(problem, engine)
    demand = model.row_blocks["demand"]
    lp = LinearProgram(
        model.cost, model.lb, model.ub, model.row_lo, model.row_hi, model.matrix,
        np.arange(demand.start, demand.stop),
    )  # fmt: skip
    return lp, model.col_blocks["x"]


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 5.0]))
def test_generation_reaches_the_whole_models_optimum(shape: Shape, fairness: float) -> None:
    problem = random_problem(shape)
    engine = EngineSettings(fairness_weight=fairness)
    lp, x = program(problem, engine)
    whole = solve(build(problem, engine), engine)
    priced = np.zeros(lp.n_cols, dtype=bool)
    priced[x] = True
    # one column per line to start with, so that pricing has to find the rest
    first = np.arange(x.start, x.stop)[:: max(problem.n_lines, 1)]
    generated = solve_by_generation(lp, priced, first, time.perf_counter() + 30, held=np.zeros(0, np.int64))
    result = generated.result
    assert result.status is SolveStatus.OPTIMAL
    assert whole.objective is not None and result.objective is not None
    assert result.objective == pytest.approx(whole.objective, rel=1e-7, abs=1e-6)
    assert result.bound is not None and result.bound <= result.objective + 1e-6
    assert result.gap is not None and result.gap <= 1e-6


@RUNS
@given(shape=shapes, scale=st.floats(0.0, 3.0), seed=st.integers(0, 2**16))
def test_the_bound_holds_for_any_duals(shape: Shape, scale: float, seed: int) -> None:
    problem = random_problem(shape)
    engine = EngineSettings()
    lp, _ = program(problem, engine)
    whole = solve(build(problem, engine), engine)
    assert whole.objective is not None
    y = signed_duals(lp, np.random.default_rng(seed).normal(0.0, scale, lp.n_rows))
    bound = lagrangian_bound(lp, column_groups(lp), y, implied_upper(lp))
    assert bound is None or bound <= whole.objective + 1e-6 * (1 + abs(whole.objective))


def _without_exceptions(problem: AllocationProblem) -> AllocationProblem:
    return dataclasses.replace(
        problem,
        lc_override_arc=np.zeros(0, np.int64),
        lc_override_month=np.zeros(0, np.int64),
        lc_override_share=np.zeros(0),
    )


@RUNS
@given(shape=shapes, seed=st.integers(0, 2**32 - 1), freeze=st.integers(0, 3))
def test_the_staged_model_priced_reaches_the_whole_staged_optimum(
    shape: Shape, seed: int, freeze: int
) -> None:
    problem = _without_exceptions(random_problem(shape))
    stage = random_stage(problem, seed)
    problem = dataclasses.replace(problem, arc_lc_share=stage.arc_lc_import)
    whole_engine, priced_engine = EngineSettings(method="highs"), EngineSettings(method="pricing")
    whole = plan_staged(problem, stage, whole_engine)
    if freeze:
        problem = freeze_first(problem, whole.plan.assignments, freeze)
        whole = plan_staged(problem, stage, whole_engine)
    priced = plan_staged(problem, stage, priced_engine)
    assert priced.plan.solver.method == "pricing"
    assert priced.status is SolveStatus.OPTIMAL
    assert_staged_valid(problem, priced)
    assert priced.total == pytest.approx(whole.total, rel=1e-6, abs=1e-6)
    solver = priced.plan.solver
    assert solver.bound is not None and solver.objective is not None
    assert solver.bound <= solver.objective + 1e-6 * (1 + abs(solver.objective))
