"""Accounts: users with roles, passwords (argon2id), login sessions and API tokens.

A token is 32 random bytes (256 bits) shown to its owner once; Birlik keeps only its SHA-256 digest,
so a copy of the database lets no one log in. Logging out revokes the session's token; disabling a
user revokes all of theirs. Repeated failed logins for a username or from a client are throttled
before the password is even checked, and an unknown username costs the same hashing time as a
wrong password, so neither timing nor messages tell which usernames exist.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from birlik.adapters.db.accounts_repository import TokenRecord, UserRecord
from birlik.domain.errors import DomainError, InvalidValue, NotFound
from birlik.domain.identifiers import validate_bin
from birlik.services.access import Capability, Principal, Role, require
from birlik.services.unit_of_work import UnitOfWork

SESSION_LIFETIME = timedelta(hours=12)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_CLIENT = 20
MIN_PASSWORD_LENGTH = 12
TOKEN_BYTES = 32
SESSION = "session"
API = "api"
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,79}$")


class Unauthenticated(DomainError):
    """No valid credentials (HTTP 401). The message never says which part was wrong."""

    def __init__(self, why: str = "credentials are missing, wrong, expired or revoked") -> None:
        super().__init__(why)


class TooManyAttempts(DomainError):
    """Login refused without checking the password, until the window has passed (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed logins; try again in {retry_after} s")


class Passwords:
    """argon2id with the library's current defaults; the parameters are kept in each hash."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        self._dummy = self.hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Check a password; with no hash (unknown user) spend the same time and say no."""
        try:
            return self.hasher.verify(password_hash or self._dummy, password) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "bk_" + secrets.token_urlsafe(TOKEN_BYTES)


def principal_of(user: UserRecord) -> Principal:
    return Principal(user.id, user.username, Role(user.role), user.member_bin, user.buyer_code)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue("password", "***", f"use at least {MIN_PASSWORD_LENGTH} characters")


@dataclass(frozen=True, slots=True)
class NewUser:
    username: str
    password: str
    role: Role
    member_bin: str | None = None
    buyer_code: str | None = None


def create_user_in(uow: UnitOfWork, passwords: Passwords, new: NewUser, now: datetime) -> UserRecord:
    """Add a user inside an open unit of work, checking the role's binding to a member or buyer."""
    username = new.username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidValue("username", new.username, "3–80 characters: letters, digits, . _ @ -")
    check_password(new.password)
    member_bin, buyer_code = new.member_bin, new.buyer_code
    if new.role is Role.MEMBER:
        if member_bin is None:
            raise InvalidValue("member_bin", None, "a member user is bound to one member")
        member_bin = validate_bin(member_bin)
        if uow.members.get(member_bin) is None:
            raise NotFound("member", member_bin)
    elif member_bin is not None:
        raise InvalidValue("member_bin", member_bin, f"a {new.role.value} user is not bound to a member")
    if new.role is Role.BUYER:
        if buyer_code is None:
            raise InvalidValue("buyer_code", None, "a buyer user is bound to one buyer")
        if uow.buyers.get(buyer_code) is None:
            raise NotFound("buyer", buyer_code)
    elif buyer_code is not None:
        raise InvalidValue("buyer_code", buyer_code, f"a {new.role.value} user is not bound to a buyer")
    if uow.accounts.by_username(username) is not None:
        raise InvalidValue("username", username, "is taken")
    return uow.accounts.add_user(
        username=username,
        password_hash=passwords.hash(new.password),
        role=new.role.value,
        member_bin=member_bin,
        buyer_code=buyer_code,
        created_at=now,
    )


def create_user(uow: UnitOfWork, passwords: Passwords, new: NewUser, now: datetime) -> UserRecord:
    """`birlik users create`: a user made from the command line (the first coordinator, typically)."""
    with uow:
        user = create_user_in(uow, passwords, new, now)
        after = {"username": user.username, "role": user.role, "member_bin": user.member_bin}
        uow.audit.append(
            at=now,
            actor="cli",
            action="user.create",
            entity="user",
            entity_key=user.username,
            before=None,
            after=json.dumps({**after, "buyer_code": user.buyer_code}, sort_keys=True),
        )
        uow.commit()
        return user


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: datetime
    principal: Principal


def login(
    uow: UnitOfWork, passwords: Passwords, username: str, password: str, client: str, now: datetime
) -> Session:
    """Exchange a password for a session token; every attempt is recorded for throttling."""
    name = username.strip().lower()[:80]
    with uow:
        by_name, by_client = uow.accounts.failures_since(
            username=name, client=client, since=now - THROTTLE_WINDOW
        )
        if by_name >= MAX_FAILURES_PER_USERNAME or by_client >= MAX_FAILURES_PER_CLIENT:
            raise TooManyAttempts(int(THROTTLE_WINDOW.total_seconds()))
        user = uow.accounts.by_username(name)
        ok = passwords.verify(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            uow.accounts.record_attempt(username=name, client=client, at=now, succeeded=False)
            uow.commit()
            raise Unauthenticated("wrong username or password, or the account is disabled")
        uow.accounts.record_attempt(username=name, client=client, at=now, succeeded=True)
        if passwords.needs_rehash(user.password_hash):
            uow.accounts.set_password_hash(user.id, passwords.hash(password))
        token = new_token()
        expires = now + SESSION_LIFETIME
        uow.accounts.add_token(
            digest=digest(token), user_id=user.id, kind=SESSION, name="", created_at=now, expires_at=expires
        )
        uow.commit()
        return Session(token, expires, principal_of(user))


def authenticate(uow: UnitOfWork, token: str | None, now: datetime) -> tuple[Principal, TokenRecord]:
    """The principal a bearer token stands for; Unauthenticated for anything not currently valid."""
    if not token:
        raise Unauthenticated()
    with uow:
        record = uow.accounts.token_by_digest(digest(token))
        if record is None or record.revoked_at is not None:
            raise Unauthenticated()
        if record.expires_at is not None and record.expires_at <= now:
            raise Unauthenticated()
        user = uow.accounts.by_id(record.user_id)
        if user is None or not user.active:
            raise Unauthenticated()
        return principal_of(user), record


def logout(uow: UnitOfWork, token_id: int, now: datetime) -> None:
    with uow:
        uow.accounts.revoke_token(token_id, now)
        uow.commit()


@dataclass(frozen=True, slots=True)
class ApiToken:
    record: TokenRecord
    token: str | None  # shown once, at creation


def create_api_token_in(
    uow: UnitOfWork, principal: Principal, name: str, lifetime_days: int | None, now: datetime
) -> ApiToken:
    if not name.strip() or len(name) > 80:
        raise InvalidValue("name", name, "name the token (1–80 characters), e.g. the program that uses it")
    if lifetime_days is not None and not 1 <= lifetime_days <= 3650:
        raise InvalidValue("lifetime_days", lifetime_days, "between 1 and 3650 days, or none")
    token = new_token()
    expires = None if lifetime_days is None else now + timedelta(days=lifetime_days)
    record = uow.accounts.add_token(
        digest=digest(token),
        user_id=principal.user_id,
        kind=API,
        name=name.strip(),
        created_at=now,
        expires_at=expires,
    )
    return ApiToken(record, token)


def api_tokens(uow: UnitOfWork, principal: Principal) -> list[TokenRecord]:
    require(principal, Capability.OWN_TOKENS)
    with uow:
        return uow.accounts.tokens_of(principal.user_id, API)


def revoke_api_token_in(uow: UnitOfWork, principal: Principal, token_id: int, now: datetime) -> TokenRecord:
    """Revoke one of the caller's own API tokens; anyone else's is reported as not found."""
    mine = {t.id: t for t in uow.accounts.tokens_of(principal.user_id, API)}
    if token_id not in mine:
        raise NotFound("API token", token_id)
    uow.accounts.revoke_token(token_id, now)
    return mine[token_id]


def set_active_in(uow: UnitOfWork, user_id: int, active: bool, now: datetime) -> UserRecord:
    user = uow.accounts.by_id(user_id)
    if user is None:
        raise NotFound("user", user_id)
    uow.accounts.set_active(user_id, active)
    if not active:
        uow.accounts.revoke_all(user_id, now)
    changed = uow.accounts.by_id(user_id)
    assert changed is not None
    return changed
