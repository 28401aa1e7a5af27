"""The `tekser serve` subcommand (FastAPI intake over uvicorn) and `tekser tokens` (API tokens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tekser.errors import ConfigurationError, UsageError
from tekser.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def service_app(settings: Settings, *, process: bool = True) -> FastAPI:
    """The API at /api/v1 and, when installed, the reviewer workspace (web.app) mounted at /."""
    from api.app import create_app

    app = create_app(settings, process=process)
    try:
        from web.app import create_web_app
    except ImportError:
        return app
    app.mount("/", create_web_app(settings, app.state.tekser.engine))
    return app


def serve(
    host: Annotated[str | None, typer.Option("--host", help="address to listen on (TEKSER_HTTP_HOST)")] = None,
    port: Annotated[int | None, typer.Option("--port", min=0, max=65535,
                                             help="port to listen on (TEKSER_HTTP_PORT)")] = None,
    no_process: Annotated[bool, typer.Option(
        "--no-process", help="record uploads only, do not enqueue them (intake-only node; the reconciler of "
                             "`tekser worker` picks them up later; used to measure intake alone)")] = False,
) -> None:
    """Run the HTTP API: uploads, statuses, results and page images (docs at /api/docs)."""
    import uvicorn

    from tekser.cli import fail

    settings = Settings()
    try:
        app = service_app(settings, process=not no_process)
    except ConfigurationError as error:
        raise fail(error) from error
    uvicorn.run(app, host=host or settings.http_host, port=settings.http_port if port is None else port,
                log_level="info", proxy_headers=True, timeout_graceful_shutdown=30)


tokens_app = typer.Typer(no_args_is_help=True, help="API tokens for `tekser serve` (stored hashed).")


@tokens_app.command("add")
def tokens_add(
    role: Annotated[str, typer.Option("--role", help="operator | hr | reviewer | admin")],
    service_center: Annotated[str | None, typer.Option(
        "--service-center", help="the operator's service center (required for operators)")] = None,
    name: Annotated[str | None, typer.Option("--name", help="a unique name (default: role and random suffix)")] = None,
) -> None:
    """Create an API token and print it once; only its hash is stored."""
    from sqlalchemy.orm import Session

    from intake.access_models import TokenProblem, create_token
    from intake.db import open_database
    from tekser.cli import console, fail

    settings = Settings()
    try:
        engine = open_database(settings.resolved_database_url)
        with Session(engine, expire_on_commit=False) as session:
            row, clear = create_token(session, role, service_center, name)
    except TokenProblem as problem:
        raise fail(UsageError(str(problem))) from problem
    except ConfigurationError as error:
        raise fail(error) from error
    center = f", service center {row.service_center}" if row.service_center else ""
    console.print(f"token {row.name!r} ({row.role}{center}) — shown only now, keep it secret:", highlight=False)
    print(clear)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""
    app.command("serve")(serve)
    app.add_typer(tokens_app, name="tokens")
