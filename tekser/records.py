"""Builds the contract's JSON records (documents.jsonl, submissions.jsonl) from database rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractors.types import FIELD_NAMES
from intake.models import Document, Submission


def empty_fields() -> dict[str, Any]:
    return {name: None for name in (*FIELD_NAMES[:3], "issuer_org_id", *FIELD_NAMES[3:])}


def document_record(submission: Submission, document: Document) -> dict[str, Any]:
    fields = empty_fields()
    fields.update(document.fields or {})
    return {
        "submission_id": submission.submission_id,
        "file": document.file,
        "status": document.status or "failed",
        "doc_type": document.doc_type,
        "language": document.language,
        "fields": fields,
        "confidence": document.confidence or {},
        "credit_units": document.credit_units,
        "flags": document.flags or [],
        "error": document.error,
    }


def submission_record(submission: Submission) -> dict[str, Any]:
    documents = submission.documents
    meta = submission.meta or {}
    summary = submission.result or {}
    flagged = sum(1 for d in documents if d.status == "flagged")
    return {
        "submission_id": submission.submission_id,
        "status": submission.status,
        "applicant_iin": submission.applicant_iin,
        "documents": len(documents),
        "flagged_documents": flagged,
        "credit_units": summary.get("credit_units"),
        "target_category": meta.get("target_category"),
        "eligible": summary.get("eligible"),
        "shortfalls": summary.get("shortfalls", []),
        "error": submission.error,
    }


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    count = 0
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)
    return count
