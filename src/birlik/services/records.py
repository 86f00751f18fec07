"""Records as one caller may read them: plain dataclasses, with money fields left empty where the
field rules of `birlik.services.access` hide them. The API serialises these directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from birlik.adapters.db.accounts_repository import TokenRecord, UserRecord
from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.adapters.db.audit_repository import AuditEntry
from birlik.adapters.db.job_repository import JobRecord
from birlik.domain.buyers import Buyer
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order
from birlik.domain.plans import Plan
from birlik.domain.products import Catalogue, Product
from birlik.services.figures import Basis, Export, Totals, Utilisation, Volume


def utc(moment: datetime) -> datetime:
    """Timestamps are stored as naive UTC; records say so, as RFC 3339 wants."""
    return moment.replace(tzinfo=UTC)


def utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else utc(moment)


@dataclass(frozen=True)
class CapacityRecord:
    family: str
    monthly: Decimal
    unit: str
    use_rate: Decimal

    @classmethod
    def of(cls, c: Capacity) -> CapacityRecord:
        return cls(c.family.value, c.monthly, c.unit.value, c.use_rate)


@dataclass(frozen=True)
class CertificateRecord:
    kind: str
    number: str
    valid_from: date
    valid_to: date
    product_sku: str | None
    local_content_share: Decimal | None

    @classmethod
    def of(cls, c: Certificate) -> CertificateRecord:
        return cls(c.kind.value, c.number, c.valid_from, c.valid_to, c.product_sku, c.local_content_share)


@dataclass(frozen=True)
class UnitCostRecord:
    product_sku: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class MemberRecord:
    bin: str
    name: str
    legal_form: str
    active: bool
    city: str
    region: str
    processes: list[str]
    capacities: list[CapacityRecord]
    unit_costs: list[UnitCostRecord]
    certificates: list[CertificateRecord]

    @classmethod
    def of(cls, m: Member) -> MemberRecord:
        return cls(
            bin=m.bin,
            name=m.name,
            legal_form=m.legal_form,
            active=m.active,
            city=m.city.name,
            region=m.city.region,
            processes=sorted(p.value for p in m.processes),
            capacities=[CapacityRecord.of(c) for c in m.capacities],
            unit_costs=[
                UnitCostRecord(sku, cost.amount, cost.currency.value)
                for sku, cost in sorted(m.unit_costs.items())
            ],
            certificates=[CertificateRecord.of(c) for c in m.certificates],
        )


@dataclass(frozen=True)
class BuyerRecord:
    code: str
    name: str
    country: str
    kind: str
    city: str

    @classmethod
    def of(cls, b: Buyer) -> BuyerRecord:
        return cls(b.code, b.name, b.country, b.kind.value, b.city.name)


@dataclass(frozen=True)
class BomLineRecord:
    kind: str
    component: str
    quantity: Decimal


@dataclass(frozen=True)
class ProductRecord:
    sku: str
    name_en: str
    name_ru: str
    name_kk: str
    hs_code: str
    unit: str
    family: str
    process: str
    bom: list[BomLineRecord]

    @classmethod
    def of(cls, p: Product) -> ProductRecord:
        return cls(
            p.sku,
            p.names.en,
            p.names.ru,
            p.names.kk,
            str(p.hs_code),
            p.unit.value,
            p.family.value,
            p.process.value,
            [BomLineRecord(b.kind.value, b.component, b.quantity) for b in p.bom],
        )


@dataclass(frozen=True)
class MaterialNeedRecord:
    code: str
    name: str
    origin_country: str
    unit: str
    quantity: Decimal  # per unit of the product
    price: Decimal | None  # per unit of the material; coordinators only
    currency: str | None
    substitutes_for: str | None  # the member-made product it can stand in for, if any
    hs_code: str | None  # its classification for the origin heading test (5514.12); none recorded: null
    wholly_obtained: bool


@dataclass(frozen=True)
class BomRecord:
    sku: str
    lines: list[BomLineRecord]
    purchased_materials: list[MaterialNeedRecord]

    @classmethod
    def of(cls, catalogue: Catalogue, sku: str, with_prices: bool) -> BomRecord:
        product = catalogue.product(sku)
        return cls(
            sku,
            ProductRecord.of(product).bom,
            [
                MaterialNeedRecord(
                    need.material.code,
                    need.material.names.en,
                    need.material.origin_country,
                    need.material.unit.value,
                    need.quantity,
                    need.material.price.amount if with_prices else None,
                    need.material.price.currency.value if with_prices else None,
                    need.material.substitutes_for,
                    None if need.material.hs_code is None else str(need.material.hs_code),
                    need.material.wholly_obtained,
                )
                for need in catalogue.purchased_materials(sku)
            ],
        )


@dataclass(frozen=True)
class OrderLineRecord:
    number: int
    product_sku: str
    quantity: Decimal
    unit: str
    due: str
    unit_price: Decimal | None


@dataclass(frozen=True)
class OrderRecord:
    number: str
    buyer_code: str
    status: str
    currency: str
    release: str
    destination: str
    destination_country: str
    required_certificates: list[str]
    min_local_content: Decimal
    confidential: bool
    value: Decimal | None
    lines: list[OrderLineRecord]

    @classmethod
    def of(cls, o: Order, *, with_prices: bool, lines: set[int] | None = None) -> OrderRecord:
        """The order; `lines` limits the lines shown (a member sees only those it works on)."""
        return cls(
            number=o.number,
            buyer_code=o.buyer_code,
            status=o.status.value,
            currency=o.currency.value,
            release=str(o.release),
            destination=o.destination.name,
            destination_country=o.destination.country,
            required_certificates=sorted(k.value for k in o.required_certificates),
            min_local_content=o.min_local_content,
            confidential=o.confidential,
            value=o.value.amount if with_prices else None,
            lines=[
                OrderLineRecord(
                    line.number,
                    line.product_sku,
                    line.quantity.amount,
                    line.quantity.unit.value,
                    str(line.due),
                    line.unit_price.amount if with_prices else None,
                )
                for line in o.lines
                if lines is None or line.number in lines
            ],
        )


@dataclass(frozen=True)
class PlanRecord:
    id: int
    created_at: datetime
    status: str
    solver_status: str
    objective: Decimal | None  # the consortium's total cost: coordinators only
    assignments: int  # how many the caller may see

    @classmethod
    def of(cls, p: Plan, *, visible_assignments: int, with_cost: bool) -> PlanRecord:
        assert p.id is not None
        return cls(
            p.id,
            utc(p.created_at),
            p.status.value,
            p.solver_status,
            p.objective if with_cost else None,
            visible_assignments,
        )


@dataclass(frozen=True)
class PlanReport:
    plan: PlanRecord
    report: dict[str, Any]


@dataclass(frozen=True)
class AssignmentView:
    id: int
    plan_id: int
    plan_status: str
    order_number: str
    line_number: int
    member_bin: str
    family: str
    month: str
    quantity: Decimal
    status: str
    decline_reason: str
    production_cost: Decimal | None
    transport_cost: Decimal | None
    local_content_share: Decimal

    @classmethod
    def of(cls, r: AssignmentRecord, *, with_costs: bool) -> AssignmentView:
        a = r.assignment
        return cls(
            id=r.id,
            plan_id=r.plan_id,
            plan_status=r.plan_status.value,
            order_number=a.order_number,
            line_number=a.line_number,
            member_bin=a.member_bin,
            family=r.family.value,
            month=str(a.month),
            quantity=a.quantity,
            status=a.status.value,
            decline_reason=a.decline_reason,
            production_cost=a.production_cost if with_costs else None,
            transport_cost=a.transport_cost if with_costs else None,
            local_content_share=a.local_content_share,
        )


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    status: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    plan_id: int | None
    error: str

    @classmethod
    def of(cls, j: JobRecord) -> JobView:
        return cls(
            j.id,
            j.kind,
            j.status,
            utc(j.created_at),
            utc_or_none(j.started_at),
            utc_or_none(j.finished_at),
            j.plan_id,
            j.error,
        )


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    role: str
    member_bin: str | None
    buyer_code: str | None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, u: UserRecord) -> UserView:
        return cls(u.id, u.username, u.role, u.member_bin, u.buyer_code, u.active, utc(u.created_at))


@dataclass(frozen=True)
class TokenView:
    id: int
    name: str
    kind: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    token: str | None = None  # the secret itself, in the creating response only

    @classmethod
    def of(cls, t: TokenRecord, token: str | None = None) -> TokenView:
        return cls(
            t.id,
            t.name,
            t.kind,
            utc(t.created_at),
            utc_or_none(t.expires_at),
            utc_or_none(t.revoked_at),
            token,
        )


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    before: str | None
    after: str | None

    @classmethod
    def of(cls, e: AuditEntry) -> AuditView:
        return cls(e.id, utc(e.at), e.actor, e.action, e.entity, e.entity_key, e.before, e.after)


@dataclass(frozen=True)
class OrderLocalContent:
    order: str
    lc_share: float | None
    lc_floor: float
    lc_floor_met: bool


@dataclass(frozen=True)
class ConsortiumReport:
    """Aggregates for analysts and coordinators; confidential orders count for coordinators only.

    Every plan figure (assignments_by_status, local_content, totals, volumes, exports, utilisation)
    comes from `basis`, as on the dashboard and in the results report: the approved plan, else the
    latest draft (`basis.approved` false). `approved_plan_id` is the approved plan's id or null."""

    members: int
    members_by_region: dict[str, int]
    members_by_process: dict[str, int]
    products: int
    orders: int
    orders_by_status: dict[str, int]
    approved_plan_id: int | None
    assignments_by_status: dict[str, int]
    local_content: list[OrderLocalContent] = field(default_factory=list)
    basis: Basis | None = None
    totals: Totals | None = None
    volumes: list[Volume] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    utilisation: list[Utilisation] = field(default_factory=list)  # by product family
