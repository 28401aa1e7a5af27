"""Health: answers 200 when the service and its database work, 503 when the database cannot be reached."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from api.auth import API_PREFIX
from api.deps import SessionDep
from api.schemas import Health, error_responses

router = APIRouter(prefix=API_PREFIX, tags=["health"])


@router.get("/health", response_model=Health, responses=error_responses(503))
def health(session: SessionDep) -> Health:
    """Open to everyone (load balancers): checks that the database answers."""
    session.execute(text("SELECT 1"))
    return Health(status="ok", database="ok")
