"""Plans and their assignments."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from birlik.adapters.db.tables import AssignmentRow, MemberRow, OrderLineRow, OrderRow, PlanRow
from birlik.domain.calendar import Month
from birlik.domain.errors import NotFound
from birlik.domain.plans import Assignment, AssignmentStatus, Plan, PlanStatus


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, plan: Plan) -> int:
        """Store a new plan with its assignments and return its id."""
        row = PlanRow(
            created_at=plan.created_at,
            status=plan.status.value,
            objective=plan.objective,
            solver_status=plan.solver_status,
            summary=plan.summary,
        )
        row.assignments = [self._assignment_row(a) for a in plan.assignments]
        self.session.add(row)
        self.session.flush()
        return row.id

    def _assignment_row(self, a: Assignment) -> AssignmentRow:
        line_id = self.session.scalar(
            select(OrderLineRow.id)
            .join(OrderRow)
            .where(OrderRow.number == a.order_number, OrderLineRow.number == a.line_number)
        )
        member_id = self.session.scalar(select(MemberRow.id).where(MemberRow.bin == a.member_bin))
        if line_id is None:
            raise NotFound("order line", f"{a.order_number}/{a.line_number}")
        if member_id is None:
            raise NotFound("member", a.member_bin)
        return AssignmentRow(
            order_line_id=line_id,
            member_id=member_id,
            month=str(a.month),
            quantity=a.quantity,
            production_cost=a.production_cost,
            transport_cost=a.transport_cost,
            local_content_share=a.local_content_share,
            status=a.status.value,
            decline_reason=a.decline_reason,
        )

    def get(self, plan_id: int) -> Plan | None:
        row = self.session.get(PlanRow, plan_id)
        return None if row is None else to_plan(row)

    def newest_first(self) -> list[Plan]:
        rows = self.session.scalars(select(PlanRow).order_by(PlanRow.id.desc()))
        return [to_plan(r) for r in rows]

    def latest(self, status: PlanStatus | None = None) -> Plan | None:
        query = select(PlanRow).order_by(PlanRow.id.desc()).limit(1)
        if status is not None:
            query = query.where(PlanRow.status == status.value)
        row = self.session.scalars(query).first()
        return None if row is None else to_plan(row)

    def set_status(self, plan_id: int, status: PlanStatus) -> None:
        result = self.session.execute(
            update(PlanRow).where(PlanRow.id == plan_id).values(status=status.value)
        )
        if getattr(result, "rowcount", 0) == 0:
            raise NotFound("plan", plan_id)

    def set_assignment_status(
        self, plan_id: int, position: int, status: AssignmentStatus, reason: str = ""
    ) -> None:
        """Set the status of the plan's assignment at this position (ordered by id)."""
        ids = self.session.scalars(
            select(AssignmentRow.id).where(AssignmentRow.plan_id == plan_id).order_by(AssignmentRow.id)
        ).all()
        if not 0 <= position < len(ids):
            raise NotFound("assignment", f"{plan_id}/{position}")
        self.session.execute(
            update(AssignmentRow)
            .where(AssignmentRow.id == ids[position])
            .values(status=status.value, decline_reason=reason)
        )

    def set_summary(self, plan_id: int, summary: str) -> None:
        self.session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(summary=summary))

    def accepted_assignments(self) -> list[Assignment]:
        """Assignments members have accepted in the approved plan: re-planning keeps them frozen."""
        rows = self.session.scalars(
            select(AssignmentRow)
            .join(PlanRow)
            .where(
                PlanRow.status == PlanStatus.APPROVED.value,
                AssignmentRow.status == AssignmentStatus.ACCEPTED.value,
            )
        )
        return [to_assignment(r) for r in rows]


def to_assignment(row: AssignmentRow) -> Assignment:
    return Assignment(
        order_number=row.order_line.order.number,
        line_number=row.order_line.number,
        member_bin=row.member.bin,
        month=Month.parse(row.month),
        quantity=row.quantity,
        production_cost=row.production_cost,
        transport_cost=row.transport_cost,
        local_content_share=row.local_content_share,
        status=AssignmentStatus(row.status),
        decline_reason=row.decline_reason,
    )


def to_plan(row: PlanRow) -> Plan:
    return Plan(
        id=row.id,
        created_at=row.created_at,
        status=PlanStatus(row.status),
        assignments=tuple(to_assignment(a) for a in row.assignments),
        objective=row.objective,
        solver_status=row.solver_status,
        summary=row.summary,
    )
