"""Writes a document's pipeline outcome into its database rows (one state change per result)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from extractors.types import Box, FieldValue, PageText
from intake.models import Document, Page, Submission
from tekser import PIPELINE_VERSION
from verifiers.flags import Flag
from workers.steps import DocumentState

DONE = "done"
FAILED = "failed"
NO_UNITS = {"criterion": None, "units": 0}


def flag_json(flag: Flag) -> dict[str, Any]:
    return {"code": flag.code, "severity": flag.severity, "message": flag.message,
            "evidence": dict(flag.evidence)}


def field_json(value: FieldValue) -> list[Any]:
    """A read value as [value, confidence, page_no, left, top, width, height] (box parts None when unknown)."""
    box = dataclasses.astuple(value.box) if value.box else (None, None, None, None)
    return [value.value, round(value.confidence, 3), value.page_no, *box]


def field_from_json(data: list[Any]) -> FieldValue:
    """The inverse of field_json."""
    box = Box(*data[3:7]) if data[3] is not None else None
    return FieldValue(data[0], float(data[1]), data[2], box)


def _page_row(page: PageText) -> Page:
    lines = [
        {"text": line.text, "confidence": round(line.confidence, 3),
         "box": dataclasses.astuple(line.box) if line.box else None}
        for line in page.lines
    ]
    return Page(page_no=page.page_no, width=page.width, height=page.height, source=page.source,
                rotation=page.rotation, mean_confidence=round(page.mean_confidence, 3), text=page.text,
                lines=lines)


def apply_state(session: Session, document: Document, state: DocumentState) -> None:
    """Store the outcome; a document already done by this pipeline version is left as it is."""
    if document.state in (DONE, FAILED) and document.pipeline_version == PIPELINE_VERSION:
        return
    extraction = state.extraction
    document.pipeline_version = PIPELINE_VERSION
    document.flags = [flag_json(f) for f in state.flags]
    document.status = state.status
    document.error = state.error
    document.state = FAILED if state.error else DONE
    document.image_hash = state.image_hash
    document.credit_units = dict(NO_UNITS)
    if extraction is not None:
        document.doc_type = extraction.doc_type
        document.language = extraction.language
        document.fields = {name: fv.value for name, fv in extraction.fields.items()}
        document.confidence = {name: round(fv.confidence, 3) for name, fv in extraction.fields.items()}
        document.confidence["doc_type"] = round(extraction.doc_type_confidence, 3)
        boxes = {n: [fv.page_no, *dataclasses.astuple(fv.box)] for n, fv in extraction.fields.items() if fv.box}
        document.extra = {"qr_payloads": list(extraction.qr_payloads), "field_boxes": boxes,
                          "read_flags": document.flags,
                          "issuer_alternatives": [field_json(fv) for fv in extraction.issuer_alternatives],
                          "business_ids": list(extraction.business_ids)}
    document.pages = [_page_row(page) for page in state.pages]
    session.flush()


def fail_unprocessed(document: Document) -> None:
    """A document intake already refused: UNREADABLE with intake's reason."""
    document.status = FAILED
    document.pipeline_version = PIPELINE_VERSION
    document.credit_units = dict(NO_UNITS)
    document.flags = [{"code": "UNREADABLE", "severity": "error", "message": document.error or "unreadable",
                       "evidence": {}}]


def finish_submission(submission: Submission) -> None:
    """The submission's status from its documents (credit units come from verification)."""
    if submission.error:
        submission.status = FAILED
        return
    statuses = {d.status for d in submission.documents}
    submission.status = "flagged" if statuses & {"flagged", "failed"} else "verified"
