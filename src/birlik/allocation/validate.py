"""Refuse bad input before any solve, with messages a coordinator can act on.

A solver given a negative capacity or a 120 % floor does not fail, it answers a different
question; so every check here runs first, and all problems found are reported together.
"""

from __future__ import annotations

import numpy as np

from birlik.allocation.columns import candidate_columns
from birlik.allocation.errors import AllocationInputError
from birlik.allocation.problem import (
    ARC_FIELDS,
    LINE_FIELDS,
    AllocationProblem,
    EngineSettings,
    FloatArray,
    IntArray,
)

_MAX_REPORTED = 10
_TOL = 1e-9


def validate(problem: AllocationProblem, settings: EngineSettings) -> None:
    """Raise ``AllocationInputError`` listing everything wrong with the problem; else return."""
    errors = _shape_errors(problem)
    if not errors:
        errors = _value_errors(problem) + _label_errors(problem) + _lc_override_errors(problem)
    if not errors:
        errors = _frozen_errors(problem, settings)
    if errors:
        shown = errors[:_MAX_REPORTED]
        more = len(errors) - len(shown)
        suffix = f" (and {more} more)" if more else ""
        raise AllocationInputError("; ".join(shown) + suffix)


def _shape_errors(p: AllocationProblem) -> list[str]:
    errors: list[str] = []
    if p.n_months < 1:
        errors.append(f"the horizon must have at least one month, not {p.n_months}")
    if p.capacity.ndim != 3 or p.capacity.shape[2] != p.n_months:
        errors.append(
            f"capacity must have shape (members, families, {p.n_months} months), not {p.capacity.shape}"
        )
    groups = {
        "line": LINE_FIELDS,
        "arc": ARC_FIELDS,
        "frozen": ("frozen_arc", "frozen_month", "frozen_qty"),
        "local-content override": ("lc_override_arc", "lc_override_month", "lc_override_share"),
        "order": ("order_lc_floor",),
    }
    for kind, names in groups.items():
        shapes = {name: getattr(p, name).shape for name in names}
        if any(len(shape) != 1 for shape in shapes.values()) or len(set(shapes.values())) > 1:
            listed = ", ".join(f"{name} {shape}" for name, shape in shapes.items())
            errors.append(f"the {kind} arrays must be one-dimensional and equally long: {listed}")
    return errors


def _out_of_range(values: IntArray, upper: int) -> IntArray:
    return np.flatnonzero((values < 0) | (values >= upper))


def _value_errors(p: AllocationProblem) -> list[str]:
    errors: list[str] = []
    if not np.all(np.isfinite(p.capacity)):
        errors.append("capacity must be a finite number everywhere")
    negative = np.argwhere(p.capacity < 0)
    for e, f, t in negative[:3]:
        errors.append(
            f"capacity of {p.member_name(int(e))} for {p.family_name(int(f))} in "
            f"{p.month_name(int(t))} is negative ({p.capacity[e, f, t]:g})"
        )
    for line in np.flatnonzero(~np.isfinite(p.line_qty) | (p.line_qty <= 0))[:3]:
        errors.append(f"{p.line_name(int(line))} orders {p.line_qty[line]:g} units; it must be > 0")
    for line in np.flatnonzero(~np.isfinite(p.line_price) | (p.line_price < 0))[:3]:
        errors.append(
            f"{p.line_name(int(line))} has unit price {p.line_price[line]:g}; it must be zero or more"
        )
    for line in _out_of_range(p.line_release, p.n_months)[:3]:
        errors.append(
            f"{p.line_name(int(line))} is released in month {p.line_release[line]}, "
            f"outside the horizon 0..{p.n_months - 1}"
        )
    for line in np.flatnonzero(p.line_due < p.line_release)[:3]:
        errors.append(
            f"{p.line_name(int(line))} is due ({p.month_name(int(p.line_due[line]))}) "
            f"before it is released ({p.month_name(int(p.line_release[line]))})"
        )
    for line in _out_of_range(p.line_order, p.n_orders)[:3]:
        errors.append(
            f"{p.line_name(int(line))} refers to order {p.line_order[line]}, "
            f"but there are {p.n_orders} orders"
        )
    for line in _out_of_range(p.line_family, p.n_families)[:3]:
        errors.append(
            f"{p.line_name(int(line))} refers to family {p.line_family[line]}, "
            f"but capacity has {p.n_families} families"
        )
    bad_floor = ~np.isfinite(p.order_lc_floor) | (p.order_lc_floor < 0) | (p.order_lc_floor > 1)
    for order in np.flatnonzero(bad_floor)[:3]:
        errors.append(
            f"{p.order_name(int(order))} has a local-content floor of "
            f"{p.order_lc_floor[order]:.0%}; it must lie between 0 % and 100 %"
        )
    if not errors:
        lines_per_order = np.bincount(p.line_order, minlength=p.n_orders)
        for order in np.flatnonzero(lines_per_order == 0)[:3]:
            errors.append(f"{p.order_name(int(order))} has no lines")
    return errors + _arc_errors(p)


def _arc_errors(p: AllocationProblem) -> list[str]:
    errors: list[str] = []
    bad_line = _out_of_range(p.arc_line, p.n_lines)
    bad_member = _out_of_range(p.arc_member, p.n_members)
    for arc in bad_line[:3]:
        errors.append(f"arc {arc} refers to line {p.arc_line[arc]}, but there are {p.n_lines}")
    for arc in bad_member[:3]:
        errors.append(
            f"arc {arc} refers to member {p.arc_member[arc]}, but capacity has {p.n_members} members"
        )
    if bad_line.size or bad_member.size:
        return errors

    def name(arc: int) -> str:
        return f"{p.line_name(int(p.arc_line[arc]))} at {p.member_name(int(p.arc_member[arc]))}"

    costs = p.arc_production_cost + p.arc_transport_cost
    for arc in np.flatnonzero(~np.isfinite(costs))[:3]:
        errors.append(f"{name(int(arc))} has no finite cost")
    for arc in np.flatnonzero(~np.isfinite(p.arc_use) | (p.arc_use < 0))[:3]:
        errors.append(
            f"{name(int(arc))} uses {p.arc_use[arc]:g} capacity units per unit; it must be zero or more"
        )
    bad_k = ~np.isfinite(p.arc_lc_share) | (p.arc_lc_share < 0) | (p.arc_lc_share > 1)
    for arc in np.flatnonzero(bad_k)[:3]:
        errors.append(
            f"{name(int(arc))} has a local-content share of {p.arc_lc_share[arc]:.0%}; "
            "it must lie between 0 % and 100 %"
        )
    for arc in np.flatnonzero(p.arc_last_month < p.arc_first_month)[:3]:
        errors.append(
            f"{name(int(arc))} has a window that ends "
            f"({p.month_name(int(p.arc_last_month[arc]))}) before it begins "
            f"({p.month_name(int(p.arc_first_month[arc]))})"
        )
    pair = p.arc_line * max(p.n_members, 1) + p.arc_member
    unique, counts = np.unique(pair, return_counts=True)
    for key in unique[counts > 1][:3]:
        arc = int(np.flatnonzero(pair == key)[0])
        errors.append(f"{name(arc)} is listed as an arc more than once")
    return errors


def _label_errors(p: AllocationProblem) -> list[str]:
    sizes = {
        "member_labels": p.n_members,
        "line_labels": p.n_lines,
        "order_labels": p.n_orders,
        "family_labels": p.n_families,
        "month_labels": p.n_months,
    }
    errors = []
    for name, size in sizes.items():
        labels = getattr(p, name)
        if labels is not None and len(labels) != size:
            errors.append(f"{name} has {len(labels)} names for {size} items")
    return errors


def _lc_override_errors(p: AllocationProblem) -> list[str]:
    """Each exception names an existing arc, a month of the horizon and a share in 0..1, once."""
    if p.lc_override_arc.size == 0:
        return []
    arcs, months, shares = p.lc_override_arc, p.lc_override_month, p.lc_override_share
    errors = [
        f"local-content override {i} refers to arc {arcs[i]}, but there are {p.n_arcs} "
        "eligible (line, member) pairs"
        for i in _out_of_range(arcs, p.n_arcs)[:3]
    ]
    errors += [
        f"local-content override {i} is for month {months[i]}, outside the horizon 0..{p.n_months - 1}"
        for i in _out_of_range(months, p.n_months)[:3]
    ]
    bad_share = ~np.isfinite(shares) | (shares < 0) | (shares > 1)
    errors += [
        f"local-content override {i} gives a share of {shares[i]:.0%}; it must lie between 0 % and 100 %"
        for i in np.flatnonzero(bad_share)[:3]
    ]
    if errors:
        return errors
    keys = arcs * p.n_months + months
    unique, counts = np.unique(keys, return_counts=True)
    for key in unique[counts > 1][:3]:
        arc, month = divmod(int(key), p.n_months)
        errors.append(
            f"the local-content share of {p.line_name(int(p.arc_line[arc]))} at "
            f"{p.member_name(int(p.arc_member[arc]))} in {p.month_name(month)} is overridden more than once"
        )
    return errors


def _frozen_errors(p: AllocationProblem, settings: EngineSettings) -> list[str]:
    if p.frozen_arc.size == 0:
        return []
    errors: list[str] = []
    for i in _out_of_range(p.frozen_arc, p.n_arcs)[:3]:
        errors.append(
            f"frozen assignment {i} refers to arc {p.frozen_arc[i]}, "
            f"but there are {p.n_arcs} eligible (line, member) pairs"
        )
    for i in np.flatnonzero(~np.isfinite(p.frozen_qty) | (p.frozen_qty < 0))[:3]:
        errors.append(f"frozen assignment {i} has quantity {p.frozen_qty[i]:g}; it must be zero or more")
    if errors:
        return errors
    columns = candidate_columns(p, settings)
    arcs, months, qty = p.frozen_arc, p.frozen_month, p.frozen_qty
    lines, members = p.arc_line[arcs], p.arc_member[arcs]

    def name(i: int) -> str:
        return (
            f"frozen assignment of {p.line_name(int(lines[i]))} to "
            f"{p.member_name(int(members[i]))} in {p.month_name(int(months[i]))}"
        )

    cols = columns.column_of(arcs, months)
    for i in np.flatnonzero(cols < 0)[:3]:
        lo, hi = columns.arc_lo[arcs[i]], columns.arc_hi[arcs[i]]
        allowed = (
            f"only {p.month_name(int(lo))} to {p.month_name(int(hi))}" if hi >= lo else "no month at all"
        )
        errors.append(
            f"{name(int(i))} is not allowed: that member may make that line in "
            f"{allowed} (release, due date plus lateness, certificates)"
        )
    if errors:
        return errors
    unique, counts = np.unique(cols, return_counts=True)
    for col in unique[counts > 1][:3]:
        errors.append(f"{name(int(np.flatnonzero(cols == col)[0]))} is frozen more than once")
    frozen_per_line = np.bincount(lines, weights=qty, minlength=p.n_lines)
    for line in np.flatnonzero(frozen_per_line > p.line_qty * (1 + _TOL) + _TOL)[:3]:
        errors.append(
            f"frozen assignments give {p.line_name(int(line))} "
            f"{frozen_per_line[line]:g} units, more than the {p.line_qty[line]:g} ordered"
        )
    errors += _frozen_capacity_errors(p, members, lines, months, qty)
    errors += _frozen_option_errors(p, settings, arcs, lines, qty)
    return errors


def _frozen_capacity_errors(
    p: AllocationProblem, members: IntArray, lines: IntArray, months: IntArray, qty: FloatArray
) -> list[str]:
    load = np.zeros_like(p.capacity)
    families = p.line_family[lines]
    np.add.at(load, (members, families, months), qty * p.arc_use[p.frozen_arc])
    over = np.argwhere(load > p.capacity * (1 + _TOL) + _TOL)
    return [
        f"frozen assignments load {p.member_name(int(e))} for {p.family_name(int(f))} in "
        f"{p.month_name(int(t))} with {load[e, f, t]:g} capacity units, above its capacity "
        f"of {p.capacity[e, f, t]:g}"
        for e, f, t in over[:3]
    ]


def _frozen_option_errors(
    p: AllocationProblem, settings: EngineSettings, arcs: IntArray, lines: IntArray, qty: FloatArray
) -> list[str]:
    limit = 1 if settings.single_sourcing else settings.max_members_per_line
    if limit is None:
        return []
    used = np.unique(arcs[qty > 0])
    members_per_line = np.bincount(p.arc_line[used], minlength=p.n_lines)
    rule = "single sourcing" if settings.single_sourcing else f"at most {limit} members per line"
    return [
        f"frozen assignments give {p.line_name(int(line))} to {members_per_line[line]} members, "
        f"which breaks {rule}"
        for line in np.flatnonzero(members_per_line > limit)[:3]
    ]
