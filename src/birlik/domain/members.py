"""Members of the consortium: what each can make, how much a month, at what cost, with which papers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.domain.geography import City
from birlik.domain.identifiers import validate_bin
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import CertificateKind, Family, Process, Unit


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate a member holds. CT-KZ is per product and carries its local-content share."""

    kind: CertificateKind
    number: str
    valid_from: date
    valid_to: date
    product_sku: str | None = None
    local_content_share: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise InvalidValue("certificate number", self.number, "a certificate needs a number")
        if self.valid_to < self.valid_from:
            raise InvalidValue(
                "valid_to", self.valid_to.isoformat(), f"is before valid_from {self.valid_from}"
            )
        if self.kind is CertificateKind.CT_KZ:
            share = self.local_content_share
            if self.product_sku is None or share is None:
                raise InvalidValue(
                    f"certificate {self.number}",
                    self.kind.value,
                    "a CT-KZ names its product and states the local-content share",
                )
            if not Decimal(0) <= share <= Decimal(1):
                raise InvalidValue("local_content_share", share, "must be between 0 and 1 (0–100 %)")

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def valid_through(self, month: Month) -> bool:
        """Valid for the whole month: work done in a month is certified only if the paper covers it."""
        return self.valid_from <= month.first_day() and month.last_day() <= self.valid_to


@dataclass(frozen=True, slots=True)
class Capacity:
    """What a member can make of one family in a month, in its own unit.

    use_rate converts product units into capacity units (e.g. machine-hours per metre); 1 when the
    capacity is declared in the product's own unit.
    """

    family: Family
    monthly: Decimal
    unit: Unit
    use_rate: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        if self.monthly < 0:
            raise InvalidValue(f"capacity {self.family.value}", self.monthly, "cannot be negative")
        if self.use_rate <= 0:
            raise InvalidValue(f"use rate {self.family.value}", self.use_rate, "must be positive")


@dataclass(frozen=True, slots=True)
class Member:
    bin: str
    name: str
    city: City
    processes: frozenset[Process]
    capacities: tuple[Capacity, ...] = ()
    unit_costs: Mapping[str, Money] = field(default_factory=dict)
    certificates: tuple[Certificate, ...] = ()
    legal_form: str = "LLP"
    active: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "bin", validate_bin(self.bin))
        if not self.name.strip():
            raise InvalidValue("name", self.name, f"member {self.bin} needs a name")
        families = [c.family for c in self.capacities]
        duplicates = {f.value for f in families if families.count(f) > 1}
        if duplicates:
            raise InvalidValue("capacities", sorted(duplicates), "each family may appear only once")
        for sku, cost in self.unit_costs.items():
            if cost.amount < 0:
                raise InvalidValue(f"unit cost of {sku}", str(cost), "cannot be negative")

    @property
    def families(self) -> frozenset[Family]:
        return frozenset(c.family for c in self.capacities)

    def capacity_for(self, family: Family) -> Capacity | None:
        return next((c for c in self.capacities if c.family is family), None)

    def holds(self, kind: CertificateKind, month: Month, product_sku: str | None = None) -> bool:
        """Whether a certificate of this kind covers the whole month (for that product, if CT-KZ)."""
        return any(
            c.kind is kind
            and c.valid_through(month)
            and (kind is not CertificateKind.CT_KZ or c.product_sku == product_sku)
            for c in self.certificates
        )

    def local_content_share(self, product_sku: str, month: Month) -> Decimal:
        """k[e,p] of the unified methodology: the CT-KZ share, 0 without a valid certificate."""
        shares = [
            c.local_content_share
            for c in self.certificates
            if c.kind is CertificateKind.CT_KZ
            and c.product_sku == product_sku
            and c.valid_through(month)
            and c.local_content_share is not None
        ]
        return max(shares, default=Decimal(0))


def index_by_bin(members: Iterable[Member]) -> dict[str, Member]:
    return {m.bin: m for m in members}
