"""An order's delivery schedule from the plan, as far as the caller may see it.

Each role reads it through the API's own read use cases, so the page shows what the API would:
the coordinator reads the basis plan's report (assignments with members, shortfalls with reasons,
local content against the floor; for a plan made with stages also the share by the CT-KZ on file, from
the same `reads_content` a buyer reads); a buyer reads its order's local content (`reads_content`), which
lists months and quantities without members; a member reads its own assignments on the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from birlik.bootstrap import App
from birlik.domain.errors import NotFound
from birlik.services import reads_content, reads_plans
from birlik.services.access import Principal, Role
from birlik.services.reads import MAX_PAGE, PageRequest


@dataclass(frozen=True)
class Delivery:
    line: int
    month: str | None  # None: not planned
    quantity: Decimal
    member: str = ""
    lc_share: Decimal | None = None
    months_late: int = 0
    status: str = ""


@dataclass
class Schedule:
    plan_id: int | None = None
    plan_status: str = ""
    deliveries: list[Delivery] = field(default_factory=list)
    shortfalls: list[dict[str, Any]] = field(default_factory=list)
    lc_share: Decimal | None = None
    lc_floor: Decimal | None = None
    lc_met: bool | None = None
    shows_shortfalls: bool = False
    lc_share_on_file: Decimal | None = None  # a plan made with stages: КСт by the CT-KZ on file
    new_ct_kz: int = 0  # deliveries whose share counted no CT-KZ on file states


def _basis_plan(birlik: App, principal: Principal, today: date) -> int | None:
    for status in ("approved", None):
        found, _ = reads_plans.plans(birlik.uow(), principal, today, PageRequest(0, 1), status=status)
        if found:
            return found[0].id
    return None


def _from_plan(birlik: App, principal: Principal, today: date, number: str) -> Schedule:
    plan_id = _basis_plan(birlik, principal, today)
    if plan_id is None:
        return Schedule(shows_shortfalls=True)
    found, _ = reads_plans.plan(birlik.uow(), principal, today, plan_id)
    report = found.report
    mine = [a for a in report.get("assignments", []) if a["order"] == number]
    schedule = Schedule(
        plan_id=plan_id,
        plan_status=found.plan.status,
        deliveries=[
            Delivery(
                a["line"],
                a["month"],
                Decimal(str(a["quantity"])),
                a["member"],
                Decimal(str(a["lc_share"])),
                int(a["months_late"]),
            )
            for a in sorted(mine, key=lambda a: (a["line"], a["month"], a["member"]))
        ],
        shortfalls=[s for s in report.get("shortfalls", []) if s["order"] == number],
        shows_shortfalls=True,
    )
    for row in report.get("orders", []):
        if row["order"] == number:
            schedule.lc_share = None if row["lc_share"] is None else Decimal(str(row["lc_share"]))
            schedule.lc_floor = Decimal(str(row["lc_floor"]))
            schedule.lc_met = bool(row["lc_floor_met"])
    if report.get("stages"):  # its shares count the planned cloth: show the certificates' figure too
        _add_on_file(schedule, reads_content.order_content(birlik.uow(), principal, today, number, plan_id))
    return schedule


def _add_on_file(schedule: Schedule, content: reads_content.OrderContentRecord) -> None:
    schedule.lc_share_on_file = content.share_on_file
    schedule.new_ct_kz = sum(1 for i in content.items if i.new_ct_kz)


def _from_content(birlik: App, principal: Principal, today: date, number: str) -> Schedule:
    content = reads_content.order_content(birlik.uow(), principal, today, number, None)
    schedule = Schedule(
        plan_id=content.plan_id,
        deliveries=[Delivery(i.line, i.month, i.quantity, lc_share=i.share) for i in content.items],
        lc_share=content.share,
        lc_floor=content.floor,
        lc_met=content.floor_met,
    )
    _add_on_file(schedule, content)
    return schedule


def _from_assignments(birlik: App, principal: Principal, today: date, number: str) -> Schedule:
    found, _ = reads_plans.assignments(
        birlik.uow(), principal, today, PageRequest(0, MAX_PAGE), order_number=number
    )
    current = [a for a in found if a.plan_status == "approved"] or found
    return Schedule(
        plan_id=current[0].plan_id if current else None,
        plan_status=current[0].plan_status if current else "",
        deliveries=[
            Delivery(a.line_number, a.month, a.quantity, a.member_bin, a.local_content_share, status=a.status)
            for a in sorted(current, key=lambda a: (a.line_number, a.month))
        ],
    )


def order_schedule(birlik: App, principal: Principal, today: date, number: str) -> Schedule:
    """Call after the order itself was read (so NotFound has been raised for out-of-scope orders)."""
    match principal.role:
        case Role.COORDINATOR:
            return _from_plan(birlik, principal, today, number)
        case Role.BUYER:
            try:
                return _from_content(birlik, principal, today, number)
            except NotFound:
                return Schedule()
        case Role.MEMBER:
            return _from_assignments(birlik, principal, today, number)
        case _:
            return Schedule()
