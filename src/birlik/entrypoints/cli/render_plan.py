"""Rich rendering of a plan report (the birlik.plan/1 JSON): what a coordinator reads after planning."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console

from birlik.allocation.phrases import shortfall_sentence
from birlik.domain.plans import Plan
from birlik.entrypoints.cli.render import table
from birlik.entrypoints.cli.texts import cli_language, say
from birlik.services.planning.report import staged_chains


def _kzt(value: float) -> str:
    return f"{value:,.0f}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _months(months: list[str]) -> str:
    ordered = sorted(set(months))
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}…{ordered[-1]} ({len(ordered)})"


def plan(console: Console, report: dict[str, Any]) -> None:
    p = report["plan"]
    solver = p["solver"]
    model = solver.get("model") or {}
    gap = "—" if solver["gap"] is None else f"{solver['gap'] * 100:.2f} %"
    console.rule(f"[bold]{say('Plan')} {p['id']} ({p['status']})")
    console.print(
        f"{say('Solver')}: {solver['method']} {solver['status']}, {say('gap')} {gap}; "
        f"{model.get('columns', 0):,} {say('columns')} × {model.get('rows', 0):,} {say('rows')}"
        f"{', ' + str(model['integers']) + ' integer' if model.get('integers') else ''}; "
        f"{say('built in')} {solver['build_seconds']:.3f} s,"
        f" {say('solved in')} {solver['solve_seconds']:.3f} s. "
        f"{say('Horizon')} {p['horizon'][0]}…{p['horizon'][1]}.",
        highlight=False,
    )
    cost = p["cost"]
    console.print(
        f"{say('Cost (KZT)')}: "
        + " · ".join(
            f"{say(term)} {_kzt(value)}"
            for term, value in cost.items()
            if term != "total"  # every term the report has (holding, cloth, ...), so they add up
        )
        + f" · [bold]{say('total')} {_kzt(cost['total'])}[/bold]",
        highlight=False,
    )
    _orders(console, report)
    _assignments(console, report)
    if "stages" in report:
        _chains(console, report)
    _shortfalls(console, report)


def _orders(console: Console, report: dict[str, Any]) -> None:
    made: dict[str, float] = defaultdict(float)
    ordered: dict[str, float] = defaultdict(float)
    for line in report["lines"]:
        made[line["order"]] += line["made"]
        ordered[line["order"]] += line["quantity"]
    t = table(say("Orders"))
    for column in ("order", "value, KZT", "cost, KZT", "LC share", "LC floor", "made"):
        t.add_column(say(column), justify="left" if column == "order" else "right", no_wrap=True)
    for o in report["orders"]:
        floor = _share(o["lc_floor"]) if o["lc_floor"] else "—"
        if o["lc_floor"] and not o["lc_floor_met"]:
            floor = f"[red]{floor} {say('not met')}[/red]"
        t.add_row(
            o["order"],
            _kzt(o["value_kzt"]),
            _kzt(o["cost"]),
            _share(o["lc_share"]),
            floor,
            f"{made[o['order']] / ordered[o['order']] * 100:.1f} %" if ordered[o["order"]] else "—",
        )
    console.print(t)


def _assignments(console: Console, report: dict[str, Any]) -> None:
    grouped: dict[tuple[str, int, str], dict[str, Any]] = {}
    for a in report["assignments"]:
        key = (a["order"], a["line"], a["member_bin"])
        entry = grouped.setdefault(
            key,
            {
                "member": a["member"],
                "months": [],
                "quantity": 0.0,
                "cost": 0.0,
                "k": a["lc_share"],
                "late": 0,
            },
        )
        entry["months"].append(a["month"])
        entry["quantity"] += a["quantity"]
        entry["cost"] += a["cost"]
        entry["late"] = max(entry["late"], a["months_late"])
    t = table(say("Who makes what"))
    for column in ("order", "line", "member", "months", "quantity", "cost, KZT", "LC"):
        t.add_column(
            say(column), justify="right" if column in ("line", "quantity", "cost, KZT", "LC") else "left"
        )
    previous = None
    units = {(line["order"], line["line"]): line["unit"] for line in report["lines"]}
    for (order, line, _bin), e in sorted(grouped.items()):
        late = f" [yellow](≤{e['late']} {say('mo late')})[/yellow]" if e["late"] else ""
        t.add_row(
            order if order != previous else "",
            str(line),
            e["member"],
            _months(e["months"]) + late,
            f"{e['quantity']:,.0f} {units[(order, line)]}",
            _kzt(e["cost"]),
            _share(e["k"]),
        )
        previous = order
    console.print(t)


def _chains(console: Console, report: dict[str, Any]) -> None:
    """Per order with a floor or member cloth: who finishes the cloth, who sews, what is imported."""
    for o, staged in staged_chains(report):
        raise_ = o.get("lc_floor_raise") or {}
        price = raise_.get("extra_cost")
        costs = (
            say(
                "; +{points} points of floor would cost {cost} KZT",
                points=f"{raise_['points'] * 100:.0f}",
                cost=_kzt(price),
            )
            if price is not None
            else ""
        )
        title = say(
            "Chain of {order}: LC {share} (floor {floor}), member cloth {member}, imported {imported}",
            order=o["order"],
            share=_share(o["lc_share"]),
            floor=_share(o["lc_floor"]),
            member=f"{o['member_cloth']:,.0f}",
            imported=f"{o['imported_cloth']:,.0f}",
        )
        t = table(title + costs)
        for column in ("line", "sewer", "month", "quantity", "cloth from mills", "imported", "LC"):
            t.add_column(
                say(column), justify="right" if column in ("line", "quantity", "imported", "LC") else "left"
            )
        for c in staged:
            mills = "; ".join(
                f"{m['mill']} {m['month']}: {m['quantity']:,.0f}" for m in c["cloth"]["from_members"]
            )
            imported = c["cloth"]["imported"]
            t.add_row(
                str(c["line"]),
                c["sewer"],
                c["month"],
                f"{c['quantity']:,.0f}",
                mills or "—",
                f"{imported['quantity']:,.0f} {imported['material']}" if imported["quantity"] else "—",
                _share(c["lc_share"]),
            )
        console.print(t)
    for note in report["stages"]["notes"]:
        console.print(f"[red]{note}[/red]", highlight=False)
    _unstaged(console, report["stages"].get("unstaged", []))  # absent from reports stored before it


def _unstaged(console: Console, unstaged: list[dict[str, Any]]) -> None:
    """Products whose cloth the planner could not weigh against its import, and the record to fix."""
    for u in unstaged:
        fields = {
            "product": u["product"],
            "orders": ", ".join(u["orders"]),
            "cloth": u["cloth"],
            "material": u["import"],
            "count": u["candidates"],
        }
        if u["reason"] == "material_without_hs_code":
            text = say(_NO_HS_CODE, missing=u["material_without_hs_code"], **fields)
        else:
            text = say(_ROLL_UP_FAILED, message=u["message"], **fields)
        console.print(f"[yellow]{text}[/yellow]", highlight=False)


_NOT_WEIGHED = (
    "{product} ({orders}): its cloth {cloth} was not weighed against the import {material}, "
    "so {count} candidate assignments are planned single-stage"
)
_NO_HS_CODE = (
    _NOT_WEIGHED + ". Material {missing} has no HS code: record it in the registry workbook "
    '(sheet "Materials", column "HS code") and plan again.'
)
_ROLL_UP_FAILED = _NOT_WEIGHED + ": {message}"


def _shortfalls(console: Console, report: dict[str, Any]) -> None:
    if not report["shortfalls"]:
        console.print(f"[green]{say('Every line is made in full and on time.')}[/green]")
        return
    t = table(say("Short or late, and why"))
    for column in ("order", "line", "quantity", "", "reason"):
        right = ("line", "quantity")
        t.add_column(say(column), justify="right" if column in right else "left")
    for s in report["shortfalls"]:
        what = say("not made") if s["months_late"] is None else f"{s['months_late']} {say('mo late')}"
        t.add_row(
            s["order"], str(s["line"]), f"{s['quantity']:,.0f}", what, shortfall_sentence(s, cli_language())
        )
    console.print(t)


def plan_list(console: Console, plans: list[Plan]) -> None:
    t = table(f"{say('Plans')} ({len(plans)})")
    for column in ("id", "created (UTC)", "status", "solver", "objective, KZT", "assignments"):
        t.add_column(
            say(column), justify="right" if column in ("id", "objective, KZT", "assignments") else "left"
        )
    for p in plans:
        t.add_row(
            str(p.id),
            p.created_at.strftime("%Y-%m-%d %H:%M"),
            p.status.value,
            p.solver_status,
            _kzt(float(p.objective)),
            str(len(p.assignments)),
        )
    console.print(t)
