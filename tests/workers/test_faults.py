"""Fault tests against a real redis-server and real dramatiq workers: crashes, hangs, kill -9, Redis restarts."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from intake.models import Page
from tekser.settings import Settings
from tests.realservices.redis import RedisServer
from tests.workers.queue_support import (
    broken_pdf,
    documents,
    kill_worker,
    make_inbox,
    record,
    running_worker,
    start_worker,
    stop_worker,
    text_pdf,
    wait_finished,
)
from workers.dispatch import send_batch
from workers.reconcile import reconcile

LATER = timedelta(hours=1)  # reconcile as if the stuck documents had waited past reconcile_after_s


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    redis.Redis.from_url(redis_server.url).flushdb()  # no messages left over from another test's database
    yield redis_server.url


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _page_rows(engine: Engine, document_id: int) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Page).where(Page.document_id == document_id)) or 0)


def _wait_until(check: object, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached")


def test_file_that_kills_its_reader_ends_failed_and_the_rest_is_done(tmp_path: Path, redis_url: str) -> None:
    deadly = broken_pdf(666)
    inbox, registry = make_inbox(tmp_path, {"deadly.pdf": deadly, "cert.pdf": text_pdf(1), "bad.pdf": broken_pdf(2)})
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_url, max_attempts=3)
    engine, batch_id = record(settings, inbox, registry)
    with running_worker(settings, TEKSER_TEST_CRASH_SHA256=_sha(deadly)):
        send_batch(settings, engine, batch_id)
        assert wait_finished(engine, batch_id)
    by_file = documents(engine, batch_id)
    assert by_file["deadly.pdf"].state == "failed" and by_file["deadly.pdf"].attempts == 3
    assert "3 times" in (by_file["deadly.pdf"].error or "")
    assert by_file["cert.pdf"].state == "done" and by_file["bad.pdf"].state == "failed"


def test_hanging_read_is_stopped_by_the_time_limit(tmp_path: Path, redis_url: str) -> None:
    hanging = broken_pdf(777)
    inbox, registry = make_inbox(tmp_path, {"hang.pdf": hanging, "cert.pdf": text_pdf(3)})
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_url, max_attempts=2, ocr_time_limit_s=5)
    engine, batch_id = record(settings, inbox, registry)
    with running_worker(settings, TEKSER_TEST_HANG_SHA256=_sha(hanging)):
        send_batch(settings, engine, batch_id)
        assert wait_finished(engine, batch_id)
    by_file = documents(engine, batch_id)
    assert by_file["hang.pdf"].state == "failed" and "timed out" in (by_file["hang.pdf"].error or "")
    assert by_file["cert.pdf"].state == "done"


def test_kill_9_mid_batch_then_restart_reads_every_document_once(tmp_path: Path, redis_url: str) -> None:
    files = {f"cert-{n}.pdf": text_pdf(n) for n in range(4)}
    inbox, registry = make_inbox(tmp_path, files)
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_url)
    engine, batch_id = record(settings, inbox, registry)
    worker = start_worker(settings, TEKSER_TEST_READ_DELAY_S="2")
    try:
        send_batch(settings, engine, batch_id)
        _wait_until(lambda: any(d.state == "reading" for d in documents(engine, batch_id).values()))
        kill_worker(worker)
    finally:
        stop_worker(worker)
    with running_worker(settings):
        reconcile(settings, engine, now=datetime.now(UTC) + LATER)
        assert wait_finished(engine, batch_id)
    for document in documents(engine, batch_id).values():
        assert document.state == "done"
        assert _page_rows(engine, document.id) == 1


def test_redis_restart_during_a_batch_loses_nothing(tmp_path: Path, redis_server: RedisServer, redis_url: str) -> None:
    files = {f"cert-{n}.pdf": text_pdf(n) for n in range(4)}
    inbox, registry = make_inbox(tmp_path, files)
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_url)
    engine, batch_id = record(settings, inbox, registry)
    with running_worker(settings, TEKSER_TEST_READ_DELAY_S="1"):
        send_batch(settings, engine, batch_id)
        _wait_until(lambda: any(d.state == "done" for d in documents(engine, batch_id).values()))
        redis_server.restart()
        finished = wait_finished(engine, batch_id, timeout_s=30)
        if not finished:  # messages in flight at the restart: the reconciler sends them again
            reconcile(settings, engine, now=datetime.now(UTC) + LATER)
            finished = wait_finished(engine, batch_id)
        assert finished
    for document in documents(engine, batch_id).values():
        assert document.state == "done"
        assert _page_rows(engine, document.id) == 1
