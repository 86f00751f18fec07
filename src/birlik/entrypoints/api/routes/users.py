"""User accounts (coordinators manage them)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from birlik.adapters.db.accounts_repository import UserRecord
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, IfMatch, Me, PageDep
from birlik.entrypoints.api.respond import ERRORS, location, reply, run
from birlik.entrypoints.api.schemas import Page, UserIn, UserPatch
from birlik.services import accounts, reads, writes
from birlik.services.commands import Reply, etag_of
from birlik.services.records import UserView

router = APIRouter(prefix="/users", tags=["accounts"], responses=ERRORS)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("", response_model=Page[UserView])
def list_users(principal: Me, context: Ctx, paging: PageDep) -> Page[UserView]:
    items, total = reads.users(context.birlik.uow(), principal, paging)
    return Page.of(items, total, paging)


@router.post("", status_code=201, response_model=UserView)
def create_user(body: UserIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    new = accounts.NewUser(body.username, body.password, body.role, body.member_bin, body.buyer_code)

    def render(user: UserRecord) -> Reply:
        view = UserView.of(user)
        return reply(201, view, UserView, {"Location": location("users", user.id), "ETag": etag_of(view)})

    return run(
        context,
        principal,
        lambda uow: writes.create_user(uow, principal, context.passwords, new),
        render,
        idempotency,
    )


@router.get("/{user_id}", response_model=UserView)
def get_user(user_id: Id, principal: Me, context: Ctx, response: Response) -> UserView:
    view, etag = reads.user(context.birlik.uow(), principal, user_id)
    response.headers["ETag"] = etag
    return view


@router.patch("/{user_id}", response_model=UserView)
def change_user(
    user_id: Id, body: UserPatch, principal: Me, context: Ctx, if_match: IfMatch = None
) -> Response:
    """Enable or disable a user; disabling revokes every session and API token they hold."""

    def render(user: UserRecord) -> Reply:
        view = UserView.of(user)
        return reply(200, view, UserView, {"ETag": etag_of(view)})

    return run(
        context,
        principal,
        lambda uow: writes.set_user_active(uow, principal, user_id, body.active, if_match),
        render,
        None,
    )
