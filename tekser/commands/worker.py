"""The `tekser worker` subcommand: dramatiq worker processes on Redis plus the reconciler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Annotated

import typer

from tekser.errors import ConfigurationError, TekserError
from tekser.settings import Settings

RECONCILE_EVERY_S = 60.0


def dramatiq_command(processes: int, threads: int, extra_modules: tuple[str, ...] = ()) -> list[str]:
    """The command line of the dramatiq workers (extra_modules are imported too, e.g. middleware)."""
    return [sys.executable, "-m", "dramatiq", "workers.actors", *extra_modules,
            "--processes", str(processes), "--threads", str(threads)]


def _reconcile_once(settings: Settings) -> int:
    from intake.db import open_database
    from workers.reconcile import reconcile

    return reconcile(settings, open_database(settings.resolved_database_url))


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)  # unwinds _run, whose `finally` stops the dramatiq workers too


def _run(settings: Settings, processes: int, threads: int) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    workers = subprocess.Popen(dramatiq_command(processes, threads), env=os.environ.copy())
    next_reconcile = time.monotonic() + RECONCILE_EVERY_S
    try:
        while workers.poll() is None:
            time.sleep(1.0)
            if time.monotonic() >= next_reconcile:
                _reconcile_once(settings)
                next_reconcile = time.monotonic() + RECONCILE_EVERY_S
    finally:
        if workers.poll() is None:
            workers.terminate()
            workers.wait()
    return workers.returncode or 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""

    @app.command()
    def worker(
        processes: Annotated[int | None, typer.Option("--processes", min=1,
                                                      help="worker processes (default: cores)")] = None,
        threads: Annotated[int, typer.Option("--threads", min=1, help="threads per worker process")] = 1,
        reconcile_once: Annotated[bool, typer.Option("--reconcile-once",
                                                     help="re-send stuck work once and exit")] = False,
    ) -> None:
        """Take work from Redis (TEKSER_REDIS_URL): read documents, verify and close batches."""
        from tekser.cli import console, fail

        settings = Settings()
        try:
            if not settings.redis_url:
                raise ConfigurationError("tekser worker needs TEKSER_REDIS_URL (e.g. redis://host:6379/0)")
            if reconcile_once:
                console.print(f"re-sent {_reconcile_once(settings)} messages")
                return
            code = _run(settings, processes or os.cpu_count() or 1, threads)
        except TekserError as error:
            raise fail(error) from error
        if code:
            raise typer.Exit(code)
