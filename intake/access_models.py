"""API tokens: who may call the HTTP API, in which role, for which service center (only the hash is stored)."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake.models import Base, utcnow

Role = Literal["operator", "hr", "reviewer", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
TOKEN_PREFIX = "tks_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    service_center: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TokenProblem(ValueError):
    """A token cannot be created as asked; the message says why."""


def hash_token(token: str) -> str:
    """sha256 of a token: tokens are 256-bit random strings, so a fast hash is enough to store them."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_request(session: Session, role: str, service_center: str | None, name: str) -> None:
    if role not in ROLES:
        raise TokenProblem(f"role {role!r} is not one of {', '.join(ROLES)}")
    if role == "operator" and not service_center:
        raise TokenProblem("an operator token needs --service-center (operators see only their center)")
    if service_center is not None and not _NAME.match(service_center):
        raise TokenProblem(f"service center {service_center!r}: use letters, digits, '.', '_', '-' (≤ 64)")
    if not _NAME.match(name):
        raise TokenProblem(f"name {name!r}: use letters, digits, '.', '_', '@', '-' (≤ 100)")
    if session.scalar(select(ApiToken.id).where(ApiToken.name == name)) is not None:
        raise TokenProblem(f"a token named {name!r} exists already; choose another --name")


def create_token(session: Session, role: str, service_center: str | None = None,
                 name: str | None = None) -> tuple[ApiToken, str]:
    """Store a new token (hashed) and return the row and the clear token, which is shown only this once."""
    name = name or f"{role}-{secrets.token_hex(4)}"
    _check_request(session, role, service_center, name)
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(name=name, token_hash=hash_token(clear), role=role, service_center=service_center)
    session.add(row)
    session.commit()
    return row, clear


def find_token(session: Session, clear: str) -> ApiToken | None:
    """The active token whose hash matches `clear`, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(clear)))
    if row is None or row.revoked_at is not None:
        return None
    return row
