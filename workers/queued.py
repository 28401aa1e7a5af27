"""`tekser batch` in queued mode: send the recorded batch to the workers and wait for them to finish it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from intake.models import Batch, Document, Page, Submission
from tekser.settings import Settings
from workers.dispatch import send_batch

if TYPE_CHECKING:
    from workers.batch import BatchReport, Progress

POLL_S = 0.5


def _counts(session: Session, batch_id: int) -> tuple[int, int]:
    in_batch = select(Document.id).join(Submission).where(Submission.batch_id == batch_id)
    total = session.scalar(select(func.count()).select_from(in_batch.subquery())) or 0
    done = session.scalar(select(func.count()).select_from(
        in_batch.where(Document.state.in_(("done", "failed"))).subquery())) or 0
    return int(done), int(total)


def wait_for_batch(session: Session, engine: Engine, batch: Batch, settings: Settings,
                   report: BatchReport, progress: Progress | None = None) -> None:
    """Enqueue the batch, report progress every POLL_S seconds, return once a worker has finished it."""
    session.commit()
    send_batch(settings, engine, batch.id)
    while True:
        session.expire_all()
        finished_at = session.scalar(select(Batch.finished_at).where(Batch.id == batch.id))
        done, total = _counts(session, batch.id)
        if progress:
            progress(done, total)
        if finished_at is not None:
            break
        time.sleep(POLL_S)
    session.expire_all()
    report.pages = int(session.scalar(select(func.count()).select_from(Page).join(Document).join(Submission)
                                      .where(Submission.batch_id == batch.id)) or 0)


__all__ = ["wait_for_batch"]
