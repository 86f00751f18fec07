"""The integer search by pieces: pieces that share no capacity, valid bounds, feasible plans.

Small random minimum-lot problems whose optimum HiGHS proves on the whole model
(``method="highs"``): the pieces must add up to the whole, the member-limit rows must not cut the
optimum off, and every bound the search reports — whatever prices it puts on the local-content
rows — must stay at or below that optimum.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from _alloc_builders import Shape, random_problem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birlik.allocation import AllocationProblem, EngineSettings, SolveStatus, assert_valid, build, plan, solve
from birlik.allocation.columns import candidate_columns
from birlik.allocation.components import line_components, restrict_lines
from birlik.allocation.model import capacity_key
from birlik.allocation.pieces import lot_dive, make_pieces, member_limit_rows, relax_and_fix
from birlik.allocation.problem import sum_by

RUNS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

shapes = st.builds(
    Shape,
    members=st.integers(2, 4),
    families=st.integers(1, 3),
    months=st.integers(1, 3),
    orders=st.integers(1, 3),
    lines=st.integers(0, 5),
    seed=st.integers(0, 2**32 - 1),
)
LOT = 4.0


def lot_problem(shape: Shape) -> AllocationProblem:
    """A random problem with quantities worth a minimum lot of 4 (some lines below it)."""
    problem = random_problem(shape)
    return dataclasses.replace(problem, line_qty=np.round(problem.line_qty * 1.5))


def exact(problem: AllocationProblem, engine: EngineSettings) -> float:
    result = plan(problem, dataclasses.replace(engine, method="highs", mip_rel_gap=0.0))
    assert result.status is SolveStatus.OPTIMAL
    return result.objective


@RUNS
@given(shape=shapes, fairness=st.sampled_from([0.0, 3.0]))
def test_pieces_share_no_capacity(shape: Shape, fairness: float) -> None:
    problem = random_problem(shape)
    labels = line_components(problem, EngineSettings(fairness_weight=fairness))
    key = problem.arc_member * problem.n_families + problem.line_family[problem.arc_line]
    for k in np.unique(key):
        assert np.unique(labels[problem.arc_line[key == k]]).size == 1
    if fairness > 0:  # the fairness peak ties a family's lines together
        for f in np.unique(problem.line_family):
            with_arcs = np.isin(np.arange(problem.n_lines), problem.arc_line)
            # (a family whose lines have no eligible member has no label to share)
            assert np.unique(labels[(problem.line_family == f) & with_arcs]).size <= 1


@RUNS
@given(shape=shapes)
def test_without_floors_the_pieces_add_up_to_the_whole(shape: Shape) -> None:
    problem = dataclasses.replace(lot_problem(shape), order_lc_floor=np.zeros(shape.orders))
    engine = EngineSettings(min_lot=LOT)
    labels = line_components(problem, engine)
    total = 0.0
    for label in np.unique(labels):
        piece, arcs = restrict_lines(problem, np.flatnonzero(labels == label))
        assert np.array_equal(problem.arc_member[arcs], piece.arc_member)
        result = solve(build(piece, engine), dataclasses.replace(engine, mip_rel_gap=0.0))
        assert result.status is SolveStatus.OPTIMAL and result.objective is not None
        total += result.objective
    assert total == pytest.approx(exact(problem, engine), rel=1e-7, abs=1e-6)


@RUNS
@given(shape=shapes, limit=st.sampled_from([None, 1, 2]))
def test_the_member_limit_rows_keep_the_optimum(shape: Shape, limit: int | None) -> None:
    # ⌊qty / lot⌋ members at most: a rounding of the lot rows, never cutting a plan off.
    problem = lot_problem(shape)
    engine = EngineSettings(min_lot=LOT, max_members_per_line=limit, mip_rel_gap=0.0)
    tightened = solve(member_limit_rows(build(problem, engine), problem, engine), engine)
    assert tightened.objective == pytest.approx(exact(problem, engine), rel=1e-7, abs=1e-6)


@RUNS
@given(shape=shapes, scale=st.floats(0.0, 3.0), seed=st.integers(0, 2**16))
def test_the_pieces_bound_holds_for_any_local_content_prices(shape: Shape, scale: float, seed: int) -> None:
    # A Lagrangian bound: the priced pieces' optima add up to at most the true optimum.
    problem = lot_problem(shape)
    engine = EngineSettings(min_lot=LOT, mip_rel_gap=0.0)
    columns = candidate_columns(problem, engine)
    price = scale * np.random.default_rng(seed).random(problem.n_orders)
    pieces, unmade = make_pieces(problem, engine, columns, price)
    bound = unmade
    for piece in pieces:
        result = solve(piece.model, engine)
        assert result.status is SolveStatus.OPTIMAL and result.bound is not None
        bound += result.bound
    assert bound <= exact(problem, engine) + 1e-6 * (1 + abs(bound))


@RUNS
@given(shape=shapes)
def test_the_quick_plans_keep_the_lots_and_the_capacity(shape: Shape) -> None:
    problem = dataclasses.replace(lot_problem(shape), order_lc_floor=np.zeros(shape.orders))
    engine = EngineSettings(min_lot=LOT, mip_rel_gap=0.0)
    columns = candidate_columns(problem, engine)
    best = exact(problem, engine)
    for method in (lot_dive, relax_and_fix):
        pieces, unmade = make_pieces(problem, engine, columns, np.zeros(problem.n_orders))
        x = np.zeros(columns.n)
        for piece in pieces:
            method(piece, engine, time.perf_counter() + 5.0)
            if piece.best is None:
                return  # the dive found every way blocked; nothing to check
            model = piece.model
            x[piece.full_column] = np.where(
                np.round(piece.best[model.col_blocks["used"]])[model.columns.col_arc] > 0,
                piece.best[model.col_blocks["x"]],
                0.0,
            )
            assert piece.bound <= piece.objective + 1e-6 * (1 + abs(piece.objective))
        amount = sum_by(columns.col_arc, x, problem.n_arcs)
        lot = np.minimum(LOT, problem.line_qty[problem.arc_line])
        assert np.all((amount <= 1e-6) | (amount >= lot - 1e-6))
        family = problem.line_family[problem.arc_line[columns.col_arc]]
        key = capacity_key(problem, problem.arc_member[columns.col_arc], family, columns.col_month)
        load = sum_by(key, x * problem.arc_use[columns.col_arc], problem.capacity.size)
        assert np.all(load <= problem.capacity.reshape(-1) + 1e-6)
        assert unmade + sum(piece.objective for piece in pieces) >= best - 1e-6 * (1 + abs(best))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes)
def test_the_engine_plans_by_pieces_with_an_honest_gap(shape: Shape) -> None:
    problem = lot_problem(shape)
    engine = EngineSettings(min_lot=LOT, time_limit_s=5.0)
    best = exact(problem, engine)
    result = plan(problem, dataclasses.replace(engine, method="lp_guided"))
    assert_valid(problem, result)
    info = result.solver
    assert "pieces" in info.detail
    tol = 1e-6 * (1 + abs(best))
    assert result.objective >= best - tol
    assert info.bound is not None and info.bound <= best + tol
