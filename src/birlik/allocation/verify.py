"""Check a Plan against the problem by recomputing everything from its quantities.

Nothing here trusts the solver or the model: demand, capacity, eligibility, windows, frozen
cells, local content, the integer options and every cost term are recomputed from the plan's
assignments with plain numpy. Tests call it on every plan; services call it before saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from birlik.allocation.interpret import fairness_term
from birlik.allocation.problem import AllocationProblem, FloatArray, sum_by
from birlik.allocation.rates import earliness_rate, lateness_rate, shortage_rate
from birlik.allocation.results import Plan
from birlik.allocation.solve import SolveStatus

REL_TOL = 1e-6


class ViolationKind(StrEnum):
    MALFORMED = "malformed"
    NOT_ELIGIBLE = "not_eligible"
    OUTSIDE_WINDOW = "outside_window"
    DEMAND = "demand"
    CAPACITY = "capacity"
    FROZEN = "frozen"
    LOCAL_CONTENT = "local_content"
    SINGLE_SOURCING = "single_sourcing"
    MIN_LOT = "min_lot"
    MAX_MEMBERS = "max_members"
    COST = "cost"


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    message: str


def _tol(scale: FloatArray | float) -> FloatArray:
    return REL_TOL * np.maximum(np.abs(np.asarray(scale, dtype=np.float64)), 1.0)


def verify(problem: AllocationProblem, plan: Plan) -> list[Violation]:
    """Every way the plan breaks the problem's rules or misstates its own figures."""
    found = _check_entries(problem, plan)
    if found:
        return found
    for check in (
        _check_demand,
        _check_capacity,
        _check_frozen,
        _check_local_content,
        _check_options,
        _check_costs,
    ):
        found += check(problem, plan)
    return found


def assert_valid(problem: AllocationProblem, plan: Plan) -> None:
    """Raise AssertionError listing the violations, if any (for tests and services)."""
    found = verify(problem, plan)
    if found:
        listed = "\n".join(f"- {v.kind}: {v.message}" for v in found[:20])
        raise AssertionError(f"plan breaks {len(found)} rule(s):\n{listed}")


def _check_entries(p: AllocationProblem, plan: Plan) -> list[Violation]:
    a = plan.assignments
    n = len(a)
    arrays = [
        a.line,
        a.member,
        a.month,
        a.quantity,
        a.capacity_used,
        a.lc_share,
        a.production_cost,
        a.transport_cost,
        a.lateness_cost,
        a.holding_cost,
        a.months_late,
    ]
    if any(arr.shape != (n,) for arr in arrays) or plan.short.shape != (p.n_lines,):
        return [Violation(ViolationKind.MALFORMED, "assignment or shortage arrays have wrong shapes")]
    found = []
    if not np.all(np.isfinite(a.quantity) & (a.quantity > 0)):
        found.append(Violation(ViolationKind.MALFORMED, "an assignment quantity is not positive"))
    bad_arc = (a.arc < 0) | (a.arc >= p.n_arcs)
    if np.any(bad_arc):
        return [*found, Violation(ViolationKind.NOT_ELIGIBLE, "an assignment names no arc")]
    mismatch = (p.arc_line[a.arc] != a.line) | (p.arc_member[a.arc] != a.member)
    for i in np.flatnonzero(mismatch)[:5]:
        found.append(
            Violation(
                ViolationKind.NOT_ELIGIBLE,
                f"{p.member_name(int(a.member[i]))} is not eligible for {p.line_name(int(a.line[i]))}",
            )
        )
    lo = np.maximum(np.maximum(p.arc_first_month[a.arc], p.line_release[a.line]), 0)
    hi = np.minimum(
        np.minimum(p.arc_last_month[a.arc], p.line_due[a.line] + plan.settings.max_late_months),
        p.n_months - 1,
    )
    for i in np.flatnonzero((a.month < lo) | (a.month > hi))[:5]:
        found.append(
            Violation(
                ViolationKind.OUTSIDE_WINDOW,
                f"{p.line_name(int(a.line[i]))} at {p.member_name(int(a.member[i]))} "
                f"in {p.month_name(int(a.month[i]))} is outside its allowed months",
            )
        )
    cells = a.arc * p.n_months + a.month
    if np.unique(cells).shape[0] != n:
        found.append(Violation(ViolationKind.MALFORMED, "an (arc, month) cell appears twice"))
    return found


def _check_demand(p: AllocationProblem, plan: Plan) -> list[Violation]:
    a = plan.assignments
    made = sum_by(a.line, a.quantity, p.n_lines)
    gap = np.abs(made + plan.short - p.line_qty)
    found = [
        Violation(
            ViolationKind.DEMAND,
            f"{p.line_name(int(line))}: made {made[line]:g} + short {plan.short[line]:g} "
            f"≠ ordered {p.line_qty[line]:g}",
        )
        for line in np.flatnonzero((gap > _tol(p.line_qty)) | (plan.short < -_tol(p.line_qty)))[:5]
    ]
    by_month = np.zeros((p.n_lines, p.n_months))
    np.add.at(by_month, (a.line, a.month), a.quantity)
    if plan.made_by_month.shape != by_month.shape or not np.allclose(
        plan.made_by_month, by_month, rtol=REL_TOL, atol=REL_TOL
    ):
        found.append(Violation(ViolationKind.DEMAND, "the delivery schedule does not add up"))
    return found


def _check_capacity(p: AllocationProblem, plan: Plan) -> list[Violation]:
    a = plan.assignments
    load = np.zeros_like(p.capacity)
    np.add.at(load, (a.member, p.line_family[a.line], a.month), a.quantity * p.arc_use[a.arc])
    over = np.argwhere(load > p.capacity + _tol(p.capacity))
    found = [
        Violation(
            ViolationKind.CAPACITY,
            f"{p.member_name(int(e))} {p.family_name(int(f))} {p.month_name(int(t))}: "
            f"load {load[e, f, t]:g} > capacity {p.capacity[e, f, t]:g}",
        )
        for e, f, t in over[:5]
    ]
    if not np.allclose(plan.load, load, rtol=REL_TOL, atol=REL_TOL):
        found.append(Violation(ViolationKind.CAPACITY, "the reported load differs from the plan"))
    return found


def _check_frozen(p: AllocationProblem, plan: Plan) -> list[Violation]:
    a = plan.assignments
    cells = a.arc * p.n_months + a.month
    order = np.argsort(cells)
    wanted = p.frozen_arc * p.n_months + p.frozen_month
    pos = np.clip(np.searchsorted(cells[order], wanted), 0, max(len(a) - 1, 0))
    present = np.zeros(wanted.shape[0], dtype=bool)
    got = np.zeros(wanted.shape[0])
    if len(a):
        present = cells[order][pos] == wanted
        got = np.where(present, a.quantity[order][pos], 0.0)
    return [
        Violation(
            ViolationKind.FROZEN,
            f"frozen {p.line_name(int(p.arc_line[p.frozen_arc[i]]))} at "
            f"{p.member_name(int(p.arc_member[p.frozen_arc[i]]))} in "
            f"{p.month_name(int(p.frozen_month[i]))}: kept {got[i]:g}, frozen "
            f"{p.frozen_qty[i]:g}",
        )
        for i in np.flatnonzero(np.abs(got - p.frozen_qty) > _tol(p.frozen_qty))[:5]
    ]


def _check_local_content(p: AllocationProblem, plan: Plan) -> list[Violation]:
    """A floor is met when Σ price·x·(k − floor) ≥ −tol over the order's made units (so an
    order with nothing made meets it); the plan's claim must match in both directions."""
    a = plan.assignments
    order = p.line_order[a.line]
    value = a.quantity * p.line_price[a.line]
    share = p.lc_share_at(a.arc, a.month)
    total = sum_by(order, value, p.n_orders)
    local = sum_by(order, value * share, p.n_orders)
    surplus = local - p.order_lc_floor * total
    tol = _tol(total)
    found = [
        Violation(
            ViolationKind.LOCAL_CONTENT,
            f"{p.line_name(int(a.line[i]))} at {p.member_name(int(a.member[i]))} in "
            f"{p.month_name(int(a.month[i]))} reports a local-content share of {a.lc_share[i]:.2%}, "
            f"but the member's share that month is {share[i]:.2%}",
        )
        for i in np.flatnonzero(np.abs(a.lc_share - share) > REL_TOL)[:5]
    ]
    for o in range(p.n_orders):
        claimed = bool(plan.order_lc_floor_met[o])
        if claimed and surplus[o] < -tol[o]:
            found.append(
                Violation(
                    ViolationKind.LOCAL_CONTENT,
                    f"{p.order_name(o)} claims its {p.order_lc_floor[o]:.0%} floor "
                    f"met but reaches {local[o] / total[o]:.2%}",
                )
            )
        elif not claimed and surplus[o] > tol[o]:
            found.append(
                Violation(
                    ViolationKind.LOCAL_CONTENT, f"{p.order_name(o)} meets its floor but the plan says not"
                )
            )
    return found


def _check_options(p: AllocationProblem, plan: Plan) -> list[Violation]:
    s, a = plan.settings, plan.assignments
    arc_total = sum_by(a.arc, a.quantity, p.n_arcs)
    used = arc_total > 0
    members = np.bincount(p.arc_line[used], minlength=p.n_lines)
    made = sum_by(a.line, a.quantity, p.n_lines)
    found = []
    limit = 1 if s.single_sourcing else s.max_members_per_line
    if limit is not None:
        for line in np.flatnonzero(members > limit)[:5]:
            found.append(
                Violation(
                    ViolationKind.MAX_MEMBERS,
                    f"{p.line_name(int(line))} goes to {members[line]} members, more than {limit}",
                )
            )
    if s.single_sourcing:
        partial = (made > _tol(p.line_qty)) & (np.abs(made - p.line_qty) > _tol(p.line_qty))
        for line in np.flatnonzero(partial)[:5]:
            found.append(
                Violation(
                    ViolationKind.SINGLE_SOURCING,
                    f"{p.line_name(int(line))} is made only in part ({made[line]:g} of {p.line_qty[line]:g})",
                )
            )
    elif s.min_lot is not None:
        lot = np.minimum(s.min_lot, p.line_qty[p.arc_line])
        for arc in np.flatnonzero(used & (arc_total < lot - _tol(lot)))[:5]:
            found.append(
                Violation(
                    ViolationKind.MIN_LOT,
                    f"{p.member_name(int(p.arc_member[arc]))} gets "
                    f"{arc_total[arc]:g} of {p.line_name(int(p.arc_line[arc]))}, "
                    f"below the minimum lot {lot[arc]:g}",
                )
            )
    return found


def _check_costs(p: AllocationProblem, plan: Plan) -> list[Violation]:
    s, a = plan.settings, plan.assignments
    late = np.maximum(a.month - p.line_due[a.line], 0)
    early = np.maximum(p.line_due[a.line] - a.month, 0)
    load = np.zeros_like(p.capacity)
    np.add.at(load, (a.member, p.line_family[a.line], a.month), a.quantity * p.arc_use[a.arc])
    terms = {
        "production": float(a.quantity @ p.arc_production_cost[a.arc]),
        "transport": float(a.quantity @ p.arc_transport_cost[a.arc]),
        "lateness": float(a.quantity @ (lateness_rate(p, s)[a.line] * late)),
        "holding": float(a.quantity @ (earliness_rate(p, s)[a.line] * early)),
        "shortage": float(plan.short @ shortage_rate(p, s)),
        "fairness": fairness_term(p, s, load),
    }
    reported = plan.cost.as_dict()
    scale = 1.0 + sum(abs(v) for v in terms.values())
    found = [
        Violation(ViolationKind.COST, f"{name} cost reported {reported[name]:.6g}, recomputed {value:.6g}")
        for name, value in terms.items()
        if abs(reported[name] - value) > REL_TOL * scale
    ]
    per_assignment = {
        "production": (a.production_cost, a.quantity * p.arc_production_cost[a.arc]),
        "transport": (a.transport_cost, a.quantity * p.arc_transport_cost[a.arc]),
        "lateness": (a.lateness_cost, a.quantity * lateness_rate(p, s)[a.line] * late),
        "holding": (a.holding_cost, a.quantity * earliness_rate(p, s)[a.line] * early),
    }
    for name, (said, value) in per_assignment.items():
        wrong = np.flatnonzero(np.abs(said - value) > _tol(value))
        if wrong.size:
            i = int(wrong[0])
            found.append(
                Violation(
                    ViolationKind.COST,
                    f"{name} cost of {p.line_name(int(a.line[i]))} at {p.member_name(int(a.member[i]))} "
                    f"in {p.month_name(int(a.month[i]))} reported {said[i]:.6g}, recomputed {value[i]:.6g}",
                )
            )
    total = sum(terms.values())
    if abs(plan.objective - total) > REL_TOL * scale:
        found.append(
            Violation(
                ViolationKind.COST, f"objective {plan.objective:.6g} is not the sum of its terms {total:.6g}"
            )
        )
    bound = plan.solver.bound
    if bound is not None and bound - total > REL_TOL * scale:
        found.append(
            Violation(
                ViolationKind.COST,
                f"the reported lower bound {bound:.6g} is above the plan's own cost {total:.6g}",
            )
        )
    claimed = plan.solver.objective
    if claimed is not None and plan.solver.status is SolveStatus.OPTIMAL:
        integer = plan.solver.size is not None and plan.solver.size.n_integer > 0
        worse = total - claimed > REL_TOL * scale
        differs = abs(total - claimed) > REL_TOL * scale
        if worse or (differs and not integer):
            found.append(
                Violation(
                    ViolationKind.COST, f"solver claims {claimed:.6g}, the plan's quantities cost {total:.6g}"
                )
            )
    return found
