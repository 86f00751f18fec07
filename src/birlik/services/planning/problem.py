"""From the registry to the engine's arrays, and the index that maps positions back to records.

Eligibility is decided here with the domain's rules (process, family, unit cost, certificates month
by month, hand exclusions); the engine only ever sees candidate arcs, one per (line, member), open
from the first to the last eligible month. Where a member's eligible months have a gap, the longest
run is kept. Where its local-content share changes inside the window (a CT-KZ that starts or lapses
for an order that does not require one), the arc carries its first month's share and the engine gets
a sparse override for every month whose share differs, so each month's units count with the share
the member actually has then: neither over- nor understated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np

from birlik.allocation import AllocationProblem
from birlik.allocation.phrases import Phrase, phrase
from birlik.allocation.problem import FloatArray, IntArray
from birlik.domain.calendar import Month, months_between
from birlik.domain.eligibility import Exclusion, Verdict, able_to_make, judge
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRates
from birlik.domain.geography import road_km
from birlik.domain.members import Member
from birlik.domain.orders import Order, OrderLine
from birlik.domain.plans import Assignment
from birlik.domain.products import Catalogue, Product
from birlik.domain.vocabulary import CertificateKind, Family
from birlik.services.planning.options import PlanningOptions


@dataclass(frozen=True)
class PlanningInput:
    """A consistent snapshot of what planning reads, taken in one transaction."""

    members: Sequence[Member]
    catalogue: Catalogue
    orders: Sequence[Order]
    rates: ExchangeRates
    frozen: Sequence[Assignment] = ()


@dataclass
class ProblemIndex:
    """Positions in the engine's arrays ↔ the records they stand for."""

    months: list[Month]
    members: list[Member]
    families: list[Family]
    lines: list[tuple[Order, OrderLine]]
    orders: list[Order]
    line_price_kzt: list[Decimal]
    exclusions: dict[int, list[Phrase]] = field(default_factory=dict)  # line → why members were out

    def month_of(self, index: int) -> Month:
        return self.months[0].plus(index)


def as_planned(order: Order) -> Order:
    """A confidential (defense) order is made only by members cleared for it, whatever it lists."""
    if not order.confidential:
        return order
    return replace(
        order, required_certificates=order.required_certificates | {CertificateKind.DEFENSE_CLEARANCE}
    )


def horizon(orders: Sequence[Order], max_late_months: int) -> list[Month]:
    first = min(o.release for o in orders)
    last = max(line.due for o in orders for line in o.lines).plus(max_late_months)
    return months_between(first, last)


def build_problem(data: PlanningInput, options: PlanningOptions) -> tuple[AllocationProblem, ProblemIndex]:
    if not data.orders:
        raise InvalidValue("orders", "none open", "there is nothing to plan: open an order first")
    months = horizon(data.orders, options.engine.max_late_months)
    members = [m for m in data.members if m.bin not in options.excluded_members]
    families = list(Family)
    lines = [(o, line) for o in data.orders for line in o.lines]
    index = ProblemIndex(
        months=months,
        members=members,
        families=families,
        lines=lines,
        orders=list(data.orders),
        line_price_kzt=[data.rates.to_kzt(line.unit_price, line.due.first_day()) for _, line in lines],
    )
    capacity = np.zeros((len(members), len(families), len(months)))
    for e, member in enumerate(members):
        for cap in member.capacities:
            capacity[e, families.index(cap.family), :] = float(cap.monthly)

    arcs: dict[str, list[float]] = {
        k: [] for k in ("line", "member", "prod", "transport", "use", "k", "first", "last")
    }
    overrides: dict[str, list[float]] = {"arc": [], "month": [], "k": []}
    for li, (order, line) in enumerate(lines):
        product = data.catalogue.product(line.product_sku)
        window = months_between(order.release, line.due.plus(options.engine.max_late_months))
        reasons: list[Phrase] = []
        for e, member in enumerate(members):
            if (order.number, member.bin) in options.excluded_per_order:
                reasons.append(phrase("ex_by_hand", member=member.name, order=order.number))
                continue
            verdict = judge(member, product, as_planned(order), window)
            if not verdict.eligible:
                if member in able_to_make([member], product):
                    reasons.append(exclusion_phrase(member.name, verdict, product))
                continue
            member_capacity = member.capacity_for(product.family)
            assert member_capacity is not None  # judge() requires it
            production = data.rates.to_kzt(member.unit_costs[product.sku], line.due.first_day())
            transport = options.transport.per_unit(product.family, road_km(member.city, order.destination))
            first, last = _longest_run(verdict.eligible_months)
            share = member.local_content_share(product.sku, first)
            for month in months_between(first, last)[1:]:
                month_share = member.local_content_share(product.sku, month)
                if month_share != share:
                    overrides["arc"].append(len(arcs["line"]))
                    overrides["month"].append(month.index - months[0].index)
                    overrides["k"].append(float(month_share))
            arcs["line"].append(li)
            arcs["member"].append(e)
            arcs["prod"].append(float(production))
            arcs["transport"].append(float(transport))
            arcs["use"].append(float(member_capacity.use_rate))
            arcs["k"].append(float(share))
            arcs["first"].append(first.index - months[0].index)
            arcs["last"].append(last.index - months[0].index)
        if not able_to_make(members, product):
            reasons.append(
                phrase(
                    "ex_nobody", process=product.process.value, family=product.family.value, sku=product.sku
                )
            )
        index.exclusions[li] = reasons

    frozen_arc, frozen_month, frozen_qty = _frozen(data.frozen, index, arcs)
    problem = AllocationProblem(
        n_months=len(months),
        capacity=capacity,
        line_qty=_floats([line.quantity.amount for _, line in lines]),
        line_release=_ints([o.release.index - months[0].index for o, _ in lines]),
        line_due=_ints([line.due.index - months[0].index for _, line in lines]),
        line_price=_floats(index.line_price_kzt),
        line_order=_ints([index.orders.index(o) for o, _ in lines]),
        line_family=_ints(
            [families.index(data.catalogue.product(line.product_sku).family) for _, line in lines]
        ),
        order_lc_floor=_floats([o.min_local_content for o in index.orders]),
        arc_line=_ints(arcs["line"]),
        arc_member=_ints(arcs["member"]),
        arc_production_cost=_floats(arcs["prod"]),
        arc_transport_cost=_floats(arcs["transport"]),
        arc_use=_floats(arcs["use"]),
        arc_lc_share=_floats(arcs["k"]),
        arc_first_month=_ints(arcs["first"]),
        arc_last_month=_ints(arcs["last"]),
        frozen_arc=frozen_arc,
        frozen_month=frozen_month,
        frozen_qty=frozen_qty,
        lc_override_arc=_ints(overrides["arc"]),
        lc_override_month=_ints(overrides["month"]),
        lc_override_share=_floats(overrides["k"]),
        member_labels=tuple(f"{m.name} ({m.bin})" for m in members),
        line_labels=tuple(f"{o.number} line {line.number} ({line.product_sku})" for o, line in lines),
        order_labels=tuple(o.number for o in index.orders),
        family_labels=tuple(f.value for f in families),
        month_labels=tuple(str(m) for m in months),
    )
    return problem, index


def _floats(values: Sequence[object]) -> FloatArray:
    return np.array([float(str(v)) for v in values], dtype=np.float64)


def _ints(values: Sequence[float | int]) -> IntArray:
    return np.array([int(v) for v in values], dtype=np.int64)


def _longest_run(months: Sequence[Month]) -> tuple[Month, Month]:
    """The longest stretch of consecutive months, as (first, last); the earliest on a tie."""
    runs: list[tuple[Month, Month]] = []
    for month in sorted(months):
        if runs and runs[-1][1].plus(1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return max(runs, key=lambda run: (run[1].index - run[0].index, -run[0].index))


def _frozen(
    frozen: Sequence[Assignment], index: ProblemIndex, arcs: dict[str, list[float]]
) -> tuple[IntArray, IntArray, FloatArray]:
    """Accepted assignments as (arc, month, quantity); one the rules no longer allow is refused."""
    line_pos = {(o.number, line.number): i for i, (o, line) in enumerate(index.lines)}
    member_pos = {m.bin: e for e, m in enumerate(index.members)}
    arcs_of: dict[tuple[int, int], list[int]] = {}
    for i, (arc_line, arc_member) in enumerate(zip(arcs["line"], arcs["member"], strict=True)):
        arcs_of.setdefault((int(arc_line), int(arc_member)), []).append(i)
    result: dict[tuple[int, int], float] = {}
    for a in frozen:
        li = line_pos.get((a.order_number, a.line_number))
        if li is None:
            continue  # the order is no longer being planned (shipped, cancelled)
        t = a.month.index - index.months[0].index
        e = member_pos.get(a.member_bin)
        candidates = arcs_of.get((li, e), []) if e is not None else []
        arc = next((i for i in candidates if arcs["first"][i] <= t <= arcs["last"][i]), None)
        if e is None or arc is None:
            raise InvalidValue(
                f"accepted assignment {a.order_number}/{a.line_number} in {a.month}",
                a.member_bin,
                "this member is no longer eligible to make the line in that month (certificate, "
                "exclusion or capacity changed); re-plan without freezing it or restore the eligibility",
            )
        result[(arc, t)] = result.get((arc, t), 0.0) + float(a.quantity)
    keys = sorted(result)
    return (
        np.array([k[0] for k in keys], dtype=np.int64),
        np.array([k[1] for k in keys], dtype=np.int64),
        np.array([result[k] for k in keys], dtype=np.float64),
    )


def exclusion_phrase(member: str, verdict: Verdict, product: Product) -> Phrase:
    """Why the eligibility check left a member out, in words each reader gets in their language."""
    why: list[str | float | Phrase] = []
    for exclusion in verdict.exclusions:
        if exclusion is Exclusion.MISSING_CERTIFICATE:
            why.extend(
                phrase("ex_missing_certificate", certificate=k.value) for k in verdict.missing_certificates
            )
        else:
            why.append(
                phrase(
                    f"ex_{exclusion.value}",
                    process=product.process.value,
                    family=product.family.value,
                    sku=product.sku,
                )
            )
    return phrase("ex_member", member=member, why=tuple(why))
