"""The consortium's figures, computed once for every place that shows them.

Volumes, value by family and month, exports by country, the local-content share, members with work,
capacity utilisation and each order's local content are read in three places — the results report
(`birlik report`, xlsx and PDF, through `results.period_results`), the web dashboard and the API's
consortium report — and a coordinator comparing them must see the same numbers. So two rules hold
here, and nowhere else:

- **The basis** (`basis_plan`): the approved plan; while none is approved, the latest draft, and every
  output carries the basis so it can say "draft". Superseded and discarded plans are never a basis: a
  discarded draft is one the coordinator turned down, and a superseded plan is history.
- **What counts**: an order counts when the caller's `Scope.counts_in_aggregates` says so — a
  confidential (defense) order only for a cleared caller who may see it, and never in a copy made for
  circulation (`Scope.for_circulation`). An order that does not count adds nothing to any figure: not
  its value, its country, its delivery, nor the capacity it takes (a defense order's load on a family
  in a month is enough to guess it). Figures of a single member (its value, costs, utilisation) are
  given only for members whose costs and capacities the caller may read (`sees_member_costs`).

Figures are rounded here, once (money to 0.01 KZT, quantities to 0.001, shares to 0.0001), so every
caller shows the same digits. Months are "YYYY-MM"; shares are fractions 0..1 or None when nothing
is there to divide.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from birlik.domain.calendar import Month, months_between
from birlik.domain.errors import InvalidValue
from birlik.domain.orders import Order
from birlik.domain.plans import Plan, PlanStatus
from birlik.services.access import Capability, Principal, Scope, require, scope_of, sees_member_costs
from birlik.services.unit_of_work import UnitOfWork

HOME_COUNTRY = "KZ"
_EPSILON = 1e-6


def share(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator > _EPSILON else None


@dataclass(frozen=True)
class Basis:
    """Which plan the figures come from; `approved` False means a draft, and the outputs say so."""

    plan_id: int
    status: str
    approved: bool
    created_at: str  # "YYYY-MM-DDTHH:MM"


@dataclass(frozen=True)
class Totals:
    value_kzt: float
    export_value_kzt: float
    export_share: float | None
    lc_share: float | None
    members_involved: int
    lines_due: int


@dataclass(frozen=True)
class Volume:
    family: str
    unit: str
    month: str
    quantity: float
    value_kzt: float


@dataclass(frozen=True)
class Export:
    country: str
    value_kzt: float
    orders: int


@dataclass(frozen=True)
class MonthShare:
    month: str
    value_kzt: float
    lc_share: float | None


@dataclass(frozen=True)
class Utilisation:
    """Load over capacity of one product family in one month, over capacities declared in `unit`."""

    family: str
    unit: str
    month: str
    capacity: float
    load: float
    utilisation: float | None


@dataclass(frozen=True)
class MemberUtilisation:
    member_bin: str
    member: str
    family: str
    unit: str
    month: str
    capacity: float
    load: float
    utilisation: float | None


@dataclass(frozen=True)
class MemberFigures:
    bin: str
    name: str
    value_kzt: float
    cost_kzt: float
    assignments: int
    lc_share: float | None
    share_of_total: float | None


@dataclass(frozen=True)
class OrderFigures:
    """An order with a line due in the period; the number is for the caller's eyes (it counts for them)."""

    order: str
    confidential: bool
    buyer: str | None
    country: str | None
    value_kzt: float
    lc_share: float | None
    lc_floor: float
    lc_floor_met: bool


@dataclass(frozen=True)
class OrderDelivery:
    order: str
    confidential: bool
    on_time: int
    late: int
    short: int


@dataclass(frozen=True)
class Delivery:
    """Lines due in the period: made in full by the due month, made late, or left short."""

    on_time: int
    late: int
    short: int
    by_order: tuple[OrderDelivery, ...]


@dataclass(frozen=True)
class ConsortiumFigures:
    basis: Basis
    months: tuple[str, ...]
    totals: Totals
    volumes: tuple[Volume, ...]  # by (family, unit, month)
    members: tuple[MemberFigures, ...]  # largest first; only members the caller may read
    exports: tuple[Export, ...]  # largest first
    orders: tuple[OrderFigures, ...]
    lc_trend: tuple[MonthShare, ...]  # one per month of the period
    utilisation: tuple[Utilisation, ...]  # by (family, unit, month)
    utilisation_by_member: tuple[MemberUtilisation, ...]  # only members the caller may read
    delivery: Delivery
    assignments_by_status: dict[str, int]


def basis_plan(uow: UnitOfWork) -> Plan | None:
    """The plan every consortium figure comes from (call inside an open unit of work)."""
    return uow.plans.latest(PlanStatus.APPROVED) or uow.plans.latest(PlanStatus.DRAFT)


def consortium_figures(
    uow: UnitOfWork,
    principal: Principal,
    today: date,
    window: tuple[Month, Month] | None = None,
    *,
    circulated: bool = False,
) -> ConsortiumFigures | None:
    """The figures `principal` may read for the months of `window` (the plan's horizon when None);
    None while there is no plan. `circulated`: for a document that leaves the consortium."""
    require(principal, Capability.READ_REPORTS)
    with uow:
        scope = scope_of(uow, principal, today)
        return figures_within(uow, scope.for_circulation() if circulated else scope, window)


def figures_within(
    uow: UnitOfWork, scope: Scope, window: tuple[Month, Month] | None = None
) -> ConsortiumFigures | None:
    """`consortium_figures` inside an open unit of work, for a use case reading more in the same one."""
    plan = basis_plan(uow)
    if plan is None:
        return None
    if not plan.summary:
        raise InvalidValue("plan", plan.id, "the plan has no stored report; plan again")
    report: dict[str, Any] = json.loads(plan.summary)
    registry = _Registry(
        orders={o.number: o for o in uow.orders.list()},
        buyers={b.code: b.name for b in uow.buyers.list()},
        members={m.bin: m.name for m in uow.members.list()},
        products={sku: (p.family.value, p.unit.value) for sku, p in uow.catalogue.load().products.items()},
    )
    if window is None:
        window = (Month.parse(report["plan"]["horizon"][0]), Month.parse(report["plan"]["horizon"][1]))
    first, last = window
    months = tuple(str(m) for m in months_between(first, last))
    return _figures(plan, report, registry, scope, months)


@dataclass
class _Sum:
    """A running sum of value, its local-content part, one more amount (cost, quantity) and orders."""

    value: float = 0.0
    lc: float = 0.0
    amount: float = 0.0
    count: int = 0
    orders: set[str] = field(default_factory=set)

    def add(self, value: float, lc: float = 0.0, *, amount: float = 0.0, order: str | None = None) -> None:
        self.value += value
        self.lc += lc
        self.amount += amount
        self.count += 1
        if order is not None:
            self.orders.add(order)


@dataclass(frozen=True)
class _Registry:
    orders: dict[str, Order]
    buyers: dict[str, str]  # code → name
    members: dict[str, str]  # BIN → name
    products: dict[str, tuple[str, str]]  # SKU → (family, unit)


def _figures(
    plan: Plan, report: dict[str, Any], registry: _Registry, scope: Scope, months: tuple[str, ...]
) -> ConsortiumFigures:
    # An order the registry no longer knows cannot be judged by the policy, so it does not count.
    counted = {n for n, o in registry.orders.items() if scope.counts_in_aggregates(o)}
    inside = set(months)
    price = {
        (x["order"], x["line"]): float(x["unit_price_kzt"]) for x in report["lines"] if x["order"] in counted
    }
    mine = [a for a in report["assignments"] if a["order"] in counted]
    names = {a["member_bin"]: a["member"] for a in mine} | registry.members
    volumes: dict[tuple[str, str, str], _Sum] = defaultdict(_Sum)  # quantity in `amount`
    members: dict[str, _Sum] = defaultdict(_Sum)
    exports: dict[str, _Sum] = defaultdict(_Sum)
    trend: dict[str, _Sum] = defaultdict(_Sum)
    load: dict[tuple[str, str, str], float] = defaultdict(float)  # (member, family, month)
    for a in mine:
        if a["month"] not in inside:
            continue
        value = float(a["quantity"]) * price[(a["order"], a["line"])]
        lc = value * float(a["lc_share"])
        family, unit = registry.products.get(a["product"], ("", ""))
        volumes[(family, unit, a["month"])].add(value, amount=float(a["quantity"]))
        members[a["member_bin"]].add(value, lc, amount=float(a["cost"]))
        trend[a["month"]].add(value, lc)
        load[(a["member_bin"], family, a["month"])] += float(a["capacity_used"])
        country = registry.orders[a["order"]].destination.country
        if country != HOME_COUNTRY:
            exports[country].add(value, order=a["order"])
    total = sum(m.value for m in members.values())
    exported = sum(e.value for e in exports.values())
    delivery = _delivery(report, counted, inside, registry.orders)
    return ConsortiumFigures(
        basis=Basis(
            plan_id=plan.id or 0,
            status=plan.status.value,
            approved=plan.status is PlanStatus.APPROVED,
            created_at=plan.created_at.isoformat(timespec="minutes"),
        ),
        months=months,
        totals=Totals(
            value_kzt=round(total, 2),
            export_value_kzt=round(exported, 2),
            export_share=share(exported, total),
            lc_share=share(sum(m.lc for m in members.values()), total),
            members_involved=len(members),
            lines_due=delivery.on_time + delivery.late + delivery.short,
        ),
        volumes=tuple(
            Volume(f, u, mo, round(s.amount, 3), round(s.value, 2))
            for (f, u, mo), s in sorted(volumes.items(), key=lambda item: item[0])
        ),
        members=tuple(
            MemberFigures(
                bin_,
                names.get(bin_, bin_),
                round(m.value, 2),
                round(m.amount, 2),
                m.count,
                share(m.lc, m.value),
                share(m.value, total),
            )
            for bin_, m in sorted(members.items(), key=lambda item: -item[1].value)
            if sees_member_costs(scope.principal, bin_)
        ),
        exports=tuple(
            Export(country, round(e.value, 2), len(e.orders))
            for country, e in sorted(exports.items(), key=lambda item: -item[1].value)
        ),
        orders=_orders(report, counted, inside, registry),
        lc_trend=tuple(
            MonthShare(mo, round(trend[mo].value, 2), share(trend[mo].lc, trend[mo].value)) for mo in months
        ),
        utilisation=_utilisation(report["capacity"], load, inside),
        utilisation_by_member=tuple(
            MemberUtilisation(c["member_bin"], names.get(c["member_bin"], c["member_bin"]), *_cell(c, load))
            for c in report["capacity"]
            if c["month"] in inside and sees_member_costs(scope.principal, c["member_bin"])
        ),
        delivery=delivery,
        assignments_by_status=dict(
            Counter(
                a.status.value
                for a in plan.assignments
                if a.order_number in counted and str(a.month) in inside
            )
        ),
    )


def _cell(
    c: dict[str, Any], load: dict[tuple[str, str, str], float]
) -> tuple[str, str, str, float, float, float | None]:
    used = load.get((c["member_bin"], c["family"], c["month"]), 0.0)
    capacity = float(c["capacity"])
    return c["family"], c["unit"], c["month"], round(capacity, 3), round(used, 3), share(used, capacity)


def _utilisation(
    capacity: list[dict[str, Any]], load: dict[tuple[str, str, str], float], inside: set[str]
) -> tuple[Utilisation, ...]:
    """By family and month, adding up only capacities declared in the same unit."""
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for c in capacity:
        if c["month"] in inside:
            entry = sums[(c["family"], c["unit"], c["month"])]
            entry[0] += float(c["capacity"])
            entry[1] += load.get((c["member_bin"], c["family"], c["month"]), 0.0)
    return tuple(
        Utilisation(f, u, mo, round(cap, 3), round(used, 3), share(used, cap))
        for (f, u, mo), (cap, used) in sorted(sums.items())
    )


def _orders(
    report: dict[str, Any], counted: set[str], inside: set[str], registry: _Registry
) -> tuple[OrderFigures, ...]:
    due = {x["order"] for x in report["lines"] if x["order"] in counted and x["due"] in inside}
    result = []
    for o in report["orders"]:
        if o["order"] not in due:
            continue
        order = registry.orders[o["order"]]
        result.append(
            OrderFigures(
                order=order.number,
                confidential=order.confidential,
                buyer=registry.buyers.get(order.buyer_code),
                country=order.destination.country,
                value_kzt=float(o["value_kzt"]),
                lc_share=None if o["lc_share"] is None else float(o["lc_share"]),
                lc_floor=float(o["lc_floor"]),
                lc_floor_met=bool(o["lc_floor_met"]),
            )
        )
    return tuple(result)


def _delivery(
    report: dict[str, Any], counted: set[str], inside: set[str], orders: dict[str, Order]
) -> Delivery:
    late_lines = {(a["order"], a["line"]) for a in report["assignments"] if a["months_late"] > 0}
    totals: Counter[str] = Counter()
    by_order: dict[str, Counter[str]] = {}
    for line in report["lines"]:
        if line["order"] not in counted or line["due"] not in inside:
            continue
        key = (line["order"], line["line"])
        outcome = "short" if line["short"] > _EPSILON else "late" if key in late_lines else "on_time"
        totals[outcome] += 1
        by_order.setdefault(line["order"], Counter())[outcome] += 1
    return Delivery(
        on_time=totals["on_time"],
        late=totals["late"],
        short=totals["short"],
        by_order=tuple(
            OrderDelivery(n, orders[n].confidential, c["on_time"], c["late"], c["short"])
            for n, c in by_order.items()
        ),
    )
