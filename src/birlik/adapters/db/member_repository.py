"""Members in the database, upserted by BIN."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from birlik.adapters.db.places import city_row, to_city
from birlik.adapters.db.tables import (
    CapacityRow,
    CertificateRow,
    MemberProcessRow,
    MemberRow,
    UnitCostRow,
)
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import CertificateKind, Currency, Family, Process, Unit


class MemberRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, bin_: str) -> MemberRow | None:
        return self.session.scalars(select(MemberRow).where(MemberRow.bin == bin_)).one_or_none()

    def get(self, bin_: str) -> Member | None:
        row = self._row(bin_)
        return None if row is None else to_member(row)

    def list(self) -> list[Member]:
        rows = self.session.scalars(select(MemberRow).order_by(MemberRow.name)).all()
        return [to_member(r) for r in rows]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(MemberRow)) or 0

    def id_of(self, bin_: str) -> int | None:
        return self.session.scalar(select(MemberRow.id).where(MemberRow.bin == bin_))

    def save(self, member: Member) -> None:
        """Insert the member or replace everything stored about it."""
        city = city_row(self.session, member.city)
        row = self._row(member.bin)
        if row is None:
            row = MemberRow(bin=member.bin)
            self.session.add(row)
        row.name = member.name
        row.legal_form = member.legal_form
        row.active = member.active
        row.city = city
        row.processes = [MemberProcessRow(process=p.value) for p in sorted(member.processes)]
        row.capacities = [
            CapacityRow(family=c.family.value, monthly=c.monthly, unit=c.unit.value, use_rate=c.use_rate)
            for c in member.capacities
        ]
        row.unit_costs = [
            UnitCostRow(product_sku=sku, amount=cost.amount, currency=cost.currency.value)
            for sku, cost in sorted(member.unit_costs.items())
        ]
        row.certificates = [_certificate_row(c) for c in member.certificates]
        self.session.flush()


def _certificate_row(c: Certificate) -> CertificateRow:
    return CertificateRow(
        kind=c.kind.value,
        number=c.number,
        valid_from=c.valid_from,
        valid_to=c.valid_to,
        product_sku=c.product_sku,
        local_content_share=c.local_content_share,
    )


def to_member(row: MemberRow) -> Member:
    return Member(
        bin=row.bin,
        name=row.name,
        city=to_city(row.city),
        processes=frozenset(Process(p.process) for p in row.processes),
        capacities=tuple(
            Capacity(Family(c.family), Decimal(c.monthly), Unit(c.unit), Decimal(c.use_rate))
            for c in sorted(row.capacities, key=lambda c: c.family)
        ),
        unit_costs={u.product_sku: Money(u.amount, Currency(u.currency)) for u in row.unit_costs},
        certificates=tuple(
            Certificate(
                CertificateKind(c.kind),
                c.number,
                c.valid_from,
                c.valid_to,
                c.product_sku,
                c.local_content_share,
            )
            for c in sorted(row.certificates, key=lambda c: (c.kind, c.number, c.product_sku or ""))
        ),
        legal_form=row.legal_form,
        active=row.active,
    )
