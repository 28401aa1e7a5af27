"""`tekser batch`: intake of an INBOX, the parallel pipeline, and the two output files."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.reader import ReadLimits
from intake.db import open_database
from intake.inbox import scan_inbox
from intake.models import Batch, Document
from intake.recorder import IntakeLimits, record_inbox
from intake.registry_files import check_registry
from intake.registry_import import ImportReport, import_registry
from intake.storage import ContentStore
from tekser.errors import UsageError
from tekser.records import document_record, submission_record, write_jsonl
from tekser.settings import Settings
from workers.local import Job, LocalPipeline, Outcome
from workers.results import apply_state, fail_unprocessed, finish_submission
from workers.verify import verify_batch

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass
class BatchReport:
    batch_id: int
    submissions: int
    documents: int
    pages: int = 0
    seconds: float = 0.0
    worker_peak_rss_mb: float = 0.0
    by_status: Counter[str] = field(default_factory=Counter)
    by_doc_type: Counter[str] = field(default_factory=Counter)
    ignored: tuple[str, ...] = ()
    registry: ImportReport | None = None

    @property
    def pages_per_minute(self) -> float:
        return self.pages / self.seconds * 60 if self.seconds else 0.0


def _check_out_dir(out: Path, inbox: Path) -> None:
    if out.resolve().is_relative_to(inbox.resolve()):
        raise UsageError(f"OUT {out} is inside INBOX {inbox}; choose an output folder outside the inbox")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create OUT {out}: {exc.strerror}; choose a writable folder") from exc


def read_limits(settings: Settings) -> ReadLimits:
    return ReadLimits(max_pages=settings.max_pages, max_pixels_per_page=settings.max_pixels_per_page)


def run_batch(inbox: Path, registry: Path, out: Path, settings: Settings,
              progress: Progress | None = None) -> BatchReport:
    check_registry(registry)
    scanned = scan_inbox(inbox)
    _check_out_dir(out, inbox)
    engine = open_database(settings.resolved_database_url)
    store = ContentStore(settings.resolved_storage_dir)
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        registry_report = import_registry(session, registry)
        batch = record_inbox(session, inbox, registry, scanned, store,
                             IntakeLimits(max_file_bytes=settings.max_file_bytes))
        report = BatchReport(batch.id, len(batch.submissions), sum(len(s.documents) for s in batch.submissions),
                             ignored=scanned.ignored, registry=registry_report)
        if settings.redis_url:  # queued: workers anywhere read and verify; this process waits and writes
            from workers.queued import wait_for_batch

            wait_for_batch(session, engine, batch, settings, report, progress)
            report.seconds = time.perf_counter() - started
            write_outputs(session, batch, out, report)
            return report
        _process(session, batch, store, settings, report, progress)
        report.seconds = time.perf_counter() - started
        _finish(session, batch, out, report)
    return report


def _process(session: Session, batch: Batch, store: ContentStore, settings: Settings,
             report: BatchReport, progress: Progress | None) -> None:
    documents = {d.id: d for s in batch.submissions for d in s.documents}
    done = 0
    jobs: list[Job] = []
    for document in documents.values():
        if document.state == "failed":
            fail_unprocessed(document)
            done += 1
        else:
            assert document.sha256 and document.kind
            jobs.append(Job(document.id, str(store.path_for(document.sha256)), document.kind))
    session.commit()
    if progress:
        progress(done, len(documents))

    def on_outcome(outcome: Outcome) -> None:
        nonlocal done
        apply_state(session, documents[outcome.document_id], outcome.state)
        session.commit()
        report.pages += len(outcome.state.pages)
        report.worker_peak_rss_mb = max(report.worker_peak_rss_mb, outcome.worker_peak_rss_mb)
        done += 1
        if progress:
            progress(done, len(documents))

    workers = max(1, min(settings.workers, len(jobs)))
    LocalPipeline(workers, settings.tessdata, read_limits(settings)).run(jobs, on_outcome)


def _finish(session: Session, batch: Batch, out: Path, report: BatchReport) -> None:
    verify_batch(session, batch, today=datetime.now(UTC).date())
    for submission in batch.submissions:
        finish_submission(submission)
    batch.finished_at = datetime.now(UTC)
    session.commit()
    write_outputs(session, batch, out, report)


def write_outputs(session: Session, batch: Batch, out: Path, report: BatchReport) -> None:
    """Count the finished batch's documents into report and write OUT/documents.jsonl and submissions.jsonl."""
    rows = session.scalars(select(Document).where(Document.submission_pk.in_([s.id for s in batch.submissions])))
    for document in rows:
        report.by_status[document.status or "failed"] += 1
        report.by_doc_type[document.doc_type or "-"] += 1
    submissions = sorted(batch.submissions, key=lambda s: s.submission_id)
    write_jsonl(out / "documents.jsonl",
                (document_record(s, d) for s in submissions for d in sorted(s.documents, key=lambda d: d.file)))
    write_jsonl(out / "submissions.jsonl", (submission_record(s) for s in submissions))
