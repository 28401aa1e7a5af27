"""Hand a recorded batch to the pipeline: embedded mode processes it in a background thread."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from intake.models import Batch, Document, Submission
from intake.storage import ContentStore
from tekser.settings import Settings
from workers.batch import read_limits
from workers.local import Job, LocalPipeline, Outcome
from workers.results import apply_state, fail_unprocessed, finish_submission
from workers.verify import verify_batch

log = logging.getLogger(__name__)


def process_batch(settings: Settings, engine: Engine, batch_id: int) -> None:
    """Read every unfinished document of the batch with LocalPipeline, then verify and finish it (idempotent)."""
    store = ContentStore(settings.resolved_storage_dir)
    with Session(engine, expire_on_commit=False) as session:
        batch = session.get(Batch, batch_id)
        if batch is None or batch.finished_at is not None:
            return
        documents = {d.id: d for s in batch.submissions for d in s.documents}
        jobs: list[Job] = []
        for document in documents.values():
            if document.state == "failed":
                fail_unprocessed(document)
            elif document.state != "done" and document.sha256 and document.kind:
                jobs.append(Job(document.id, str(store.path_for(document.sha256)), document.kind))
        session.commit()

        def on_outcome(outcome: Outcome) -> None:
            apply_state(session, documents[outcome.document_id], outcome.state)
            session.commit()

        if jobs:
            workers = max(1, min(settings.workers, len(jobs)))
            LocalPipeline(workers, settings.tessdata, read_limits(settings)).run(jobs, on_outcome)
        verify_batch(session, batch, today=datetime.now(UTC).date())
        for submission in batch.submissions:
            finish_submission(submission)
        batch.finished_at = datetime.now(UTC)
        session.commit()


def _process_logged(settings: Settings, engine: Engine, batch_id: int) -> None:
    try:
        process_batch(settings, engine, batch_id)
    except Exception:  # a background thread has no caller to report to
        log.exception("processing batch %s failed", batch_id)


def enqueue_batch(settings: Settings, engine: Engine, batch_id: int) -> None:
    """Start processing a recorded batch and return at once.

    Queued mode (settings.redis_url set): one read_document message per unfinished document (finish_batch when
    none is left). Embedded mode: a daemon thread runs process_batch; results land in the database as each
    document finishes.
    """
    if settings.redis_url:
        send_batch(settings, engine, batch_id)
        return
    threading.Thread(target=_process_logged, args=(settings, engine, batch_id),
                     name=f"tekser-batch-{batch_id}", daemon=True).start()


def send_batch(settings: Settings, engine: Engine, batch_id: int) -> int:
    """Send read_document for every unfinished document of the batch through Redis; returns how many."""
    from workers.actors import finish_batch, read_document, use_broker

    use_broker(settings.redis_url)
    with Session(engine) as session:
        pending = list(session.scalars(select(Document.id).join(Submission).where(
            Submission.batch_id == batch_id, Document.state.not_in(("done", "failed")))))
    for document_id in pending:
        read_document.send(document_id)
    if not pending:
        finish_batch.send(batch_id)
    return len(pending)


def enqueue_submission(settings: Settings, engine: Engine, submission_pk: int) -> None:
    """Start processing the batch that holds one submission (see enqueue_batch)."""
    with Session(engine) as session:
        submission = session.get(Submission, submission_pk)
        batch_id = submission.batch_id if submission is not None else None
    if batch_id is not None:
        enqueue_batch(settings, engine, batch_id)


__all__ = ["enqueue_batch", "enqueue_submission", "process_batch", "send_batch"]
