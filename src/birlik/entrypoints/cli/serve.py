"""`birlik serve` (the HTTP API under uvicorn) and `birlik users ...` (accounts from the shell)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from birlik.entrypoints.cli.app import DatabaseOption, app, console, open_app, user_errors
from birlik.services import accounts
from birlik.services.access import Role
from birlik.services.commands import now

users_app = typer.Typer(help="User accounts of the API.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@app.command("serve")
@user_errors
def serve(
    database_url: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    worker: Annotated[bool, typer.Option(help="run allocation jobs in this process")] = True,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the HTTP API (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""
    import uvicorn

    from birlik.entrypoints.api import create_app

    birlik = open_app(database_url)
    try:
        uvicorn.run(create_app(birlik, worker=worker), host=host, port=port, log_level=log_level)
    finally:
        birlik.close()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@users_app.command("create")
@user_errors
def users_create(
    username: Annotated[str, typer.Argument(help="login name: letters, digits, . _ @ -")],
    role: Annotated[Role, typer.Option(help="coordinator, member, buyer or analyst")] = Role.COORDINATOR,
    member: Annotated[str | None, typer.Option(help="BIN of the member a member user acts for")] = None,
    buyer: Annotated[str | None, typer.Option(help="code of the buyer a buyer user acts for")] = None,
    password_stdin: Annotated[bool, typer.Option(help="read the password from standard input")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Create a user — the first coordinator, typically. The password is asked for, never an argument."""
    password = _read_password(password_stdin)
    birlik = open_app(database_url)
    try:
        user = accounts.create_user(
            birlik.uow(),
            accounts.Passwords(),
            accounts.NewUser(username, password, role, member, buyer),
            now(),
        )
    finally:
        birlik.close()
    console.print(f"User {user.username} ({user.role}) created.", highlight=False)


@users_app.command("list")
@user_errors
def users_list(database_url: DatabaseOption = None) -> None:
    """Users with role, binding and whether they are active."""
    birlik = open_app(database_url)
    try:
        with birlik.uow() as uow:
            users = uow.accounts.users()
    finally:
        birlik.close()
    for user in users:
        bound = user.member_bin or user.buyer_code or ""
        state = "active" if user.active else "disabled"
        console.print(
            f"{user.id:>4}  {user.username:<30} {user.role:<12} {bound:<14} {state}", highlight=False
        )
