"""The result a coordinator and the services read: the Plan and its parts.

A Plan is self-contained (it carries the settings it was made with) so that ``verify`` can
re-check it against the problem alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from birlik.allocation.explain import ReasonCode, Shortfall
from birlik.allocation.model import ModelSize
from birlik.allocation.problem import EngineSettings, FloatArray, IntArray
from birlik.allocation.solve import SolveStatus

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Assignments:
    """One entry per (line, member, month) with a positive quantity; all arrays (N,).

    quantity: units; capacity_used: the member's capacity units (use × quantity); lc_share:
    the member's local-content share k for the line's product in that month; production_cost,
    transport_cost, lateness_cost, holding_cost (made before the due month): money for the
    whole quantity; months_late: ≥ 0.
    """

    arc: IntArray
    line: IntArray
    member: IntArray
    month: IntArray
    quantity: FloatArray
    capacity_used: FloatArray
    lc_share: FloatArray
    production_cost: FloatArray
    transport_cost: FloatArray
    lateness_cost: FloatArray
    holding_cost: FloatArray
    months_late: IntArray

    @property
    def cost(self) -> FloatArray:
        """Money per assignment: production + transport + lateness + holding."""
        return self.production_cost + self.transport_cost + self.lateness_cost + self.holding_cost

    def __len__(self) -> int:
        return int(self.arc.shape[0])


@dataclass(frozen=True)
class CostBreakdown:
    """Objective terms in money. ``fairness`` is weight × Σ_(family, month) peak utilisation;
    ``holding`` is the charge for units made before their due month."""

    production: float
    transport: float
    lateness: float
    shortage: float
    fairness: float
    holding: float = 0.0

    @property
    def total(self) -> float:
        return self.production + self.transport + self.lateness + self.holding + self.shortage + self.fairness

    def as_dict(self) -> dict[str, float]:
        """Terms by name; the keys are stable (new terms are only ever added)."""
        return {
            "production": self.production,
            "transport": self.transport,
            "lateness": self.lateness,
            "shortage": self.shortage,
            "fairness": self.fairness,
            "holding": self.holding,
            "total": self.total,
        }


@dataclass(frozen=True)
class SolverInfo:
    """method: "highs" (the whole model on HiGHS), "pricing" (column generation; size is then
    the final master's), "split_pricing" (the LP at national size: column generation per piece
    without shared capacity, then the floors met; no size), "lp_guided" (integer options at
    scale; size is the last MIP's) or "greedy"; objective/bound/gap as the solver reported them
    (None when it has none; the bound is always a proven lower bound); seconds spent building
    and solving; size None for methods without a model; detail: a line on how the method went."""

    method: str
    status: SolveStatus
    objective: float | None
    bound: float | None
    gap: float | None
    build_seconds: float
    solve_seconds: float
    size: ModelSize | None
    detail: str = ""


@dataclass(frozen=True)
class Delivery:
    member: int
    month: int
    quantity: float


@dataclass(frozen=True)
class Plan:
    """An allocation and everything needed to act on it or to question it.

    short (L,): units not made. made_by_month (L, T): units of each line made in each month
    (its delivery schedule, all members together). order_value / order_lc_value (O,): money
    value Σ price·x and its local part Σ price·x·k; order_lc_share = their ratio (NaN when
    nothing is made); order_lc_floor_met: Σ price·x·(k − floor) ≥ −tolerance (true when
    nothing is made, the shortfalls then say why); order_lc_shadow_price: for an LP, money
    the total would drop per unit of local-content value the floor asked less (NaN for a MILP
    or an order without floor); order_cost: production + transport + lateness of its lines.
    load (E, F, T): capacity units used; utilisation = load / capacity (NaN where none).
    """

    settings: EngineSettings
    assignments: Assignments
    short: FloatArray
    made_by_month: FloatArray
    cost: CostBreakdown
    order_value: FloatArray
    order_lc_value: FloatArray
    order_lc_share: FloatArray
    order_lc_floor_met: BoolArray
    order_lc_shadow_price: FloatArray
    order_cost: FloatArray
    load: FloatArray
    utilisation: FloatArray
    shortfalls: tuple[Shortfall, ...]
    solver: SolverInfo

    @property
    def objective(self) -> float:
        return self.cost.total

    @property
    def status(self) -> SolveStatus:
        return self.solver.status

    def line_schedule(self, line: int) -> list[Delivery]:
        """Deliveries of one line by month then member."""
        a = self.assignments
        picked = np.flatnonzero(a.line == line)
        picked = picked[np.lexsort((a.member[picked], a.month[picked]))]
        return [Delivery(int(a.member[i]), int(a.month[i]), float(a.quantity[i])) for i in picked]

    def shortfalls_with(self, reason: ReasonCode) -> list[Shortfall]:
        return [s for s in self.shortfalls if s.reason is reason or s.cause is reason]
