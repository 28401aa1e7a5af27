"""In-process parallel pipeline: one worker process per core, each holding one OCR engine."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import cv2

from extractors.reader import ReadLimits
from extractors.tesseract import TesseractEngine
from workers.steps import DocumentInput, DocumentState, StepContext, run_steps, unreadable


@dataclass(frozen=True)
class Job:
    """One document to read: ids and a path, never the bytes themselves."""

    document_id: int
    path: str
    kind: str


@dataclass(frozen=True)
class Outcome:
    document_id: int
    state: DocumentState
    seconds: float
    worker_peak_rss_mb: float


_CONTEXT: StepContext | None = None  # one per worker process, built by init_worker


ORPHAN_CHECK_S = 1.0
# A worker is replaced after this many documents: what a long-lived process keeps of earlier pages (freed but
# fragmented heap, caches) sits under every later peak (measured: 382-412 MB on one corpus with 200, by the luck
# of which documents a worker took; accuracy seed 38383: 406 MB with 25, 385 MB with 15, the same pages a minute
# within the machine's noise)
TASKS_PER_WORKER = 15


def _die_with_parent() -> None:
    """Exit when the parent process is gone: a pool child orphaned by a kill -9 of its worker or server would
    otherwise wait on its pipe forever. (PR_SET_PDEATHSIG would fire when the parent's *thread* ends.)
    Life is told by multiprocessing's sentinel of the creating process, not by getppid(): a parent that died
    while this child was still importing has already left it to init (or a subreaper)."""
    creator = multiprocessing.parent_process()
    parent = os.getppid()

    def alive() -> bool:
        return creator.is_alive() if creator is not None else os.getppid() == parent

    def watch() -> None:
        while alive():
            time.sleep(ORPHAN_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="tekser-orphan-watch", daemon=True).start()


# glibc serves allocations from this size up by their own mappings, returned whole when freed. Its default moves
# the threshold up (to 32 MB) after the first large free, so pages' arrays came from the heap, fragmented it, and
# a worker's peak crept up from document to document (one two-page TIFF read three times in a row: 311, 325,
# 350 MB; with the threshold fixed at 1 MB: 299, 313, 320 MB; 16 documents of accuracy 50505: 336 -> 301 MB)
MMAP_THRESHOLD_BYTES = 1 << 20
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def fix_mmap_threshold() -> None:
    """Keep large buffers out of the heap for the life of this process (glibc only)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)


def init_worker(tessdata: str, limits: ReadLimits) -> None:
    """Process initializer: one single-threaded engine per process (parallelism comes from processes)."""
    global _CONTEXT
    _die_with_parent()
    fix_mmap_threshold()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)  # OpenCV's own thread pool would fight the other worker processes for the cores
    _CONTEXT = StepContext(engine=TesseractEngine(tessdata), limits=limits)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def worker_context() -> multiprocessing.context.BaseContext:
    """Workers started afresh, importing only the reading code (and the light command line): a worker forked
    from the batch's process would count, as its resident memory, the database, web and CLI libraries that
    process loaded (measured: ~55 MB under every worker's peak). Spawned, not forked from a fork server: they
    stay the batch's own children, reaped by it, so their CPU time is the batch's."""
    return multiprocessing.get_context("spawn")


def process_job(job: Job) -> Outcome:
    """Run the step chain on one document; any exception becomes an UNREADABLE outcome, never a crash."""
    assert _CONTEXT is not None, "init_worker was not run in this process"
    started = time.perf_counter()
    try:
        with open(job.path, "rb") as handle:
            data = handle.read()
        state = run_steps(DocumentInput(job.document_id, data, job.kind), _CONTEXT)
    except Exception as exc:  # one bad file must never stop the batch
        reason = f"could not be processed: {type(exc).__name__}: {exc}"[:300]
        traceback.print_exc()
        state = DocumentState(error=reason, flags=(unreadable(reason),))
    release_free_memory()
    return Outcome(job.document_id, state, time.perf_counter() - started, peak_rss_mb())


def release_free_memory() -> None:
    """Hand freed heap back to the system after each document: page-sized buffers otherwise stay mapped and
    every later peak sits on top of them (measured after 60 documents: 40 MB less resident)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def crashed(job: Job) -> Outcome:
    reason = "the worker process died while reading this file (twice); it was set aside"
    return Outcome(job.document_id, DocumentState(error=reason, flags=(unreadable(reason),)), 0.0, 0.0)


class LocalPipeline:
    """Runs jobs on a process pool; a job whose worker dies is retried alone, then failed."""

    def __init__(self, workers: int, tessdata: str, limits: ReadLimits,
                 task: Callable[[Job], Outcome] = process_job,
                 initializer: Callable[..., None] = init_worker) -> None:
        self.workers = workers
        self.initargs = (tessdata, limits)
        self.task = task
        self.initializer = initializer

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(), initializer=self.initializer,
                                   initargs=self.initargs, max_tasks_per_child=TASKS_PER_WORKER)

    def run(self, jobs: Iterable[Job], on_outcome: Callable[[Outcome], None]) -> None:
        suspects: list[Job] = []
        for outcome in self._run_pool(list(jobs), self.workers, suspects):
            on_outcome(outcome)
        for job in suspects:  # each alone, so a crash names its file
            retry: list[Job] = []
            for outcome in self._run_pool([job], 1, retry):
                on_outcome(outcome)
            for dead in retry:
                on_outcome(crashed(dead))

    def _run_pool(self, jobs: list[Job], workers: int, suspects: list[Job]) -> Iterator[Outcome]:
        pending = list(reversed(jobs))
        while pending:
            with self._pool(workers) as pool:
                running: dict[Future[Outcome], Job] = {}
                broken = False
                while (pending or running) and not broken:
                    while pending and len(running) < workers * 2:
                        job = pending.pop()
                        running[pool.submit(self.task, job)] = job
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        if isinstance(future.exception(), BrokenProcessPool):
                            broken = True
                            continue
                        running.pop(future)
                        yield future.result()
                suspects.extend(running.values())
