"""The process pool: every job ends with exactly one outcome, even when a file kills its worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractors.reader import ReadLimits
from workers.local import ORPHAN_CHECK_S, Job, LocalPipeline, Outcome
from workers.steps import DocumentState

KILLER_ID = 3


def _no_engine(*_args: object) -> None:
    """Initializer for tests: no OCR engine is needed by the fake tasks."""


def _task(job: Job) -> Outcome:
    if job.document_id == KILLER_ID:
        os._exit(1)  # a crash in C code looks like this to the pool
    return Outcome(job.document_id, DocumentState(), 0.0, 0.0)


def _run(jobs: list[Job], workers: int) -> list[Outcome]:
    outcomes: list[Outcome] = []
    pipeline = LocalPipeline(workers, "", ReadLimits(max_pages=1, max_pixels_per_page=1), task=_task,
                             initializer=_no_engine)
    pipeline.run(jobs, outcomes.append)
    return outcomes


def test_every_job_has_one_outcome() -> None:
    jobs = [Job(i, f"/nowhere/{i}", "png") for i in (1, 2, 4, 5, 6)]
    outcomes = _run(jobs, workers=2)
    assert sorted(o.document_id for o in outcomes) == [1, 2, 4, 5, 6]
    assert all(o.state.error is None for o in outcomes)


def test_a_file_that_kills_its_worker_fails_alone() -> None:
    jobs = [Job(i, f"/nowhere/{i}", "png") for i in range(1, 9)]
    outcomes = _run(jobs, workers=2)
    assert sorted(o.document_id for o in outcomes) == list(range(1, 9))
    by_id = {o.document_id: o for o in outcomes}
    assert by_id[KILLER_ID].state.error is not None and "died" in by_id[KILLER_ID].state.error
    assert by_id[KILLER_ID].state.flags[0].code == "UNREADABLE"
    assert all(o.state.error is None for i, o in by_id.items() if i != KILLER_ID)


ORPHAN_SCRIPT = """
import multiprocessing, os, sys, time
from workers.local import _die_with_parent

def child():
    _die_with_parent()
    print(os.getpid(), flush=True)
    time.sleep(120)

if __name__ == "__main__":
    multiprocessing.get_context("fork").Process(target=child).start()
    time.sleep(120)
"""


LATE_WATCH_SCRIPT = """
import multiprocessing, os, sys, time
from workers.local import _die_with_parent

def child():
    born_to = os.getppid()  # before the pid goes out: once it has, the parent may be killed at any moment
    print(os.getpid(), flush=True)
    while os.getppid() == born_to:  # the parent dies while this child is still starting up
        time.sleep(0.05)
    _die_with_parent()
    time.sleep(120)

if __name__ == "__main__":
    multiprocessing.get_context("fork").Process(target=child).start()
    time.sleep(120)
"""


def _stat(pid: int) -> list[str] | None:
    """State and the following fields of /proc/PID/stat (index 19 is the start time), None when gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None


def _gone(pid: int, started: str | None = None) -> bool:
    """Dead (or killed, not yet reaped); a process with another start time holds a reused pid (pid_max is
    32768 here, and a full test run goes round it)."""
    fields = _stat(pid)
    return fields is None or fields[0] in ("Z", "X") or (started is not None and fields[19] != started)


def _assert_child_dies_with_parent(command: list[str], live_for: float = 0.0) -> None:
    """Run `command` (a parent printing its child's pid), kill -9 it, and assert the child goes too; with
    `live_for`, first assert the child still lives that long after starting."""
    parent = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    fields = _stat(child_pid)
    started = fields[19] if fields else None
    if live_for:
        time.sleep(live_for)
        assert not _gone(child_pid, started)
    parent.kill()  # kill -9: no clean-up code runs in the parent
    parent.wait()
    for _ in range(600):
        if _gone(child_pid, started):
            break
        time.sleep(0.1)
    orphaned = not _gone(child_pid, started)
    if orphaned:
        os.kill(child_pid, signal.SIGKILL)  # a failing run must not leave it behind
    assert not orphaned, _stat(child_pid)


@pytest.mark.parametrize("script", [ORPHAN_SCRIPT, LATE_WATCH_SCRIPT], ids=["watching", "parent-died-first"])
def test_a_pool_child_dies_with_its_parent(script: str) -> None:
    _assert_child_dies_with_parent([sys.executable, "-c", script])



WORKER_SCRIPT = """
import os, sys, time
sys.path.insert(0, os.getcwd())
from workers.local import _die_with_parent, worker_context

def child():
    _die_with_parent()
    print(os.getpid(), flush=True)
    time.sleep(120)

if __name__ == "__main__":
    worker_context().Process(target=child).start()
    time.sleep(120)
"""


def test_a_pool_worker_started_afresh_lives_with_the_batch_and_dies_with_it(tmp_path: Path) -> None:
    script = tmp_path / "batch.py"  # a file, not -c: a spawned child imports the parent's main module
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    # its watchdog looks a few times before the kill: the worker lives while the batch does
    _assert_child_dies_with_parent([sys.executable, str(script)], live_for=3 * ORPHAN_CHECK_S)


_PAGE_AFTER_PAGE = """
import sys
import numpy as np
from workers.local import fix_mmap_threshold
if sys.argv[1] == "fixed":
    fix_mmap_threshold()
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20
page = np.ones(8 << 20, np.uint8)  # a first page-sized buffer, freed: glibc then raises its threshold past it
del page
before = resident_mb()
page = np.ones(8 << 20, np.uint8)
del page
print(resident_mb() - before)
"""


@pytest.mark.parametrize(("mode", "kept"), [("fixed", False), ("default", True)])
def test_a_freed_page_buffer_is_handed_back_once_the_threshold_is_fixed(mode: str, kept: bool) -> None:
    """The second page's buffer of a worker (glibc's default put it on the heap, where it stayed resident)."""
    done = subprocess.run([sys.executable, "-c", _PAGE_AFTER_PAGE, mode], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert (float(done.stdout) > 6) is kept
