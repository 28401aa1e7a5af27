"""Reviewer decisions: approve, reject with a reason, correct a field (re-verifying), re-open on appeal."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.types import DOC_TYPES
from intake.audit import record
from intake.models import Document, Submission
from intake.workspace_models import Decision
from web.security import Viewer, now
from web.services.claims import holder, release
from web.services.queue import forget_counts

REJECT_REASONS = ("not_in_registry", "registry_mismatch", "holder_mismatch", "tampered", "duplicate",
                  "issuer_not_accredited", "implausible", "unreadable", "translation_missing", "other")
CORRECTABLE_FIELDS = ("holder_name", "cert_number", "issuer", "program", "hours", "start_date", "end_date",
                      "issue_date", "doc_type")


class ReviewRefused(Exception):
    """The decision cannot be taken; `reason` is a catalog key for the page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decisions_of(session: Session, document_id: int) -> list[Decision]:
    return list(session.scalars(select(Decision).where(Decision.document_id == document_id)
                                .order_by(Decision.created_at, Decision.id)))


def current_decision(decisions: list[Decision]) -> Decision | None:
    """The last decision unless an appeal re-opened it."""
    last = decisions[-1] if decisions else None
    return None if last is None or last.outcome == "reopened" else last


def _uploaded_by_viewer(submission: Submission, viewer: Viewer) -> bool:
    return submission.uploaded_by in (f"user:{viewer.user.id}", f"user:{viewer.user.login}")


def check_may_decide(session: Session, document: Document, viewer: Viewer) -> list[Decision]:
    """The document's decisions so far; ReviewRefused when this reviewer may not decide it now."""
    if _uploaded_by_viewer(document.submission, viewer):
        raise ReviewRefused("own_submission")
    claimant = holder(session, document.id)
    if claimant is not None and claimant != viewer.user.id:
        raise ReviewRefused("claimed_by_other")
    decisions = decisions_of(session, document.id)
    if current_decision(decisions) is not None:
        raise ReviewRefused("already_decided")
    reopened = [d for d in decisions if d.outcome == "reopened"]
    if reopened and any(d.reviewer_id == viewer.user.id for d in decisions if d.outcome != "reopened"):
        raise ReviewRefused("appeal_needs_other_reviewer")
    return decisions


def approvals(session: Session, submission: Submission) -> tuple[frozenset[int], frozenset[int]]:
    """(approved, rejected) document ids of the submission by their current decisions."""
    approved: set[int] = set()
    rejected: set[int] = set()
    for document in submission.documents:
        decision = current_decision(decisions_of(session, document.id))
        if decision is not None:
            (approved if decision.outcome == "verified" else rejected).add(document.id)
    return frozenset(approved), frozenset(rejected)


def recount(session: Session, submission: Submission) -> None:
    """Re-run verification and credit units of the submission with the reviewers' decisions."""
    from workers.results import finish_submission
    from workers.verify import verify_submission

    forget_counts()
    approved, rejected = approvals(session, submission)
    verify_submission(session, submission, date.today(), approved, rejected)
    finish_submission(submission)
    session.commit()


def decide(session: Session, document: Document, viewer: Viewer, outcome: str, reason: str | None = None,
           text: str | None = None) -> Decision:
    """Record verified / discrepancy / unable_to_verify, audit it, recount the submission."""
    if outcome not in ("verified", "discrepancy", "unable_to_verify"):
        raise ReviewRefused("bad_outcome")
    if outcome != "verified" and reason not in REJECT_REASONS:
        raise ReviewRefused("reason_needed")
    decisions = check_may_decide(session, document, viewer)
    reopened = next((d.reopened_from for d in reversed(decisions) if d.outcome == "reopened"), None)
    decision = Decision(document_id=document.id, reviewer_id=viewer.user.id, outcome=outcome,
                        reason_code=reason if outcome != "verified" else None, text=(text or "").strip() or None,
                        reopened_from=reopened, created_at=now())
    session.add(decision)
    session.flush()
    record(session, viewer.actor, "decision", "document", document.id, {"status": document.status},
           {"outcome": outcome, "reason": decision.reason_code, "text": decision.text, "decision": decision.id})
    release(session, document.id, viewer.user.id)
    recount(session, document.submission)
    return decision


def _coerce(name: str, value: str) -> Any:
    value = value.strip()
    if name == "doc_type":
        if value not in DOC_TYPES:
            raise ValueError(f"not a document type: {value!r}")
        return value
    if not value:
        return None
    if name == "hours":
        number = float(value.replace(",", "."))
        return int(number) if number.is_integer() else number
    if name.endswith("_date"):
        return date.fromisoformat(value).isoformat() if "-" in value else _dotted(value)
    return value


def _dotted(value: str) -> str:
    day, month, year = (int(part) for part in value.split("."))
    return date(year, month, day).isoformat()


def correct(session: Session, document: Document, viewer: Viewer, name: str, value: str) -> dict[str, Any]:
    """Change one read field, audit before/after, re-run verification of the document and its submission."""
    from workers.verify import confirm_read_field

    if name not in CORRECTABLE_FIELDS:
        raise ReviewRefused("bad_field")
    check_may_decide(session, document, viewer)
    try:
        after = _coerce(name, value)
    except ValueError as exc:
        raise ReviewRefused("bad_value") from exc
    if name == "doc_type":
        before, document.doc_type = document.doc_type, after
    else:
        fields = dict(document.fields or {})
        before = fields.get(name)
        fields[name] = after
        document.fields = fields
    confidence = dict(document.confidence or {})
    confidence[name] = 1.0  # a person read it
    document.confidence = confidence
    confirm_read_field(document, name)
    change = {name: {"before": before, "after": after}}
    record(session, viewer.actor, "correction", "document", document.id, {name: before, "result": _units(document)},
           {name: after})
    recount(session, document.submission)
    record(session, viewer.actor, "recount", "submission", document.submission.id, None,
           {"document": _units(document), "submission": (document.submission.result or {}).get("credit_units")})
    session.commit()
    return change


def _units(document: Document) -> dict[str, Any] | None:
    return {"status": document.status, "credit_units": document.credit_units}


def reopen(session: Session, document: Document, viewer: Viewer, text: str) -> Decision:
    """An appeal: another reviewer than the one who rejected puts the document back into the queue."""
    decision = current_decision(decisions_of(session, document.id))
    if decision is None or decision.outcome == "verified":
        raise ReviewRefused("nothing_to_reopen")
    if decision.reviewer_id == viewer.user.id:
        raise ReviewRefused("appeal_needs_other_reviewer")
    row = Decision(document_id=document.id, reviewer_id=viewer.user.id, outcome="reopened",
                   text=text.strip() or None, reopened_from=decision.id, created_at=now())
    session.add(row)
    record(session, viewer.actor, "reopen", "document", document.id, {"decision": decision.id}, {"appeal": text})
    recount(session, document.submission)
    return row
