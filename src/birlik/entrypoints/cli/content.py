"""`birlik content …`, `birlik origin`, `birlik certificate …`, `birlik rates …`: local content and origin.

Commands read through the services and print Rich tables (or JSON with --json); a certificate draft is
built completely, rendered, and only then written, so a refused input leaves no file behind.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from birlik.adapters.pdf import render_draft
from birlik.bootstrap import App
from birlik.config import Settings
from birlik.domain.content.drafts import Draft, draft_to_json, percent
from birlik.domain.content.goods import Method
from birlik.domain.content.origin_rules import CIS_2009, NON_CONFERRING, RuleTable, rule_table_from_records
from birlik.domain.content.sourcing import Sourcing
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRate
from birlik.domain.identifiers import validate_bin
from birlik.domain.quantities import Money, parse_currency, to_decimal
from birlik.entrypoints.cli.app import DatabaseOption, app, console, open_app, user_errors
from birlik.entrypoints.cli.render import table
from birlik.i18n import Texts, language_or_default
from birlik.services import content, registry
from birlik.services.content import Options, OrderShareView, ProductShareView

content_app = typer.Typer(
    help="Local content of goods, orders, plans and tolling work.", no_args_is_help=True
)
certificate_app = typer.Typer(help="Certificate drafts (CT-KZ, CT-1) as PDF or JSON.", no_args_is_help=True)
rates_app = typer.Typer(help="Dated exchange rates to tenge.", no_args_is_help=True)
app.add_typer(content_app, name="content")
app.add_typer(certificate_app, name="certificate")
app.add_typer(rates_app, name="rates")


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


def _lang() -> str:
    return language_or_default(Settings.from_env().language)


T = TypeVar("T")
OnOption = Annotated[str | None, typer.Option("--on", help="the day, YYYY-MM-DD (default: today)")]
SourceOption = Annotated[
    list[str] | None,
    typer.Option("--source", help="where a made input comes from: SKU=BIN or SKU=MATERIAL (repeatable)"),
]
MarginOption = Annotated[
    str, typer.Option("--profit-margin", help="profit over cost, for the ex-works price (e.g. 0.1)")
]
MethodOption = Annotated[
    Method | None, typer.Option("--method", help="force a CT-KZ rule instead of the dated one")
]
RulesOption = Annotated[Path | None, typer.Option("--rules", help="a JSON rule table replacing CIS 2009")]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON instead of tables")]


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue("--on", text, "write the day as YYYY-MM-DD") from None


def _rules(path: Path | None) -> RuleTable:
    if path is None:
        return CIS_2009
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InvalidValue("--rules", str(path), f"not JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InvalidValue("--rules", str(path), 'expected {"name": ..., "rules": [...]}')
    return rule_table_from_records(str(data.get("name") or path.name), data["rules"])


def _options(
    on: str | None,
    sources: list[str] | None,
    margin: str,
    method: Method | None = None,
    rules: Path | None = None,
) -> Options:
    return Options(
        on=_day(on),
        sourcing=Sourcing.parse(sources or []),
        profit_margin=to_decimal("--profit-margin", margin),
        method=method,
        rules=_rules(rules),
    )


def _run(database_url: str | None, use: Callable[[App], T]) -> T:
    birlik = open_app(database_url)
    try:
        return use(birlik)
    finally:
        birlik.close()


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _product_json(view: ProductShareView) -> dict[str, Any]:
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


def _show_product(console: Console, view: ProductShareView) -> None:
    s, r = view.share, view.share.rollup
    declared = SAY("no_ct_kz", _lang())
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
            _money(line.unit_cost),
            _money(line.cost),
            line.origin_country,
            _money(line.foreign_cost),
            percent(s.contribution(line)),
            line.basis,
        )
    console.print(t)
    console.print(
        f"cost {_money(s.cost)} + profit {_money(s.profit)} + VAT {_money(s.vat)}"
        f" = {_money(s.denominator)} KZT;"
        f" foreign {_money(s.foreign)} KZT → [bold]{SAY('computed', _lang())} {percent(s.share)}[/bold];"
        f" {SAY('declared', _lang())} {declared}",
        highlight=False,
    )
    console.print(
        f"origin: {'originating' if r.origin.originating else 'NOT originating'} — {r.origin.reason}"
    )
    for note in view.sourcing:
        console.print(f"{SAY('sourcing', _lang())}: {note}", highlight=False)


def _show_member_summary(console: Console, views: list[ProductShareView]) -> None:
    sku = views[0].share.rollup.product.sku
    t = table(f"{sku}: computed local content at every member that makes it, next to its declared CT-KZ")
    for column in ("member", "BIN", "unit cost", "foreign", "computed", "declared", "certificate"):
        t.add_column(column, justify="left" if column in ("member", "certificate") else "right")
    for view in views:
        s, d = view.share, view.declared
        t.add_row(
            s.rollup.member.name,
            s.rollup.member.bin,
            _money(s.cost),
            _money(s.foreign),
            percent(s.share),
            percent(d.local_content_share or Decimal(0)) if d else "—",
            f"{d.number} to {d.valid_to}" if d else "none",
        )
    console.print(t)
    for note in views[0].sourcing:
        console.print(f"{SAY('sourcing', _lang())}: {note}", highlight=False)


@content_app.command("product")
@user_errors
def content_product(
    sku: Annotated[str, typer.Argument(help="product SKU")],
    member: Annotated[
        str | None, typer.Option("--member", help="the maker's BIN (default: every maker)")
    ] = None,
    on: OnOption = None,
    source: SourceOption = None,
    profit_margin: MarginOption = "0",
    method: MethodOption = None,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """The CT-KZ share of a good: its inputs, their cost and origin, computed next to the declared share."""
    options = _options(on, source, profit_margin, method)
    if member is not None:
        bin_ = validate_bin(member)
        view = _run(
            database_url, lambda b: content.product_share(b.uow(), sku=sku, member_bin=bin_, options=options)
        )
        _print_json(_product_json(view)) if json_out else _show_product(console, view)
        return
    views = _run(database_url, lambda b: content.product_shares(b.uow(), sku=sku, options=options))
    if not views:
        raise InvalidValue("product", sku, "no member makes it")
    _print_json([_product_json(v) for v in views]) if json_out else _show_member_summary(console, views)


def _order_json(view: OrderShareView) -> dict[str, Any]:
    c = view.contract
    return {
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


def _show_order(console: Console, view: OrderShareView) -> None:
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
            _money(i.item.value),
            percent(i.item.share.share),
            i.item.share.note,
            "—" if i.planner_share is None else percent(i.planner_share),
            "—" if i.computed_share is None else percent(i.computed_share),
        )
    console.print(t)
    floor = f"; floor {percent(o.min_local_content)}" if o.min_local_content else ""
    console.print(
        f"{c.formula}\nΣ CT·K = {_money(c.numerator)} / S = {_money(c.total)} {o.currency.value}"
        f" → [bold]{percent(c.share)}[/bold]{floor}",
        highlight=False,
    )
    console.print(
        f"S in tenge: {view.total_kzt.describe()}; VAT {percent(view.vat.rate)} not in S: {view.vat.reason}"
    )
    console.print(SAY("bom_k", _lang()), highlight=False)


@content_app.command("order")
@user_errors
def content_order(
    number: Annotated[str, typer.Argument(help="order number")],
    plan: Annotated[
        int | None, typer.Option("--plan", help="plan id (default: latest approved, else latest)")
    ] = None,
    producer_prices: Annotated[
        bool,
        typer.Option(help="CT = the members' production cost (the consortium resells), not the line value"),
    ] = False,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """КСт of an order: Σ CTi·Ki / S over the plan's assignments, Ki from each member's CT-KZ."""
    view = _run(
        database_url,
        lambda b: content.order_share(b.uow(), number=number, plan_id=plan, producer_prices=producer_prices),
    )
    _print_json(_order_json(view)) if json_out else _show_order(console, view)


@content_app.command("plan")
@user_errors
def content_plan(
    plan: Annotated[
        int | None, typer.Argument(help="plan id (default: latest approved, else latest)")
    ] = None,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """Contract local content of every order in a plan."""
    views = _run(database_url, lambda b: content.plan_shares(b.uow(), plan_id=plan))
    if json_out:
        _print_json([_order_json(v) for v in views])
        return
    t = table(f"Contract local content, plan {views[0].plan.id if views and views[0].plan else '—'}")
    for column in ("order", "S", "Σ CT·K", "share", "floor"):
        t.add_column(column, justify="left" if column == "order" else "right")
    for v in views:
        c, o = v.contract, v.order
        floor = percent(o.min_local_content) if o.min_local_content else "—"
        t.add_row(
            o.number, f"{_money(c.total)} {o.currency.value}", _money(c.numerator), percent(c.share), floor
        )
    console.print(t)


@content_app.command("tolling")
@user_errors
def content_tolling(
    sku: Annotated[str, typer.Argument(help="product SKU sewn from the customer's cloth")],
    member: Annotated[str, typer.Option("--member", help="the sewing member's BIN")],
    quantity: Annotated[str, typer.Option("--quantity", help="units sewn")],
    price: Annotated[str, typer.Option("--price", help="price of the work per unit, e.g. 2500 or '5.2 USD'")],
    kz_wage_share: Annotated[
        str, typer.Option("--kz-wage-share", help="Kazakhstani share of the wage fund, 0..1")
    ],
    on: OnOption = None,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """Works/services form for sewing on tolling terms (UNCONFIRMED formula, see README)."""
    amount, _, currency = price.strip().partition(" ")
    unit_price = Money.of(amount, currency or "KZT", field="--price")
    view = _run(
        database_url,
        lambda b: content.tolling_share(
            b.uow(),
            sku=sku,
            member_bin=validate_bin(member),
            quantity=to_decimal("--quantity", quantity),
            unit_price=unit_price,
            kz_wage_share=to_decimal("--kz-wage-share", kz_wage_share),
            on=_day(on),
        ),
    )
    c = view.contract
    if json_out:
        _print_json(
            {
                "formula": c.formula,
                "S": str(c.total),
                "share": str(round(c.share, 6)),
                "goods": [
                    {"item": g.label, "CT": str(g.value), "K": str(g.share.share), "why": g.share.note}
                    for g in c.goods
                ],
                "works": [{"item": w.label, "SS": str(w.value), "R": str(w.kz_wage_share)} for w in c.works],
            }
        )
        return
    t = table(f"Tolling: {sku} sewn by {view.member.name}, {view.quantity:,f} × {view.price}")
    for column in ("item", "value", "weight", "why"):
        t.add_column(column, justify="right" if column in ("value", "weight") else "left")
    for g in c.goods:
        t.add_row(g.label, _money(g.value), percent(g.share.share), g.share.note)
    for w in c.works:
        t.add_row(w.label, _money(w.value), percent(w.kz_wage_share), w.source)
    console.print(t)
    console.print(f"{c.formula}\n→ [bold]{percent(c.share)}[/bold] of S = {_money(c.total)}", highlight=False)


@app.command("origin")
@user_errors
def origin(
    sku: Annotated[str | None, typer.Argument(help="product SKU")] = None,
    product: Annotated[
        str | None, typer.Option("--product", help="product SKU (instead of the argument)")
    ] = None,
    member: Annotated[str, typer.Option("--member", help="the maker's BIN")] = "",
    to: Annotated[str, typer.Option("--to", help="destination country, e.g. UZ or BY")] = "",
    on: OnOption = None,
    source: SourceOption = None,
    profit_margin: MarginOption = "0",
    rules: RulesOption = None,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """Origin of a good made by a member, for export under the CIS 2009 rules: verdict, criterion, figures."""
    chosen = sku or product
    if not chosen or not member or not to:
        raise InvalidValue("origin", chosen or "", "give SKU (or --product), --member BIN and --to COUNTRY")
    options = _options(on, source, profit_margin, rules=rules)
    bin_ = validate_bin(member)
    view = _run(
        database_url,
        lambda b: content.origin_of(b.uow(), sku=chosen, member_bin=bin_, destination=to, options=options),
    )
    v, r = view.rollup.origin, view.rollup
    rule = v.rule.label if v.rule else "no foreign inputs: no rule needed"
    if json_out:
        _print_json(
            {
                "product": r.product.sku,
                "hs_code": str(r.product.hs_code),
                "member": r.member.bin,
                "to": view.destination,
                "date": r.on.isoformat(),
                "originating": v.originating,
                "country": v.country,
                "criterion": v.criterion.value,
                "rule": rule,
                "rule_source": v.rule.source if v.rule else None,
                "ex_works_price": str(v.ex_works_price),
                "foreign_value": str(v.foreign_value),
                "foreign_share": str(round(v.foreign_share, 6)),
                "why": v.reason,
                "purpose": view.purpose,
                "vat": {"rate": str(view.vat.rate), "why": view.vat.reason},
                "inputs": [
                    {
                        "input": x.code,
                        "hs_code": str(x.hs_code or ""),
                        "origin": x.origin_country,
                        "value": str(x.cost),
                    }
                    for x in r.inputs
                ],
            }
        )
        return
    t = table(f"{r.product.sku} ({r.product.hs_code}) made by {r.member.name} → {view.destination}, {r.on}")
    for column in ("input", "HS", "origin", "originating", "value, KZT", "why"):
        t.add_column(column, justify="right" if column == "value, KZT" else "left")
    for x in r.inputs:
        t.add_row(
            x.code,
            str(x.hs_code or "—"),
            x.origin_country,
            "yes" if x.originating else "no",
            _money(x.cost),
            x.basis,
        )
    console.print(t)
    lang = _lang()
    verdict = (
        f"[green]{SAY('originating', lang)}[/green]"
        if v.originating
        else f"[red]{SAY('not_originating', lang)}[/red]"
    )
    console.print(
        f"{verdict} — {SAY('criterion', lang)}: {v.criterion.value}; {SAY('rule', lang)}: {rule}",
        highlight=False,
    )
    console.print(f"{SAY('why', lang)}: {v.reason}", highlight=False)
    if v.rule:
        console.print(f"rule source: {v.rule.source}", highlight=False)
    console.print(f"for {view.destination}: {view.purpose}; VAT {percent(view.vat.rate)} ({view.vat.reason})")
    never = "; ".join(n.text + ("" if n.confirmed else " [unconfirmed]") for n in NON_CONFERRING)
    console.print(f"{SAY('never', lang)}: {never}", markup=False, highlight=False)


def _write(draft: Draft, out: Path, language: str | None) -> None:
    """Render first, write last: a refused draft leaves no file. Labels default to Russian, the chamber's."""
    language = language_or_default(language or "ru")
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        data = render_draft(draft, language)
    elif suffix == ".json":
        data = (json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        raise InvalidValue("--out", str(out), "name a .pdf or a .json file")
    out.write_bytes(data)
    console.print(SAY("written", _lang(), reference=draft.reference, path=out), highlight=False)


OutOption = Annotated[Path, typer.Option("--out", help="FILE.pdf or FILE.json")]
LanguageOption = Annotated[str | None, typer.Option("--language", help="labels: ru, kk or en (default: ru)")]


@certificate_app.command("ct-kz")
@user_errors
def certificate_ct_kz(
    sku: Annotated[str, typer.Argument(help="product SKU")],
    member: Annotated[str, typer.Option("--member", help="the maker's BIN")],
    out: OutOption,
    on: OnOption = None,
    source: SourceOption = None,
    profit_margin: MarginOption = "0",
    method: MethodOption = None,
    language: LanguageOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """CT-KZ draft: product, HS code, computed share with its calculation, the declared share beside it."""
    options = _options(on, source, profit_margin, method)
    bin_ = validate_bin(member)
    draft = _run(database_url, lambda b: content.ct_kz(b.uow(), sku=sku, member_bin=bin_, options=options))
    _write(draft, out, language)


@certificate_app.command("ct-1")
@user_errors
def certificate_ct_1(
    order: Annotated[str, typer.Option("--order", help="export order number")],
    line: Annotated[int, typer.Option("--line", help="order line number")],
    member: Annotated[str, typer.Option("--member", help="the exporting member's BIN")],
    out: OutOption,
    plan: Annotated[int | None, typer.Option("--plan", help="plan id for the quantity")] = None,
    quantity: Annotated[
        str | None, typer.Option("--quantity", help="quantity shipped (default: the plan's)")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="shipment day (default: the line's due month)")
    ] = None,
    rules: RulesOption = None,
    language: LanguageOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """CT-1 draft: exporter, consignee, goods, HS code, origin criterion, quantity, invoice."""
    table_ = _rules(rules)
    qty = None if quantity is None else to_decimal("--quantity", quantity)
    day = None if on is None else _day(on)
    bin_ = validate_bin(member)
    draft = _run(
        database_url,
        lambda b: content.ct_1(
            b.uow(),
            order_number=order,
            line_number=line,
            member_bin=bin_,
            plan_id=plan,
            quantity=qty,
            on=day,
            rules=table_,
        ),
    )
    _write(draft, out, language)


@app.command("local-content")
@user_errors
def local_content(
    product: Annotated[str | None, typer.Option("--product", help="product SKU")] = None,
    member: Annotated[str | None, typer.Option("--member", help="the maker's BIN")] = None,
    order: Annotated[str | None, typer.Option("--order", help="order number")] = None,
    json_out: JsonFlag = False,
    database_url: DatabaseOption = None,
) -> None:
    """The issue's spelling: `--product SKU [--member BIN]` or `--order NUMBER` (see `birlik content`)."""
    if (product is None) == (order is None):
        raise InvalidValue("local-content", product or order or "", "give either --product or --order")
    if order is not None:
        content_order(order, None, False, json_out, database_url)
    else:
        content_product(product or "", member, None, None, "0", None, json_out, database_url)


@rates_app.command("list")
@user_errors
def rates_list(database_url: DatabaseOption = None) -> None:
    """Exchange rates to tenge, by currency and the day they take effect."""
    rates = _run(database_url, lambda b: content.list_rates(b.uow()))
    t = table(f"Exchange rates ({len(rates)})")
    for column in ("currency", "valid from", "KZT per unit"):
        t.add_column(column, justify="right" if column == "KZT per unit" else "left")
    for r in rates:
        t.add_row(r.currency.value, r.valid_from.isoformat(), f"{r.kzt_per_unit:f}")
    console.print(t)


def _rate(currency: str, valid_from: str, kzt_per_unit: str, where: str) -> ExchangeRate:
    try:
        day = date.fromisoformat(valid_from.strip())
    except ValueError:
        raise InvalidValue(f"valid_from of {where}", valid_from, "write the day as YYYY-MM-DD") from None
    return ExchangeRate(
        parse_currency(f"currency of {where}", currency), day, to_decimal(f"rate of {where}", kzt_per_unit)
    )


@rates_app.command("add")
@user_errors
def rates_add(
    currency: Annotated[str, typer.Argument(help="KZT, UZS, BYN, RUB, USD or EUR")],
    valid_from: Annotated[str, typer.Argument(help="first day the rate applies, YYYY-MM-DD")],
    kzt_per_unit: Annotated[str, typer.Argument(help="tenge per one unit of the currency")],
    database_url: DatabaseOption = None,
) -> None:
    """Enter one rate (a later day adds a rate; the same day replaces it)."""
    rate = _rate(currency, valid_from, kzt_per_unit, "the rate")
    _run(database_url, lambda b: registry.save_rates(b.uow(), [rate]))
    console.print(
        SAY("rate_added", _lang(), currency=rate.currency.value, rate=rate.kzt_per_unit, day=rate.valid_from),
        highlight=False,
    )


@rates_app.command("import")
@user_errors
def rates_import(
    path: Annotated[Path, typer.Argument(help="CSV with columns currency,valid_from,kzt_per_unit")],
    database_url: DatabaseOption = None,
) -> None:
    """Import rates from a CSV file; every row is checked before any is stored."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"currency", "valid_from", "kzt_per_unit"} - set(reader.fieldnames or [])
        if missing:
            raise InvalidValue(
                str(path), sorted(missing), "columns missing: currency,valid_from,kzt_per_unit"
            )
        rates = [
            _rate(row["currency"], row["valid_from"], row["kzt_per_unit"], f"row {n} of {path.name}")
            for n, row in enumerate(reader, start=2)
        ]
    _run(database_url, lambda b: registry.save_rates(b.uow(), rates))
    console.print(SAY("rates_imported", _lang(), n=len(rates), path=path), highlight=False)
