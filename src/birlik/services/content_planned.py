"""The cloth a multi-stage plan chose for each sewing assignment, and the share the good has with it.

A plan made with stages sews a good with member-made cloth, with an imported stand-in, or partly with
each, and counts each unit at the share of the good made that way. The contract's local content of that
plan counts the same goods as planned: it reads the sourcing back from the plan's stored report
(``docs/plan-schema.md``: ``assignments[].cloth`` and ``member_cloth_units``, ``orders[].chain`` for the
mills, ``plan.horizon`` for the day the planner priced on) and takes each source's share from
``birlik.domain.content.share_book``, the computation the planner used. Like the planner, it counts the
share only in the months the sewer holds a CT-KZ for the good (Ki = 0 without one).

A certificate on file states the share of the good as it was made when the expert examined it. Where
the planned sourcing gives another share, the contract can count the planned share only once a new
CT-KZ states it: each such source is flagged, for ``birlik certificate ct-kz … --source``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from birlik.domain.calendar import Month
from birlik.domain.content.contract import CertifiedShare, certificate_states
from birlik.domain.content.share_book import ShareBook
from birlik.domain.content.sourcing import FromMember, Imported, Source
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRates
from birlik.domain.members import Member
from birlik.domain.plans import Plan
from birlik.domain.products import Catalogue
from birlik.domain.vocabulary import CertificateKind

AssignmentKey = tuple[str, int, str, str]  # order number, line, sewer BIN, month "YYYY-MM"


@dataclass(frozen=True)
class StoredCloth:
    """One assignment's cloth as the plan stored it: the units of the good sewn with each source."""

    cloth: str
    parts: tuple[tuple[Source, Decimal], ...]


@dataclass(frozen=True)
class PlanSourcing:
    """A staged plan's cloth per assignment, and the day its shares were rolled up on."""

    day: date
    cloths: dict[AssignmentKey, StoredCloth]


def stored_sourcing(plan: Plan) -> PlanSourcing | None:
    """The plan's cloth sourcing; None for a single-stage plan (its shares are the certificates')."""
    if not plan.summary:
        return None
    try:
        report = json.loads(plan.summary)
    except json.JSONDecodeError:
        raise InvalidValue(f"stored report of plan {plan.id}", plan.summary[:40], "is not JSON") from None
    stages = report.get("stages") if isinstance(report, dict) else None
    if not isinstance(stages, dict) or not stages.get("enabled"):
        return None
    try:
        return _read(report, stages)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise InvalidValue(
            f"stored report of plan {plan.id}", type(error).__name__, "lacks the cloth of its assignments"
        ) from None


def _read(report: dict[str, Any], stages: dict[str, Any]) -> PlanSourcing:
    imports = {c["cloth"]: c["import"] for c in stages["cloths"]}
    mills: dict[AssignmentKey, dict[str, Decimal]] = {}
    material: dict[AssignmentKey, str] = {}
    for order in report["orders"]:
        for entry in order.get("chain", []):
            cloth = entry["cloth"]
            if cloth is None:
                continue
            key = (order["order"], int(entry["line"]), entry["sewer_bin"], entry["month"])
            metres: dict[str, Decimal] = defaultdict(Decimal)
            for flow in cloth["from_members"]:
                metres[flow["mill_bin"]] += Decimal(str(flow["quantity"]))
            mills[key] = dict(metres)
            material[key] = cloth["imported"]["material"]
    cloths: dict[AssignmentKey, StoredCloth] = {}
    for row in report["assignments"]:
        if row.get("cloth") is None:
            continue
        key = (row["order"], int(row["line"]), row["member_bin"], row["month"])
        quantity = Decimal(str(row["quantity"]))
        member_units = Decimal(str(row["member_cloth_units"]))
        parts: list[tuple[Source, Decimal]] = []
        if member_units > 0:
            by_mill = mills.get(key, {})
            total = sum(by_mill.values(), Decimal(0))
            if total <= 0:
                raise ValueError(f"no mill for the member cloth of {key}")
            # a mill's flow is shared among the orders its sewer sews in that month by the cloth each
            # takes (plan-schema.md), so the units follow each mill's part of the metres
            parts += [(FromMember(m), member_units * q / total) for m, q in sorted(by_mill.items())]
        if quantity > member_units:
            parts.append((Imported(material.get(key) or imports[row["cloth"]]), quantity - member_units))
        cloths[key] = StoredCloth(row["cloth"], tuple(parts))
    return PlanSourcing(Month.parse(report["plan"]["horizon"][0]).first_day(), cloths)


@dataclass(frozen=True)
class ClothPart:
    """Units of the good sewn with cloth from one source, the good's share made that way, and whether
    the contract can count that share only with a new CT-KZ (the one on file states another)."""

    source: Source
    units: Decimal
    share: Decimal
    new_ct_kz: bool
    mill: Member | None  # the member making the cloth; None for an import


@dataclass(frozen=True)
class PlannedCloth:
    cloth: str
    parts: tuple[ClothPart, ...]
    day: date  # the roll-ups' day (the plan's), also the day for a CT-KZ draft of the same figure
    counted: bool  # the sewer holds a CT-KZ for the good through the month, so its share counts

    @property
    def share(self) -> Decimal:
        """Ki with the planned sourcing: the parts' shares by units, 0 without a CT-KZ in the month."""
        units = sum((p.units for p in self.parts), Decimal(0))
        if not self.counted or units <= 0:
            return Decimal(0)
        return sum((p.units * p.share for p in self.parts), Decimal(0)) / units

    @property
    def needs_new_ct_kz(self) -> bool:
        return any(p.new_ct_kz for p in self.parts)


def planned_cloth(
    book: ShareBook, stored: StoredCloth, sku: str, sewer: Member, month: Month
) -> PlannedCloth:
    """The stored sourcing with each source's share, rolled up as the planner rolled it up."""
    on_file = [
        c
        for c in sewer.certificates
        if c.kind is CertificateKind.CT_KZ and c.product_sku == sku and c.valid_through(month)
    ]
    parts = []
    for source, units in stored.parts:
        share = book.share(sku, sewer.bin, stored.cloth, source)
        stated = any(certificate_states(c, share) for c in on_file)
        mill = book.members.get(source.bin) if isinstance(source, FromMember) else None
        parts.append(ClothPart(source, units, share, bool(on_file) and not stated, mill))
    return PlannedCloth(stored.cloth, tuple(parts), book.day, bool(on_file))


class PlannedShares:
    """Ki of each assignment of a staged plan with the cloth the plan chose for it."""

    def __init__(self, sourcing: PlanSourcing, book: ShareBook) -> None:
        self.sourcing, self.book = sourcing, book

    def of(
        self,
        order_number: str,
        line_number: int,
        sku: str,
        sewer: Member,
        month: Month,
        on_file: CertifiedShare,
    ) -> tuple[CertifiedShare, PlannedCloth | None]:
        """Ki as the plan counts it, and the cloth behind it; a good without a staged cloth counts its
        certificate, as the planner did."""
        stored = self.sourcing.cloths.get((order_number, line_number, sewer.bin, str(month)))
        if stored is None:
            return on_file, None
        cloth = planned_cloth(self.book, stored, sku, sewer, month)
        note = describe(cloth) if cloth.counted else on_file.note
        return CertifiedShare(cloth.share, on_file.certificate, note), cloth


def planned_shares(
    plan: Plan | None, catalogue: Catalogue, members: Mapping[str, Member], rates: ExchangeRates
) -> PlannedShares | None:
    """The plan's shares with its cloth; None for no plan or a single-stage one."""
    sourcing = None if plan is None else stored_sourcing(plan)
    if sourcing is None:
        return None
    return PlannedShares(sourcing, ShareBook(catalogue, members, rates, sourcing.day))


def describe(cloth: PlannedCloth) -> str:
    """The sourcing in codes and figures only (it is shown in every language as it is)."""
    return "; ".join(
        f"{cloth.cloth} ← {_code(p.source)} × {p.units:,.0f}: {p.share:.2%}" for p in cloth.parts
    )


def _code(source: Source) -> str:
    return source.bin if isinstance(source, FromMember) else source.material_code
