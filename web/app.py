"""The workspace application: FastAPI serving Jinja2 pages, with sign-in and the role table on every route."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from intake.db import session_factory
from intake.storage import ContentStore
from tekser.settings import Settings
from web.i18n import format_date, translator
from web.security import COOKIE, Forbidden, NotSignedIn, Viewer, authorize, endpoint_name, find_viewer, mask_iin

HERE = Path(__file__).parent


@dataclass
class WebState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker
    store: ContentStore
    templates: Jinja2Templates


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def db_session(request: Request) -> Iterator[Session]:
    with web_state(request).sessions() as session:
        yield session


def gatekeeper(request: Request, session: Annotated[Session, Depends(db_session)]) -> Viewer | None:
    """Runs before every route: finds the viewer and applies the role table (deny by default)."""
    viewer = find_viewer(session, request.cookies.get(COOKIE))
    authorize(viewer, endpoint_name(request))
    request.state.viewer = viewer
    return viewer


def current_viewer(request: Request) -> Viewer:
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    if viewer is None:
        raise NotSignedIn
    return viewer


SessionDep = Annotated[Session, Depends(db_session)]
ViewerDep = Annotated[Viewer, Depends(current_viewer)]
StateDep = Annotated[WebState, Depends(web_state)]


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page in the viewer's language, with the CSRF token and helpers every template uses."""
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    language = viewer.user.language if viewer else request.cookies.get("tekser_lang", "ru")
    role = viewer.user.role if viewer else ""
    base = {"request": request, "viewer": viewer, "t": translator(language), "lang": language,
            "csrf": viewer.csrf if viewer else "", "d": format_date, "mask": lambda iin: mask_iin(iin, role)}
    return web_state(request).templates.TemplateResponse(request, template, {**base, **context},
                                                         status_code=status_code)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def to_sign_in(request: Request, _exc: NotSignedIn) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _exc: Forbidden) -> Response:
        return render(request, "forbidden.html", {}, status_code=403)


def create_web_app(settings: Settings, engine: Engine) -> FastAPI:
    """The workspace at /: pages for reviewers, operators, HR and admins."""
    from web.routes import admin, auth, documents, queue, submissions, upload

    app = FastAPI(title="tekser workspace", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(gatekeeper)])
    templates = Jinja2Templates(directory=HERE / "templates")
    app.state.web = WebState(settings, engine, session_factory(engine), ContentStore(settings.resolved_storage_dir),
                             templates)
    _install_handlers(app)
    for module in (auth, queue, documents, submissions, upload, admin):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
