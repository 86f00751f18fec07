"""Local content of a contract, by the unified methodology (Order No. 260 of 20 Apr 2018).

Goods (confirmed, facts.md §1.2; worked example S = 50,000, CT = 40,000, K = 1 → 80 %):

    КСт = Σ CTi · Ki / S

CTi is the value of the i-th good (its producer's price; the line value when the supplier is the
producer), Ki the Kazakhstani share stated in the producer's CT-KZ for that good, 0 without one or when
it has expired; S the contract value.

Works and services (NOT confirmed): facts.md §1.3 says the methodology weights the value of the works
by the share of Kazakhstani personnel in the wage fund (ФОТ) of whoever performs them, and adds goods
bought for the job weighted by their CT-KZ. Its exact symbols were not available; this implements the
form facts.md gives as unverified,

    КСр/у = (Σ CTi · Ki + Σ ССj · Rj) / S

with ССj the value of the j-th works less goods and Rj the Kazakhstani share of its wage fund. Check
the text of Order No. 260 on adilet.zan.kz before relying on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue
from birlik.domain.members import Certificate, Member
from birlik.domain.vocabulary import CertificateKind

GOODS_FORMULA = "КСт = Σ CTi·Ki / S (Order No. 260 of 20 Apr 2018; facts.md §1.2)"
WORKS_FORMULA = "КСр/у = (Σ CTi·Ki + Σ ССj·Rj) / S — UNCONFIRMED form (facts.md §1.3)"


@dataclass(frozen=True, slots=True)
class CertifiedShare:
    """Ki and where it comes from: the certificate used, or why it is 0."""

    share: Decimal
    certificate: Certificate | None
    note: str


def certified_share(member: Member, sku: str, month: Month) -> CertifiedShare:
    """The member's CT-KZ share for the good, valid for the whole month; 0 and the reason otherwise."""
    papers = [c for c in member.certificates if c.kind is CertificateKind.CT_KZ and c.product_sku == sku]
    valid = [c for c in papers if c.valid_through(month) and c.local_content_share is not None]
    if valid:
        best = max(valid, key=lambda c: c.local_content_share or Decimal(0))
        return CertifiedShare(best.local_content_share or Decimal(0), best, f"CT-KZ {best.number}")
    if not papers:
        return CertifiedShare(Decimal(0), None, f"{member.name} holds no CT-KZ for {sku}: K = 0")
    latest = max(papers, key=lambda c: c.valid_to)
    if latest.valid_to < month.last_day():
        why = f"CT-KZ {latest.number} expired on {latest.valid_to.isoformat()}"
    else:
        why = f"CT-KZ {latest.number} is valid only from {latest.valid_from.isoformat()}"
    return CertifiedShare(Decimal(0), latest, f"{why}: K = 0 in {month}")


STATED = Decimal("0.0001")  # a contract's КСт is stated in percent to two decimals (60.00 %)


def reaches_floor(share: Decimal, floor: Decimal) -> bool:
    """Whether a contract's КСт reaches its floor as it is stated (to 0.01 %): quantities in a plan are
    kept to three decimals, so a floor the plan meets exactly can come out at 59.9999997 %."""
    return share.quantize(STATED, rounding=ROUND_HALF_UP) >= floor


def certificate_states(certificate: Certificate, share: Decimal) -> bool:
    """Whether a CT-KZ states this share, read at the precision the certificate states it in.

    A certificate's share is a rounded figure (0.42 is 42 %); a computed share that rounds to it is the
    share the certificate states. Coarser than whole percent is not trusted: 0.5 is read as 50 %, not
    as "somewhere in 45–55 %".
    """
    stated = certificate.local_content_share
    if stated is None:
        return False
    exponent = stated.as_tuple().exponent
    places = max(-exponent if isinstance(exponent, int) else 0, 2)
    step = Decimal(1).scaleb(-places)
    return share.quantize(step, rounding=ROUND_HALF_UP) == stated.quantize(step)


def share_of_certificate(certificate: Certificate, on: date) -> Decimal:
    """The share of a certificate someone names explicitly; an expired one is refused, not zeroed."""
    if certificate.kind is not CertificateKind.CT_KZ or certificate.local_content_share is None:
        raise InvalidValue(f"certificate {certificate.number}", certificate.kind.value, "is not a CT-KZ")
    if not certificate.valid_on(on):
        raise InvalidValue(
            f"certificate {certificate.number}",
            f"{certificate.valid_from.isoformat()}…{certificate.valid_to.isoformat()}",
            f"is not valid on {on.isoformat()}",
        )
    return certificate.local_content_share


@dataclass(frozen=True, slots=True)
class GoodsItem:
    label: str  # what the item is, e.g. "OIL-2027-003/1 · 2027-03 · Shymkent Arnau Kiim"
    value: Decimal  # CTi, in the contract currency
    share: CertifiedShare


@dataclass(frozen=True, slots=True)
class WorksItem:
    label: str
    value: Decimal  # ССj: the value of the works less goods, in the contract currency
    kz_wage_share: Decimal  # Rj
    source: str

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.kz_wage_share <= Decimal(1):
            raise InvalidValue(
                f"Kazakhstani wage-fund share of {self.label}", self.kz_wage_share, "must be 0..1"
            )
        if self.value < 0:
            raise InvalidValue(f"value of {self.label}", self.value, "cannot be negative")


@dataclass(frozen=True, slots=True)
class ContractShare:
    total: Decimal  # S
    goods: tuple[GoodsItem, ...]
    works: tuple[WorksItem, ...]
    formula: str

    @property
    def numerator(self) -> Decimal:
        goods = sum((g.value * g.share.share for g in self.goods), Decimal(0))
        return goods + sum((w.value * w.kz_wage_share for w in self.works), Decimal(0))

    @property
    def share(self) -> Decimal:
        return self.numerator / self.total


def contract_share(
    total: Decimal, goods: Sequence[GoodsItem], works: Sequence[WorksItem] = (), *, label: str = "contract"
) -> ContractShare:
    if total <= 0:
        raise InvalidValue(f"value of {label}", total, "a contract value must be greater than zero")
    for item in goods:
        if item.value < 0:
            raise InvalidValue(f"value of {item.label}", item.value, "cannot be negative")
    covered = sum((g.value for g in goods), Decimal(0)) + sum((w.value for w in works), Decimal(0))
    if covered > total:
        raise InvalidValue(f"items of {label}", f"{covered:,.2f}", f"add up to more than S = {total:,.2f}")
    return ContractShare(total, tuple(goods), tuple(works), WORKS_FORMULA if works else GOODS_FORMULA)
