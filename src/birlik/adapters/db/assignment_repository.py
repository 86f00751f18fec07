"""Assignments one by one, with their ids: what members read, accept and decline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from birlik.adapters.db.plan_repository import to_assignment
from birlik.adapters.db.tables import AssignmentRow, MemberRow, OrderLineRow, OrderRow, PlanRow, ProductRow
from birlik.domain.plans import Assignment, AssignmentStatus, PlanStatus
from birlik.domain.vocabulary import Family


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    id: int
    plan_id: int
    plan_status: PlanStatus
    family: Family
    assignment: Assignment


class AssignmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _records(self, query: Select[AssignmentRow, str, str]) -> list[AssignmentRecord]:
        rows = self.session.execute(query).all()
        return [
            AssignmentRecord(row.id, row.plan_id, PlanStatus(status), Family(family), to_assignment(row))
            for row, status, family in rows
        ]

    def _base(self) -> Select[AssignmentRow, str, str]:
        return (
            select(AssignmentRow, PlanRow.status, ProductRow.family)
            .join(PlanRow, PlanRow.id == AssignmentRow.plan_id)
            .join(OrderLineRow, OrderLineRow.id == AssignmentRow.order_line_id)
            .join(ProductRow, ProductRow.sku == OrderLineRow.product_sku)
            .order_by(AssignmentRow.id)
        )

    def get(self, assignment_id: int) -> AssignmentRecord | None:
        query = self._base().where(AssignmentRow.id == assignment_id)
        found = self._records(query)
        return found[0] if found else None

    def matching(
        self, *, plan_ids: Sequence[int] | None = None, member_bin: str | None = None
    ) -> list[AssignmentRecord]:
        query = self._base()
        if plan_ids is not None:
            query = query.where(AssignmentRow.plan_id.in_(list(plan_ids)))
        if member_bin is not None:
            query = query.join(MemberRow, MemberRow.id == AssignmentRow.member_id).where(
                MemberRow.bin == member_bin
            )
        return self._records(query)

    def orders_and_plans_of(
        self, member_bin: str, plan_statuses: Sequence[str]
    ) -> list[tuple[str, int, bool]]:
        """(order number, plan id, order confidential) of the member's assignments in such plans."""
        rows = self.session.execute(
            select(OrderRow.number, AssignmentRow.plan_id, OrderRow.confidential)
            .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id)
            .join(AssignmentRow, AssignmentRow.order_line_id == OrderLineRow.id)
            .join(PlanRow, PlanRow.id == AssignmentRow.plan_id)
            .join(MemberRow, MemberRow.id == AssignmentRow.member_id)
            .where(MemberRow.bin == member_bin, PlanRow.status.in_(list(plan_statuses)))
            .distinct()
        ).all()
        return [(number, plan_id, confidential) for number, plan_id, confidential in rows]

    def set_status(self, assignment_id: int, status: AssignmentStatus, reason: str) -> None:
        self.session.execute(
            update(AssignmentRow)
            .where(AssignmentRow.id == assignment_id)
            .values(status=status.value, decline_reason=reason)
        )
        self.session.expire_all()

    def accepted_quantity(self, *, plan_id: int, member_bin: str, month: str, family: Family) -> Decimal:
        """Quantity the member has accepted in this plan, month and product family (product units)."""
        quantities = self.session.scalars(
            select(AssignmentRow.quantity)
            .join(MemberRow, MemberRow.id == AssignmentRow.member_id)
            .join(OrderLineRow, OrderLineRow.id == AssignmentRow.order_line_id)
            .join(ProductRow, ProductRow.sku == OrderLineRow.product_sku)
            .where(
                AssignmentRow.plan_id == plan_id,
                MemberRow.bin == member_bin,
                AssignmentRow.month == month,
                AssignmentRow.status == AssignmentStatus.ACCEPTED.value,
                ProductRow.family == family.value,
            )
        )
        return sum(quantities, Decimal(0))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(AssignmentRow)) or 0
