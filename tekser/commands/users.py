"""The `tekser users` subcommand: accounts of the reviewer workspace (the first admin is made here)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

users_app = typer.Typer(no_args_is_help=True, help="Accounts of the reviewer workspace.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("password", hide_input=True)
    second = typer.prompt("password again", hide_input=True)
    if first != second:
        raise typer.BadParameter("the two passwords differ")
    return str(first)


@users_app.command("add")
def add(
    login: Annotated[str, typer.Argument(help="the sign-in name")],
    role: Annotated[str, typer.Option("--role", help="operator | hr | reviewer | admin")],
    service_center: Annotated[str | None, typer.Option("--service-center", help="for operators and HR")] = None,
    language: Annotated[str, typer.Option("--language", help="ru | kk | en")] = "ru",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from stdin")] = False,
) -> None:
    """Create a workspace user; the password is asked twice (or read from stdin)."""
    from intake.db import open_database, session_factory
    from tekser.cli import console, fail
    from tekser.errors import ConfigurationError, UsageError
    from tekser.settings import Settings
    from web.accounts import AccountProblem, create_user

    password = _read_password(password_stdin)
    try:
        engine = open_database(Settings().resolved_database_url)
        with session_factory(engine)() as session:
            user = create_user(session, login, password, role, service_center, language)
    except AccountProblem as problem:
        raise fail(UsageError(str(problem))) from problem
    except ConfigurationError as error:
        raise fail(error) from error
    console.print(f"user {user.login!r} ({user.role}) created", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""
    app.add_typer(users_app, name="users")
