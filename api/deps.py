"""Request dependencies: the app's state, a database session, and the authorised caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.auth import Principal, authenticate, authorize, is_public
from api.errors import ApiError
from intake.storage import ContentStore
from tekser.settings import Settings

bearer_scheme = HTTPBearer(auto_error=False, description="an API token made with `tekser tokens add`")


@dataclass(frozen=True)
class AppState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker
    store: ContentStore
    process: bool  # hand new batches to the pipeline (False only for intake-only benchmarks)


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.tekser
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_session(state: StateDep) -> Iterator[Session]:
    with state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _route_template(request: Request) -> str:
    route = request.scope.get("route")
    template = getattr(route, "path_format", None)
    if not isinstance(template, str):
        raise ApiError(403, "this route is not open to anyone")
    return template


def guard(request: Request, state: StateDep) -> None:
    """Run on every API route: public routes pass; others need a known token whose role the table allows."""
    template = _route_template(request)
    if is_public(request.method, template):
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    with state.sessions() as session:
        principal = authenticate(session, token if scheme.lower() == "bearer" else None)
    authorize(principal, request.method, template)
    request.state.principal = principal


def get_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if not isinstance(principal, Principal):  # a route outside the guarded app: deny
        raise ApiError(403, "this route is not open to anyone")
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
# on protected routers, only so the OpenAPI schema shows the bearer scheme; `guard` does the checking
BEARER_DOC = Depends(bearer_scheme)
