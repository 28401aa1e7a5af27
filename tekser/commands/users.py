"""The `tekser users (accounts of the reviewer workspace)` subcommand."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""
