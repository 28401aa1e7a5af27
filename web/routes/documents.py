"""The document view (page image with read fields boxed, flags with evidence) and the reviewer's decisions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from extractors.errors import UnreadableDocument
from intake.audit import record
from intake.models import Document
from intake.workspace_models import User
from verifiers.flags import SEVERITIES
from web.app import SessionDep, StateDep, ViewerDep, render
from web.security import Forbidden, check_csrf
from web.services.claims import claim, holder
from web.services.pages import page_png
from web.services.review import (
    CORRECTABLE_FIELDS,
    REJECT_REASONS,
    ReviewRefused,
    correct,
    current_decision,
    decide,
    decisions_of,
    reopen,
)

router = APIRouter()
SEVERITY_ORDER = {"error": 0, "high": 1, "review": 2, "info": 3}


def _document(session: SessionDep, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise Forbidden
    return document


def _boxes(document: Document) -> list[dict[str, Any]]:
    """Every read field's box and every flagged region, as page-pixel rectangles for the SVG overlay."""
    boxes = [{"page": where[0], "box": where[1:5], "label": name, "kind": "field"}
             for name, where in ((document.extra or {}).get("field_boxes") or {}).items() if where and where[0]]
    for flag in document.flags or []:
        region = (flag.get("evidence") or {}).get("box")
        if isinstance(region, dict):
            boxes.append({"page": flag["evidence"].get("page_no", 1), "label": flag["code"], "kind": "flag",
                          "box": [region["left"], region["top"], region["width"], region["height"]]})
    return boxes


def _counterparts(session: SessionDep, document: Document) -> dict[int, Document]:
    """The other side of each DUPLICATE flag, to show side by side."""
    found: dict[int, Document] = {}
    for flag in document.flags or []:
        other_id = (flag.get("evidence") or {}).get("document_id")
        if flag.get("code") == "DUPLICATE" and str(other_id).isdigit():
            other = session.get(Document, int(str(other_id)))
            if other is not None:
                found[other.id] = other
    return found


@router.get("/documents/{document_id}")
def document_view(request: Request, session: SessionDep, state: StateDep, viewer: ViewerDep,
                  document_id: int, refused: str | None = None) -> Response:
    document = _document(session, document_id)
    decisions = decisions_of(session, document.id)
    open_for_review = document.status == "flagged" and current_decision(decisions) is None
    mine = open_for_review and claim(session, document.id, viewer.user.id, state.settings.claim_minutes)
    record(session, viewer.actor, "view_document", "document", document.id)
    session.commit()
    claimant = holder(session, document.id)
    flags = sorted(document.flags or [], key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))
    reviewers = {u.id: u.login for u in session.query(User).where(User.id.in_({d.reviewer_id for d in decisions}))}
    return render(request, "document.html", {
        "doc": document, "sub": document.submission, "flags": flags, "boxes": _boxes(document),
        "pages": document.pages, "mine": mine or not open_for_review, "claimant": claimant, "decisions": decisions,
        "reviewers": reviewers, "standing": current_decision(decisions), "reasons": REJECT_REASONS,
        "correctable": CORRECTABLE_FIELDS, "refused": refused, "duplicates": _counterparts(session, document),
        "severities": SEVERITIES, "next_query": request.url.query})


@router.get("/documents/{document_id}/pages/{page_no}.png")
def document_page_image(session: SessionDep, state: StateDep, document_id: int, page_no: int) -> Response:
    document = _document(session, document_id)
    try:
        png = page_png(state.store, document, page_no, state.settings.max_pixels_per_page)
    except (ValueError, OSError, UnreadableDocument, StopIteration):
        return Response(status_code=404)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _after(document_id: int, action: Any) -> Response:
    try:
        action()
    except ReviewRefused as refused:
        return RedirectResponse(f"/documents/{document_id}?refused={refused.reason}", status_code=303)
    return RedirectResponse(f"/queue/next?after={document_id}", status_code=303)


@router.post("/documents/{document_id}/decide")
def decide_route(session: SessionDep, viewer: ViewerDep, document_id: int, csrf: Annotated[str, Form()],
                 outcome: Annotated[str, Form()], reason: Annotated[str | None, Form()] = None,
                 text: Annotated[str | None, Form()] = None) -> Response:
    check_csrf(viewer, csrf)
    document = _document(session, document_id)
    return _after(document_id, lambda: decide(session, document, viewer, outcome, reason, text))


@router.post("/documents/{document_id}/correct")
def correct_route(session: SessionDep, viewer: ViewerDep, document_id: int, csrf: Annotated[str, Form()],
                  field: Annotated[str, Form()], value: Annotated[str, Form()]) -> Response:
    check_csrf(viewer, csrf)
    document = _document(session, document_id)
    try:
        correct(session, document, viewer, field, value)
    except ReviewRefused as refused:
        return RedirectResponse(f"/documents/{document_id}?refused={refused.reason}", status_code=303)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/documents/{document_id}/reopen")
def reopen_route(session: SessionDep, viewer: ViewerDep, document_id: int, csrf: Annotated[str, Form()],
                 text: Annotated[str, Form()] = "") -> Response:
    check_csrf(viewer, csrf)
    document = _document(session, document_id)
    try:
        reopen(session, document, viewer, text)
    except ReviewRefused as refused:
        return RedirectResponse(f"/documents/{document_id}?refused={refused.reason}", status_code=303)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)

