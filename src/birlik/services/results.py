"""The consortium's results for a period, from the stored orders and a stored plan.

The figures come from the latest approved plan; when no plan is approved yet, from the latest plan,
and the report says so ("basis"). Money is in KZT at the plan's conversion of each line's price;
months are "YYYY-MM"; shares are fractions 0..1. The layout (schema "birlik.results/1") is what the
xlsx and PDF reports read, and what an API can return as it is: add keys, never rename them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from birlik.domain.calendar import Month, months_between
from birlik.domain.errors import InvalidValue
from birlik.domain.plans import Plan, PlanStatus
from birlik.services.unit_of_work import UnitOfWork

SCHEMA = "birlik.results/1"
HOME_COUNTRY = "KZ"
_EPSILON = 1e-6


def _share(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator > _EPSILON else None


def _basis(uow: UnitOfWork) -> Plan:
    plan = uow.plans.latest(PlanStatus.APPROVED) or uow.plans.latest()
    if plan is None:
        raise InvalidValue("plan", "none", "there is no plan yet: run `birlik plan` first")
    if not plan.summary:
        raise InvalidValue("plan", plan.id, "the plan has no stored report; plan again")
    return plan


def period_results(
    uow: UnitOfWork, first: Month, last: Month, *, include_confidential: bool = False
) -> dict[str, Any]:
    """Volumes, members, exports, local content, utilisation and delivery for the months first..last.

    The report is made to be circulated (round tables, the ministry), so confidential (defense) orders
    are left out of every figure unless the coordinator asks for an internal copy: anonymising them is
    not enough, since their country and value alone identify them. Capacity utilisation still counts
    the load they put on members, which names no order.
    """
    if last < first:
        raise InvalidValue("--to", str(last), f"is before --from {first}")
    with uow:
        plan = _basis(uow)
        orders = {o.number: o for o in uow.orders.list()}
        buyers = {b.code: b for b in uow.buyers.list()}
        catalogue = uow.catalogue.load()
    report: dict[str, Any] = json.loads(plan.summary)
    if not include_confidential:
        report = _without_confidential(report)
    months = [str(m) for m in months_between(first, last)]
    inside = set(months)
    lines = {(line["order"], line["line"]): line for line in report["lines"]}
    assignments = [a for a in report["assignments"] if a["month"] in inside]

    def value(a: dict[str, Any]) -> float:
        return float(a["quantity"]) * float(lines[(a["order"], a["line"])]["unit_price_kzt"])

    def family(sku: str) -> tuple[str, str]:
        product = catalogue.products.get(sku)
        return (product.family.value, product.unit.value) if product else ("", "")

    volumes: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    members: dict[str, dict[str, Any]] = {}
    exports: dict[str, dict[str, Any]] = {}
    trend: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for a in assignments:
        v = value(a)
        fam, unit = family(a["product"])
        volumes[(fam, unit, a["month"])][0] += float(a["quantity"])
        volumes[(fam, unit, a["month"])][1] += v
        m = members.setdefault(
            a["member_bin"],
            {
                "bin": a["member_bin"],
                "name": a["member"],
                "value_kzt": 0.0,
                "cost_kzt": 0.0,
                "lc": 0.0,
                "n": 0,
            },
        )
        m["value_kzt"] += v
        m["cost_kzt"] += float(a["cost"])
        m["lc"] += v * float(a["lc_share"])
        m["n"] += 1
        trend[a["month"]][0] += v
        trend[a["month"]][1] += v * float(a["lc_share"])
        order = orders.get(a["order"])
        country = order.destination.country if order else ""
        if country and country != HOME_COUNTRY:
            e = exports.setdefault(country, {"country": country, "value_kzt": 0.0, "orders": set()})
            e["value_kzt"] += v
            e["orders"].add(a["order"])
    total = sum(m["value_kzt"] for m in members.values())
    exported = sum(e["value_kzt"] for e in exports.values())
    lc_total = sum(m["lc"] for m in members.values())
    delivery = _delivery(report, inside)
    return {
        "schema": SCHEMA,
        "period": {"from": str(first), "to": str(last), "months": months},
        "basis": {
            "plan_id": plan.id,
            "status": plan.status.value,
            "approved": plan.status is PlanStatus.APPROVED,
            "created_at": plan.created_at.isoformat(timespec="minutes"),
            "confidential_included": include_confidential,
        },
        "totals": {
            "value_kzt": round(total, 2),
            "export_value_kzt": round(exported, 2),
            "export_share": _share(exported, total),
            "lc_share": _share(lc_total, total),
            "members_involved": len(members),
            "lines_due": sum(delivery[k] for k in ("on_time", "late", "short")),
        },
        "volumes": [
            {"family": f, "unit": u, "month": mo, "quantity": round(q, 3), "value_kzt": round(v, 2)}
            for (f, u, mo), (q, v) in sorted(volumes.items())
        ],
        "members": [
            {
                "bin": m["bin"],
                "name": m["name"],
                "value_kzt": round(m["value_kzt"], 2),
                "cost_kzt": round(m["cost_kzt"], 2),
                "assignments": m["n"],
                "lc_share": _share(m["lc"], m["value_kzt"]),
                "share_of_total": _share(m["value_kzt"], total),
            }
            for m in sorted(members.values(), key=lambda m: -m["value_kzt"])
        ],
        "exports": [
            {"country": e["country"], "value_kzt": round(e["value_kzt"], 2), "orders": len(e["orders"])}
            for e in sorted(exports.values(), key=lambda e: -e["value_kzt"])
        ],
        "contracts": _contracts(report, orders, buyers, inside, lines),
        "lc_trend": [
            {"month": mo, "value_kzt": round(trend[mo][0], 2), "lc_share": _share(trend[mo][1], trend[mo][0])}
            for mo in months
        ],
        "utilisation": _utilisation(report, inside),
        "delivery": delivery,
    }


def _without_confidential(report: dict[str, Any]) -> dict[str, Any]:
    hidden = {o["order"] for o in report["orders"] if o.get("confidential")}
    return {
        **report,
        "orders": [o for o in report["orders"] if o["order"] not in hidden],
        "lines": [line for line in report["lines"] if line["order"] not in hidden],
        "assignments": [a for a in report["assignments"] if a["order"] not in hidden],
        "shortfalls": [s for s in report["shortfalls"] if s["order"] not in hidden],
    }


def _contracts(
    report: dict[str, Any],
    orders: dict[str, Any],
    buyers: dict[str, Any],
    inside: set[str],
    lines: dict[tuple[str, int], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Orders with a line due in the period; confidential ones without number or buyer."""
    due = {order for (order, _), line in lines.items() if line["due"] in inside}
    result = []
    for o in report["orders"]:
        if o["order"] not in due:
            continue
        order = orders.get(o["order"])
        buyer = buyers.get(order.buyer_code) if order else None
        confidential = bool(o.get("confidential"))
        result.append(
            {
                "order": None if confidential else o["order"],
                "buyer": None if confidential or buyer is None else buyer.name,
                "country": order.destination.country if order else None,
                "confidential": confidential,
                "value_kzt": o["value_kzt"],
                "lc_share": o["lc_share"],
                "lc_floor": o["lc_floor"],
                "lc_floor_met": o["lc_floor_met"],
            }
        )
    return result


def _utilisation(report: dict[str, Any], inside: set[str]) -> list[dict[str, Any]]:
    """Load over capacity by family and month, adding up only capacities declared in the same unit."""
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for c in report["capacity"]:
        if c["month"] in inside:
            entry = sums[(c["family"], c["unit"], c["month"])]
            entry[0] += float(c["capacity"])
            entry[1] += float(c["load"])
    return [
        {
            "family": f,
            "unit": u,
            "month": mo,
            "capacity": round(cap, 3),
            "load": round(load, 3),
            "utilisation": _share(load, cap),
        }
        for (f, u, mo), (cap, load) in sorted(sums.items())
    ]


def _delivery(report: dict[str, Any], inside: set[str]) -> dict[str, Any]:
    """Lines due in the period: on time (made in full by the due month), late, or short."""
    late_lines = {(a["order"], a["line"]) for a in report["assignments"] if a["months_late"] > 0}
    by_order: dict[str, dict[str, Any]] = {}
    totals = {"on_time": 0, "late": 0, "short": 0}
    confidential = {o["order"] for o in report["orders"] if o.get("confidential")}
    for line in report["lines"]:
        if line["due"] not in inside:
            continue
        key = (line["order"], line["line"])
        outcome = "short" if line["short"] > _EPSILON else "late" if key in late_lines else "on_time"
        totals[outcome] += 1
        label = None if line["order"] in confidential else line["order"]
        entry = by_order.setdefault(line["order"], {"order": label, "on_time": 0, "late": 0, "short": 0})
        entry[outcome] += 1
    return {**totals, "by_order": list(by_order.values())}
