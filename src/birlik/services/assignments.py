"""Members answer their assignments: accept (within capacity) or decline (with a reason).

Accepting is refused when the member's accepted load in that month and product family — in capacity
units, quantity × use rate — would exceed its declared monthly capacity. The check runs under the
member's write lock, so sixteen simultaneous accepts cannot together overbook what each alone fits.
Only assignments of the approved plan can be answered; older plans are history.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from birlik.adapters.db.assignment_repository import AssignmentRecord
from birlik.domain.errors import DomainError
from birlik.domain.plans import AssignmentStatus, PlanStatus
from birlik.services.access import Capability, Principal, require, scope_of
from birlik.services.commands import audit, check_if_match, now
from birlik.services.reads_plans import assignment_in
from birlik.services.unit_of_work import UnitOfWork


class CapacityExceeded(DomainError):
    """Accepting would load the member beyond its monthly capacity (HTTP 409)."""

    def __init__(self, family: str, month: str, load: Decimal, capacity: Decimal, unit: str) -> None:
        super().__init__(
            f"accepting would load {family} in {month} to {load.normalize():f} {unit}, "
            f"above the declared capacity of {capacity.normalize():f} {unit}"
        )


class PlanNotCurrent(DomainError):
    """The assignment belongs to a plan that is not the approved one (HTTP 409)."""

    def __init__(self, plan_id: int, status: PlanStatus) -> None:
        super().__init__(
            f"plan {plan_id} is {status.value}: only the approved plan's assignments can be answered"
        )


def _answerable(
    uow: UnitOfWork, principal: Principal, today: date, assignment_id: int, if_match: str | None
) -> AssignmentRecord:
    require(principal, Capability.ANSWER_ASSIGNMENTS)
    uow.locks.acquire(f"member-load:{principal.member_bin}")
    record = assignment_in(uow, scope_of(uow, principal, today), assignment_id)
    check_if_match(if_match, record, "assignment")
    if record.plan_status is not PlanStatus.APPROVED:
        raise PlanNotCurrent(record.plan_id, record.plan_status)
    return record


def accept(
    uow: UnitOfWork, principal: Principal, today: date, assignment_id: int, if_match: str | None
) -> AssignmentRecord:
    record = _answerable(uow, principal, today, assignment_id, if_match)
    a = record.assignment
    moved = a.moved_to(AssignmentStatus.ACCEPTED)
    member = uow.members.get(a.member_bin)
    capacity = None if member is None else member.capacity_for(record.family)
    accepted = uow.assignments.accepted_quantity(
        plan_id=record.plan_id, member_bin=a.member_bin, month=str(a.month), family=record.family
    )
    use_rate = capacity.use_rate if capacity else Decimal(1)
    load = (accepted + a.quantity) * use_rate
    monthly = capacity.monthly if capacity else Decimal(0)
    if load > monthly:
        unit = capacity.unit.value if capacity else ""
        raise CapacityExceeded(record.family.value, str(a.month), load, monthly, unit)
    uow.assignments.set_status(assignment_id, AssignmentStatus.ACCEPTED, "")
    after = AssignmentRecord(record.id, record.plan_id, record.plan_status, record.family, moved)
    audit(uow, principal, "assignment.accept", "assignment", assignment_id, record, after, now())
    return after


def decline(
    uow: UnitOfWork, principal: Principal, today: date, assignment_id: int, reason: str, if_match: str | None
) -> AssignmentRecord:
    record = _answerable(uow, principal, today, assignment_id, if_match)
    moved = record.assignment.moved_to(AssignmentStatus.DECLINED, reason.strip())
    uow.assignments.set_status(assignment_id, AssignmentStatus.DECLINED, moved.decline_reason)
    after = AssignmentRecord(record.id, record.plan_id, record.plan_status, record.family, moved)
    audit(uow, principal, "assignment.decline", "assignment", assignment_id, record, after, now())
    return after
