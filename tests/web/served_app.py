"""The workspace app built from TEKSER_* variables, for `uvicorn --factory` in the browser tests."""

from __future__ import annotations

from fastapi import FastAPI

from intake.db import open_database
from tekser.settings import Settings
from web.app import create_web_app


def app_from_env() -> FastAPI:
    settings = Settings()
    return create_web_app(settings, open_database(settings.resolved_database_url))
