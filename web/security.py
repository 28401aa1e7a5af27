"""Sign-in sessions, CSRF tokens and the one table that says which role may open which page (deny by default)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.workspace_models import User, WebSession

COOKIE = "tekser_session"
ALL = frozenset({"operator", "hr", "reviewer", "admin"})
REVIEWERS = frozenset({"reviewer", "admin"})
UPLOADERS = frozenset({"operator", "hr", "admin"})
ADMINS = frozenset({"admin"})
PUBLIC = frozenset({"login_form", "login", "static"})
# endpoint name -> roles allowed; an endpoint missing here is refused to everyone
ROUTE_ROLES: dict[str, frozenset[str]] = {
    "home": ALL, "logout": ALL, "set_language": ALL,
    "queue": REVIEWERS, "queue_next": REVIEWERS,
    "document_view": REVIEWERS, "document_page_image": REVIEWERS,
    "decide_route": REVIEWERS, "correct_route": REVIEWERS, "reopen_route": REVIEWERS,
    "submissions_list": ALL, "submission_view": ALL, "appendix2_pdf_route": ALL, "batch_csv": ALL,
    "upload_form": UPLOADERS, "upload": UPLOADERS,
    "audit_page": ADMINS, "registers_form": ADMINS, "registers_import": ADMINS,
}
SEES_FULL_IIN = REVIEWERS


class NotSignedIn(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class Forbidden(Exception):
    """Signed in, but the role may not do this."""


@dataclass(frozen=True)
class Viewer:
    user: User
    csrf: str

    @property
    def actor(self) -> str:
        return f"user:{self.user.id}:{self.user.login}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def start_session(session: Session, user: User, hours: int) -> str:
    """A new session row; returns the cookie value (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id, WebSession.expires_at < now()))
    session.add(WebSession(token_hash=_digest(token), user_id=user.id, csrf=secrets.token_urlsafe(32),
                           expires_at=now() + timedelta(hours=hours)))
    return token


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def find_viewer(session: Session, token: str | None) -> Viewer | None:
    if not token:
        return None
    row = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
    if row is None or aware(row.expires_at) < now():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled_at is not None:
        return None
    return Viewer(user, row.csrf)


def endpoint_name(request: Request) -> str:
    endpoint = request.scope.get("endpoint")
    return getattr(endpoint, "__name__", "")


def authorize(viewer: Viewer | None, endpoint: str) -> None:
    """Raise NotSignedIn / Forbidden unless the table lets the viewer's role reach the endpoint."""
    if endpoint in PUBLIC:
        return
    if viewer is None:
        raise NotSignedIn
    if viewer.user.role not in ROUTE_ROLES.get(endpoint, frozenset()):
        raise Forbidden


def check_csrf(viewer: Viewer, submitted: str | None) -> None:
    if not submitted or not hmac.compare_digest(viewer.csrf, submitted):
        raise Forbidden


def mask_iin(iin: str | None, role: str) -> str:
    """8805******28 unless the role needs the whole IIN."""
    if not iin or role in SEES_FULL_IIN:
        return iin or ""
    return iin[:4] + "*" * max(len(iin) - 6, 0) + iin[-2:]
