"""Generalized Assignment Problem instances (OR-Library format) as Birlik problems.

GAP is exactly the engine's single-sourcing mode with one month: agents are members with a
capacity, jobs are order lines of one unit each with member-specific use. Solving the public
instances to their published optima is the engine's proof that the integer side is right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from birlik.allocation.errors import AllocationInputError
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray


@dataclass(frozen=True)
class GapInstance:
    """cost (m, n): cost or profit of job j at agent i; use (m, n): resource it takes there;
    capacity (m,): each agent's resource."""

    cost: FloatArray
    use: FloatArray
    capacity: FloatArray

    @property
    def n_agents(self) -> int:
        return int(self.cost.shape[0])

    @property
    def n_jobs(self) -> int:
        return int(self.cost.shape[1])


def _read_one(tokens: list[int], at: int) -> tuple[GapInstance, int]:
    m, n = tokens[at], tokens[at + 1]
    at += 2
    end = at + 2 * m * n + m
    if m < 1 or n < 1 or end > len(tokens):
        raise AllocationInputError(f"GAP data ends early: needs {end} numbers, has {len(tokens)}")
    cost = np.array(tokens[at : at + m * n], float).reshape(m, n)
    use = np.array(tokens[at + m * n : at + 2 * m * n], float).reshape(m, n)
    capacity = np.array(tokens[at + 2 * m * n : end], float)
    return GapInstance(cost, use, capacity), end


def parse_orlib_gap(text: str) -> tuple[list[GapInstance], bool]:
    """Read tokens, not lines. Returns the instances and whether the text was the multi-problem
    format (``P`` then P problems; OR-Library maximises these) rather than a single ``m n``
    problem (minimised)."""
    try:
        tokens = [int(token) for token in text.split()]
    except ValueError as error:
        raise AllocationInputError(f"GAP data must be whole numbers: {error}") from None
    if len(tokens) < 2:
        raise AllocationInputError("GAP data is empty")
    m, n = tokens[0], tokens[1]
    if len(tokens) == 2 + 2 * m * n + m:
        return [_read_one(tokens, 0)[0]], False
    instances, at = [], 1
    for _ in range(tokens[0]):
        instance, at = _read_one(tokens, at)
        instances.append(instance)
    if at != len(tokens):
        raise AllocationInputError(f"GAP data has {len(tokens) - at} numbers left over")
    return instances, True


def gap_problem(instance: GapInstance, *, maximise: bool) -> AllocationProblem:
    """One month, one family, one unit per job; profits become negative costs to maximise."""
    m, n = instance.n_agents, instance.n_jobs
    sign = -1.0 if maximise else 1.0
    agents, jobs = np.divmod(np.arange(m * n), n)
    return AllocationProblem(
        n_months=1,
        capacity=instance.capacity.reshape(m, 1, 1),
        line_qty=np.ones(n),
        line_release=np.zeros(n, np.int64),
        line_due=np.zeros(n, np.int64),
        line_price=np.zeros(n),
        line_order=np.arange(n),
        line_family=np.zeros(n, np.int64),
        order_lc_floor=np.zeros(n),
        arc_line=jobs,
        arc_member=agents,
        arc_production_cost=sign * instance.cost.reshape(-1),
        arc_transport_cost=np.zeros(m * n),
        arc_use=instance.use.reshape(-1),
        arc_lc_share=np.zeros(m * n),
        arc_first_month=np.zeros(m * n, np.int64),
        arc_last_month=np.zeros(m * n, np.int64),
    )


def gap_settings(instance: GapInstance, time_limit_s: float = 60.0) -> EngineSettings:
    """Single sourcing, with a shortage penalty above the whole cost range so that leaving any
    job unassigned is never better than a complete assignment."""
    spread = float(instance.cost.max() - instance.cost.min())
    penalty = instance.n_jobs * spread + float(np.abs(instance.cost).max()) + 1.0
    return EngineSettings(
        single_sourcing=True,
        shortage_penalty=penalty,
        max_late_months=0,
        lateness_price_share=0.0,
        time_limit_s=time_limit_s,
        mip_rel_gap=0.0,
    )
