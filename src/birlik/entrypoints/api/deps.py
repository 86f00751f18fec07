"""Request dependencies as `Annotated` aliases, so route signatures stay one line per input."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from birlik.adapters.db.accounts_repository import TokenRecord
from birlik.bootstrap import App
from birlik.services import accounts
from birlik.services.access import Principal
from birlik.services.commands import Idempotency, now
from birlik.services.reads import MAX_PAGE, PageRequest


@dataclass
class Context:
    """What the routes need from the composition root, kept on `app.state.context`."""

    birlik: App
    passwords: accounts.Passwords
    wake_worker: Callable[[], None] | None  # None when jobs are left to another process

    def wake(self) -> None:
        if self.wake_worker is not None:
            self.wake_worker()


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(get_context)]

_bearer = HTTPBearer(auto_error=False, description="A session token from /auth/login or an API token.")


@dataclass(frozen=True)
class Caller:
    principal: Principal
    token: TokenRecord


def get_caller(
    context: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Caller:
    token = credentials.credentials if credentials is not None else None
    principal, record = accounts.authenticate(context.birlik.uow(), token, now())
    return Caller(principal, record)


CallerDep = Annotated[Caller, Depends(get_caller)]


def get_principal(caller: CallerDep) -> Principal:
    return caller.principal


Me = Annotated[Principal, Depends(get_principal)]


def get_today() -> date:
    return datetime.now(UTC).date()


Today = Annotated[date, Depends(get_today)]


def get_page(
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="records to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")] = 50,
) -> PageRequest:
    return PageRequest(offset, limit)


PageDep = Annotated[PageRequest, Depends(get_page)]

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match", description="the ETag read with the record; required to change it", max_length=500
    ),
]


async def get_idempotency(
    request: Request,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            description="repeat a POST safely: the first response is replayed for the same key and body",
        ),
    ] = None,
) -> Idempotency | None:
    if key is None:
        return None
    raw = await request.body()
    try:
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode() if raw else b""
    except ValueError:
        body = raw
    fingerprint = hashlib.sha256(
        b"\n".join([request.method.encode(), request.url.path.encode(), request.url.query.encode(), body])
    ).hexdigest()
    return Idempotency(key, fingerprint)


IdempotencyDep = Annotated[Idempotency | None, Depends(get_idempotency)]
