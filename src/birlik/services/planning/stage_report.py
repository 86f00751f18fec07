"""The multi-stage part of the birlik.plan/1 report: the chain per order, the cloth, the floor's price.

Only adds keys (see docs/plan-schema.md): ``plan.cost`` gains ``imported_cloth`` and ``member_cloth``
(and ``total`` stays the sum of the terms), each assignment its cloth split, each order its ``chain``
and floor prices, and a top-level ``stages`` section lists the mills' cloth flows and the products
whose cloth could not be weighed against its import at some sewers, with the reason. A mill's flow to a
sewer in a month is shared among the orders that sewer sews with member cloth after the lead time,
in proportion to the cloth each takes (flows are planned per mill and sewer, not per order).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np

from birlik.allocation import AllocationProblem, EngineSettings
from birlik.allocation.stage_plan import StagedPlan, floor_cost
from birlik.allocation.stages import ClothStage
from birlik.services.planning.problem import ProblemIndex
from birlik.services.planning.stages import StageIndex


def _money(value: float) -> float:
    return round(float(value), 2)


def floor_costs(
    problem: AllocationProblem, stage: ClothStage, settings: EngineSettings, staged: StagedPlan, points: float
) -> dict[int, float | None]:
    """Extra total cost per order of raising its floor by ``points`` (None: the order is already
    short, or the raised floor leaves more units short, so the figure would be a shortage penalty,
    not a price)."""
    if points <= 0:
        return {}
    result: dict[int, float | None] = {}
    short_orders = set(problem.line_order[staged.plan.short > 0].tolist())
    for o in np.flatnonzero(problem.order_lc_floor > 0):
        if int(o) in short_orders:
            result[int(o)] = None
            continue
        extra, raised = floor_cost(problem, stage, settings, int(o), points, base=staged)
        more_short = raised.plan.short.sum() > staged.plan.short.sum() + 1e-6
        result[int(o)] = None if more_short else extra
    return result


def add_stage_report(
    report: dict[str, Any],
    staged: StagedPlan,
    index: ProblemIndex,
    stage_index: StageIndex,
    costs: dict[int, float | None],
    points: float,
) -> None:
    stage, a = staged.stage, staged.plan.assignments
    cost = report["plan"]["cost"]
    cost["imported_cloth"] = _money(staged.imported_cloth_cost)
    cost["member_cloth"] = _money(staged.member_cloth_cost)
    cost["total"] = _money(staged.total)
    report["plan"]["objective"] = _money(staged.total)
    for i, row in enumerate(report["assignments"]):
        c = int(stage.arc_cloth[a.arc[i]])
        per_unit = float(stage.arc_cloth_qty[a.arc[i]])
        row["lc_share"] = round(float(staged.lc_share[i]), 4)
        row["cloth"] = None if c < 0 else stage_index.cloths[c]
        row["member_cloth_units"] = round(float(staged.member_units[i]), 3)
        row["imported_cloth"] = (
            round(float(a.quantity[i] - staged.member_units[i]) * per_unit, 3) if c >= 0 else 0.0
        )
    _add_cloth_load(report, staged, index)
    chains = _chains(staged, index, stage_index)
    for o, row in enumerate(report["orders"]):
        share = staged.order_lc_share[o]
        row["lc_share"] = None if math.isnan(share) else round(float(share), 4)
        row["lc_floor_met"] = bool(staged.order_lc_floor_met[o])
        row["imported_cloth"] = round(float(staged.order_imported_cloth[o]), 3)
        row["member_cloth"] = round(float(staged.order_member_cloth[o]), 3)
        row["chain"] = chains.get(o, [])
        row["cloth_cost"] = _money(sum(c["cloth_cost"] for c in row["chain"]))
        row["cost_with_cloth"] = _money(row["cost"] + row["cloth_cost"])
        extra = costs.get(o)
        row["lc_floor_raise"] = (
            None
            if o not in costs
            else {"points": points, "extra_cost": None if extra is None else _money(extra)}
        )
    members = index.members
    report["stages"] = {
        "enabled": True,
        "cloths": [  # one entry per SKU, also when a defense order's cloth is planned apart
            {"cloth": sku, "import": code}
            for sku, code in dict.fromkeys(zip(stage_index.cloths, stage_index.imports, strict=True))
        ],
        "flows": [
            {
                "cloth": stage_index.cloths[int(stage.supply_cloth[s])],
                "mill_bin": members[int(stage.supply_mill[s])].bin,
                "mill": members[int(stage.supply_mill[s])].name,
                "sewer_bin": members[int(stage.supply_sewer[s])].bin,
                "month": str(index.month_of(int(t))),
                "arrives": str(index.month_of(int(t + stage.supply_lead[s]))),
                "quantity": round(float(q), 3),
                "production_cost": _money(pc),
                "transport_cost": _money(tc),
            }
            for s, t, q, pc, tc in zip(
                staged.flows.supply,
                staged.flows.month,
                staged.flows.quantity,
                staged.flows.production_cost,
                staged.flows.transport_cost,
                strict=True,
            )
        ],
        "notes": list(staged.floor_notes),
        "unstaged": [  # candidates planned single-stage because the roll-up refused them, and why
            {
                "product": u.product,
                "cloth": u.cloth,
                "import": u.material,
                "reason": u.reason,
                "material_without_hs_code": u.missing_hs_code,
                "message": u.message,
                "orders": list(u.orders),
                "candidates": u.candidates,
            }
            for u in stage_index.unstaged
        ],
    }


def _add_cloth_load(report: dict[str, Any], staged: StagedPlan, index: ProblemIndex) -> None:
    """Add the looms' time spent on cloth for member sewers to the mills' capacity rows: the engine
    charged it to the same capacity as the mills' own order lines, so utilisation must show it too."""
    stage, flows = staged.stage, staged.flows
    extra: dict[tuple[str, str, str], float] = {}
    for s, t, q in zip(flows.supply, flows.month, flows.quantity, strict=True):
        key = (
            index.members[int(stage.supply_mill[s])].bin,
            index.families[int(stage.supply_family[s])].value,
            str(index.month_of(int(t))),
        )
        extra[key] = extra.get(key, 0.0) + float(q) * float(stage.supply_use[s])
    for row in report["capacity"]:
        added = extra.get((row["member_bin"], row["family"], row["month"]))
        if added:
            row["load"] = round(float(row["load"]) + added, 3)
            capacity = float(row["capacity"])
            row["utilisation"] = round(row["load"] / capacity, 4) if capacity else None


def _chains(
    staged: StagedPlan, index: ProblemIndex, stage_index: StageIndex
) -> dict[int, list[dict[str, Any]]]:
    """Per order: each sewing assignment with where its cloth comes from."""
    p_lines, stage, a, flows = index.lines, staged.stage, staged.plan.assignments, staged.flows
    members = index.members
    need: dict[tuple[int, int, int], float] = defaultdict(float)  # (cloth, sewer, month) → metres
    for i in range(len(a)):
        c = int(stage.arc_cloth[a.arc[i]])
        if c >= 0 and staged.member_units[i] > 0:
            need[(c, int(a.member[i]), int(a.month[i]))] += float(
                staged.member_units[i] * stage.arc_cloth_qty[a.arc[i]]
            )
    arriving: dict[tuple[int, int, int], list[tuple[int, int, float, float]]] = defaultdict(list)
    for s, t, q, pc, tc in zip(
        flows.supply, flows.month, flows.quantity, flows.production_cost, flows.transport_cost, strict=True
    ):
        key = (int(stage.supply_cloth[s]), int(stage.supply_sewer[s]), int(t + stage.supply_lead[s]))
        arriving[key].append((int(stage.supply_mill[s]), int(t), float(q), float(pc + tc)))
    chains: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i in range(len(a)):
        order, line = p_lines[int(a.line[i])]
        o = index.orders.index(order)
        c = int(stage.arc_cloth[a.arc[i]])
        entry: dict[str, Any] = {
            "line": line.number,
            "product": line.product_sku,
            "sewer_bin": members[int(a.member[i])].bin,
            "sewer": members[int(a.member[i])].name,
            "month": str(index.month_of(int(a.month[i]))),
            "quantity": round(float(a.quantity[i]), 3),
            "lc_share": round(float(staged.lc_share[i]), 4),
            "cloth": None,
            "cloth_cost": 0.0,
        }
        if c >= 0:
            per_unit = float(stage.arc_cloth_qty[a.arc[i]])
            metres = float(staged.member_units[i]) * per_unit
            key = (c, int(a.member[i]), int(a.month[i]))
            part = metres / need[key] if metres > 0 else 0.0
            imported_units = float(a.quantity[i]) - float(staged.member_units[i])
            member_cost = sum(money * part for _, _, _, money in arriving.get(key, []))
            entry["cloth_cost"] = _money(
                imported_units * float(stage.arc_import_cost[a.arc[i]]) + member_cost
            )
            entry["cloth"] = {
                "sku": stage_index.cloths[c],
                "from_members": [
                    {
                        "mill_bin": members[m].bin,
                        "mill": members[m].name,
                        "month": str(index.month_of(t)),
                        "quantity": round(q * part, 3),
                    }
                    for m, t, q, _ in arriving.get(key, [])
                    if q * part > 1e-6
                ],
                "imported": {
                    "material": stage_index.imports[c],
                    "quantity": round((float(a.quantity[i]) - float(staged.member_units[i])) * per_unit, 3),
                },
            }
        chains[o].append(entry)
    return chains
