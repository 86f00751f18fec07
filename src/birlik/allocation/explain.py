"""Say why each unit is short or late, as a reason code and a sentence a coordinator reads.

The reasons are decided by re-checking the plan against the constraints, not guessed: a short
unit is blamed on capacity only if every (member, month) that could have made it is full; on the
local-content floor only if the free capacity left sits at members below the floor; and so on.
At an optimal LP solution with the automatic shortage penalty one of the constraint reasons
always applies (a free, eligible cell would otherwise have been used); ``COST`` and
``NOT_OPTIMAL`` are kept for the honest remainder (a low penalty set by hand, a stopped solver).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from birlik.allocation.columns import Columns
from birlik.allocation.model import capacity_key
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray

_SHOWN = 5


class ReasonCode(StrEnum):
    NO_ELIGIBLE_MEMBER = "no_eligible_member"
    TIME_WINDOW = "time_window"
    CAPACITY = "capacity"
    LC_FLOOR = "lc_floor"
    FROZEN = "frozen"
    LOT_RULES = "lot_rules"
    COST = "cost"
    NOT_OPTIMAL = "not_optimal"
    NO_SOLUTION = "no_solution"
    LATE = "late"


@dataclass(frozen=True)
class Shortfall:
    """``quantity`` units of ``line`` not made (``months_late`` None) or made that many months
    late (``reason`` LATE, ``cause`` the constraint that kept them from being on time).
    ``members`` / ``months`` are the indices the sentence names (e.g. the full members)."""

    line: int
    order: int
    quantity: float
    months_late: int | None
    reason: ReasonCode
    cause: ReasonCode | None
    sentence: str
    members: tuple[int, ...] = ()
    months: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanState:
    """What the explainer needs from a plan: its quantities, loads and whether it is proven."""

    x: FloatArray
    short: FloatArray
    load: FloatArray
    has_solution: bool
    proven_optimal: bool
    status_text: str


def quantity_text(value: float) -> str:
    """A quantity as a coordinator writes it: thousands separated, no needless decimals
    (``60,000``; ``2,000.5``; at most three decimals)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def line_text(problem: AllocationProblem, line: int) -> str:
    """The line's name, followed by its order's only when the line's name does not already
    contain it ("UZ-2027-002 line 1 (UNC-DY)" names its order; "line 3" does not)."""
    line_name = problem.line_name(line)
    order_name = problem.order_name(int(problem.line_order[line]))
    return line_name if order_name in line_name else f"{line_name} ({order_name})"


def _names(items: list[str]) -> str:
    shown = items[:_SHOWN]
    more = f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return ", ".join(shown) + more


class _Explainer:
    def __init__(
        self, problem: AllocationProblem, settings: EngineSettings, columns: Columns, state: PlanState
    ) -> None:
        self.p, self.s, self.c, self.state = problem, settings, columns, state
        arcs = columns.col_arc
        family = problem.line_family[problem.arc_line[arcs]]
        keys = capacity_key(problem, problem.arc_member[arcs], family, columns.col_month)
        cap = problem.capacity.reshape(-1)[keys]
        slack = cap - state.load.reshape(-1)[keys]
        self.col_free = (problem.arc_use[arcs] == 0) | (slack > 1e-6 * np.maximum(cap, 1.0))
        self.col_frozen = np.zeros(columns.n, dtype=bool)
        self.col_frozen[columns.column_of(problem.frozen_arc, problem.frozen_month)] = True

    def _member_months(self, cols: IntArray) -> str:
        members = self.p.arc_member[self.c.col_arc[cols]]
        parts = []
        for member in np.unique(members):
            months = self.c.col_month[cols[members == member]]
            shown = [self.p.month_name(int(t)) for t in months[:6]]
            suffix = ", …" if months.shape[0] > 6 else ""
            parts.append(f"{self.p.member_name(int(member))} ({', '.join(shown)}{suffix})")
        return _names(parts)

    def _rule(self) -> str:
        if self.s.single_sourcing:
            return "single sourcing (one member must make the whole line)"
        rules = []
        if self.s.min_lot is not None:
            rules.append(f"the minimum lot of {quantity_text(self.s.min_lot)} per member")
        if self.s.max_members_per_line is not None:
            rules.append(f"at most {self.s.max_members_per_line} members per line")
        return " and ".join(rules)

    def cause(self, line: int, cols: IntArray) -> tuple[ReasonCode, str, IntArray]:
        """Why these columns (all a line could use, or its on-time ones) were not used more."""
        p, arcs = self.p, self.c.col_arc
        family = p.family_name(int(p.line_family[line]))
        if cols.shape[0] == 0:
            return ReasonCode.TIME_WINDOW, self._window_text(line), cols
        free = cols[self.col_free[cols]]
        if free.shape[0] == 0:
            text = (
                f"every eligible member's {family} capacity is fully used in the months "
                f"it could be made: {self._member_months(cols)}{self._no_window_note(line)}"
            )
            return ReasonCode.CAPACITY, text, cols
        if np.all(self.col_frozen[free]):
            text = (
                f"the only free capacity is in cells frozen by hand, which the plan may not "
                f"change: {self._member_months(free)}"
            )
            return ReasonCode.FROZEN, text, free
        free = free[~self.col_frozen[free]]
        order = int(p.line_order[line])
        floor = float(p.order_lc_floor[order])
        k = p.lc_share_at(arcs[free], self.c.col_month[free])
        if floor > 0 and np.all(k < floor):
            best = np.zeros(p.n_arcs)
            np.maximum.at(best, arcs[free], k)
            shares = _names(
                [f"{p.member_name(int(p.arc_member[a]))} {best[a]:.0%}" for a in np.unique(arcs[free])]
            )
            text = (
                f"{p.order_name(order)}'s local-content floor of {floor:.0%} binds: the "
                f"members with free {family} capacity ({shares}) fall below it, and those "
                "at or above it are full or would be pushed under the floor"
            )
            return ReasonCode.LC_FLOOR, text, free
        if self.s.uses_integers:
            text = f"{self._rule()} leaves no way to use the free capacity at {self._member_months(free)}"
            return ReasonCode.LOT_RULES, text, free
        if not self.state.proven_optimal:
            text = (
                f"the plan is not proven optimal ({self.state.status_text}) and capacity is "
                f"still free at {self._member_months(free)}; a longer run may plan it"
            )
            return ReasonCode.NOT_OPTIMAL, text, free
        text = (
            f"capacity is free at {self._member_months(free)}, but using it costs more than "
            "the penalty set for this"
        )
        return ReasonCode.COST, text, free

    def _no_window_note(self, line: int) -> str:
        arcs = self.c.arcs_of_line(line)
        closed = arcs[self.c.arc_hi[arcs] < self.c.arc_lo[arcs]]
        if closed.shape[0] == 0:
            return ""
        names = _names([self.p.member_name(int(self.p.arc_member[a])) for a in closed])
        return f" ({names}: no valid certificate in the line's months)"

    def _window_text(self, line: int) -> str:
        p = self.p
        last = int(p.line_due[line]) + self.s.max_late_months
        arcs = self.c.arcs_of_line(line)
        windows = _names(
            [
                f"{p.member_name(int(p.arc_member[a]))} only {p.month_name(int(p.arc_first_month[a]))}"
                f"–{p.month_name(int(p.arc_last_month[a]))}"
                for a in arcs
            ]
        )
        return (
            f"no eligible member may make it between its release "
            f"({p.month_name(int(p.line_release[line]))}) and "
            f"{p.month_name(min(last, p.n_months - 1))}; certificate windows: {windows}"
        )

    def shortage(self, line: int, quantity: float) -> Shortfall:
        p = self.p
        head = f"{quantity_text(quantity)} of {line_text(p, line)}"
        arcs = self.c.arcs_of_line(line)
        order = int(p.line_order[line])
        if arcs.shape[0] == 0:
            family = p.family_name(int(p.line_family[line]))
            text = (
                f"{head} cannot be made: no member is eligible (none has the process, the "
                f"{family} family and every certificate the order requires, or all were "
                "excluded)"
            )
            return Shortfall(line, order, quantity, None, ReasonCode.NO_ELIGIBLE_MEMBER, None, text)
        if not self.state.has_solution:
            text = f"{head} is not planned: the solver found no plan ({self.state.status_text})"
            return Shortfall(line, order, quantity, None, ReasonCode.NO_SOLUTION, None, text)
        reason, why, cols = self.cause(line, self.c.columns_of_arcs(arcs))
        return Shortfall(
            line, order, quantity, None, reason, None, f"{head} cannot be made: {why}.", *self._refs(cols)
        )

    def late(self, line: int, months_late: int, quantity: float) -> Shortfall:
        p = self.p
        due = int(p.line_due[line])
        month = due + months_late
        cols = self.c.columns_of_arcs(self.c.arcs_of_line(line))
        on_time = cols[self.c.col_month[cols] <= due]
        cause, why, refs = self.cause(line, on_time)
        plural = "s" if months_late > 1 else ""
        text = (
            f"{quantity_text(quantity)} of {line_text(p, line)} will be {months_late} month{plural} "
            f"late ({p.month_name(month)}, due {p.month_name(due)}): {why}."
        )
        return Shortfall(
            line,
            int(p.line_order[line]),
            quantity,
            months_late,
            ReasonCode.LATE,
            cause,
            text,
            *self._refs(refs),
        )

    def _refs(self, cols: IntArray) -> tuple[tuple[int, ...], tuple[int, ...]]:
        members = np.unique(self.p.arc_member[self.c.col_arc[cols]])
        months = np.unique(self.c.col_month[cols])
        return tuple(int(m) for m in members), tuple(int(t) for t in months)


def explain(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, state: PlanState
) -> tuple[Shortfall, ...]:
    """One Shortfall per short line and one per (line, months late) made late."""
    explainer = _Explainer(problem, settings, columns, state)
    tol = 1e-6 * np.maximum(problem.line_qty, 1.0)
    found = [
        explainer.shortage(int(line), float(state.short[line])) for line in np.flatnonzero(state.short > tol)
    ]
    lines = problem.arc_line[columns.col_arc]
    late = np.maximum(columns.col_month - problem.line_due[lines], 0)
    made_late = np.flatnonzero((late > 0) & (state.x > 0))
    stride = settings.max_late_months + 1
    groups, inverse = np.unique(lines[made_late] * stride + late[made_late], return_inverse=True)
    totals = np.bincount(inverse, weights=state.x[made_late], minlength=groups.shape[0])
    for group, total in zip(groups, totals, strict=True):
        line, n_late = divmod(int(group), stride)
        if total > tol[line]:
            found.append(explainer.late(line, n_late, float(total)))
    return tuple(found)
