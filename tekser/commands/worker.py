"""The `tekser worker (dramatiq workers) and the reconciler` subcommand."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""
