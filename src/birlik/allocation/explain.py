"""Say why each unit is short or late, as a reason code and a message a coordinator reads in
English, Russian or Kazakh (``phrases``).

The reasons are decided by re-checking the plan against the constraints, not guessed: a short
unit is blamed on capacity only if every (member, month) that could have made it is full; on the
local-content floor only if the free capacity left sits at members below the floor; and so on.
At an optimal LP solution with the automatic shortage penalty one of the constraint reasons
always applies (a free, eligible cell would otherwise have been used); ``COST`` and
``NOT_OPTIMAL`` are kept for the honest remainder (a low penalty set by hand, a stopped solver).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from birlik.allocation.columns import Columns
from birlik.allocation.model import capacity_key
from birlik.allocation.phrases import Phrase, phrase, render
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
    ``message`` says why in any of the three languages (``phrases``); ``members`` / ``months``
    are the indices it names (e.g. the full members)."""

    line: int
    order: int
    quantity: float
    months_late: int | None
    reason: ReasonCode
    cause: ReasonCode | None
    message: Phrase
    members: tuple[int, ...] = ()
    months: tuple[int, ...] = ()

    @property
    def sentence(self) -> str:
        """The message in English."""
        return render(self.message)


@dataclass(frozen=True)
class PlanState:
    """What the explainer needs from a plan: its quantities, loads and whether it is proven."""

    x: FloatArray
    short: FloatArray
    load: FloatArray
    has_solution: bool
    proven_optimal: bool
    status_text: str


def line_text(problem: AllocationProblem, line: int) -> str:
    """The line's name, followed by its order's only when the line's name does not already
    contain it ("UZ-2027-002 line 1 (UNC-DY)" names its order; "line 3" does not)."""
    line_name = problem.line_name(line)
    order_name = problem.order_name(int(problem.line_order[line]))
    return line_name if order_name in line_name else f"{line_name} ({order_name})"


def _names(items: Sequence[str | Phrase]) -> Phrase:
    shown = tuple(items[:_SHOWN])
    if len(items) > _SHOWN:
        return phrase("list_more", items=shown, more=str(len(items) - _SHOWN))
    return phrase("list", items=shown)


class _Explainer:
    def __init__(
        self, problem: AllocationProblem, settings: EngineSettings, columns: Columns, state: PlanState
    ) -> None:
        self.p, self.s, self.c, self.state = problem, settings, columns, state
        self.share_at = problem.lc_share_lookup()
        arcs = columns.col_arc
        family = problem.line_family[problem.arc_line[arcs]]
        keys = capacity_key(problem, problem.arc_member[arcs], family, columns.col_month)
        cap = problem.capacity.reshape(-1)[keys]
        slack = cap - state.load.reshape(-1)[keys]
        self.col_free = (problem.arc_use[arcs] == 0) | (slack > 1e-6 * np.maximum(cap, 1.0))
        self.col_frozen = np.zeros(columns.n, dtype=bool)
        self.col_frozen[columns.column_of(problem.frozen_arc, problem.frozen_month)] = True

    def _member_months(self, cols: IntArray) -> Phrase:
        members = self.p.arc_member[self.c.col_arc[cols]]
        parts = []
        for member in np.unique(members):
            months = self.c.col_month[cols[members == member]]
            shown = [self.p.month_name(int(t)) for t in months[:6]]
            suffix = ", …" if months.shape[0] > 6 else ""
            parts.append(f"{self.p.member_name(int(member))} ({', '.join(shown)}{suffix})")
        return _names(parts)

    def _rule(self) -> Phrase:
        if self.s.single_sourcing:
            return phrase("rule_single")
        rules = []
        if self.s.min_lot is not None:
            rules.append(phrase("rule_min_lot", lot=self.s.min_lot))
        if self.s.max_members_per_line is not None:
            rules.append(phrase("rule_max_members", n=str(self.s.max_members_per_line)))
        return rules[0] if len(rules) == 1 else phrase("and", first=rules[0], second=rules[1])

    def cause(self, line: int, cols: IntArray) -> tuple[ReasonCode, Phrase, IntArray]:
        """Why these columns (all a line could use, or its on-time ones) were not used more."""
        p, arcs = self.p, self.c.col_arc
        family = p.family_name(int(p.line_family[line]))
        if cols.shape[0] == 0:
            return ReasonCode.TIME_WINDOW, self._window_text(line), cols
        free = cols[self.col_free[cols]]
        if free.shape[0] == 0:
            text = phrase(
                "why_capacity",
                family=family,
                cells=self._member_months(cols),
                note=self._no_window_note(line),
            )
            return ReasonCode.CAPACITY, text, cols
        if np.all(self.col_frozen[free]):
            text = phrase("why_frozen", cells=self._member_months(free))
            return ReasonCode.FROZEN, text, free
        free = free[~self.col_frozen[free]]
        order = int(p.line_order[line])
        floor = float(p.order_lc_floor[order])
        k = self.share_at(arcs[free], self.c.col_month[free])
        if floor > 0 and np.all(k < floor):
            best = np.zeros(p.n_arcs)
            np.maximum.at(best, arcs[free], k)
            shares = _names(
                [f"{p.member_name(int(p.arc_member[a]))} {best[a]:.0%}" for a in np.unique(arcs[free])]
            )
            text = phrase(
                "why_lc_floor", order=p.order_name(order), floor=f"{floor:.0%}", family=family, shares=shares
            )
            return ReasonCode.LC_FLOOR, text, free
        if self.s.uses_integers:
            text = phrase("why_lot_rules", rule=self._rule(), cells=self._member_months(free))
            return ReasonCode.LOT_RULES, text, free
        if not self.state.proven_optimal:
            text = phrase("why_not_optimal", status=self.state.status_text, cells=self._member_months(free))
            return ReasonCode.NOT_OPTIMAL, text, free
        return ReasonCode.COST, phrase("why_cost", cells=self._member_months(free)), free

    def _no_window_note(self, line: int) -> Phrase:
        arcs = self.c.arcs_of_line(line)
        closed = arcs[self.c.arc_hi[arcs] < self.c.arc_lo[arcs]]
        if closed.shape[0] == 0:
            return phrase("empty")
        names = _names([self.p.member_name(int(self.p.arc_member[a])) for a in closed])
        return phrase("note_no_certificate", members=names)

    def _window_text(self, line: int) -> Phrase:
        p = self.p
        last = int(p.line_due[line]) + self.s.max_late_months
        arcs = self.c.arcs_of_line(line)
        windows = _names(
            [
                phrase(
                    "member_window",
                    member=p.member_name(int(p.arc_member[a])),
                    first=p.month_name(int(p.arc_first_month[a])),
                    last=p.month_name(int(p.arc_last_month[a])),
                )
                for a in arcs
            ]
        )
        return phrase(
            "why_window",
            release=p.month_name(int(p.line_release[line])),
            last=p.month_name(min(last, p.n_months - 1)),
            windows=windows,
        )

    def shortage(self, line: int, quantity: float) -> Shortfall:
        p = self.p
        head = phrase("head", quantity=quantity, line=line_text(p, line))
        arcs = self.c.arcs_of_line(line)
        order = int(p.line_order[line])
        if arcs.shape[0] == 0:
            family = p.family_name(int(p.line_family[line]))
            text = phrase("short_no_member", head=head, family=family)
            return Shortfall(line, order, quantity, None, ReasonCode.NO_ELIGIBLE_MEMBER, None, text)
        if not self.state.has_solution:
            text = phrase("short_no_plan", head=head, status=self.state.status_text)
            return Shortfall(line, order, quantity, None, ReasonCode.NO_SOLUTION, None, text)
        reason, why, cols = self.cause(line, self.c.columns_of_arcs(arcs))
        text = phrase("short", head=head, why=why)
        return Shortfall(line, order, quantity, None, reason, None, text, *self._refs(cols))

    def late(self, line: int, months_late: int, quantity: float) -> Shortfall:
        p = self.p
        due = int(p.line_due[line])
        month = due + months_late
        cols = self.c.columns_of_arcs(self.c.arcs_of_line(line))
        on_time = cols[self.c.col_month[cols] <= due]
        cause, why, refs = self.cause(line, on_time)
        text = phrase(
            "late_one" if months_late == 1 else "late_many",
            quantity=quantity,
            line=line_text(p, line),
            n=str(months_late),
            month=p.month_name(month),
            due=p.month_name(due),
            why=why,
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
