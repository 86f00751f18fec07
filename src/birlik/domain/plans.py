"""Plans and assignments: who makes how much of which order line in which month, at what cost.

A plan is a draft until the coordinator approves it; an approved plan supersedes the previous one.
Assignments are what members accept or decline; accepted ones are frozen when re-planning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from birlik.domain.calendar import Month
from birlik.domain.errors import IllegalTransition, InvalidValue


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"
    DISCARDED = "discarded"


_PLAN_TRANSITIONS: dict[PlanStatus, tuple[PlanStatus, ...]] = {
    PlanStatus.DRAFT: (PlanStatus.APPROVED, PlanStatus.DISCARDED),
    PlanStatus.APPROVED: (PlanStatus.SUPERSEDED,),
    PlanStatus.SUPERSEDED: (),
    PlanStatus.DISCARDED: (),
}


class AssignmentStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


_ASSIGNMENT_TRANSITIONS: dict[AssignmentStatus, tuple[AssignmentStatus, ...]] = {
    AssignmentStatus.PROPOSED: (AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED),
    AssignmentStatus.ACCEPTED: (),
    AssignmentStatus.DECLINED: (),
}


@dataclass(frozen=True, slots=True)
class Assignment:
    order_number: str
    line_number: int
    member_bin: str
    month: Month
    quantity: Decimal
    production_cost: Decimal  # KZT, for the whole quantity
    transport_cost: Decimal  # KZT, for the whole quantity
    local_content_share: Decimal = Decimal(0)
    status: AssignmentStatus = AssignmentStatus.PROPOSED
    decline_reason: str = ""

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise InvalidValue("assignment quantity", self.quantity, "must be greater than zero")
        if self.production_cost < 0 or self.transport_cost < 0:
            raise InvalidValue("assignment cost", self.production_cost, "cannot be negative")

    def moved_to(self, status: AssignmentStatus, reason: str = "") -> Assignment:
        allowed = _ASSIGNMENT_TRANSITIONS[self.status]
        if status not in allowed:
            raise IllegalTransition(
                f"assignment {self.order_number}/{self.line_number} of {self.member_bin}",
                self.status.value,
                status.value,
                tuple(s.value for s in allowed),
            )
        if status is AssignmentStatus.DECLINED and not reason.strip():
            raise InvalidValue("reason", reason, "say why the assignment is declined")
        return replace(self, status=status, decline_reason=reason)


@dataclass(frozen=True, slots=True)
class Plan:
    id: int | None
    created_at: datetime
    status: PlanStatus
    assignments: tuple[Assignment, ...]
    objective: Decimal = Decimal(0)
    solver_status: str = ""
    summary: str = ""  # the plan's report as JSON text, so that a stored plan reads as it was made

    def moved_to(self, status: PlanStatus) -> Plan:
        allowed = _PLAN_TRANSITIONS[self.status]
        if status not in allowed:
            raise IllegalTransition(
                f"plan {self.id}", self.status.value, status.value, tuple(s.value for s in allowed)
            )
        return replace(self, status=status)
