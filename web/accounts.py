"""Workspace accounts: argon2 password hashes, user creation and the sign-in check."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.access_models import ROLES
from intake.workspace_models import User

LANGUAGES = ("ru", "kk", "en")
MIN_PASSWORD_LENGTH = 10
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()
# compared against when the login does not exist, so a wrong login takes as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountProblem(ValueError):
    """A user cannot be created as asked; the message says why."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(session: Session, login: str, password: str, role: str, service_center: str | None = None,
                language: str = "ru") -> User:
    """Store a new user with an argon2 hash of the password; commits."""
    if not _LOGIN.match(login):
        raise AccountProblem(f"login {login!r}: use letters, digits, '.', '_', '@', '-' (≤ 100)")
    if role not in ROLES:
        raise AccountProblem(f"role {role!r} is not one of {', '.join(ROLES)}")
    if role in ("operator", "hr") and not service_center:
        raise AccountProblem(f"a {role} needs --service-center (they see only their center's submissions)")
    if language not in LANGUAGES:
        raise AccountProblem(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountProblem(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise AccountProblem(f"a user {login!r} exists already")
    user = User(login=login, password_hash=hash_password(password), role=role, service_center=service_center,
                language=language)
    session.add(user)
    session.commit()
    return user


def check_password(session: Session, login: str, password: str) -> User | None:
    """The active user when the password matches, else None (in about the same time either way)."""
    user = session.scalar(select(User).where(User.login == login))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled_at is not None:
        return None
    return user
