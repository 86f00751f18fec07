"""Users, their credentials (session and API tokens, by digest) and login attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from birlik.adapters.db.accounts_tables import AccessTokenRow, LoginAttemptRow, UserRow


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    username: str
    password_hash: str
    role: str
    member_bin: str | None
    buyer_code: str | None
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: int
    user_id: int
    kind: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_user(
        self,
        *,
        username: str,
        password_hash: str,
        role: str,
        member_bin: str | None,
        buyer_code: str | None,
        created_at: datetime,
    ) -> UserRecord:
        row = UserRow(
            username=username,
            password_hash=password_hash,
            role=role,
            member_bin=member_bin,
            buyer_code=buyer_code,
            active=True,
            created_at=created_at,
        )
        self.session.add(row)
        self.session.flush()
        return to_user(row)

    def by_username(self, username: str) -> UserRecord | None:
        row = self.session.scalars(select(UserRow).where(UserRow.username == username)).one_or_none()
        return None if row is None else to_user(row)

    def by_id(self, user_id: int) -> UserRecord | None:
        row = self.session.get(UserRow, user_id)
        return None if row is None else to_user(row)

    def users(self) -> list[UserRecord]:
        return [to_user(r) for r in self.session.scalars(select(UserRow).order_by(UserRow.id))]

    def set_active(self, user_id: int, active: bool) -> None:
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(active=active))

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash))

    def add_token(
        self,
        *,
        digest: str,
        user_id: int,
        kind: str,
        name: str,
        created_at: datetime,
        expires_at: datetime | None,
    ) -> TokenRecord:
        row = AccessTokenRow(
            digest=digest,
            user_id=user_id,
            kind=kind,
            name=name,
            created_at=created_at,
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return to_token(row)

    def token_by_digest(self, digest: str) -> TokenRecord | None:
        row = self.session.scalars(
            select(AccessTokenRow).where(AccessTokenRow.digest == digest)
        ).one_or_none()
        return None if row is None else to_token(row)

    def tokens_of(self, user_id: int, kind: str) -> list[TokenRecord]:
        rows = self.session.scalars(
            select(AccessTokenRow)
            .where(AccessTokenRow.user_id == user_id, AccessTokenRow.kind == kind)
            .order_by(AccessTokenRow.id)
        )
        return [to_token(r) for r in rows]

    def revoke_token(self, token_id: int, at: datetime) -> None:
        self.session.execute(
            update(AccessTokenRow)
            .where(AccessTokenRow.id == token_id, AccessTokenRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def revoke_all(self, user_id: int, at: datetime) -> None:
        self.session.execute(
            update(AccessTokenRow)
            .where(AccessTokenRow.user_id == user_id, AccessTokenRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def record_attempt(self, *, username: str, client: str, at: datetime, succeeded: bool) -> None:
        self.session.add(LoginAttemptRow(username=username, client=client, at=at, succeeded=succeeded))
        self.session.flush()

    def failures_since(self, *, username: str, client: str, since: datetime) -> tuple[int, int]:
        """Failed logins since a moment: (for this username, from this client)."""
        failed = (LoginAttemptRow.succeeded.is_(False), LoginAttemptRow.at >= since)
        by_user = self.session.scalar(
            select(func.count()).where(LoginAttemptRow.username == username, *failed)
        )
        by_client = self.session.scalar(select(func.count()).where(LoginAttemptRow.client == client, *failed))
        return by_user or 0, by_client or 0


def to_user(row: UserRow) -> UserRecord:
    return UserRecord(
        id=row.id,
        username=row.username,
        password_hash=row.password_hash,
        role=row.role,
        member_bin=row.member_bin,
        buyer_code=row.buyer_code,
        active=row.active,
        created_at=row.created_at,
    )


def to_token(row: AccessTokenRow) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        name=row.name,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )
