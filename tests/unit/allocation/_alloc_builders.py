"""Small builders so each test states only the numbers that matter to it."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from birlik.allocation import AllocationProblem, EngineSettings, Plan, assert_valid, plan
from birlik.allocation.columns import Columns


@dataclass
class Line:
    qty: float
    due: int = 0
    release: int = 0
    price: float = 1.0
    order: int = 0
    family: int = 0


@dataclass
class Arc:
    line: int
    member: int
    cost: float = 0.0
    transport: float = 0.0
    use: float = 1.0
    k: float = 0.0
    first: int = 0
    last: int | None = None


def make_problem(
    capacity: Sequence[Any],
    lines: Sequence[Line],
    arcs: Sequence[Arc],
    floors: Sequence[float] = (0.0,),
    frozen: Sequence[tuple[int, int, float]] = (),
    lc_overrides: Sequence[tuple[int, int, float]] = (),
    **labels: Any,
) -> AllocationProblem:
    """capacity[e][f][t]; frozen entries are (arc, month, qty); lc_overrides (arc, month, k)."""
    cap = np.asarray(capacity, dtype=float)
    months = cap.shape[2]
    return AllocationProblem(
        n_months=months,
        capacity=cap,
        line_qty=[line.qty for line in lines],
        line_release=[line.release for line in lines],
        line_due=[line.due for line in lines],
        line_price=[line.price for line in lines],
        line_order=[line.order for line in lines],
        line_family=[line.family for line in lines],
        order_lc_floor=list(floors),
        arc_line=np.array([a.line for a in arcs], dtype=np.int64),
        arc_member=np.array([a.member for a in arcs], dtype=np.int64),
        arc_production_cost=np.array([a.cost for a in arcs], dtype=float),
        arc_transport_cost=np.array([a.transport for a in arcs], dtype=float),
        arc_use=np.array([a.use for a in arcs], dtype=float),
        arc_lc_share=np.array([a.k for a in arcs], dtype=float),
        arc_first_month=np.array([a.first for a in arcs], dtype=np.int64),
        arc_last_month=np.array([months - 1 if a.last is None else a.last for a in arcs], dtype=np.int64),
        frozen_arc=np.array([f[0] for f in frozen], dtype=np.int64),
        frozen_month=np.array([f[1] for f in frozen], dtype=np.int64),
        frozen_qty=np.array([f[2] for f in frozen], dtype=float),
        lc_override_arc=np.array([v[0] for v in lc_overrides], dtype=np.int64),
        lc_override_month=np.array([v[1] for v in lc_overrides], dtype=np.int64),
        lc_override_share=np.array([v[2] for v in lc_overrides], dtype=float),
        **labels,
    )


def solve_checked(problem: AllocationProblem, settings: EngineSettings | None = None) -> Plan:
    """Plan and verify: every engine test goes through here."""
    result = plan(problem, settings)
    assert_valid(problem, result)
    return result


def quantity(result: Plan, line: int, member: int, month: int | None = None) -> float:
    a = result.assignments
    mask = (a.line == line) & (a.member == member)
    if month is not None:
        mask &= a.month == month
    return float(a.quantity[mask].sum())


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
    # Some certificates start or lapse mid-window: distinct (arc, month) cells get another k.
    cells = rng.permutation(n_arcs * shape.months)[: rng.integers(0, n_arcs + 1)]
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
        lc_override_arc=cells // shape.months,
        lc_override_month=cells % shape.months,
        lc_override_share=rng.choice([0.0, 0.4, 0.7, 1.0], cells.shape[0]),
    )


def freeze_first(problem: AllocationProblem, assignments: Any, count: int) -> AllocationProblem:
    """The problem with the first ``count`` of a plan's assignments frozen as they are."""
    if not count:
        return problem
    picked = np.arange(len(assignments))[:count]
    return dataclasses.replace(
        problem,
        frozen_arc=assignments.arc[picked],
        frozen_month=assignments.month[picked],
        frozen_qty=assignments.quantity[picked],
    )


def without_floors(problem: AllocationProblem) -> AllocationProblem:
    return dataclasses.replace(problem, order_lc_floor=np.zeros(problem.n_orders))


def floor_surplus(problem: AllocationProblem, columns: Columns, x: np.ndarray) -> np.ndarray:
    """Per order, Σ price·(k − floor)·x over its cells: < 0 where ``x`` misses the floor
    (computed from the shares directly, not the engine's coefficients)."""
    lines = problem.arc_line[columns.col_arc]
    order = problem.line_order[lines]
    share = problem.lc_share_at(columns.col_arc, columns.col_month)
    coef = problem.line_price[lines] * (share - problem.order_lc_floor[order])
    return np.bincount(order, coef * x, problem.n_orders)
