"""The watch folder: settling, links and special files, taking each folder once (also across restarts), OUT checks."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from intake.db import open_database
from intake.models import Batch, Submission
from intake.recorder import IntakeLimits
from intake.storage import ContentStore
from intake.watch import (
    SettledFolder,
    SettleTracker,
    WatchRunner,
    check_watch_dirs,
    content_fingerprint,
    folder_signature,
    record_folder,
)
from tekser.errors import UsageError
from tests.intake.conftest import PNG_HEAD, write_submission
from tests.realservices.postgres import PostgresServer

LIMITS = IntakeLimits(max_file_bytes=10_000)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _bump_mtime(path: Path, seconds: int = 1) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def test_folder_still_being_written_is_not_taken_until_settled(tmp_path: Path) -> None:
    clock = FakeClock()
    tracker = SettleTracker(tmp_path, settle_s=5, clock=clock)
    write_submission(tmp_path / "S-1")
    scan = tmp_path / "S-1" / "scan.png"
    scan.write_bytes(PNG_HEAD)
    assert tracker.poll() == [] and tracker.waiting == ["S-1"]
    for _ in range(3):  # the scanner keeps appending, each time within the settle time
        clock.now += 4
        with scan.open("ab") as handle:
            handle.write(b"\x00" * 100)
        assert tracker.poll() == []
    clock.now += 4
    assert tracker.poll() == []  # unchanged for 4 s only
    clock.now += 1
    settled = tracker.poll()
    assert [s.path.name for s in settled] == ["S-1"] and settled[0].complete
    assert tracker.poll() == [] and tracker.waiting == []  # handed out once


def test_a_touched_file_restarts_the_settle_time(tmp_path: Path) -> None:
    clock = FakeClock()
    tracker = SettleTracker(tmp_path, settle_s=5, clock=clock)
    write_submission(tmp_path / "S-1")
    tracker.poll()
    clock.now += 4
    _bump_mtime(tmp_path / "S-1" / "submission.json")  # same size, rewritten
    assert tracker.poll() == []
    clock.now += 4
    assert tracker.poll() == []
    clock.now += 1
    assert len(tracker.poll()) == 1


def test_folder_without_valid_submission_json_waits_then_is_handed_out_incomplete(tmp_path: Path) -> None:
    clock = FakeClock()
    tracker = SettleTracker(tmp_path, settle_s=2, incomplete_after_s=10, clock=clock)
    (tmp_path / "S-1").mkdir()
    (tmp_path / "S-1" / "scan.png").write_bytes(PNG_HEAD)
    tracker.poll()
    clock.now += 9
    assert tracker.poll() == []  # settled, but its submission.json may still come
    clock.now += 1
    settled = tracker.poll()
    assert [(s.path.name, s.complete) for s in settled] == [("S-1", False)]


def test_links_special_files_and_hidden_folders_are_not_taken(tmp_path: Path) -> None:
    watched = tmp_path / "dir"
    write_submission(tmp_path / "elsewhere")
    watched.mkdir()
    (watched / "linked").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(watched / "a-fifo")
    (watched / "loose.pdf").write_bytes(b"%PDF-1.4")
    write_submission(watched / ".partial")
    tracker = SettleTracker(watched, settle_s=0)
    assert tracker.poll() == [] and tracker.waiting == []


def test_links_and_fifos_inside_a_folder_are_seen_by_name_only(tmp_path: Path) -> None:
    folder = tmp_path / "S-1"
    write_submission(folder)
    os.mkfifo(folder / "scan.pdf")  # reading it would block forever
    (folder / "outside.png").symlink_to("/etc/hostname")
    signature = folder_signature(folder)
    assert signature is not None
    assert {(name, kind) for name, kind, _, _ in signature} == {
        ("submission.json", "file"), ("scan.pdf", "special"), ("outside.png", "link")}
    assert len(content_fingerprint(folder, signature)) == 64


def test_fingerprint_follows_content_not_times(tmp_path: Path) -> None:
    folder = tmp_path / "S-1"
    write_submission(folder)
    (folder / "scan.png").write_bytes(PNG_HEAD)
    first = folder_signature(folder)
    _bump_mtime(folder / "scan.png")
    second = folder_signature(folder)
    assert first is not None and second is not None and first != second
    fingerprint = content_fingerprint(folder, first)
    assert content_fingerprint(folder, second) == fingerprint
    (folder / "scan.png").write_bytes(PNG_HEAD + b"x")
    third = folder_signature(folder)
    assert third is not None and content_fingerprint(folder, third) != fingerprint


@pytest.mark.parametrize("out", ["dir/out", "dir", "dir/S-1/deeper"])
def test_out_inside_the_watched_folder_is_refused(tmp_path: Path, out: str) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(UsageError, match="inside the watched folder"):
        check_watch_dirs(tmp_path / "dir", tmp_path / out)


def test_watched_folder_must_exist_and_storage_must_be_outside(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a folder"):
        check_watch_dirs(tmp_path / "missing", tmp_path / "out")
    (tmp_path / "dir").mkdir()
    check_watch_dirs(tmp_path / "dir", tmp_path / "out", tmp_path / "objects")
    with pytest.raises(UsageError, match="storage folder"):
        check_watch_dirs(tmp_path / "dir", tmp_path / "out", tmp_path / "dir" / "objects")
    check_watch_dirs(tmp_path / "dir", tmp_path / "out", tmp_path / "dir" / ".local" / "objects")  # never looked at


def _settled(folder: Path) -> SettledFolder:
    signature = folder_signature(folder)
    assert signature is not None
    return SettledFolder(folder, signature, (folder / "submission.json").exists())


def _count(engine: Engine, model: type[Batch] | type[Submission]) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_folder_is_recorded_once_even_after_a_restart(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    store = ContentStore(tmp_path / "objects")
    folder = tmp_path / "dir" / "S-1"
    write_submission(folder)
    (folder / "scan.png").write_bytes(PNG_HEAD)
    os.mkfifo(folder / "pipe.pdf")
    with Session(engine) as session:
        batch = record_folder(session, _settled(folder), None, store, LIMITS)
        assert batch is not None and batch.inbox == f"watch:{folder.resolve()}"
        documents = {d.file: d for d in batch.submissions[0].documents}
        assert documents["scan.png"].state == "received"
        assert documents["pipe.pdf"].state == "failed" and "not a regular file" in (documents["pipe.pdf"].error or "")
    with Session(engine) as session:  # a new watcher process: same folder, same content
        assert record_folder(session, _settled(folder), None, store, LIMITS) is None
    (folder / "second.png").write_bytes(PNG_HEAD + b"2")  # dropped again with more in it: a new submission
    with Session(engine) as session:
        assert record_folder(session, _settled(folder), None, store, LIMITS) is not None
    assert _count(engine, Batch) == 2
    engine.dispose()


def test_two_watchers_racing_for_one_folder_record_it_once(database_url: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    engine = open_database(database_url)
    store = ContentStore(tmp_path / "objects")
    folder = tmp_path / "dir" / "S-1"
    write_submission(folder)
    with Session(engine) as session:
        assert record_folder(session, _settled(folder), None, store, LIMITS) is not None
    monkeypatch.setattr("intake.watch.is_taken", lambda _session, _fingerprint: False)  # both looked, then both wrote
    with Session(engine) as session:
        assert record_folder(session, _settled(folder), None, store, LIMITS) is None
    assert _count(engine, Submission) == 1
    engine.dispose()


def test_folder_without_submission_json_is_recorded_failed_with_the_reason(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    folder = tmp_path / "dir" / ("S" * 230)
    folder.mkdir(parents=True)
    (folder / "scan.png").write_bytes(PNG_HEAD)
    with Session(engine) as session:
        batch = record_folder(session, _settled(folder), None, ContentStore(tmp_path / "objects"), LIMITS)
        assert batch is not None
        submission = batch.submissions[0]
        assert submission.status == "failed" and "longer than 200" in (submission.error or "")
    (tmp_path / "dir" / "S-2").mkdir()
    with Session(engine) as session:
        batch = record_folder(session, _settled(tmp_path / "dir" / "S-2"), None, ContentStore(tmp_path / "o"), LIMITS)
        assert batch is not None and "submission.json is missing" in (batch.submissions[0].error or "")
    write_submission(tmp_path / "elsewhere")
    (tmp_path / "dir" / "S-3").mkdir()
    (tmp_path / "dir" / "S-3" / "submission.json").symlink_to(tmp_path / "elsewhere" / "submission.json")
    with Session(engine) as session:
        batch = record_folder(session, _settled(tmp_path / "dir" / "S-3"), None, ContentStore(tmp_path / "o"), LIMITS)
        assert batch is not None and "symbolic link" in (batch.submissions[0].error or "")
    engine.dispose()


def _finish_at_once(engine: Engine, started: list[int]) -> Callable[[int], None]:
    def start(batch_id: int) -> None:
        started.append(batch_id)
        with Session(engine) as session:
            batch = session.get(Batch, batch_id)
            assert batch is not None
            for submission in batch.submissions:
                submission.status = "failed" if submission.error else "verified"
                for document in submission.documents:
                    document.status = "failed" if document.error else "verified"
            batch.finished_at = datetime.now(UTC)
            session.commit()
    return start


def _runner(engine: Engine, watched: Path, out: Path, started: list[int]) -> WatchRunner:
    return WatchRunner(SettleTracker(watched, settle_s=0), out, engine, ContentStore(out.parent / "objects"), LIMITS,
                       _finish_at_once(engine, started), log=lambda _line: None)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_runner_appends_results_and_a_restart_adds_nothing(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    watched, out, started = tmp_path / "dir", tmp_path / "out", list[int]()
    write_submission(watched / "S-1")
    (watched / "S-1" / "scan.png").write_bytes(PNG_HEAD)
    (watched / "S-2").mkdir()
    runner = _runner(engine, watched, out, started)
    runner.resume()
    runner.cycle()
    assert runner.idle and len(started) == 2
    assert [s["submission_id"] for s in _lines(out / "submissions.jsonl")] == ["S-1", "S-2"]
    assert [(d["submission_id"], d["file"]) for d in _lines(out / "documents.jsonl")] == [("S-1", "scan.png")]
    restarted = _runner(engine, watched, out, started)
    restarted.resume()
    restarted.cycle()
    assert len(started) == 2 and len(_lines(out / "submissions.jsonl")) == 2
    engine.dispose()


def test_results_not_yet_written_are_written_after_a_restart(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    watched, out = tmp_path / "dir", tmp_path / "out"
    write_submission(watched / "S-1")
    never_finishes = WatchRunner(SettleTracker(watched, settle_s=0), out, engine, ContentStore(tmp_path / "objects"),
                                 LIMITS, lambda _batch_id: None, log=lambda _line: None)
    never_finishes.cycle()  # taken, then the watcher dies before the pipeline finished
    assert not never_finishes.idle and _lines(out / "submissions.jsonl") == []
    started: list[int] = []
    restarted = _runner(engine, watched, out, started)
    restarted.resume()  # the unfinished batch is started again
    restarted.cycle()
    assert len(started) == 1 and [s["submission_id"] for s in _lines(out / "submissions.jsonl")] == ["S-1"]
    engine.dispose()


def test_database_away_for_a_moment_loses_nothing(postgres_server: PostgresServer, postgres_url: str,
                                                  tmp_path: Path) -> None:
    engine = open_database(postgres_url)
    watched, out, started = tmp_path / "dir", tmp_path / "out", list[int]()
    runner, logged = _runner(engine, watched, out, started), list[str]()
    runner.log = logged.append
    write_submission(watched / "S-1")
    postgres_server.stop()
    try:
        runner.cycle()
        assert any("could not take S-1" in line for line in logged) and not started
    finally:
        postgres_server.start()
    runner.cycle()
    assert len(started) == 1 and [s["submission_id"] for s in _lines(out / "submissions.jsonl")] == ["S-1"]
    engine.dispose()


def test_a_start_that_fails_is_tried_again(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    started: list[int] = []
    finish = _finish_at_once(engine, started)
    attempts: list[int] = []

    def flaky_start(batch_id: int) -> None:
        attempts.append(batch_id)
        if len(attempts) == 1:
            raise ConnectionError("queue restarting")
        finish(batch_id)

    write_submission(tmp_path / "dir" / "S-1")
    runner = WatchRunner(SettleTracker(tmp_path / "dir", settle_s=0), tmp_path / "out", engine,
                         ContentStore(tmp_path / "objects"), LIMITS, flaky_start, log=lambda _line: None)
    runner.cycle()
    assert not runner.idle and attempts == [1]
    runner.cycle()
    assert runner.idle and attempts == [1, 1] and started == [1]
    engine.dispose()


def test_a_watched_folder_that_goes_away_is_waited_for(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    watched, started, logged = tmp_path / "share", list[int](), list[str]()
    watched.mkdir()
    runner = _runner(engine, watched, tmp_path / "out", started)
    runner.log = logged.append
    watched.rmdir()  # a network share unmounted
    runner.cycle()
    assert any("cannot read" in line for line in logged)
    write_submission(watched / "S-1")
    runner.cycle()
    assert started == [1]
    engine.dispose()
