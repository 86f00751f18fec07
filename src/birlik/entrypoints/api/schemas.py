"""What comes in (Pydantic models that build domain values) and the envelopes that go out.

Responses are the service layer's records (birlik.services.records), serialised as they are; money and
quantities are Decimals written as strings so that no cent is lost. Every text field is bounded by
its column's size and refuses NUL characters, which PostgreSQL cannot store.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from birlik.domain.buyers import Buyer
from birlik.domain.calendar import Month
from birlik.domain.geography import City
from birlik.domain.hs import HsCode
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order, OrderLine, OrderStatus
from birlik.domain.products import BomLine, ComponentKind, Names, Product
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Currency, Family, Process, Unit
from birlik.services.access import Role
from birlik.services.reads import PageRequest
from birlik.services.records import UserView

T = TypeVar("T")
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


def text(max_length: int, min_length: int = 1) -> Any:
    return StringConstraints(
        strip_whitespace=False, min_length=min_length, max_length=max_length, pattern=PRINTABLE
    )


Name = Annotated[str, text(200)]
Code = Annotated[str, text(40)]
MonthText = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), max_digits=18, decimal_places=6)]
Positive = Annotated[Decimal, Field(gt=0, le=Decimal("1e12"), max_digits=18, decimal_places=6)]
Share = Annotated[Decimal, Field(ge=0, le=1, max_digits=7, decimal_places=6)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None
    fields: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int

    @classmethod
    def of(cls, items: list[T], total: int, paging: PageRequest) -> Page[T]:
        """The page a list endpoint answers for the request it was asked."""
        return cls(items=items, total=total, offset=paging.offset, limit=paging.limit)


class LoginIn(In):
    username: Annotated[str, text(80)]
    password: Annotated[str, text(1000, 0)]


class LoginOut(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    user: UserView


class UserIn(In):
    username: Annotated[str, text(80)]
    password: Annotated[str, text(1000, 0)]
    role: Role
    member_bin: Annotated[str, text(12)] | None = None
    buyer_code: Code | None = None


class UserPatch(In):
    active: bool


class TokenIn(In):
    name: Annotated[str, text(80)]
    lifetime_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class CityIn(In):
    name: Annotated[str, text(120)]
    region: Annotated[str, text(120)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]

    def to_domain(self) -> City:
        return City(self.name, self.region, self.country, self.latitude, self.longitude)


class CapacityIn(In):
    family: Family
    monthly: Amount
    unit: Unit
    use_rate: Positive = Decimal(1)

    def to_domain(self) -> Capacity:
        return Capacity(self.family, self.monthly, self.unit, self.use_rate)


class UnitCostIn(In):
    product_sku: Code
    amount: Amount
    currency: Currency = Currency.KZT


class CertificateIn(In):
    kind: CertificateKind
    number: Annotated[str, text(60)]
    valid_from: date
    valid_to: date
    product_sku: Code | None = None
    local_content_share: Share | None = None

    def to_domain(self) -> Certificate:
        return Certificate(
            self.kind, self.number, self.valid_from, self.valid_to, self.product_sku, self.local_content_share
        )


def _costs(costs: list[UnitCostIn]) -> dict[str, Money]:
    return {c.product_sku: Money(c.amount, c.currency) for c in costs}


class MemberIn(In):
    bin: Annotated[str, StringConstraints(pattern=r"^\d{12}$")]
    name: Name
    legal_form: Annotated[str, text(20)] = "LLP"
    city: CityIn
    processes: list[Process] = Field(max_length=10)
    capacities: list[CapacityIn] = Field(default_factory=list, max_length=20)
    unit_costs: list[UnitCostIn] = Field(default_factory=list, max_length=500)
    certificates: list[CertificateIn] = Field(default_factory=list, max_length=100)
    active: bool = True

    def to_domain(self) -> Member:
        return Member(
            bin=self.bin,
            name=self.name,
            city=self.city.to_domain(),
            processes=frozenset(self.processes),
            capacities=tuple(c.to_domain() for c in self.capacities),
            unit_costs=_costs(self.unit_costs),
            certificates=tuple(c.to_domain() for c in self.certificates),
            legal_form=self.legal_form,
            active=self.active,
        )


class MemberPatch(In):
    name: Name | None = None
    active: bool | None = None
    capacities: list[CapacityIn] | None = Field(default=None, max_length=20)
    unit_costs: list[UnitCostIn] | None = Field(default=None, max_length=500)

    def capacities_domain(self) -> tuple[Capacity, ...] | None:
        return None if self.capacities is None else tuple(c.to_domain() for c in self.capacities)

    def unit_costs_domain(self) -> dict[str, Money] | None:
        return None if self.unit_costs is None else _costs(self.unit_costs)


class BuyerIn(In):
    code: Code
    name: Name
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    kind: BuyerKind
    city: CityIn

    def to_domain(self) -> Buyer:
        return Buyer(self.code, self.name, self.country, self.kind, self.city.to_domain())


class BomLineIn(In):
    kind: ComponentKind
    component: Code
    quantity: Positive


class ProductIn(In):
    sku: Code
    name_en: Name
    name_ru: Annotated[str, text(200, 0)] = ""
    name_kk: Annotated[str, text(200, 0)] = ""
    hs_code: Annotated[str, StringConstraints(pattern=r"^[0-9. ]{4,14}$")]
    unit: Unit
    family: Family
    process: Process
    bom: list[BomLineIn] = Field(default_factory=list, max_length=50)

    def to_domain(self) -> Product:
        return Product(
            self.sku,
            Names(self.name_en, self.name_ru, self.name_kk),
            HsCode.parse(self.hs_code),
            self.unit,
            self.family,
            self.process,
            tuple(BomLine(b.kind, b.component, b.quantity) for b in self.bom),
        )


class OrderLineIn(In):
    number: Annotated[int, Field(ge=1, le=10_000)]
    product_sku: Code
    quantity: Positive
    unit: Unit
    due: MonthText
    unit_price: Amount


class OrderIn(In):
    number: Code
    buyer_code: Code
    destination: CityIn
    currency: Currency
    release: MonthText
    lines: list[OrderLineIn] = Field(min_length=1, max_length=200)
    required_certificates: list[CertificateKind] = Field(default_factory=list, max_length=3)
    min_local_content: Share = Decimal(0)
    confidential: bool = False
    status: Literal["draft", "open"] = "draft"

    def to_domain(self) -> Order:
        return Order(
            number=self.number,
            buyer_code=self.buyer_code,
            destination=self.destination.to_domain(),
            currency=self.currency,
            lines=tuple(
                OrderLine(
                    line.number,
                    line.product_sku,
                    Quantity(line.quantity, line.unit),
                    Month.parse(line.due, "due"),
                    Money(line.unit_price, self.currency),
                )
                for line in self.lines
            ),
            release=Month.parse(self.release, "release"),
            required_certificates=frozenset(self.required_certificates),
            min_local_content=self.min_local_content,
            confidential=self.confidential,
            status=OrderStatus(self.status),
        )


class OrderPatch(In):
    status: OrderStatus


class PlanRunIn(In):
    fairness: Annotated[float, Field(ge=0, le=1e9)] = 0.0
    max_late_months: Annotated[int, Field(ge=0, le=12)] = 2
    single_sourcing: bool = False
    time_limit_s: Annotated[float, Field(ge=1, le=600)] = 60.0
    freeze_accepted: bool = True


class DeclineIn(In):
    reason: Annotated[str, text(500)]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
