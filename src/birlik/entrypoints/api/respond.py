"""Turning use-case results into HTTP responses, the same way for first answers and replays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import Response
from pydantic import TypeAdapter

from birlik.entrypoints.api.deps import Context
from birlik.entrypoints.api.schemas import ErrorOut
from birlik.services.access import Principal
from birlik.services.commands import Idempotency, Reply, execute
from birlik.services.unit_of_work import UnitOfWork

T = TypeVar("T")

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": description}
    for code, description in {
        400: "the body is not valid JSON",
        401: "not logged in, or the token is expired or revoked",
        403: "the caller's role may not use this at all",
        404: "no such record, or none the caller may see",
        409: "the change conflicts with the record's state or a concurrent change",
        412: "If-Match is stale: the record changed since it was read",
        422: "the request is malformed or a value is refused",
        428: "If-Match is required to change this record",
        429: "too many failed logins",
    }.items()
}


def location(collection: str, key: object) -> str:
    """The address of a created record; keys may hold any character, headers only ASCII."""
    return f"/api/v1/{collection}/{quote(str(key), safe='')}"


def body_of(value: object, kind: Any) -> str:
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    return adapter.dump_json(value).decode()


def reply(status: int, value: object, kind: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, body_of(value, kind), headers or {})


def send(answer: Reply) -> Response:
    headers = dict(answer.headers)
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        answer.body, status_code=answer.status_code, media_type="application/json", headers=headers
    )


def run(
    context: Context,
    principal: Principal,
    work: Callable[[UnitOfWork], T],
    render: Callable[[T], Reply],
    idempotency: Idempotency | None,
    redact: Callable[[Reply], Reply] | None = None,
) -> Response:
    return send(execute(context.birlik.uow, principal, work, render, idempotency, redact))
