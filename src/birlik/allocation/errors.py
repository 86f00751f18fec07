"""Errors of the allocation engine.

The engine is pure numerics; its one error is bad input, so it is a DomainError (the CLI prints it
as one line, the API answers 422, a planning job reports it) and a ValueError for callers that do not
know the domain.
"""

from __future__ import annotations

from birlik.domain.errors import DomainError


class AllocationInputError(DomainError, ValueError):
    """The problem or the settings cannot be planned as given; the message says what and why."""
