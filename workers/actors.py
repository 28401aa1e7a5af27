"""dramatiq actors of the queued pipeline: messages carry ids only, the database holds every state.

Run by `python -m dramatiq workers.actors`; each actor is safe to run twice (a conditional UPDATE decides who
writes), and a document whose read crashes or hangs ends `failed` after settings.max_attempts attempts.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime

import dramatiq
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from intake.db import open_database
from intake.models import Batch, Document, Submission
from intake.storage import ContentStore
from tekser.settings import Settings
from workers import local
from workers.batch import read_limits
from workers.broker import setup_broker
from workers.results import apply_state, fail_unprocessed, finish_submission
from workers.steps import DocumentState, unreadable
from workers.verify import verify_batch

log = logging.getLogger(__name__)
FINISHED = ("done", "failed")
CLAIMABLE = ("received", "queued", "reading")



class StopReaders(dramatiq.Middleware):
    """Kills this worker process's OCR child when the worker stops (else shutdown waits on a long read)."""

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        _kill_pool()


_SETTINGS = Settings()
_BROKER_URL: str | None = _SETTINGS.redis_url
setup_broker(_BROKER_URL).add_middleware(StopReaders())
_ENGINES: dict[str, Engine] = {}  # one engine per database url and worker process
_POOL: ProcessPoolExecutor | None = None  # one OCR child process per worker process (killable on a hang)
_POOL_LOCK = threading.Lock()


class ReadAborted(Exception):
    """A read hung past the time limit or killed its process; dramatiq retries the message."""


def engine_for(url: str) -> Engine:
    if url not in _ENGINES:
        _ENGINES[url] = open_database(url)
    return _ENGINES[url]


def _pool(settings: Settings) -> ProcessPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            # spawned, not forked: a fork of this multi-threaded process can inherit a held lock and hang
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=local.init_worker,
                                        initargs=(settings.tessdata, read_limits(settings)))
        return _POOL


def _kill_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            for process in list(_POOL._processes.values()):
                process.kill()
            _POOL.shutdown(wait=False, cancel_futures=True)
            _POOL = None


def read_in_child(settings: Settings, job: local.Job) -> DocumentState:
    """local.process_job in the child process, stopped for real after settings.ocr_time_limit_s."""
    future = _pool(settings).submit(local.process_job, job)
    try:
        return future.result(timeout=settings.ocr_time_limit_s).state
    except FutureTimeout as exc:
        _kill_pool()
        raise ReadAborted(f"reading document {job.document_id} took over {settings.ocr_time_limit_s} s") from exc
    except BrokenProcessPool as exc:
        _kill_pool()
        raise ReadAborted(f"the process reading document {job.document_id} died") from exc


def _claim(session: Session, document_id: int, max_attempts: int) -> bool:
    claimed = session.execute(
        update(Document)
        .where(Document.id == document_id, Document.state.in_(CLAIMABLE), Document.attempts < max_attempts)
        .values(state="reading", attempts=Document.attempts + 1, updated_at=datetime.now(UTC)))
    session.commit()
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def _write(session: Session, document_id: int, state: DocumentState) -> bool:
    """Store the outcome unless another run already did (one state change per document)."""
    taken = session.execute(update(Document).where(Document.id == document_id, Document.state.in_(CLAIMABLE))
                            .values(state="writing"))
    if not taken.rowcount:  # type: ignore[attr-defined]
        session.rollback()
        return False
    document = session.get(Document, document_id)
    assert document is not None
    session.refresh(document)
    apply_state(session, document, state)
    session.commit()
    return True


def unfinished_in_batch(session: Session, batch_id: int) -> int:
    query = (select(func.count()).select_from(Document).join(Submission)
             .where(Submission.batch_id == batch_id, Document.state.not_in(FINISHED)))
    return int(session.scalar(query) or 0)


def _batch_of(session: Session, document_id: int) -> int | None:
    return session.scalar(select(Submission.batch_id).join(Document).where(Document.id == document_id))


def _after_write(session: Session, document_id: int) -> None:
    batch_id = _batch_of(session, document_id)
    if batch_id is not None and unfinished_in_batch(session, batch_id) == 0:
        finish_batch.send(batch_id)


def _give_up(session: Session, document_id: int, settings: Settings) -> None:
    document = session.get(Document, document_id)
    if document is None or document.state in FINISHED or document.attempts < settings.max_attempts:
        return
    reason = (f"the worker died or timed out reading this file {document.attempts} times; set aside")
    if _write(session, document_id, DocumentState(error=reason, flags=(unreadable(reason),))):
        _after_write(session, document_id)


def read_document_now(document_id: int, settings: Settings | None = None) -> None:
    """The body of read_document (callable without a broker, e.g. from tests)."""
    settings = settings or Settings()
    engine = engine_for(settings.resolved_database_url)
    with Session(engine, expire_on_commit=False) as session:
        if not _claim(session, document_id, settings.max_attempts):
            _give_up(session, document_id, settings)
            return
        document = session.get(Document, document_id)
        assert document is not None and document.sha256 and document.kind
        path = str(ContentStore(settings.resolved_storage_dir).path_for(document.sha256))
        job = local.Job(document_id, path, document.kind)
        session.rollback()  # hold no transaction while reading
        state = read_in_child(settings, job)
        if _write(session, document_id, state):
            _after_write(session, document_id)


def finish_batch_now(batch_id: int, settings: Settings | None = None) -> None:
    """Verify a batch whose documents are all read and mark it finished, once."""
    settings = settings or Settings()
    with Session(engine_for(settings.resolved_database_url), expire_on_commit=False) as session:
        batch = session.get(Batch, batch_id)
        if batch is None or batch.finished_at is not None or unfinished_in_batch(session, batch_id):
            return
        for document in (d for s in batch.submissions for d in s.documents):
            if document.state == "failed" and document.pipeline_version is None:
                fail_unprocessed(document)  # refused at intake
        session.commit()
        verify_batch(session, batch, today=datetime.now(UTC).date())
        for submission in batch.submissions:
            finish_submission(submission)
        marked = session.execute(update(Batch).where(Batch.id == batch_id, Batch.finished_at.is_(None))
                                 .values(finished_at=datetime.now(UTC)))
        if not marked.rowcount:  # type: ignore[attr-defined]
            session.rollback()
            return
        session.commit()


@dramatiq.actor(max_retries=_SETTINGS.max_attempts, min_backoff=1000, max_backoff=30_000,
                time_limit=(_SETTINGS.ocr_time_limit_s + 60) * 1000)
def read_document(document_id: int) -> None:
    """Read one document (ids only in the message)."""
    read_document_now(document_id)


@dramatiq.actor(max_retries=5, min_backoff=1000, max_backoff=30_000, time_limit=600_000)
def finish_batch(batch_id: int) -> None:
    """Verify and close a batch once every document is read."""
    finish_batch_now(batch_id)


ACTORS = (read_document, finish_batch)


def use_broker(redis_url: str | None) -> None:
    """Point the actors at the broker of redis_url (a sender's settings may differ from the environment's)."""
    global _BROKER_URL
    if redis_url == _BROKER_URL:
        return
    broker = setup_broker(redis_url)
    broker.add_middleware(StopReaders())
    for actor in ACTORS:
        actor.broker = broker
        broker.declare_actor(actor)
    _BROKER_URL = redis_url


__all__ = ["finish_batch", "finish_batch_now", "read_document", "read_document_now", "use_broker"]
