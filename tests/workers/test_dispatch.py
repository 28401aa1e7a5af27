"""Embedded dispatch: a recorded batch is processed in-process and finished once."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from intake.db import open_database
from intake.inbox import scan_inbox
from intake.models import Batch
from intake.recorder import IntakeLimits, record_inbox
from intake.storage import ContentStore
from tekser.settings import Settings
from workers.dispatch import process_batch


def test_process_batch_fails_unreadable_file_and_finishes_batch(tmp_path: Path) -> None:
    folder = tmp_path / "inbox" / "S-1"
    folder.mkdir(parents=True)
    (folder / "submission.json").write_text(json.dumps({
        "applicant": {"iin": "880514450128", "full_name": "Иванов Иван"}, "purpose": "qualification",
        "target_category": "first", "submitted_at": "2025-11-03", "channel": "service_center"}), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    settings = Settings(data_dir=tmp_path / "data", workers=1)
    engine = open_database(settings.resolved_database_url)
    with Session(engine) as session:
        batch = record_inbox(session, tmp_path / "inbox", tmp_path / "registry", scan_inbox(tmp_path / "inbox"),
                             ContentStore(settings.resolved_storage_dir), IntakeLimits(max_file_bytes=10_000_000))
        batch_id = batch.id
    process_batch(settings, engine, batch_id)
    process_batch(settings, engine, batch_id)  # a second run of a finished batch changes nothing
    with Session(engine) as session:
        batch = session.get(Batch, batch_id)
        assert batch is not None and batch.finished_at is not None
        [document] = batch.submissions[0].documents
        assert document.status == "failed" and document.error
