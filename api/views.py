"""Builds the API's response bodies from database rows (contract records plus pipeline progress)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.schemas import DocumentOut, Progress, SubmissionOut, SubmissionSummary
from intake.models import Page, Submission
from tekser.records import document_record, submission_record

FINISHED_STATES = frozenset({"done", "failed"})


def page_counts(session: Session, document_ids: Sequence[int]) -> dict[int, int]:
    if not document_ids:
        return {}
    query = (select(Page.document_id, func.count()).where(Page.document_id.in_(document_ids))
             .group_by(Page.document_id))
    return {document_id: count for document_id, count in session.execute(query)}


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _progress(submission: Submission) -> Progress:
    finished = sum(1 for document in submission.documents if document.state in FINISHED_STATES)
    return Progress(documents=len(submission.documents), finished=finished)


def submission_summary(submission: Submission) -> SubmissionSummary:
    return SubmissionSummary(
        submission_id=submission.submission_id, status=submission.status,
        service_center=submission.service_center, uploaded_by=submission.uploaded_by,
        created_at=aware(submission.created_at), batch_id=submission.batch_id, progress=_progress(submission),
        submission=submission_record(submission))


def submission_out(session: Session, submission: Submission) -> SubmissionOut:
    pages = page_counts(session, [document.id for document in submission.documents])
    documents = [DocumentOut(document_id=document.id, state=document.state, pages=pages.get(document.id, 0),
                             record=document_record(submission, document))
                 for document in submission.documents]
    return SubmissionOut(**submission_summary(submission).model_dump(), documents=documents)
