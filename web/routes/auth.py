"""Sign-in, sign-out and the language switch; every sign-in and failed sign-in is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from intake.audit import record
from web.accounts import check_password
from web.app import SessionDep, StateDep, ViewerDep, render
from web.i18n import LANGUAGES
from web.security import COOKIE, Forbidden, check_csrf, end_session, start_session

router = APIRouter()


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": _safe_next(next), "error": False})


@router.post("/login")
def login(request: Request, session: SessionDep, state: StateDep, login: Annotated[str, Form()],
          password: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    user = check_password(session, login, password)
    if user is None:
        record(session, f"login:{login[:80]}", "sign_in_failed", "user", None)
        session.commit()
        return render(request, "login.html", {"next": _safe_next(next), "error": True}, status_code=401)
    token = start_session(session, user, state.settings.session_hours)
    record(session, f"user:{user.id}:{user.login}", "sign_in", "user", user.id)
    session.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, token, max_age=state.settings.session_hours * 3600, httponly=True, samesite="lax",
                        secure=state.settings.cookie_secure, path="/")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, viewer: ViewerDep, csrf: Annotated[str, Form()]) -> Response:
    check_csrf(viewer, csrf)
    end_session(session, request.cookies.get(COOKIE))
    record(session, viewer.actor, "sign_out", "user", viewer.user.id)
    session.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/language")
def set_language(session: SessionDep, viewer: ViewerDep, csrf: Annotated[str, Form()],
                 language: Annotated[str, Form()], back: Annotated[str, Form()] = "/") -> Response:
    check_csrf(viewer, csrf)
    if language not in LANGUAGES:
        raise Forbidden
    user = session.merge(viewer.user)
    user.language = language
    session.commit()
    return RedirectResponse(_safe_next(back), status_code=303)


@router.get("/")
def home(viewer: ViewerDep) -> Response:
    role = viewer.user.role
    target = "/queue" if role == "reviewer" else "/admin/audit" if role == "admin" else "/submissions"
    return RedirectResponse(target, status_code=303)
