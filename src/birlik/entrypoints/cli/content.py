"""`birlik content …`, `birlik origin`, `birlik certificate …`: local content and origin.

Commands read through the services and print Rich tables (or JSON with --json); a certificate draft is
built completely, rendered, and only then written, so a refused input leaves no file behind.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from birlik.domain.content.drafts import Draft, draft_to_json, percent
from birlik.domain.content.goods import Method
from birlik.domain.content.origin_rules import CIS_2009, NON_CONFERRING, RuleTable, rule_table_from_records
from birlik.domain.content.sourcing import Sourcing
from birlik.domain.errors import InvalidValue
from birlik.domain.identifiers import validate_bin
from birlik.domain.quantities import Money, to_decimal
from birlik.entrypoints.cli.app import DatabaseOption, app, console, user_errors, using_app
from birlik.entrypoints.cli.content_staged import SAY as STAGED
from birlik.entrypoints.cli.content_views import (
    SAY,
    money,
    order_json,
    print_json,
    product_json,
    show_member_summary,
    show_order,
    show_product,
)
from birlik.entrypoints.cli.render import table
from birlik.entrypoints.cli.texts import cli_language
from birlik.i18n import language_or_default
from birlik.services import content
from birlik.services.content import Options

content_app = typer.Typer(
    help="Local content of goods, orders, plans and tolling work.", no_args_is_help=True
)
certificate_app = typer.Typer(help="Certificate drafts (CT-KZ, CT-1) as PDF or JSON.", no_args_is_help=True)
app.add_typer(content_app, name="content")
app.add_typer(certificate_app, name="certificate")


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
    except UnicodeDecodeError:
        raise InvalidValue("--rules", str(path), "the file is not UTF-8 text") from None
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
        view = using_app(
            database_url, lambda b: content.product_share(b.uow(), sku=sku, member_bin=bin_, options=options)
        )
        print_json(product_json(view)) if json_out else show_product(console, view)
        return
    views = using_app(database_url, lambda b: content.product_shares(b.uow(), sku=sku, options=options))
    if not views:
        raise InvalidValue("product", sku, "no member makes it")
    print_json([product_json(v) for v in views]) if json_out else show_member_summary(console, views)


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
    """КСт of an order: Σ CTi·Ki / S over the plan's assignments, Ki from each member's CT-KZ; for a plan
    made with stages, Ki of each good with the plan's cloth, beside Ki by the CT-KZ on file."""
    view = using_app(
        database_url,
        lambda b: content.order_share(b.uow(), number=number, plan_id=plan, producer_prices=producer_prices),
    )
    print_json(order_json(view)) if json_out else show_order(console, view)


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
    views = using_app(database_url, lambda b: content.plan_shares(b.uow(), plan_id=plan))
    if json_out:
        print_json([order_json(v) for v in views])
        return
    staged = any(v.staged for v in views)
    t = table(f"Contract local content, plan {views[0].plan.id if views and views[0].plan else '—'}")
    for column in ("order", "S", "Σ CT·K", "share", "floor"):
        t.add_column(column, justify="left" if column == "order" else "right")
    if staged:  # the shares count the plan's cloth; beside them, what the certificates on file give
        lang = cli_language()
        t.add_column(STAGED("plan_on_file", lang), justify="right")
        t.add_column(STAGED("plan_new", lang), justify="right")
    for v in views:
        c, o = v.contract, v.order
        floor = percent(o.min_local_content) if o.min_local_content else "—"
        row = [o.number, f"{money(c.total)} {o.currency.value}", money(c.numerator), percent(c.share), floor]
        if staged:
            on_file = v.on_file or c
            row += [percent(on_file.share), str(len(v.needing_new_ct_kz)) if v.needing_new_ct_kz else "—"]
        t.add_row(*row)
    console.print(t)
    if staged:
        console.print(STAGED("plan_explain", cli_language()), highlight=False, markup=False)


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
    view = using_app(
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
        print_json(
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
        t.add_row(g.label, money(g.value), percent(g.share.share), g.share.note)
    for w in c.works:
        t.add_row(w.label, money(w.value), percent(w.kz_wage_share), w.source)
    console.print(t)
    console.print(f"{c.formula}\n→ [bold]{percent(c.share)}[/bold] of S = {money(c.total)}", highlight=False)


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
    view = using_app(
        database_url,
        lambda b: content.origin_of(b.uow(), sku=chosen, member_bin=bin_, destination=to, options=options),
    )
    v, r = view.rollup.origin, view.rollup
    rule = v.rule.label if v.rule else "no foreign inputs: no rule needed"
    if json_out:
        print_json(
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
            money(x.cost),
            x.basis,
        )
    console.print(t)
    lang = cli_language()
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
        from birlik.adapters.pdf import render_draft  # fpdf costs 0.3 s at every start otherwise

        data = render_draft(draft, language)
    elif suffix == ".json":
        data = (json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        raise InvalidValue("--out", str(out), "name a .pdf or a .json file")
    out.write_bytes(data)
    console.print(SAY("written", cli_language(), reference=draft.reference, path=out), highlight=False)


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
    draft = using_app(
        database_url, lambda b: content.ct_kz(b.uow(), sku=sku, member_bin=bin_, options=options)
    )
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
    draft = using_app(
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
