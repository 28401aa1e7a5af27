"""Submissions: upload (multipart files or a ZIP), list what the caller may see, read one with its documents."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from api.auth import API_PREFIX, Principal, visible_submissions
from api.deps import BEARER_DOC, AppState, PrincipalDep, SessionDep, StateDep
from api.errors import ApiError
from api.schemas import SubmissionOut, SubmissionPage, UploadOut, error_responses
from api.views import submission_out, submission_summary
from intake.models import Submission
from intake.upload import UploadedFile, record_upload_once, record_zip_upload_once, start_processing

log = logging.getLogger("tekser.api")
router = APIRouter(prefix=f"{API_PREFIX}/submissions", tags=["submissions"], dependencies=[BEARER_DOC])
Status = Literal["received", "verified", "flagged", "failed"]
_FORM_FIELDS = frozenset({"submission", "files", "archive"})

_META_EXAMPLE = ('{"submission_id": "S-0001", "applicant": {"iin": "880514450128", "full_name": "Жақсыбекова Әйгерім '
                 'Серікқызы"}, "purpose": "qualification", "target_category": "first", "submitted_at": "2025-11-03", '
                 '"channel": "service_center"}')
_UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "submission": {"type": "string", "example": _META_EXAMPLE,
                       "description": "the submission.json text (may also carry \"submission_id\"; the same id "
                                      "and content sent again is a safe retry)"},
        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                  "description": "document files: PDF, JPEG, PNG or TIFF (judged from their bytes)"},
        "archive": {"type": "string", "format": "binary",
                    "description": "instead of files: a ZIP of submission folders, each with submission.json "
                                   "(or of one submission's files, with `submission` given)"},
    }}}}}}


async def _form_bytes(form: FormData, name: str) -> bytes | None:
    values = form.getlist(name)
    if len(values) > 1:
        raise ApiError(422, f"{name}: send it once", code="invalid_metadata")
    if not values:
        return None
    value = values[0]
    return await value.read() if isinstance(value, UploadFile) else value.encode("utf-8")


async def _form_files(form: FormData) -> list[UploadedFile]:
    files = []
    for value in form.getlist("files"):
        if not isinstance(value, UploadFile):
            raise ApiError(422, "files: each must be a file part with a filename", code="invalid_metadata")
        files.append(UploadedFile(value.filename or "", await value.read()))
    return files


async def _read_upload(request: Request, state: AppState) -> tuple[bytes | None, list[UploadedFile], bytes | None]:
    """(submission.json bytes, files, ZIP bytes) from the multipart body."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise ApiError(415, "send multipart/form-data with 'submission' and 'files', or an 'archive' ZIP")
    form = await request.form(max_files=state.settings.zip_max_entries, max_fields=16)
    try:
        unknown = sorted(set(form.keys()) - _FORM_FIELDS)
        if unknown:
            raise ApiError(422, f"{unknown[0]}: unknown field; send submission, files or archive",
                           code="invalid_metadata")
        return await _form_bytes(form, "submission"), await _form_files(form), await _form_bytes(form, "archive")
    finally:
        await form.close()


def _record(state: AppState, principal: Principal, meta: bytes | None, files: list[UploadedFile],
            archive: bytes | None) -> tuple[int, bool]:
    with state.sessions() as session:
        if archive is not None:
            if files:
                raise ApiError(422, "files: send either files or an archive, not both", code="invalid_metadata")
            batch, created = record_zip_upload_once(session, state.store, state.settings, archive,
                                                    uploaded_by=principal.uploader,
                                                    service_center=principal.service_center, meta_json=meta)
        else:
            if meta is None:
                raise ApiError(422, "submission: the submission.json field is required", code="invalid_metadata")
            batch, created = record_upload_once(session, state.store, state.settings, meta, files,
                                                uploaded_by=principal.uploader,
                                                service_center=principal.service_center)
        return batch.id, created


def _start(state: AppState, batch_id: int) -> bool:
    """Hand the batch to the pipeline; a failure here loses nothing (the reconciler re-enqueues), so log it."""
    if not state.process:
        return False
    try:
        return start_processing(state.settings, state.engine, batch_id)
    except Exception:
        log.exception("batch %s recorded but not enqueued; the reconciler will pick it up", batch_id)
        return False


def _batch_out(state: AppState, batch_id: int, created: bool, processing: bool) -> UploadOut:
    with state.sessions() as session:
        query = (select(Submission).where(Submission.batch_id == batch_id).order_by(Submission.id)
                 .options(selectinload(Submission.documents)))
        submissions = [submission_out(session, row) for row in session.scalars(query)]
    return UploadOut(batch_id=batch_id, created=created, processing=processing, submissions=submissions)


@router.post("", status_code=201, response_model=UploadOut, openapi_extra=_UPLOAD_BODY,
             responses={200: {"model": UploadOut, "description": "an identical earlier upload (a retry)"},
                        **error_responses(400, 401, 403, 409, 413, 415, 422, 503)})
async def create_submission(request: Request, principal: PrincipalDep, state: StateDep) -> JSONResponse:
    """Upload one submission (`submission` + `files`) or a ZIP (`archive`); recorded whole or not at all."""
    meta, files, archive = await _read_upload(request, state)
    batch_id, created = await run_in_threadpool(_record, state, principal, meta, files, archive)
    processing = await run_in_threadpool(_start, state, batch_id) if created else False
    body = await run_in_threadpool(_batch_out, state, batch_id, created, processing)
    headers = {}
    if len(body.submissions) == 1:
        headers["Location"] = f"{router.prefix}/{quote(body.submissions[0].submission_id, safe='')}"
    return JSONResponse(body.model_dump(mode="json"), status_code=201 if created else 200, headers=headers)


@router.get("", response_model=SubmissionPage, responses=error_responses(401, 403, 422, 503))
def list_submissions(principal: PrincipalDep, session: SessionDep,
                     status: Annotated[Status | None, Query(description="only submissions with this status")] = None,
                     limit: Annotated[int, Query(ge=1, le=200)] = 50,
                     offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> SubmissionPage:
    """The submissions the caller may see, newest first (operators: their service center only)."""
    query = visible_submissions(select(Submission), principal)
    if status is not None:
        query = query.where(Submission.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Submission.id.desc()).offset(offset).limit(limit)
                           .options(selectinload(Submission.documents)))
    return SubmissionPage(items=[submission_summary(row) for row in rows], total=total, limit=limit, offset=offset)


def find_submission(session: Session, principal: Principal, submission_id: str) -> Submission:
    """The newest visible submission with this id; 404 also for one the caller may not see."""
    query = visible_submissions(select(Submission).where(Submission.submission_id == submission_id), principal)
    row = session.scalars(query.order_by(Submission.id.desc()).limit(1)
                          .options(selectinload(Submission.documents))).first()
    if row is None:
        raise ApiError(404, f"no submission {submission_id!r}")
    return row


@router.get("/{submission_id}", response_model=SubmissionOut, responses=error_responses(401, 403, 404, 503))
def get_submission(submission_id: str, principal: PrincipalDep, session: SessionDep) -> SubmissionOut:
    """One submission: its status, its contract record and each document's record and pipeline state."""
    return submission_out(session, find_submission(session, principal, submission_id))
