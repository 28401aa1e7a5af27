"""The reconciler: re-sends the messages of documents and batches stuck in a state (e.g. Redis lost them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from intake.models import Batch, Document, Submission
from tekser.settings import Settings


def reconcile(settings: Settings, engine: Engine, now: datetime | None = None) -> int:
    """Re-send read_document for documents stuck in received/reading longer than reconcile_after_s, and
    finish_batch for open batches whose documents are all read; returns how many messages were sent."""
    from workers.actors import finish_batch, read_document, use_broker

    use_broker(settings.redis_url)
    cutoff = (now or datetime.now(UTC)) - timedelta(seconds=settings.reconcile_after_s)
    with Session(engine) as session:
        stuck = list(session.scalars(select(Document.id).where(
            Document.state.in_(("received", "queued", "reading")), Document.updated_at < cutoff)))
        unfinished = (select(Document.id).join(Submission)
                      .where(Submission.batch_id == Batch.id, Document.state.not_in(("done", "failed"))))
        ready = list(session.scalars(select(Batch.id).where(Batch.finished_at.is_(None), ~exists(unfinished))))
    # a document past max_attempts is sent too: read_document then marks it failed with the reason
    for document_id in stuck:
        read_document.send(document_id)
    for batch_id in ready:
        finish_batch.send(batch_id)
    return len(stuck) + len(ready)


__all__ = ["reconcile"]
