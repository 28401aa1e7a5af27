"""Builds the FastAPI application: routes, the route-permission guard, error handlers, the upload size limit."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI
from sqlalchemy import Engine

from api.deps import AppState, guard
from api.errors import ApiError, install_error_handlers
from api.limits import BodySizeLimit
from api.routes import health, pages, submissions
from intake import access_models  # noqa: F401  (registers the api_tokens table)
from intake.db import open_database, session_factory
from intake.storage import ContentStore
from tekser.settings import Settings

API_TITLE = "tekser"
API_VERSION = "1"
API_DESCRIPTION = (
    "Upload healthcare workers' certificates with their submission.json, follow their processing, and read the "
    "results as the contract's JSON records. Every call except /api/v1/health needs `Authorization: Bearer "
    "<token>` (made with `tekser tokens add`). Errors are always JSON: {\"error\": {\"code\", \"message\"}}."
)


def create_app(settings: Settings, engine: Engine | None = None, *, process: bool = True) -> FastAPI:
    """The API over `settings`' database (migrated on start when no engine is given) and content store.

    `process=False` records uploads without handing them to the pipeline (used to measure intake alone).
    """
    engine = engine if engine is not None else open_database(settings.resolved_database_url)
    app = FastAPI(title=API_TITLE, version=API_VERSION, description=API_DESCRIPTION,
                  dependencies=[Depends(guard)], docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/v1/openapi.json")
    app.state.tekser = AppState(settings=settings, engine=engine, sessions=session_factory(engine),
                                store=ContentStore(settings.resolved_storage_dir), process=process)
    for module in (health, submissions, pages):
        app.include_router(module.router)
    app.add_api_route("/api/{rest:path}", _no_such_route, methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                      include_in_schema=False)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)
    return app


def _no_such_route(rest: str) -> None:
    raise ApiError(404, f"no such API route: /api/{rest}")


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema the app serves (what docs/openapi.json must equal)."""
    return app.openapi()
