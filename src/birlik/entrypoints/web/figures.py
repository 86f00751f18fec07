"""The dashboard's figures, from the latest approved plan (else the latest plan), cut to the caller.

`services.results.period_results` computes a period's results for the printed report, where a
confidential order is counted without its number. The dashboard is also read by analysts, whose
aggregates leave confidential orders out altogether (`Scope.counts_in_aggregates`), so the figures are
summed here over the orders the caller's scope counts — the same rule as `/api/v1/reports/consortium`.
An analyst never reads a single member's record, so their utilisation is by product family; the
coordinator's is by member.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from birlik.domain.calendar import Month, months_between
from birlik.domain.plans import PlanStatus
from birlik.services.access import Capability, Principal, Role, require, scope_of
from birlik.services.results import HOME_COUNTRY
from birlik.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class OrderShare:
    order: str
    value_kzt: float
    lc_share: float | None
    lc_floor: float
    met: bool


@dataclass
class Figures:
    """What the dashboard draws; `plan_id` None when there is no plan with a report yet."""

    plan_id: int | None = None
    approved: bool = False
    months: list[str] = field(default_factory=list)
    total_kzt: float = 0.0
    export_kzt: float = 0.0
    lc_share: float | None = None
    members_involved: int = 0
    value_by_family: dict[str, list[float]] = field(default_factory=dict)  # family → per month, KZT
    utilisation_rows: list[str] = field(default_factory=list)
    utilisation: list[list[float | None]] = field(default_factory=list)
    orders: list[OrderShare] = field(default_factory=list)
    exports: dict[str, float] = field(default_factory=dict)  # country → KZT


def dashboard_figures(uow: UnitOfWork, principal: Principal, today: date) -> Figures:
    require(principal, Capability.READ_REPORTS)
    with uow:
        scope = scope_of(uow, principal, today)
        plan = uow.plans.latest(PlanStatus.APPROVED) or uow.plans.latest()
        orders = {o.number: o for o in uow.orders.list()}
        families = {sku: p.family.value for sku, p in uow.catalogue.load().products.items()}
        names = {m.bin: m.name for m in uow.members.list()}
    if plan is None or not plan.summary:
        return Figures()
    report: dict[str, Any] = json.loads(plan.summary)
    counted = {number for number, order in orders.items() if scope.counts_in_aggregates(order)}
    first, last = (Month.parse(m) for m in report["plan"]["horizon"])
    months = [str(m) for m in months_between(first, last)]
    column = {m: i for i, m in enumerate(months)}
    prices = {(line["order"], line["line"]): float(line["unit_price_kzt"]) for line in report["lines"]}
    figures = Figures(plan_id=plan.id, approved=plan.status is PlanStatus.APPROVED, months=months)
    lc_value = 0.0
    members: set[str] = set()
    load: dict[tuple[str, str, str], float] = defaultdict(float)  # (member, family, month) → used
    for a in report["assignments"]:
        if a["order"] not in counted:
            continue
        value = float(a["quantity"]) * prices[(a["order"], a["line"])]
        family = families.get(a["product"], "")
        row = figures.value_by_family.setdefault(family, [0.0] * len(months))
        if a["month"] in column:
            row[column[a["month"]]] += value
        figures.total_kzt += value
        lc_value += value * float(a["lc_share"])
        members.add(a["member_bin"])
        load[(a["member_bin"], family, a["month"])] += float(a["capacity_used"])
        country = orders[a["order"]].destination.country
        if country != HOME_COUNTRY:
            figures.exports[country] = figures.exports.get(country, 0.0) + value
            figures.export_kzt += value
    figures.lc_share = lc_value / figures.total_kzt if figures.total_kzt else None
    figures.members_involved = len(members)
    figures.orders = [
        OrderShare(
            o["order"],
            float(o["value_kzt"]),
            None if o["lc_share"] is None else float(o["lc_share"]),
            float(o["lc_floor"]),
            bool(o["lc_floor_met"]),
        )
        for o in report["orders"]
        if o["order"] in counted
    ]
    _utilisation(figures, report["capacity"], load, names, by_member=principal.role is Role.COORDINATOR)
    return figures


def _utilisation(
    figures: Figures,
    capacity: list[dict[str, Any]],
    load: dict[tuple[str, str, str], float],
    names: dict[str, str],
    *,
    by_member: bool,
) -> None:
    """Load over capacity per row and month; rows without any load are left out to keep it readable.

    Capacities add up only in one unit, so an analyst's rows are (family, unit)."""
    column = {m: i for i, m in enumerate(figures.months)}
    sums: dict[str, list[list[float]]] = {}
    for c in capacity:
        if c["month"] not in column:
            continue
        label = (
            f"{names.get(c['member_bin'], c['member_bin'])[:28]} · {c['family']}"
            if by_member
            else f"{c['family']} ({c['unit']})"
        )
        cells = sums.setdefault(label, [[0.0, 0.0] for _ in figures.months])
        cells[column[c["month"]]][0] += float(c["capacity"])
        cells[column[c["month"]]][1] += load.get((c["member_bin"], c["family"], c["month"]), 0.0)
    for label in sorted(sums):
        cells = sums[label]
        if not any(used > 0 for _, used in cells):
            continue
        figures.utilisation_rows.append(label)
        figures.utilisation.append([used / cap if cap > 0 else None for cap, used in cells])
