"""Errors of the allocation engine.

The engine is pure numerics and must not depend on the domain layer, so it raises its own
``AllocationInputError``; it subclasses ``ValueError`` so callers that do not know the engine
still treat it as bad input.
"""

from __future__ import annotations


class AllocationInputError(ValueError):
    """The problem or the settings cannot be planned as given; the message says what and why."""
