"""Intake into the database: one Document per file, originals stored once and read-only."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.db import make_engine, migrate
from intake.inbox import scan_inbox
from intake.models import Document
from intake.recorder import IntakeLimits, record_inbox
from intake.storage import ContentStore


def test_record_inbox(inbox: Path, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db' / 't.db'}")
    migrate(engine)
    migrate(engine)  # idempotent
    store = ContentStore(tmp_path / "objects")
    (inbox / "S-1" / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 2000)
    with Session(engine) as session:
        batch = record_inbox(session, inbox, None, scan_inbox(inbox), store, IntakeLimits(max_file_bytes=1000))
        by_file = {d.file: d for s in batch.submissions for d in s.documents}
        assert set(by_file) == {"scan.png", "sub/letter.txt", "big.jpg", "empty.pdf"}
        assert by_file["scan.png"].kind == "png" and by_file["scan.png"].state == "received"
        assert by_file["sub/letter.txt"].state == "failed" and "text" in (by_file["sub/letter.txt"].error or "")
        assert "limit" in (by_file["big.jpg"].error or "")
        assert "empty" in (by_file["empty.pdf"].error or "")
        assert batch.submissions[1].status == "failed" and batch.submissions[1].applicant_iin is None
        assert session.scalar(select(func.count()).select_from(Document)) == 4
    stored = store.path_for(by_file["scan.png"].sha256 or "")
    assert stored.read_bytes() == (inbox / "S-1" / "scan.png").read_bytes()
    assert stored.stat().st_mode & 0o222 == 0


def test_store_keeps_one_copy(tmp_path: Path) -> None:
    store = ContentStore(tmp_path)
    assert store.put(b"abc") == store.put(b"abc")
    assert sum(1 for p in tmp_path.rglob("*") if p.is_file()) == 1
