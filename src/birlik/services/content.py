"""Use cases for local content and origin: read through the unit of work, compute in the domain.

Nothing here writes to the database (except entering exchange rates): a refused input leaves everything
as it was, and a certificate draft is complete before an entrypoint writes it anywhere.

A contract's local content is computed from a plan as the plan makes the goods: for a plan made with
stages, each good's share with its planned cloth (``content_planned``), next to the share the CT-KZ on
file states; the API (``reads_content``) and the web pages read the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from birlik.domain.calendar import Month
from birlik.domain.content.contract import (
    CertifiedShare,
    ContractShare,
    GoodsItem,
    WorksItem,
    certified_share,
    contract_share,
)
from birlik.domain.content.currency import Conversion, convert
from birlik.domain.content.drafts import Draft, Shipment, ct1_draft, ct_kz_draft
from birlik.domain.content.goods import GoodShare, Method, good_share
from birlik.domain.content.origin_rules import CIS_2009, RuleTable
from birlik.domain.content.rollup import Roller, Rollup, Setting
from birlik.domain.content.sourcing import Sourcing
from birlik.domain.content.vat import VatTreatment, vat_on_supply
from birlik.domain.errors import InvalidValue, NotFound
from birlik.domain.exchange import ExchangeRate, ExchangeRates
from birlik.domain.members import Certificate, Member
from birlik.domain.orders import Order
from birlik.domain.plans import AssignmentStatus, Plan, PlanStatus
from birlik.domain.products import Catalogue, ComponentKind
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import CertificateKind, Currency
from birlik.services.content_planned import PlannedCloth, planned_shares
from birlik.services.unit_of_work import UnitOfWork

# CT-1 destinations facts.md §2 vouches for: Uzbekistan (CIS FTA), Belarus and Russia (EAEU; the CIS
# 2009 rules are in force for both). Other CIS states are likely too, but unconfirmed here.
CT1_PURPOSE = {
    "UZ": "CT-1 (Uzbekistan): duty-free import under the CIS FTA (for Uzbekistan since 20 Jun 2014)",
    "BY": "EAEU: free circulation needs no certificate; CT-1 is needed for the Eurasian register"
    " of industrial goods in public procurement (EEC Council Decision No. 105 of 23 Nov 2020)",
    "RU": "EAEU: free circulation needs no certificate; CT-1 proves CIS origin where it is asked for",
}


@dataclass(frozen=True)
class Options:
    """How a good's share or origin is computed; the defaults follow the law in force on the day."""

    on: date
    sourcing: Sourcing = field(default_factory=Sourcing)
    profit_margin: Decimal = Decimal(0)
    method: Method | None = None
    rules: RuleTable = CIS_2009


@dataclass(frozen=True)
class Records:
    catalogue: Catalogue
    members: dict[str, Member]
    rates: ExchangeRates

    def roller(self, options: Options) -> Roller:
        setting = Setting(
            self.catalogue,
            self.members,
            self.rates,
            options.on,
            options.sourcing,
            options.rules,
            profit_margin=options.profit_margin,
        )
        return Roller(setting)


def _records(uow: UnitOfWork) -> Records:
    return Records(uow.catalogue.load(), {m.bin: m for m in uow.members.list()}, uow.rates.load())


@dataclass(frozen=True)
class ProductShareView:
    share: GoodShare
    declared: Certificate | None
    sourcing: list[str]


def declared_certificate(member: Member, sku: str, on: date) -> Certificate | None:
    """The member's CT-KZ for the good valid on the day, else its latest one (shown with its dates)."""
    papers = [c for c in member.certificates if c.kind is CertificateKind.CT_KZ and c.product_sku == sku]
    valid = [c for c in papers if c.valid_on(on)]
    return max(valid or papers, key=lambda c: c.valid_to, default=None)


def _product_view(
    records: Records, roller: Roller, sku: str, bin_: str, options: Options
) -> ProductShareView:
    rollup = roller.roll_up(sku, bin_)
    share = good_share(rollup, options.method, options.profit_margin)
    notes = options.sourcing.describe() or [
        "made inputs: the maker's own, else the cheapest member making them"
    ]
    return ProductShareView(share, declared_certificate(records.members[bin_], sku, options.on), notes)


def product_share(uow: UnitOfWork, *, sku: str, member_bin: str, options: Options) -> ProductShareView:
    with uow:
        records = _records(uow)
    return _product_view(records, records.roller(options), sku, member_bin, options)


def product_shares(uow: UnitOfWork, *, sku: str, options: Options) -> list[ProductShareView]:
    """The good's share at every member that makes it, computed next to its declared CT-KZ."""
    with uow:
        records = _records(uow)
    records.catalogue.product(sku)
    roller = records.roller(options)
    makers = sorted((m for m in records.members.values() if sku in m.unit_costs), key=lambda m: m.name)
    return [_product_view(records, roller, sku, m.bin, options) for m in makers]


@dataclass(frozen=True)
class ItemView:
    """One assignment (or the unassigned rest of a line) as the contract counts it.

    ``item`` is what ``OrderShareView.contract`` counts. For a plan made with stages its Ki is the
    good's share with the planned cloth (``cloth``), and ``on_file`` is Ki by the CT-KZ on file, shown
    beside it; for a single-stage plan ``item`` is Ki by the CT-KZ on file and ``on_file`` is None.
    """

    line: int
    member: Member | None
    month: Month | None
    quantity: Decimal
    item: GoodsItem
    planner_share: Decimal | None  # what the stored plan used
    computed_share: Decimal | None  # the BOM roll-up, for comparison only
    on_file: CertifiedShare | None = None
    cloth: PlannedCloth | None = None

    @property
    def needs_new_ct_kz(self) -> bool:
        return self.cloth is not None and self.cloth.needs_new_ct_kz


@dataclass(frozen=True)
class OrderShareView:
    """КСт of an order from a plan. ``contract`` counts the goods as the plan makes them; for a plan
    made with stages ``on_file`` is the same contract with every Ki from the CT-KZ on file."""

    order: Order
    plan: Plan | None
    contract: ContractShare
    items: list[ItemView]
    vat: VatTreatment
    total_kzt: Conversion
    producer_prices: bool
    on_file: ContractShare | None = None

    @property
    def staged(self) -> bool:
        return self.on_file is not None

    @property
    def needing_new_ct_kz(self) -> list[ItemView]:
        return [i for i in self.items if i.needs_new_ct_kz]


def _plan(uow: UnitOfWork, plan_id: int | None) -> Plan | None:
    if plan_id is not None:
        found = uow.plans.get(plan_id)
        if found is None:
            raise NotFound("plan", plan_id)
        return found
    return uow.plans.latest(PlanStatus.APPROVED) or uow.plans.latest()


def order_share(
    uow: UnitOfWork, *, number: str, plan_id: int | None = None, producer_prices: bool = False
) -> OrderShareView:
    """КСт of one order from a plan's assignments (the latest approved plan, else the latest).

    For a plan made with stages each good counts with the cloth the plan chose for it, the share the
    plan itself counted (``content_planned``); the view keeps the figure by the CT-KZ on file beside it.
    """
    with uow:
        order = uow.orders.get(number)
        if order is None:
            raise NotFound("order", number)
        plan = _plan(uow, plan_id)
        records = _records(uow)
    return _order_view(order, plan, records, producer_prices)


def plan_shares(uow: UnitOfWork, *, plan_id: int | None = None) -> list[OrderShareView]:
    with uow:
        plan = _plan(uow, plan_id)
        if plan is None:
            raise NotFound("plan", "latest")
        numbers = sorted({a.order_number for a in plan.assignments})
        orders = [o for o in (uow.orders.get(n) for n in numbers) if o is not None]
        records = _records(uow)
    return [_order_view(order, plan, records, producer_prices=False) for order in orders]


def _order_view(order: Order, plan: Plan | None, records: Records, producer_prices: bool) -> OrderShareView:
    day = order.release.first_day()
    assignments = [
        a
        for a in (plan.assignments if plan else ())
        if a.order_number == order.number and a.status is not AssignmentStatus.DECLINED
    ]
    planned = planned_shares(plan, records.catalogue, records.members, records.rates)
    computed: dict[tuple[str, str], Decimal | None] = {}
    roller = records.roller(Options(on=day))
    items: list[ItemView] = []
    for a in assignments:
        line = order.line(a.line_number)
        member = records.members[a.member_bin]
        value = line.unit_price.amount * a.quantity
        if producer_prices:
            value = convert(
                Money(a.production_cost, Currency.KZT), order.currency, day, records.rates
            ).result.amount
        key = (line.product_sku, member.bin)
        if key not in computed:
            computed[key] = _computed_share(roller, *key)
        label = f"{order.number}/{line.number} · {a.month} · {member.name}"
        on_file = certified_share(member, line.product_sku, a.month)
        share, cloth = (
            (on_file, None)
            if planned is None
            else planned.of(order.number, line.number, line.product_sku, member, a.month, on_file)
        )
        item = GoodsItem(label, value, share)
        shown = None if planned is None else on_file
        items.append(
            ItemView(
                line.number,
                member,
                a.month,
                a.quantity,
                item,
                a.local_content_share,
                computed[key],
                shown,
                cloth,
            )
        )
    for line in order.lines:
        assigned = sum((i.quantity for i in items if i.line == line.number), Decimal(0))
        missing = line.quantity.amount - assigned
        if missing > 0:
            why = f"not assigned in plan {plan.id}" if plan else "no plan yet"
            item = GoodsItem(
                f"{order.number}/{line.number} · unassigned",
                line.unit_price.amount * missing,
                CertifiedShare(Decimal(0), None, f"{why}: no producer, K = 0"),
            )
            shown = None if planned is None else item.share
            items.append(ItemView(line.number, None, None, missing, item, None, None, shown))
    items.sort(key=lambda i: (i.line, str(i.month or ""), i.item.label))
    label = f"order {order.number}"
    contract = contract_share(order.value.amount, [i.item for i in items], label=label)
    by_certificates = None
    if planned is not None:
        goods = [GoodsItem(i.item.label, i.item.value, i.on_file or i.item.share) for i in items]
        by_certificates = contract_share(order.value.amount, goods, label=label)
    vat = vat_on_supply(order.destination.country, day)
    total_kzt = convert(order.value, Currency.KZT, day, records.rates)
    return OrderShareView(order, plan, contract, items, vat, total_kzt, producer_prices, by_certificates)


def _computed_share(roller: Roller, sku: str, member_bin: str) -> Decimal | None:
    """The BOM share shown beside Ki for comparison; a record that cannot be rolled up shows none."""
    try:
        return good_share(roller.roll_up(sku, member_bin)).share
    except InvalidValue:
        return None


@dataclass(frozen=True)
class TollingView:
    contract: ContractShare
    price: Money
    quantity: Decimal
    member: Member


def tolling_share(
    uow: UnitOfWork,
    *,
    sku: str,
    member_bin: str,
    quantity: Decimal,
    unit_price: Money,
    kz_wage_share: Decimal,
    on: date,
) -> TollingView:
    """Sewing on tolling terms: the customer's cloth, the member's work and its purchased trims.

    The trims are goods bought for the job (K = 0: Birlik records no CT-KZ for purchased materials);
    the rest of the contract value is the works, weighted by the Kazakhstani share of the wage fund.
    """
    with uow:
        records = _records(uow)
    product = records.catalogue.product(sku)
    member = records.members.get(member_bin)
    if member is None:
        raise NotFound("member", member_bin)
    if quantity <= 0:
        raise InvalidValue("quantity", quantity, "must be greater than zero")
    total = unit_price.amount * quantity
    goods = []
    for bom in product.bom:
        if bom.kind is not ComponentKind.MATERIAL:
            continue  # made inputs (the cloth) are the customer's: not part of this contract
        material = records.catalogue.materials[bom.component]
        per_unit = convert(
            material.price * bom.quantity, unit_price.currency, on, records.rates
        ).result.amount
        why = f"no CT-KZ recorded for purchased {material.code} (origin {material.origin_country}): K = 0"
        goods.append(
            GoodsItem(
                f"{material.code} × {bom.quantity}",
                per_unit * quantity,
                CertifiedShare(Decimal(0), None, why),
            )
        )
    goods_value = sum((g.value for g in goods), Decimal(0))
    works = WorksItem(
        f"{product.process.value} of {sku} by {member.name}",
        total - goods_value,
        kz_wage_share,
        "Kazakhstani share of the wage fund, as the member states it",
    )
    return TollingView(
        contract_share(total, goods, [works], label=f"tolling {sku}"), unit_price, quantity, member
    )


@dataclass(frozen=True)
class OriginView:
    rollup: Rollup
    destination: str
    purpose: str
    vat: VatTreatment


def origin_of(
    uow: UnitOfWork, *, sku: str, member_bin: str, destination: str, options: Options
) -> OriginView:
    country = destination.strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise InvalidValue("destination", destination, "use the two-letter ISO code, e.g. UZ or BY")
    with uow:
        records = _records(uow)
    rollup = records.roller(options).roll_up(sku, member_bin)
    purpose = CT1_PURPOSE.get(country) or (
        "domestic circulation: the origin document is CT-KZ"
        if country == "KZ"
        else "outside the CT-1 destinations confirmed in facts.md (BY, RU, UZ): check the form needed"
    )
    return OriginView(rollup, country, purpose, vat_on_supply(country, options.on))


def ct_kz(uow: UnitOfWork, *, sku: str, member_bin: str, options: Options) -> Draft:
    view = product_share(uow, sku=sku, member_bin=member_bin, options=options)
    return ct_kz_draft(view.share, view.declared, view.sourcing)


def ct_1(
    uow: UnitOfWork,
    *,
    order_number: str,
    line_number: int,
    member_bin: str,
    plan_id: int | None = None,
    quantity: Decimal | None = None,
    on: date | None = None,
    rules: RuleTable = CIS_2009,
) -> Draft:
    """A CT-1 draft for one member's share of an export order line; refused if the good is not originating."""
    with uow:
        order = uow.orders.get(order_number)
        if order is None:
            raise NotFound("order", order_number)
        buyer = uow.buyers.get(order.buyer_code)
        plan = _plan(uow, plan_id) if quantity is None else None
        records = _records(uow)
    line = order.line(line_number)
    country = order.destination.country
    if country not in CT1_PURPOSE:
        raise InvalidValue(f"destination of order {order.number}", country, "CT-1 drafts cover BY, RU and UZ")
    day = on or line.due.first_day()
    if quantity is None:
        mine = [
            a
            for a in (plan.assignments if plan else ())
            if (a.order_number, a.line_number, a.member_bin) == (order.number, line.number, member_bin)
        ]
        if not mine:
            where = f"plan {plan.id}" if plan else "any plan"
            raise InvalidValue(
                f"member {member_bin}", f"{order.number}/{line.number}", f"has no assignment in {where}"
            )
        quantity = sum((a.quantity for a in mine), Decimal(0))
        quantity_source = f"assignments of {member_bin} in plan {plan.id if plan else ''}"
    else:
        quantity_source = "quantity given by the coordinator"
    rollup = records.roller(Options(on=day, rules=rules)).roll_up(line.product_sku, member_bin)
    if not rollup.origin.originating:
        raise InvalidValue(
            f"origin of {line.product_sku} at member {member_bin}", "not originating", rollup.origin.reason
        )
    shipment = Shipment(
        order.number,
        line.number,
        buyer.name if buyer else order.buyer_code,
        f"{order.destination.name}, {country}",
        quantity,
        str(line.unit_price),
        convert(line.unit_price * quantity, Currency.KZT, day, records.rates),
        vat_on_supply(country, day),
        quantity_source,
    )
    return ct1_draft(rollup, rollup.origin, shipment)


def list_rates(uow: UnitOfWork) -> list[ExchangeRate]:
    with uow:
        return list(uow.rates.load())
