"""HTTP status and stable code for each user error: one table for the API and the pages.

Kept outside both so that the JSON API and the HTML pages answer the same error with the same status
(a record out of scope is a 404 in both), and neither has to import the other.
"""

from __future__ import annotations

from birlik.domain.errors import DomainError, IllegalTransition, InvalidValue, NotFound
from birlik.services.access import Forbidden
from birlik.services.accounts import TooManyAttempts, Unauthenticated
from birlik.services.assignments import CapacityExceeded, PlanNotCurrent
from birlik.services.commands import IdempotencyKeyReused, PreconditionFailed, PreconditionRequired

# Most specific first: the first matching class decides the status and the code.
DOMAIN_ERRORS: tuple[tuple[type[DomainError], int, str], ...] = (
    (Unauthenticated, 401, "unauthenticated"),
    (Forbidden, 403, "forbidden"),
    (NotFound, 404, "not_found"),
    (TooManyAttempts, 429, "too_many_attempts"),
    (PreconditionRequired, 428, "precondition_required"),
    (PreconditionFailed, 412, "precondition_failed"),
    (IdempotencyKeyReused, 422, "idempotency_key_reused"),
    (CapacityExceeded, 409, "capacity_exceeded"),
    (PlanNotCurrent, 409, "plan_not_current"),
    (IllegalTransition, 409, "illegal_transition"),
    (InvalidValue, 422, "invalid_value"),
    (DomainError, 422, "invalid_request"),
)


def status_and_code(error: DomainError) -> tuple[int, str]:
    """The first (most specific) matching row decides."""
    return next((status, code) for kind, status, code in DOMAIN_ERRORS if isinstance(error, kind))
