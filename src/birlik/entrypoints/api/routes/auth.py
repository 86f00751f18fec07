"""Logging in and out, who am I, and one's own API tokens."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from birlik.entrypoints.api.deps import CallerDep, Ctx, IdempotencyDep, Me
from birlik.entrypoints.api.respond import ERRORS, reply, run
from birlik.entrypoints.api.schemas import LoginIn, LoginOut, TokenIn
from birlik.services import accounts, writes
from birlik.services.commands import Reply, execute, now
from birlik.services.records import TokenView, UserView, utc

router = APIRouter(tags=["accounts"], responses=ERRORS)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, context: Ctx, request: Request) -> LoginOut:
    """Exchange a username and password for a session token (valid 12 h, revoked by logout).

    Idempotency-Key is not used here: a replay would have to store the session token, and Birlik
    stores only digests of tokens. Failed attempts are throttled per username and per client."""
    client = request.client.host if request.client else "unknown"
    session = accounts.login(
        context.birlik.uow(), context.passwords, body.username, body.password, client, now()
    )
    with context.birlik.uow() as uow:
        user = uow.accounts.by_id(session.principal.user_id)
    assert user is not None
    return LoginOut(token=session.token, expires_at=utc(session.expires_at), user=UserView.of(user))


@router.post("/auth/logout", status_code=204)
def logout(caller: CallerDep, context: Ctx) -> Response:
    """Revoke the token this request was made with (naturally idempotent: no Idempotency-Key needed)."""
    accounts.logout(context.birlik.uow(), caller.token.id, now())
    return Response(status_code=204)


@router.get("/me", response_model=UserView)
def me(principal: Me, context: Ctx) -> UserView:
    with context.birlik.uow() as uow:
        user = uow.accounts.by_id(principal.user_id)
    assert user is not None
    return UserView.of(user)


@router.get("/tokens", response_model=list[TokenView])
def my_tokens(principal: Me, context: Ctx) -> list[TokenView]:
    return [TokenView.of(t) for t in accounts.api_tokens(context.birlik.uow(), principal)]


def _redact(answer: Reply) -> Reply:
    """A replay of token creation repeats the response without the secret, which is never stored."""
    body = json.loads(answer.body)
    body["token"] = None
    return replace(answer, body=json.dumps(body))


@router.post("/tokens", status_code=201, response_model=TokenView)
def create_token(body: TokenIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    """An API token for a program acting as the caller; the token is shown in this response only."""
    return run(
        context,
        principal,
        lambda uow: writes.create_api_token(uow, principal, body.name, body.lifetime_days),
        lambda made: reply(201, TokenView.of(made.record, made.token), TokenView),
        idempotency,
        redact=_redact,
    )


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: Id, principal: Me, context: Ctx) -> Response:
    execute(
        context.birlik.uow,
        principal,
        lambda uow: writes.revoke_api_token(uow, principal, token_id),
        lambda _: Reply(204, ""),
        None,
    )
    return Response(status_code=204)
