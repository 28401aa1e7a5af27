"""The actors' bodies without a broker: a message run twice at once changes the document once."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from intake.models import Batch, Document, Page
from tekser.settings import Settings
from tests.workers.queue_support import broken_pdf, documents, make_inbox, record, text_pdf
from workers.actors import finish_batch_now, read_document_now


def test_same_message_twice_at_once_gives_one_result(tmp_path: Path) -> None:
    inbox, registry = make_inbox(tmp_path, {"cert.pdf": text_pdf(1)})
    settings = Settings(data_dir=tmp_path / "data")
    engine, batch_id = record(settings, inbox, registry)
    [document] = documents(engine, batch_id).values()
    runs = [threading.Thread(target=read_document_now, args=(document.id, settings)) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    read_document_now(document.id, settings)  # a late redelivery of a done document changes nothing
    with Session(engine) as session:
        stored = session.get(Document, document.id)
        assert stored is not None and stored.state == "done" and stored.attempts <= 2
        pages = session.scalar(select(func.count()).select_from(Page).where(Page.document_id == document.id))
        assert pages == 1
    finish_batch_now(batch_id, settings)
    finish_batch_now(batch_id, settings)
    with Session(engine) as session:
        batch = session.get(Batch, batch_id)
        assert batch is not None and batch.finished_at is not None
        assert batch.submissions[0].status in ("verified", "flagged")


def test_document_past_max_attempts_is_set_aside_with_the_reason(tmp_path: Path) -> None:
    inbox, registry = make_inbox(tmp_path, {"broken.pdf": broken_pdf(1)})
    settings = Settings(data_dir=tmp_path / "data", max_attempts=2)
    engine, batch_id = record(settings, inbox, registry)
    [document] = documents(engine, batch_id).values()
    with Session(engine) as session:  # as if the worker had died twice while reading it
        session.execute(update(Document).where(Document.id == document.id).values(state="reading", attempts=2))
        session.commit()
    read_document_now(document.id, settings)
    [failed] = documents(engine, batch_id).values()
    assert failed.state == "failed" and failed.status == "failed"
    assert failed.error and "2 times" in failed.error
    assert [flag["code"] for flag in failed.flags or []] == ["UNREADABLE"]


def test_finish_waits_for_unread_documents(tmp_path: Path) -> None:
    inbox, registry = make_inbox(tmp_path, {"cert.pdf": text_pdf(2)})
    settings = Settings(data_dir=tmp_path / "data")
    engine, batch_id = record(settings, inbox, registry)
    finish_batch_now(batch_id, settings)
    with Session(engine) as session:
        batch = session.get(Batch, batch_id)
        assert batch is not None and batch.finished_at is None
