"""Small builders so each test states only the numbers that matter to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from birlik.allocation import AllocationProblem, EngineSettings, Plan, assert_valid, plan


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
    **labels: Any,
) -> AllocationProblem:
    """capacity[e][f][t]; frozen entries are (arc, month, qty)."""
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
