"""How every write the API makes is carried out: one transaction with its idempotency record and audit.

`execute` opens the unit of work, replays a stored response when the Idempotency-Key was seen before
(refusing the same key with another request), runs the use case, renders the response, stores it under
the key and writes the audit entries — then commits once. A failure anywhere leaves nothing behind.
Two racing requests with the same key cannot both create: the second one's key insert conflicts, its
transaction is rolled back, and it replays the first one's stored response.

`etag_of` and `check_if_match` implement optimistic concurrency on updates: the ETag is a digest of the
record's full content, so any change (from the API, the CLI or an import) makes older ETags stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError

from birlik.adapters.db.idempotency_repository import StoredResponse
from birlik.domain.errors import DomainError
from birlik.services.access import Principal
from birlik.services.unit_of_work import UnitOfWork

T = TypeVar("T")


class IdempotencyKeyReused(DomainError):
    """The Idempotency-Key was already used for a different request (HTTP 422)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"Idempotency-Key {key!r} was already used with a different request")


class PreconditionRequired(DomainError):
    """An update came without If-Match (HTTP 428)."""

    def __init__(self, entity: str) -> None:
        super().__init__(f"send If-Match with the ETag of the {entity} you read, to update it")


class PreconditionFailed(DomainError):
    """If-Match does not match: someone changed the record since it was read (HTTP 412)."""

    def __init__(self, entity: str) -> None:
        super().__init__(f"the {entity} has changed since you read it; read it again and retry")


@dataclasses.dataclass(frozen=True, slots=True)
class Reply:
    """A rendered response: what is sent now and stored for replays."""

    status_code: int
    body: str
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    replayed: bool = False


def now() -> datetime:
    """Naive UTC, as every timestamp in the database is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        # 15000 and 15000.000000 (as PostgreSQL's NUMERIC returns it) are the same value
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, date | datetime):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def snapshot(value: object) -> str:
    """Canonical JSON of a record (dataclasses, Decimals, months, enums, sets) for audit and ETags."""
    return json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False)


def etag_of(value: object) -> str:
    return '"' + hashlib.sha256(snapshot(value).encode()).hexdigest()[:32] + '"'


def check_if_match(if_match: str | None, current: object, entity: str) -> None:
    """428 without If-Match, 412 when none of its ETags is the record's current one."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(entity)
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" not in wanted and etag_of(current) not in wanted:
        raise PreconditionFailed(entity)


def audit(
    uow: UnitOfWork,
    principal: Principal,
    action: str,
    entity: str,
    key: object,
    before: object | None,
    after: object | None,
    at: datetime,
) -> None:
    uow.audit.append(
        at=at,
        actor=principal.username,
        action=action,
        entity=entity,
        entity_key=str(key),
        before=None if before is None else snapshot(before),
        after=None if after is None else snapshot(after),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Idempotency:
    key: str
    fingerprint: str  # digest of method, path and body: what makes two requests "the same"


def _bucket(key: str) -> int:
    """One of 64 lock rows per user: twins share a row, unrelated keys rarely wait on each other."""
    return hashlib.sha256(key.encode()).digest()[0] % 64


def _stored(reply: Reply, fingerprint: str) -> StoredResponse:
    return StoredResponse(fingerprint, reply.status_code, reply.body, json.dumps(reply.headers))


def _replay(stored: StoredResponse, idem: Idempotency) -> Reply:
    if stored.fingerprint != idem.fingerprint:
        raise IdempotencyKeyReused(idem.key)
    return Reply(stored.status_code, stored.body, json.loads(stored.headers), replayed=True)


def execute(
    uow_factory: Callable[[], UnitOfWork],
    principal: Principal,
    work: Callable[[UnitOfWork], T],
    render: Callable[[T], Reply],
    idempotency: Idempotency | None,
    redact: Callable[[Reply], Reply] | None = None,
) -> Reply:
    """Run one write use case in one transaction; see the module docstring.

    `redact` turns the reply into what is stored for replays, for replies that carry a secret
    (a new API token is shown once and never stored).
    """
    try:
        with uow_factory() as uow:
            if idempotency is not None:
                # Twins with one key queue here, so the later one finds the earlier one's response.
                uow.locks.acquire(f"idempotency:{principal.user_id}:{_bucket(idempotency.key)}")
                stored = uow.idempotency.find(principal.user_id, idempotency.key)
                if stored is not None:
                    return _replay(stored, idempotency)
            reply = render(work(uow))
            if idempotency is not None:
                kept = redact(reply) if redact is not None else reply
                uow.idempotency.save(
                    principal.user_id, idempotency.key, _stored(kept, idempotency.fingerprint), now()
                )
            uow.commit()
            return reply
    except IntegrityError:
        if idempotency is None:
            raise
        with uow_factory() as uow:
            stored = uow.idempotency.find(principal.user_id, idempotency.key)
        if stored is None:
            raise
        return _replay(stored, idempotency)
