"""The dashboard's view-model: the consortium's figures (`services.figures`) shaped for its charts.

The numbers are the service's — the same basis plan and the same rule of what counts as the API's
consortium report and the results report — so this module only arranges them: value by family as
one row per family and a column per month of the plan, utilisation as heat-map rows. The coordinator's
utilisation is by member; anyone else's is by product family (an analyst never reads a member's
record), and rows without any load are left out to keep the map readable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from birlik.services.access import Principal, Role
from birlik.services.figures import consortium_figures
from birlik.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class OrderShare:
    order: str
    value_kzt: float
    lc_share: float | None
    lc_floor: float
    met: bool


@dataclass
class Figures:
    """What the dashboard draws; `plan_id` None when there is no plan yet, `approved` False for a draft."""

    plan_id: int | None = None
    approved: bool = False
    status: str = ""
    months: list[str] = field(default_factory=list)
    total_kzt: float = 0.0
    export_kzt: float = 0.0
    lc_share: float | None = None
    members_involved: int = 0
    value_by_family: dict[str, list[float]] = field(default_factory=dict)  # family → per month, KZT
    utilisation_rows: list[str] = field(default_factory=list)
    utilisation: list[list[float | None]] = field(default_factory=list)
    orders: list[OrderShare] = field(default_factory=list)
    exports: dict[str, float] = field(default_factory=dict)  # country → KZT


def dashboard_figures(uow: UnitOfWork, principal: Principal, today: date) -> Figures:
    found = consortium_figures(uow, principal, today)
    if found is None:
        return Figures()
    months = list(found.months)
    column = {m: i for i, m in enumerate(months)}
    figures = Figures(
        plan_id=found.basis.plan_id,
        approved=found.basis.approved,
        status=found.basis.status,
        months=months,
        total_kzt=found.totals.value_kzt,
        export_kzt=found.totals.export_value_kzt,
        lc_share=found.totals.lc_share,
        members_involved=found.totals.members_involved,
        orders=[
            OrderShare(o.order, o.value_kzt, o.lc_share, o.lc_floor, o.lc_floor_met) for o in found.orders
        ],
        exports={e.country: e.value_kzt for e in found.exports},
    )
    for v in found.volumes:
        figures.value_by_family.setdefault(v.family, [0.0] * len(months))[column[v.month]] += v.value_kzt
    if principal.role is Role.COORDINATOR:
        cells: Iterable[tuple[str, str, float, float]] = (
            (f"{u.member[:28]} · {u.family}", u.month, u.capacity, u.load)
            for u in found.utilisation_by_member
        )
    else:
        cells = ((f"{u.family} ({u.unit})", u.month, u.capacity, u.load) for u in found.utilisation)
    _heat_map(figures, cells)
    return figures


def _heat_map(figures: Figures, cells: Iterable[tuple[str, str, float, float]]) -> None:
    """Load over capacity per row and month, capacities of a row added up first."""
    column = {m: i for i, m in enumerate(figures.months)}
    sums: dict[str, list[list[float]]] = defaultdict(lambda: [[0.0, 0.0] for _ in figures.months])
    for label, month, capacity, load in cells:
        sums[label][column[month]][0] += capacity
        sums[label][column[month]][1] += load
    for label in sorted(sums):
        if not any(used > 0 for _, used in sums[label]):
            continue
        figures.utilisation_rows.append(label)
        figures.utilisation.append([used / cap if cap > 0 else None for cap, used in sums[label]])
