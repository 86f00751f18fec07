"""The audit log: append and read, nothing else — there is deliberately no update or delete here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from birlik.adapters.db.accounts_tables import AuditRow


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    before: str | None
    after: str | None


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        *,
        at: datetime,
        actor: str,
        action: str,
        entity: str,
        entity_key: str,
        before: str | None,
        after: str | None,
    ) -> None:
        self.session.add(
            AuditRow(
                at=at,
                actor=actor,
                action=action,
                entity=entity,
                entity_key=entity_key,
                before=before,
                after=after,
            )
        )
        self.session.flush()

    def entries(
        self, *, entity: str | None = None, entity_key: str | None = None, offset: int = 0, limit: int = 100
    ) -> tuple[list[AuditEntry], int]:
        """A page of entries, oldest first, and how many there are in all."""
        query = select(AuditRow)
        if entity is not None:
            query = query.where(AuditRow.entity == entity)
        if entity_key is not None:
            query = query.where(AuditRow.entity_key == entity_key)
        rows = list(self.session.scalars(query.order_by(AuditRow.id)))
        page = rows[offset : offset + limit]
        return [to_entry(r) for r in page], len(rows)


def to_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.id, row.at, row.actor, row.action, row.entity, row.entity_key, row.before, row.after
    )
