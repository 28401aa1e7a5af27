"""Admin pages: the audit trail (read-only, filtered) and the register import from CSV files."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select

from intake.audit import record
from intake.registry_import import import_registry
from intake.workspace_models import AuditEvent
from tekser.errors import TekserError
from web.app import SessionDep, ViewerDep, render
from web.security import check_csrf

router = APIRouter()
PAGE_SIZE = 100


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/admin/audit")
def audit_page(request: Request, session: SessionDep, viewer: ViewerDep, actor: str = "", action: str = "",
               object_id: str = "", day: str = "", before_id: int | None = None) -> Response:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(PAGE_SIZE)
    if actor:
        query = query.where(AuditEvent.actor.like(f"%{actor}%"))
    if action:
        query = query.where(AuditEvent.action == action)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    chosen_day = _day(day)
    if chosen_day:
        start = datetime.combine(chosen_day, time())
        query = query.where(AuditEvent.at >= start, AuditEvent.at < start + timedelta(days=1))
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    events = list(session.scalars(query))
    return render(request, "audit.html", {"events": events, "actor": actor, "action": action,
                                          "object_id": object_id, "day": day})


@router.get("/admin/registers")
def registers_form(request: Request, viewer: ViewerDep) -> Response:
    return render(request, "registers.html", {"report": None, "error": None})


@router.post("/admin/registers")
async def registers_import(request: Request, session: SessionDep, viewer: ViewerDep,
                           csrf: Annotated[str, Form()], organizations: UploadFile,
                           certificates: UploadFile) -> Response:
    check_csrf(viewer, csrf)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "organizations.csv").write_bytes(await organizations.read())
        Path(folder, "certificates.csv").write_bytes(await certificates.read())
        try:
            report = import_registry(session, Path(folder))
        except TekserError as error:
            return render(request, "registers.html", {"report": None, "error": str(error)}, status_code=422)
    problems = [p.replace(folder + "/", "") for p in report.problems]
    record(session, viewer.actor, "register_import", "registry", None, None,
           {"organizations": report.organizations, "certificates": report.certificates, "added": report.added,
            "updated": report.updated, "refused": len(problems)})
    session.commit()
    return render(request, "registers.html", {"report": report, "problems": problems, "error": None})
