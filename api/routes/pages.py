"""Page images: one page of a stored original, rendered to PNG (grayscale, as the readers see it)."""

from __future__ import annotations

import io
from typing import Annotated

import numpy as np
from fastapi import APIRouter, Path
from fastapi.responses import Response
from PIL import Image
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.auth import API_PREFIX, Principal
from api.deps import BEARER_DOC, AppState, PrincipalDep, StateDep
from api.errors import ApiError
from api.routes.submissions import find_submission
from api.schemas import error_responses
from extractors.errors import UnreadableDocument
from extractors.pdf import check_pdf, render_pdf_pages
from extractors.raster import decode_image_pages
from intake.models import Document
from tekser.settings import Settings

router = APIRouter(prefix=f"{API_PREFIX}/submissions", tags=["pages"], dependencies=[BEARER_DOC])
PAGE_DPI = 150


def _find_document(session: Session, principal: Principal, submission_id: str, document_id: int) -> Document:
    submission = find_submission(session, principal, submission_id)
    document = next((doc for doc in submission.documents if doc.id == document_id), None)
    if document is None:
        raise ApiError(404, f"submission {submission_id!r} has no document {document_id}")
    if document.sha256 is None or document.kind is None:
        raise ApiError(404, f"document {document_id} has no readable original to show")
    return document


def render_page(data: bytes, kind: str, page_no: int, settings: Settings) -> np.ndarray:
    """Page `page_no` (1-based) of a PDF or image file as a grayscale array; ApiError 404 past the last page."""
    if kind == "pdf":
        pages = check_pdf(data, settings.max_pages)
        if page_no > pages:
            raise ApiError(404, f"the document has {pages} page(s), not {page_no}")
        return next(iter(render_pdf_pages(data, PAGE_DPI, [page_no], settings.max_pixels_per_page)))[1]
    for number, pixels in enumerate(decode_image_pages(data, kind, settings.max_pixels_per_page,
                                                       settings.max_pages), start=1):
        if number == page_no:
            return pixels
    raise ApiError(404, f"the document has fewer than {page_no} page(s)")


def _png(state: AppState, principal: Principal, submission_id: str, document_id: int, page_no: int) -> bytes:
    with state.sessions() as session:
        document = _find_document(session, principal, submission_id, document_id)
        digest, kind = document.sha256, document.kind
    assert digest is not None and kind is not None
    try:
        data = state.store.get(digest)
    except FileNotFoundError as exc:
        raise ApiError(404, f"the stored original of document {document_id} is missing from storage") from exc
    try:
        pixels = render_page(data, kind, page_no, state.settings)
    except UnreadableDocument as exc:
        raise ApiError(422, f"the page cannot be rendered: {exc.reason}", code="unreadable") from exc
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


@router.get("/{submission_id}/documents/{document_id}/pages/{page_no}/image", response_class=Response,
            responses={200: {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                             "description": "the page as PNG"},
                       **error_responses(401, 403, 404, 422, 503)})
async def page_image(submission_id: str, document_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
                     page_no: Annotated[int, Path(ge=1, le=10_000)], principal: PrincipalDep,
                     state: StateDep) -> Response:
    """One page of a document's stored original as PNG (PDF pages rendered at 150 dpi)."""
    png = await run_in_threadpool(_png, state, principal, submission_id, document_id, page_no)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
