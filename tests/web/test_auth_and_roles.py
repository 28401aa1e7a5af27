"""Sign-in, sessions, CSRF, the role table (a forbidden page for each role) and IIN masking."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake.workspace_models import AuditEvent
from tests.web.workspace_db import Workspace, sign_in
from web.security import ROUTE_ROLES

# for each role, a page it must not open
FORBIDDEN = {"operator": "/queue", "hr": "/admin/audit", "reviewer": "/upload", "admin": None}
LOGIN_OF = {"operator": "op1", "hr": "hr1", "reviewer": "rev1", "admin": "admin"}


def test_pages_need_a_session(workspace: Workspace) -> None:
    answer = workspace.client.get("/queue", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_wrong_password_is_refused_and_audited(workspace: Workspace) -> None:
    answer = workspace.client.post("/login", data={"login": "rev1", "password": "wrong password!"})
    assert answer.status_code == 401
    with workspace.session() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "sign_in_failed" in actions


def test_session_cookie_flags(workspace: Workspace) -> None:
    answer = workspace.client.post("/login", data={"login": "rev1", "password": "correct horse battery"},
                                   follow_redirects=False)
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


@pytest.mark.parametrize("role", ["operator", "hr", "reviewer"])
def test_each_role_has_a_forbidden_page(workspace: Workspace, role: str) -> None:
    sign_in(workspace.client, LOGIN_OF[role])
    answer = workspace.client.get(FORBIDDEN[role] or "/")
    assert answer.status_code == 403


def test_admin_reaches_every_page(workspace: Workspace) -> None:
    sign_in(workspace.client, "admin")
    for page in ("/queue", "/submissions", "/admin/audit", "/admin/registers", "/upload"):
        assert workspace.client.get(page).status_code == 200, page


def test_every_route_is_in_the_role_table(workspace: Workspace) -> None:
    from fastapi.routing import APIRoute

    from web.routes import admin, auth, documents, queue, submissions, upload

    routes = [r for m in (admin, auth, documents, queue, submissions, upload) for r in m.router.routes]
    names = {r.endpoint.__name__ for r in routes if isinstance(r, APIRoute)}
    assert len(names) > 15
    unlisted = names - set(ROUTE_ROLES) - {"login_form", "login", "static"}
    assert not unlisted


def test_post_without_csrf_is_refused(workspace: Workspace) -> None:
    sign_in(workspace.client, "rev1")
    answer = workspace.client.post("/documents/1/decide", data={"outcome": "verified", "csrf": "forged"})
    assert answer.status_code == 403


def test_operator_sees_only_own_center_and_masked_iin(workspace: Workspace) -> None:
    sign_in(workspace.client, "op1")
    page = workspace.client.get("/submissions").text
    assert page.count('href="/submissions/') == 1
    assert "******" in page
    sign_in(workspace.client, "hr1")
    assert workspace.client.get("/submissions/1").status_code == 403


def test_language_switch(workspace: Workspace) -> None:
    csrf = sign_in(workspace.client, "rev1")
    workspace.client.post("/language", data={"csrf": csrf, "language": "kk", "back": "/queue"})
    assert "Тексеру кезегі" in workspace.client.get("/queue").text
