"""Bearer tokens and the one table of which role may call which route (a route missing from it is denied)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, false
from sqlalchemy.orm import Session

from api.errors import ApiError
from intake.access_models import ROLES, Role, find_token
from intake.models import Submission

PUBLIC = "public"
API_PREFIX = "/api/v1"
_READERS: frozenset[str] = frozenset({"operator", "hr", "reviewer", "admin"})

# (method, path template) → roles allowed. Deny by default: a route that is not listed answers 403 to everyone.
ROUTE_PERMISSIONS: dict[tuple[str, str], frozenset[str]] = {
    ("GET", f"{API_PREFIX}/health"): frozenset({PUBLIC}),
    ("POST", f"{API_PREFIX}/submissions"): frozenset({"operator", "hr", "admin"}),
    ("GET", f"{API_PREFIX}/submissions"): _READERS,
    ("GET", f"{API_PREFIX}/submissions/{{submission_id}}"): _READERS,
    ("GET", f"{API_PREFIX}/submissions/{{submission_id}}/documents/{{document_id}}/pages/{{page_no}}/image"):
        _READERS,
    # any other path under /api answers a JSON 404 (rather than whatever is mounted at /)
    ("*", "/api/{rest}"): frozenset({PUBLIC}),
}


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name, role and (for operators) service center."""

    name: str
    role: Role
    service_center: str | None

    @property
    def uploader(self) -> str:
        return f"token:{self.name}"


def allowed_roles(method: str, path_template: str) -> frozenset[str]:
    exact = ROUTE_PERMISSIONS.get((method.upper(), path_template))
    return exact if exact is not None else ROUTE_PERMISSIONS.get(("*", path_template), frozenset())


def is_public(method: str, path_template: str) -> bool:
    return PUBLIC in allowed_roles(method, path_template)


def authenticate(session: Session, bearer: str | None) -> Principal:
    """The caller behind an `Authorization: Bearer …` token; ApiError 401 when it is missing or unknown."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if not bearer:
        raise ApiError(401, "missing bearer token: send 'Authorization: Bearer <token>'", headers=challenge)
    row = find_token(session, bearer.strip())
    if row is None or row.role not in ROLES:
        raise ApiError(401, "unknown or revoked token", headers=challenge)
    return Principal(name=row.name, role=row.role, service_center=row.service_center)


def authorize(principal: Principal, method: str, path_template: str) -> None:
    """ApiError 403 unless the principal's role is listed for the route."""
    if principal.role not in allowed_roles(method, path_template):
        raise ApiError(403, f"the role {principal.role!r} may not call {method.upper()} {path_template}")


def visible_submissions(query: Select, principal: Principal) -> Select:
    """Limit a query over Submission to what the caller may see: operators their center, HR their uploads."""
    if principal.role == "operator":
        return query.where(Submission.service_center == principal.service_center)
    if principal.role == "hr":
        return query.where(Submission.uploaded_by == principal.uploader)
    if principal.role in ("reviewer", "admin"):
        return query
    return query.where(false())
