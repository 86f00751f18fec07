"""Who may make an order line, and — for everyone else — which requirement rules them out.

Eligibility is decided here, before any optimisation, so that the planner works only on real
candidates and every "no one could make it" can name the requirement that excluded each member.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from birlik.domain.calendar import Month
from birlik.domain.members import Member
from birlik.domain.orders import Order
from birlik.domain.products import Product
from birlik.domain.vocabulary import CertificateKind


class Exclusion(StrEnum):
    INACTIVE = "inactive"
    NO_PROCESS = "no_process"
    NO_FAMILY_CAPACITY = "no_family_capacity"
    NO_UNIT_COST = "no_unit_cost"
    MISSING_CERTIFICATE = "missing_certificate"


@dataclass(frozen=True, slots=True)
class Verdict:
    member_bin: str
    eligible_months: tuple[Month, ...]
    exclusions: tuple[Exclusion, ...]
    missing_certificates: tuple[CertificateKind, ...] = ()

    @property
    def eligible(self) -> bool:
        return bool(self.eligible_months)


def judge(member: Member, product: Product, order: Order, months: Iterable[Month]) -> Verdict:
    """Whether the member may make this product for this order, and in which of the months.

    Certificates are checked month by month: a member whose ISO 9001 lapses in June may still make
    the order in the months before. CT-KZ, when required, must cover this very product.
    """
    exclusions: list[Exclusion] = []
    if not member.active:
        exclusions.append(Exclusion.INACTIVE)
    if product.process not in member.processes:
        exclusions.append(Exclusion.NO_PROCESS)
    if product.family not in member.families:
        exclusions.append(Exclusion.NO_FAMILY_CAPACITY)
    if product.sku not in member.unit_costs:
        exclusions.append(Exclusion.NO_UNIT_COST)
    months = list(months)
    certified_months = [
        month
        for month in months
        if all(member.holds(kind, month, product.sku) for kind in sorted(order.required_certificates))
    ]
    missing: tuple[CertificateKind, ...] = ()
    if not certified_months and order.required_certificates:
        exclusions.append(Exclusion.MISSING_CERTIFICATE)
        missing = tuple(
            kind
            for kind in sorted(order.required_certificates)
            if not any(member.holds(kind, month, product.sku) for month in months)
        ) or tuple(sorted(order.required_certificates))
    eligible_months = () if exclusions else tuple(certified_months)
    return Verdict(member.bin, eligible_months, tuple(exclusions), missing)


def able_to_make(members: Iterable[Member], product: Product) -> list[Member]:
    """Members that could make the product at all, ignoring any order's certificates and dates."""
    return [
        m
        for m in members
        if m.active
        and product.process in m.processes
        and product.family in m.families
        and product.sku in m.unit_costs
    ]
