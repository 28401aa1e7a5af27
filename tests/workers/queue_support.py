"""Helpers of the queued-worker tests: a small inbox, dramatiq worker subprocesses, waiting on the database."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.pdfgen import canvas
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from intake.db import open_database
from intake.inbox import scan_inbox
from intake.models import Batch, Document, Submission
from intake.recorder import IntakeLimits, record_inbox
from intake.registry_files import REGISTER_FILES
from intake.storage import ContentStore
from tekser.settings import Settings

REPO = Path(__file__).resolve().parents[2]
META = {"applicant": {"iin": "880514450128", "full_name": "Иванов Иван"}, "purpose": "qualification",
        "target_category": "first", "submitted_at": "2025-11-03", "channel": "service_center"}


def text_pdf(number: int) -> bytes:
    """A one-page born-digital certificate PDF (read from its text layer, no OCR)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, f"CERTIFICATE No {number:06d}")
    page.drawString(72, 740, "Ivanov Ivan completed the course Emergency care, 60 hours")
    page.save()
    return buffer.getvalue()


def broken_pdf(number: int) -> bytes:
    return f"%PDF-1.4 not really a pdf {number}".encode()


def make_inbox(root: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """inbox/S-1 with the given files and an empty registry; returns (inbox, registry)."""
    folder = root / "inbox" / "S-1"
    folder.mkdir(parents=True)
    (folder / "submission.json").write_text(json.dumps(META), encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    registry = root / "registry"
    registry.mkdir()
    for name, columns in REGISTER_FILES.items():
        (registry / name).write_text(",".join(columns) + "\n", encoding="utf-8")
    return root / "inbox", registry


def service_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEKSER_")}
    env.update(TEKSER_DATA_DIR=str(settings.data_dir), TEKSER_REDIS_URL=str(settings.redis_url),
               TEKSER_MAX_ATTEMPTS=str(settings.max_attempts),
               TEKSER_OCR_TIME_LIMIT_S=str(settings.ocr_time_limit_s), **extra)
    return env


def start_worker(settings: Settings, processes: int = 1, **extra: str) -> subprocess.Popen[bytes]:
    """`python -m dramatiq workers.actors tests.workers.crash_plugin` in its own process group."""
    command = [sys.executable, "-m", "dramatiq", "workers.actors", "tests.workers.crash_plugin",
               "--processes", str(processes), "--threads", "1"]
    return subprocess.Popen(command, cwd=REPO, env=service_env(settings, **extra), start_new_session=True)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """SIGTERM to dramatiq's main process (it stops its workers), then SIGKILL to whatever is left of the group."""
    if worker.poll() is None:
        worker.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


def kill_worker(worker: subprocess.Popen[bytes]) -> None:
    """kill -9 every process of the worker group (dramatiq's main process, its workers, their OCR children)."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


@contextmanager
def running_worker(settings: Settings, processes: int = 1, **extra: str) -> Iterator[subprocess.Popen[bytes]]:
    worker = start_worker(settings, processes, **extra)
    try:
        yield worker
    finally:
        stop_worker(worker)


def record(settings: Settings, inbox: Path, registry: Path) -> tuple[Engine, int]:
    engine = open_database(settings.resolved_database_url)
    with Session(engine) as session:
        batch = record_inbox(session, inbox, registry, scan_inbox(inbox), ContentStore(settings.resolved_storage_dir),
                             IntakeLimits(max_file_bytes=10_000_000))
        return engine, batch.id


def documents(engine: Engine, batch_id: int) -> dict[str, Document]:
    with Session(engine, expire_on_commit=False) as session:
        rows = session.scalars(select(Document).join(Submission).where(Submission.batch_id == batch_id))
        return {d.file: d for d in rows}


def sha_of(engine: Engine, batch_id: int, file: str) -> str:
    sha = documents(engine, batch_id)[file].sha256
    assert sha
    return sha


def wait_finished(engine: Engine, batch_id: int, timeout_s: float = 240) -> bool:
    """Poll until the batch is finished (a guard against a hung test, not a performance limit)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with Session(engine) as session:
            if session.scalar(select(Batch.finished_at).where(Batch.id == batch_id)) is not None:
                return True
        time.sleep(0.3)
    return False
