"""The registry written as filled templates: what `birlik import` reads back to the same records."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from birlik.adapters.excel.sheets import SPECS, TEMPLATES, SheetKind
from birlik.adapters.excel.snapshot import RegistrySnapshot
from birlik.adapters.excel.template import instructions_sheet
from birlik.adapters.excel.workbook import ListsSheet, table_sheet
from birlik.domain.buyers import Buyer
from birlik.domain.geography import City
from birlik.domain.members import Member
from birlik.domain.orders import Order
from birlik.domain.products import Catalogue

Row = dict[str, object]


def _place(city: City, key: str = "city") -> Row:
    return {
        key: city.name,
        "region": city.region,
        "country": city.country,
        "latitude": city.latitude,
        "longitude": city.longitude,
    }


def _member_rows(members: Sequence[Member]) -> dict[SheetKind, list[Row]]:
    rows: dict[SheetKind, list[Row]] = {
        k: [] for k in (SheetKind.MEMBERS, SheetKind.CAPACITIES, SheetKind.UNIT_COSTS, SheetKind.CERTIFICATES)
    }
    for m in members:
        rows[SheetKind.MEMBERS].append(
            {
                "bin": m.bin,
                "name": m.name,
                "legal_form": m.legal_form,
                **_place(m.city),
                "processes": m.processes,
                "active": m.active,
            }
        )
        for c in m.capacities:
            rows[SheetKind.CAPACITIES].append(
                {
                    "bin": m.bin,
                    "family": c.family,
                    "monthly": c.monthly,
                    "unit": c.unit,
                    "use_rate": c.use_rate,
                }
            )
        for sku, cost in sorted(m.unit_costs.items()):
            rows[SheetKind.UNIT_COSTS].append(
                {"bin": m.bin, "sku": sku, "cost": cost.amount, "currency": cost.currency}
            )
        for cert in m.certificates:
            rows[SheetKind.CERTIFICATES].append(
                {
                    "bin": m.bin,
                    "certificate": cert.kind,
                    "number": cert.number,
                    "valid_from": cert.valid_from,
                    "valid_to": cert.valid_to,
                    "sku": cert.product_sku,
                    "lc_share": cert.local_content_share,
                }
            )
    return rows


def _catalogue_rows(catalogue: Catalogue) -> dict[SheetKind, list[Row]]:
    materials: list[Row] = [
        {
            "code": m.code,
            "name_en": m.names.en,
            "name_ru": m.names.ru,
            "name_kk": m.names.kk,
            "unit": m.unit,
            "origin": m.origin_country,
            "price": m.price.amount,
            "currency": m.price.currency,
            "substitutes_for": m.substitutes_for,
            "hs_code": m.hs_code,
            "wholly_obtained": m.wholly_obtained,
        }
        for m in catalogue.materials.values()
    ]
    products: list[Row] = []
    bom: list[Row] = []
    for p in catalogue.products.values():
        products.append(
            {
                "sku": p.sku,
                "name_en": p.names.en,
                "name_ru": p.names.ru,
                "name_kk": p.names.kk,
                "hs_code": p.hs_code,
                "unit": p.unit,
                "family": p.family,
                "process": p.process,
            }
        )
        bom.extend(
            {
                "parent": p.sku,
                "component_kind": line.kind,
                "component": line.component,
                "quantity": line.quantity,
            }
            for line in p.bom
        )
    return {SheetKind.MATERIALS: materials, SheetKind.PRODUCTS: products, SheetKind.BOM: bom}


def _order_rows(buyers: Sequence[Buyer], orders: Sequence[Order]) -> dict[SheetKind, list[Row]]:
    buyer_rows: list[Row] = [
        {"buyer_code": b.code, "name": b.name, "buyer_kind": b.kind, **_place(b.city)} for b in buyers
    ]
    order_rows: list[Row] = []
    line_rows: list[Row] = []
    for o in orders:
        order_rows.append(
            {
                "order": o.number,
                "buyer_code": o.buyer_code,
                **_place(o.destination, "destination"),
                "currency": o.currency,
                "release": o.release,
                "min_lc": o.min_local_content,
                "required": o.required_certificates,
                "confidential": o.confidential,
                "status": o.status,
            }
        )
        line_rows.extend(
            {
                "order": o.number,
                "line": line.number,
                "sku": line.product_sku,
                "quantity": line.quantity.amount,
                "unit": line.quantity.unit,
                "due": line.due,
                "unit_price": line.unit_price.amount,
            }
            for line in o.lines
        )
    return {SheetKind.BUYERS: buyer_rows, SheetKind.ORDERS: order_rows, SheetKind.ORDER_LINES: line_rows}


def registry_rows(snapshot: RegistrySnapshot) -> dict[SheetKind, list[Row]]:
    rates: list[Row] = [
        {"currency": r.currency, "valid_from": r.valid_from, "kzt_per_unit": r.kzt_per_unit}
        for r in snapshot.rates
    ]
    return {
        **_member_rows(snapshot.members),
        **_catalogue_rows(snapshot.catalogue),
        **_order_rows(snapshot.buyers, snapshot.orders),
        SheetKind.RATES: rates,
    }


def registry_workbook(
    rows: dict[SheetKind, list[Row]], kinds: Sequence[SheetKind], title: str, language: str
) -> Workbook:
    book = Workbook()
    book.remove(book.worksheets[0])
    instructions_sheet(book, tuple(kinds), title, language)
    lists = ListsSheet(book)
    for kind in kinds:
        table_sheet(book, SPECS[kind], rows[kind], lists)
    book.move_sheet(lists.sheet, offset=len(book.sheetnames))
    book.active = 1
    return book


def write_registry(snapshot: RegistrySnapshot, target: Path, language: str = "ru") -> list[Path]:
    """One workbook with every sheet when `target` ends in .xlsx, else one file per template in a folder."""
    rows = registry_rows(snapshot)
    if target.suffix.lower() == ".xlsx":
        every = [kind for template in TEMPLATES.values() for kind in template]
        registry_workbook(rows, every, "registry", language).save(target)
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kinds in TEMPLATES.items():
        path = target / f"{name}.xlsx"
        registry_workbook(rows, kinds, name, language).save(path)
        written.append(path)
    return written
