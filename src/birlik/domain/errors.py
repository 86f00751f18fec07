"""Domain errors: each says what is wrong in words a coordinator understands.

DomainError
 ├── InvalidValue        a field holds a value that cannot be right (field, value, why)
 ├── IllegalTransition   an order or assignment cannot move from its state to the requested one
 └── NotFound            a record referred to does not exist (or is not visible to the caller)
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the user is meant to read; entrypoints print it as one line."""


class InvalidValue(DomainError):
    def __init__(self, field: str, value: object, why: str) -> None:
        self.field = field
        self.value = value
        self.why = why
        super().__init__(f"{field} = {value!r}: {why}")


class IllegalTransition(DomainError):
    def __init__(self, entity: str, current: str, requested: str, allowed: tuple[str, ...]) -> None:
        self.entity = entity
        self.current = current
        self.requested = requested
        allowed_text = ", ".join(allowed) if allowed else "none: it is final"
        super().__init__(
            f"{entity} is {current} and cannot become {requested} (allowed next: {allowed_text})"
        )


class NotFound(DomainError):
    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} {key!r}")
