"""The consortium's results for a period, as the results report (xlsx, PDF) lays them out.

The figures are `services.figures`' — the same basis plan (the approved one, else the latest draft,
which `basis` names) and the same rule of what counts as on the dashboard and in the API — arranged
for one window of months. Money is in KZT at the plan's conversion of each line's price; months are
"YYYY-MM"; shares are fractions 0..1. The layout (schema "birlik.results/1") is what the xlsx and PDF
reports read, and what an API can return as it is: add keys, never rename them.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.services.access import Principal, Role
from birlik.services.figures import consortium_figures
from birlik.services.unit_of_work import UnitOfWork

SCHEMA = "birlik.results/1"

CONSOLE = Principal(user_id=0, username="console", role=Role.COORDINATOR)
"""Who makes the report with `birlik report`: whoever holds the database URL, the coordinator's office."""


def period_results(
    uow: UnitOfWork, first: Month, last: Month, *, include_confidential: bool = False
) -> dict[str, Any]:
    """Volumes, members, exports, local content, utilisation and delivery for the months first..last.

    The report is made to be circulated (round tables, the ministry), so it is computed in the
    coordinator's scope made for circulation, which counts no confidential (defense) order in any
    figure — capacity utilisation included — unless the coordinator asks for an internal copy.
    Confidential orders in an internal copy are listed without number or buyer: the copy is printed.
    """
    if last < first:
        raise InvalidValue("--to", str(last), f"is before --from {first}")
    today = datetime.now(UTC).date()
    figures = consortium_figures(uow, CONSOLE, today, (first, last), circulated=not include_confidential)
    if figures is None:
        raise InvalidValue("plan", "none", "there is no plan yet: run `birlik plan` first")
    return {
        "schema": SCHEMA,
        "period": {"from": str(first), "to": str(last), "months": list(figures.months)},
        "basis": {**asdict(figures.basis), "confidential_included": include_confidential},
        "totals": asdict(figures.totals),
        "volumes": [asdict(v) for v in figures.volumes],
        "members": [asdict(m) for m in figures.members],
        "exports": [asdict(e) for e in figures.exports],
        "contracts": [
            {
                **asdict(c),
                "order": None if c.confidential else c.order,
                "buyer": None if c.confidential else c.buyer,
            }
            for c in figures.orders
        ],
        "lc_trend": [asdict(t) for t in figures.lc_trend],
        "utilisation": [asdict(u) for u in figures.utilisation],
        "delivery": {
            "on_time": figures.delivery.on_time,
            "late": figures.delivery.late,
            "short": figures.delivery.short,
            "by_order": [
                {
                    "order": None if d.confidential else d.order,
                    "on_time": d.on_time,
                    "late": d.late,
                    "short": d.short,
                }
                for d in figures.delivery.by_order
            ],
        },
    }
