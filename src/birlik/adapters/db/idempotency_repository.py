"""Stored first responses of POST requests, by (user, Idempotency-Key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from birlik.adapters.db.accounts_tables import IdempotencyRow


@dataclass(frozen=True, slots=True)
class StoredResponse:
    fingerprint: str
    status_code: int
    body: str
    headers: str


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, user_id: int, key: str) -> StoredResponse | None:
        row = self.session.scalars(
            select(IdempotencyRow).where(IdempotencyRow.user_id == user_id, IdempotencyRow.key == key)
        ).one_or_none()
        if row is None:
            return None
        return StoredResponse(row.fingerprint, row.status_code, row.body, row.headers)

    def save(self, user_id: int, key: str, response: StoredResponse, at: datetime) -> None:
        """Store the response; a concurrent twin with the same key fails here on the unique key."""
        self.session.add(
            IdempotencyRow(
                user_id=user_id,
                key=key,
                fingerprint=response.fingerprint,
                status_code=response.status_code,
                body=response.body,
                headers=response.headers,
                created_at=at,
            )
        )
        self.session.flush()
