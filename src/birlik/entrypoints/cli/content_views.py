"""How `birlik content …` shows its figures: Rich tables, JSON documents and the texts they use."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

from rich.console import Console

from birlik.domain.content.drafts import percent
from birlik.entrypoints.cli.content_staged import show_staged_order, staged_json
from birlik.entrypoints.cli.render import table
from birlik.entrypoints.cli.texts import cli_language
from birlik.i18n import Texts
from birlik.services.content import OrderShareView, ProductShareView


def _t(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "kk": kk}


SAY = Texts(
    "cli.content",
    {
        "written": _t(
            "{reference} written to {path}.",
            "{reference} записан в {path}.",
            "{reference} {path} файлына жазылды.",
        ),
        "rate_added": _t(
            "1 {currency} = {rate} KZT from {day}.",
            "1 {currency} = {rate} тенге с {day}.",
            "1 {currency} = {rate} теңге, {day} бастап.",
        ),
        "rates_imported": _t(
            "{n} rates imported from {path}.",
            "Загружено курсов: {n} из {path}.",
            "{path} файлынан {n} бағам жүктелді.",
        ),
        "computed": _t("computed share", "расчётная доля", "есептелген үлес"),
        "declared": _t("declared", "заявленная", "мәлімделген"),
        "no_ct_kz": _t("no CT-KZ on record", "СТ-KZ нет в реестре", "тізілімде СТ-KZ жоқ"),
        "originating": _t("ORIGINATING in KZ", "ПРОИСХОДИТ из РК", "ҚР-дан ШЫҚҚАН"),
        "not_originating": _t("NOT originating", "НЕ происходит из РК", "ҚР-дан ШЫҚПАҒАН"),
        "criterion": _t("criterion", "критерий", "критерий"),
        "rule": _t("rule", "правило", "ереже"),
        "why": _t("why", "обоснование", "негіздеме"),
        "never": _t(
            "operations that never confer origin",
            "операции, которые не придают происхождения",
            "шығу тегін бермейтін операциялар",
        ),
        "sourcing": _t("sourcing", "поставка", "жеткізу"),
        "bom_k": _t(
            "BOM K: the good's share computed from its BOM (default sourcing), for comparison only.",
            "BOM K: доля товара, рассчитанная по спецификации (поставка по умолчанию), только для сравнения.",
            "BOM K: тауардың спецификация бойынша есептелген үлесі (әдепкі жеткізу), тек салыстыру үшін.",
        ),
    },
)


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def product_json(view: ProductShareView) -> dict[str, Any]:
    s, r = view.share, view.share.rollup
    return {
        "product": r.product.sku,
        "member": {"bin": r.member.bin, "name": r.member.name},
        "date": r.on.isoformat(),
        "method": s.method.value,
        "cost": str(s.cost),
        "profit": str(s.profit),
        "vat": str(s.vat),
        "denominator": str(s.denominator),
        "foreign": str(s.foreign),
        "share": str(round(s.share, 6)),
        "declared": None
        if view.declared is None
        else {
            "certificate": view.declared.number,
            "share": str(view.declared.local_content_share),
            "valid": [view.declared.valid_from.isoformat(), view.declared.valid_to.isoformat()],
        },
        "origin": {
            "originating": r.origin.originating,
            "criterion": r.origin.criterion.value,
            "why": r.origin.reason,
        },
        "inputs": [
            {
                "input": line.code,
                "kind": line.kind.value,
                "quantity": str(line.quantity),
                "unit": line.unit.value if line.unit else None,
                "unit_cost": str(line.unit_cost),
                "cost": str(line.cost),
                "origin": line.origin_country,
                "foreign_cost": str(line.foreign_cost),
                "contribution": str(round(s.contribution(line), 6)),
                "basis": line.basis,
                "source": line.source,
            }
            for line in r.inputs
        ],
        "sourcing": view.sourcing,
    }


def show_product(console: Console, view: ProductShareView) -> None:
    s, r = view.share, view.share.rollup
    declared = SAY("no_ct_kz", cli_language())
    if view.declared is not None:
        d = view.declared
        shown = percent(d.local_content_share or Decimal(0))
        declared = f"{shown} (CT-KZ {d.number}, {d.valid_from} … {d.valid_to})"
    t = table(f"{r.product.sku} at {r.member.name} ({r.member.bin}) on {r.on} — {s.method.value}")
    for column, justify in (
        ("input", "left"),
        ("quantity", "right"),
        ("unit cost", "right"),
        ("cost, KZT", "right"),
        ("origin", "left"),
        ("foreign, KZT", "right"),
        ("takes off", "right"),
        ("why", "left"),
    ):
        t.add_column(column, justify=justify)  # type: ignore[arg-type]
    for line in r.inputs:
        qty = f"{line.quantity.normalize():f} {line.unit.value}" if line.unit else "—"
        t.add_row(
            line.code,
            qty,
            money(line.unit_cost),
            money(line.cost),
            line.origin_country,
            money(line.foreign_cost),
            percent(s.contribution(line)),
            line.basis,
        )
    console.print(t)
    console.print(
        f"cost {money(s.cost)} + profit {money(s.profit)} + VAT {money(s.vat)}"
        f" = {money(s.denominator)} KZT;"
        f" foreign {money(s.foreign)} KZT →"
        f" [bold]{SAY('computed', cli_language())} {percent(s.share)}[/bold];"
        f" {SAY('declared', cli_language())} {declared}",
        highlight=False,
    )
    console.print(
        f"origin: {'originating' if r.origin.originating else 'NOT originating'} — {r.origin.reason}"
    )
    for note in view.sourcing:
        console.print(f"{SAY('sourcing', cli_language())}: {note}", highlight=False)


def show_member_summary(console: Console, views: list[ProductShareView]) -> None:
    sku = views[0].share.rollup.product.sku
    t = table(f"{sku}: computed local content at every member that makes it, next to its declared CT-KZ")
    for column in ("member", "BIN", "unit cost", "foreign", "computed", "declared", "certificate"):
        t.add_column(column, justify="left" if column in ("member", "certificate") else "right")
    for view in views:
        s, d = view.share, view.declared
        t.add_row(
            s.rollup.member.name,
            s.rollup.member.bin,
            money(s.cost),
            money(s.foreign),
            percent(s.share),
            percent(d.local_content_share or Decimal(0)) if d else "—",
            f"{d.number} to {d.valid_to}" if d else "none",
        )
    console.print(t)
    for note in views[0].sourcing:
        console.print(f"{SAY('sourcing', cli_language())}: {note}", highlight=False)


def order_json(view: OrderShareView) -> dict[str, Any]:
    """The order's КСт; a plan made with stages adds its keys (``content_staged.staged_json``)."""
    c = view.contract
    data = {
        "order": view.order.number,
        "plan": None if view.plan is None else {"id": view.plan.id, "status": view.plan.status.value},
        "formula": c.formula,
        "currency": view.order.currency.value,
        "S": str(c.total),
        "numerator": str(c.numerator),
        "share": str(round(c.share, 6)),
        "floor": str(view.order.min_local_content),
        "value_kzt": view.total_kzt.describe(),
        "vat": {"rate": str(view.vat.rate), "why": view.vat.reason},
        "items": [
            {
                "line": i.line,
                "member": i.member.bin if i.member else None,
                "month": str(i.month) if i.month else None,
                "quantity": str(i.quantity),
                "CT": str(i.item.value),
                "K": str(i.item.share.share),
                "K_source": i.item.share.note,
                "planner_K": None if i.planner_share is None else str(i.planner_share),
                "computed_K": None if i.computed_share is None else str(round(i.computed_share, 4)),
            }
            for i in view.items
        ],
    }
    return staged_json(view, data) if view.staged else data


def show_order(console: Console, view: OrderShareView) -> None:
    if view.staged:
        show_staged_order(console, view)
        return
    c, o = view.contract, view.order
    plan = f"plan {view.plan.id} ({view.plan.status.value})" if view.plan else "no plan"
    t = table(f"{o.number}: contract local content from {plan}")
    for column in (
        "line",
        "month",
        "member",
        "quantity",
        f"CT, {o.currency.value}",
        "K",
        "K from",
        "planner K",
        "BOM K",
    ):
        t.add_column(column, justify="left" if column in ("member", "K from") else "right")
    for i in view.items:
        t.add_row(
            str(i.line),
            str(i.month or "—"),
            i.member.name if i.member else "unassigned",
            f"{i.quantity.normalize():,f}",
            money(i.item.value),
            percent(i.item.share.share),
            i.item.share.note,
            "—" if i.planner_share is None else percent(i.planner_share),
            "—" if i.computed_share is None else percent(i.computed_share),
        )
    console.print(t)
    floor = f"; floor {percent(o.min_local_content)}" if o.min_local_content else ""
    console.print(
        f"{c.formula}\nΣ CT·K = {money(c.numerator)} / S = {money(c.total)} {o.currency.value}"
        f" → [bold]{percent(c.share)}[/bold]{floor}",
        highlight=False,
    )
    console.print(
        f"S in tenge: {view.total_kzt.describe()}; VAT {percent(view.vat.rate)} not in S: {view.vat.reason}"
    )
    console.print(SAY("bom_k", cli_language()), highlight=False)
