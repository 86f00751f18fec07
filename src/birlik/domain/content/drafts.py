"""Certificate drafts: the data a member brings to the expert and the chamber, each figure with its source.

A draft is not a certificate: CT-KZ is issued by a regional chamber of Atameken on an expert's act, CT-1
by the chamber for CIS exports (facts.md §1.5, §2). Birlik prepares what they check. A draft is a list of
sections of fields (label key, value, source record) plus a calculation table, so one renderer serves
both forms and the JSON carries the same sources as the PDF. Label keys are translated by the renderer.
Declared CT-KZ shares are shown next to the computed one and never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from birlik.domain.content.currency import Conversion
from birlik.domain.content.goods import METHOD_BASIS, GoodShare
from birlik.domain.content.origin import OriginVerdict
from birlik.domain.content.rollup import InputLine, Rollup
from birlik.domain.content.vat import VatTreatment
from birlik.domain.members import Certificate, Member
from birlik.domain.products import Product


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    value: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class Draft:
    form: str  # "ct_kz" or "ct_1"
    reference: str
    on: date
    sections: tuple[Section, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]


def amount(value: Decimal) -> str:
    return f"{value:,.2f}"


def percent(share: Decimal) -> str:
    return f"{share * 100:.2f} %"


def _member_fields(member: Member) -> tuple[Field, ...]:
    record = f"member registry, BIN {member.bin}"
    return (
        Field("name", f"{member.legal_form} «{member.name}»", record),
        Field("bin", member.bin, record),
        Field("address", f"{member.city.name}, {member.city.region}, {member.city.country}", record),
    )


def _product_fields(product: Product) -> tuple[Field, ...]:
    record = f"catalogue, product {product.sku}"
    return (
        Field("product", f"{product.names.ru or product.names.en} / {product.names.en}", record),
        Field("sku", product.sku, record),
        Field("hs_code", str(product.hs_code), record),
        Field("unit", product.unit.value, record),
    )


def _tree(rollup: Rollup, depth: int = 0) -> Iterator[tuple[int, InputLine]]:
    for line in rollup.inputs:
        yield depth, line
        if line.detail is not None:
            yield from _tree(line.detail, depth + 1)


def _qty(line: InputLine) -> str:
    return f"{line.quantity.normalize():f} {line.unit.value}" if line.unit else "—"


def ct_kz_draft(share: GoodShare, declared: Certificate | None, sourcing_notes: list[str]) -> Draft:
    r = share.rollup
    calc = (
        Field("method", METHOD_BASIS[share.method], "facts.md §1.4"),
        Field("cost", amount(share.cost), r.cost_source),
        Field("profit", amount(share.profit), "profit margin given for the ex-works rule"),
        Field("vat", f"{amount(share.vat)} ({percent(share.vat_rate)})", "dated VAT table, facts.md §6"),
        Field("denominator", amount(share.denominator), "cost + profit + VAT"),
        Field("foreign", amount(share.foreign), "Σ foreign inputs of the table"),
        Field("share", f"{percent(share.share)} ({share.share:.6f})", "1 − foreign / denominator"),
    )
    stated: tuple[Field, ...]
    if declared is None:
        stated = (Field("declared", "—", "no CT-KZ for this good in the member's record"),)
    else:
        stated = (
            Field(
                "declared", percent(declared.local_content_share or Decimal(0)), f"CT-KZ {declared.number}"
            ),
            Field("validity", f"{declared.valid_from} … {declared.valid_to}", f"CT-KZ {declared.number}"),
        )
    rows = tuple(
        (
            f"{'· ' * depth}{line.code}",
            _qty(line),
            amount(line.unit_cost),
            amount(line.cost),
            line.origin_country,
            amount(line.foreign_cost) if depth == 0 else "",
            percent(share.contribution(line)) if depth == 0 else "",
            line.source,
        )
        for depth, line in _tree(r)
    )
    return Draft(
        "ct_kz",
        f"CT-KZ draft {r.product.sku} / {r.member.bin} / {r.on.isoformat()}",
        r.on,
        (
            Section("applicant", _member_fields(r.member)),
            Section("goods", _product_fields(r.product)),
            Section("calculation", calc),
            Section("declared_certificate", stated),
        ),
        ("input", "quantity", "unit_cost", "cost", "origin", "foreign", "takes_off", "source"),
        rows,
        (
            *sourcing_notes,
            "Rows with · are the made inputs' own inputs at their makers (how their origin was decided).",
        ),
    )


@dataclass(frozen=True, slots=True)
class Shipment:
    """What a CT-1 names besides origin: the consignee, the invoice and the quantity."""

    order_number: str
    line_number: int
    consignee: str
    destination: str  # "City, COUNTRY"
    quantity: Decimal
    unit_price: str
    invoice: Conversion
    vat: VatTreatment
    quantity_source: str


def ct1_draft(rollup: Rollup, verdict: OriginVerdict, shipment: Shipment) -> Draft:
    rule = verdict.rule
    origin = (
        Field("country_of_origin", verdict.country, "origin verdict"),
        Field("criterion", verdict.criterion.value, rule.label if rule else "no foreign inputs"),
        Field("rule_source", rule.source if rule else "—", "origin rule table"),
        Field("reason", verdict.reason, "origin verdict"),
        Field("ex_works_price", amount(verdict.ex_works_price), rollup.cost_source),
        Field(
            "foreign", f"{amount(verdict.foreign_value)} ({percent(verdict.foreign_share)})", "table below"
        ),
    )
    order = f"order {shipment.order_number}, line {shipment.line_number}"
    invoice = (
        Field("order", f"{shipment.order_number} / {shipment.line_number}", order),
        Field(
            "quantity",
            f"{shipment.quantity.normalize():f} {rollup.product.unit.value}",
            shipment.quantity_source,
        ),
        Field("unit_price", shipment.unit_price, order),
        Field("invoice_value", str(shipment.invoice.original), f"{order}: unit price × quantity"),
        Field("invoice_kzt", str(shipment.invoice.result), shipment.invoice.describe()),
        Field("vat", percent(shipment.vat.rate), shipment.vat.reason),
    )
    rows = tuple(
        (
            line.code,
            str(line.hs_code) if line.hs_code else "—",
            line.origin_country,
            "yes" if line.originating else "no",
            amount(line.cost),
            line.source,
        )
        for line in rollup.inputs
        if line.hs_code is not None or not line.originating
    )
    return Draft(
        "ct_1",
        f"CT-1 draft {shipment.order_number}/{shipment.line_number} / {rollup.member.bin}"
        f" / {rollup.on.isoformat()}",
        rollup.on,
        (
            Section("exporter", _member_fields(rollup.member)),
            Section(
                "consignee",
                (Field("name", shipment.consignee, order), Field("address", shipment.destination, order)),
            ),
            Section("goods", _product_fields(rollup.product)),
            Section("origin", origin),
            Section("invoice", invoice),
        ),
        ("input", "hs_code", "origin", "originating", "value", "source"),
        rows,
        () if rule is None or rule.confirmed else (f"The rule applied is an assumption: {rule.source}.",),
    )


def draft_to_json(draft: Draft) -> dict[str, Any]:
    return {
        "schema": f"birlik.{draft.form}-draft/1",
        "reference": draft.reference,
        "date": draft.on.isoformat(),
        "sections": {
            s.key: [{"field": f.key, "value": f.value, "source": f.source} for f in s.fields]
            for s in draft.sections
        },
        "table": {"columns": list(draft.columns), "rows": [list(r) for r in draft.rows]},
        "notes": list(draft.notes),
    }
