"""Operators and HR create a submission in the browser: applicant fields plus files or a ZIP."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from intake.audit import record
from intake.upload import UploadedFile, UploadRejected, record_upload, record_zip_upload, start_processing
from web.app import SessionDep, StateDep, ViewerDep, render
from web.security import check_csrf

router = APIRouter()


@router.get("/upload")
def upload_form(request: Request, viewer: ViewerDep) -> Response:
    return render(request, "upload.html", {"error": None})


def _meta(iin: str, full_name: str, latin_name: str, purpose: str, category: str, submitted_at: str,
          channel: str) -> bytes:
    meta = {"applicant": {"iin": iin.strip(), "full_name": full_name.strip(), "latin_name": latin_name.strip()},
            "purpose": purpose, "submitted_at": submitted_at, "channel": channel}
    if purpose == "qualification":
        meta["target_category"] = category
    return json.dumps(meta, ensure_ascii=False).encode()


@router.post("/upload")
async def upload(request: Request, session: SessionDep, state: StateDep, viewer: ViewerDep,
                 csrf: Annotated[str, Form()], iin: Annotated[str, Form()], full_name: Annotated[str, Form()],
                 submitted_at: Annotated[str, Form()], files: list[UploadFile],
                 purpose: Annotated[str, Form()] = "qualification", category: Annotated[str, Form()] = "first",
                 latin_name: Annotated[str, Form()] = "") -> Response:
    check_csrf(viewer, csrf)
    channel = "hr_upload" if viewer.user.role == "hr" else "service_center"
    meta = _meta(iin, full_name, latin_name, purpose, category, submitted_at, channel)
    uploads = [UploadedFile(f.filename or "file", await f.read()) for f in files if f.filename]
    who = f"user:{viewer.user.id}"
    try:
        if len(uploads) == 1 and uploads[0].name.lower().endswith(".zip"):
            batch = record_zip_upload(session, state.store, state.settings, uploads[0].data, uploaded_by=who,
                                      service_center=viewer.user.service_center, meta_json=meta)
        else:
            batch = record_upload(session, state.store, state.settings, meta, uploads, uploaded_by=who,
                                  service_center=viewer.user.service_center)
    except UploadRejected as refused:
        session.rollback()
        return render(request, "upload.html", {"error": str(refused)}, status_code=422)
    record(session, viewer.actor, "upload", "batch", batch.id, None, {"files": [u.name for u in uploads]})
    session.commit()
    start_processing(state.settings, state.engine, batch.id)
    first = batch.submissions[0].id if batch.submissions else None
    return RedirectResponse(f"/submissions/{first}" if first else "/submissions", status_code=303)
