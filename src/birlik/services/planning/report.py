"""The plan as people and programs read it: the documented JSON report and the stored assignments.

The JSON layout (schema "birlik.plan/1") is a contract other programs rely on; add keys, never
rename or remove them. Money is in KZT; months are "YYYY-MM"; shares are fractions 0..1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import numpy as np

from birlik.allocation import Plan as EnginePlan
from birlik.allocation import ReasonCode
from birlik.allocation.phrases import Phrase, shortfall_sentence
from birlik.allocation.problem import FloatArray
from birlik.domain.plans import Assignment, AssignmentStatus
from birlik.services.planning.problem import ProblemIndex

SCHEMA = "birlik.plan/1"
_QUANTITY_EPSILON = 1e-6


def _money(value: float) -> float:
    return round(float(value), 2)


def _share(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 4)


def _optional(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def build_report(plan: EnginePlan, index: ProblemIndex) -> dict[str, Any]:
    """Every section of the schema, from the engine's plan and the index of records."""
    a = plan.assignments
    size = plan.solver.size
    return {
        "schema": SCHEMA,
        "plan": {
            "id": None,
            "status": "draft",
            "currency": "KZT",
            "objective": _money(plan.objective),
            "cost": {term: _money(v) for term, v in plan.cost.as_dict().items()},
            "solver": {
                "method": plan.solver.method,
                "status": plan.solver.status.value,
                "objective": _optional(plan.solver.objective),
                "bound": _optional(plan.solver.bound),
                "gap": _optional(plan.solver.gap),
                "build_seconds": round(plan.solver.build_seconds, 4),
                "solve_seconds": round(plan.solver.solve_seconds, 4),
                "model": None
                if size is None
                else {
                    "columns": size.n_columns,
                    "rows": size.n_rows,
                    "nonzeros": size.n_nonzeros,
                    "integers": size.n_integer,
                },
            },
            "horizon": [str(index.months[0]), str(index.months[-1])],
        },
        "lines": [
            {
                "order": order.number,
                "line": line.number,
                "product": line.product_sku,
                "quantity": float(line.quantity.amount),
                "unit": line.quantity.unit.value,
                "due": str(line.due),
                "unit_price": float(line.unit_price.amount),
                "currency": line.unit_price.currency.value,
                "unit_price_kzt": _money(float(index.line_price_kzt[i])),
                "made": round(float(plan.made_by_month[i].sum()), 3),
                "short": round(float(plan.short[i]), 3),
            }
            for i, (order, line) in enumerate(index.lines)
        ],
        "assignments": [
            {
                "order": index.lines[int(a.line[i])][0].number,
                "line": index.lines[int(a.line[i])][1].number,
                "member_bin": index.members[int(a.member[i])].bin,
                "member": index.members[int(a.member[i])].name,
                "product": index.lines[int(a.line[i])][1].product_sku,
                "month": str(index.month_of(int(a.month[i]))),
                "quantity": round(float(a.quantity[i]), 3),
                "capacity_used": round(float(a.capacity_used[i]), 3),
                "lc_share": round(float(a.lc_share[i]), 4),
                "production_cost": _money(a.production_cost[i]),
                "transport_cost": _money(a.transport_cost[i]),
                "lateness_cost": _money(a.lateness_cost[i]),
                "holding_cost": _money(a.holding_cost[i]),
                "cost": _money(a.cost[i]),
                "months_late": int(a.months_late[i]),
            }
            for i in range(len(a))
        ],
        "shortfalls": [
            {
                "order": index.lines[s.line][0].number,
                "line": index.lines[s.line][1].number,
                "product": index.lines[s.line][1].product_sku,
                "quantity": round(s.quantity, 3),
                "months_late": s.months_late,
                "reason": s.reason.value,
                "cause": None if s.cause is None else s.cause.value,
                **_explanation(s.message, s.reason, s.cause, index.exclusions.get(s.line, [])),
            }
            for s in plan.shortfalls
        ],
        "capacity": list(_capacity_rows(plan, index)),
        "orders": [
            {
                "order": order.number,
                "confidential": order.confidential,
                "value_kzt": _money(plan.order_value[o]),
                "lc_share": _share(plan.order_lc_share[o]),
                "lc_floor": float(order.min_local_content),
                "lc_floor_met": bool(plan.order_lc_floor_met[o]),
                "lc_shadow_price": _share(plan.order_lc_shadow_price[o]),
                "cost": _money(plan.order_cost[o]),
            }
            for o, order in enumerate(index.orders)
        ],
    }


def _explanation(
    message: Phrase, reason: ReasonCode, cause: ReasonCode | None, excluded: list[Phrase]
) -> dict[str, Any]:
    """The sentence in English, and the message it comes from for the other languages; when
    no member was eligible, who was excluded and why."""
    entry: dict[str, Any] = {"message": message.as_dict()}
    if ReasonCode.NO_ELIGIBLE_MEMBER in (reason, cause) and excluded:
        entry["excluded"] = [why.as_dict() for why in excluded]
    entry["sentence"] = shortfall_sentence(entry, "en")
    return entry


def _capacity_rows(plan: EnginePlan, index: ProblemIndex) -> Iterable[dict[str, Any]]:
    for e, member in enumerate(index.members):
        for cap in member.capacities:
            f = index.families.index(cap.family)
            for t, month in enumerate(index.months):
                load = float(plan.load[e, f, t])
                yield {
                    "member_bin": member.bin,
                    "family": cap.family.value,
                    "month": str(month),
                    "capacity": float(cap.monthly),
                    "unit": cap.unit.value,
                    "load": round(load, 3),
                    "utilisation": round(load / float(cap.monthly), 4) if cap.monthly else None,
                }


def stored_assignments(
    plan: EnginePlan,
    index: ProblemIndex,
    accepted: Iterable[Assignment] = (),
    lc_shares: FloatArray | None = None,
) -> tuple[Assignment, ...]:
    """The plan's assignments as domain records; those members already accepted stay accepted.
    ``lc_shares`` (per assignment) replaces the engine's shares, e.g. blended by cloth source."""
    a = plan.assignments
    shares = a.lc_share if lc_shares is None else lc_shares
    kept = {(x.order_number, x.line_number, x.member_bin, x.month): x for x in accepted}
    result = []
    for i in np.flatnonzero(a.quantity > _QUANTITY_EPSILON):
        order, line = index.lines[int(a.line[i])]
        member = index.members[int(a.member[i])]
        month = index.month_of(int(a.month[i]))
        previous = kept.get((order.number, line.number, member.bin, month))
        result.append(
            Assignment(
                order_number=order.number,
                line_number=line.number,
                member_bin=member.bin,
                month=month,
                quantity=Decimal(str(round(float(a.quantity[i]), 3))),
                production_cost=Decimal(str(_money(a.production_cost[i]))),
                transport_cost=Decimal(str(_money(a.transport_cost[i]))),
                local_content_share=Decimal(str(round(float(shares[i]), 4))),
                status=AssignmentStatus.ACCEPTED if previous is not None else AssignmentStatus.PROPOSED,
            )
        )
    return tuple(result)


def staged_chains(report: dict[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The orders of a stored report whose sewers get member-woven or imported cloth, each with
    those sewing assignments (its ``chain`` entries with a ``cloth``): what the CLI's "Chain of
    …" tables and the web plan page show. A member's copy of the report has no orders."""
    chains = []
    for order in report.get("orders", []):
        rows = [c for c in order.get("chain", []) if c.get("cloth") is not None]
        if rows:
            chains.append((order, rows))
    return chains
