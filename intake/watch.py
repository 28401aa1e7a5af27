"""The watch folder: which submission folders dropped into DIR have settled, and recording each one exactly once.

A folder is taken when its entries (names, sizes, modification times) stay the same for `settle_s` seconds and its
submission.json parses; a folder that stays the same for `incomplete_after_s` without a valid submission.json is
taken anyway and recorded as a failed submission with the reason. Links and special files (FIFOs, sockets,
devices) are seen by name only: never followed, never opened for reading. A link or special file directly in DIR is
ignored.

"Taken" is kept in the database, so it survives restarts: each folder becomes a Batch with `inbox` =
"watch:<absolute folder path>" holding one Submission whose `uploaded_by` is "watch:<fingerprint>", the sha256 of
the folder's path and of every file's name and content. The unique index on (uploaded_by, submission_id) makes the
claim atomic, so two watchers racing for one folder record it once. The same folder dropped again with other
content is a new submission; with the same content it is never taken again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from intake.inbox import SUBMISSION_FILE, SubmissionFolder, _document_files, _read_meta
from intake.models import Batch, Submission
from intake.recorder import FAILED, RECEIVED, IntakeLimits, _intake_file, _meta_json
from intake.storage import ContentStore
from tekser.errors import UsageError
from tekser.records import document_record, submission_record

WATCH_PREFIX = "watch:"
MAX_SUBMISSION_ID = 200  # Submission.submission_id is String(200)
Signature = tuple[tuple[str, str, int, int], ...]  # (path relative to the folder, kind, size, mtime in ns)


def check_watch_dirs(watched: Path, out: Path, storage: Path | None = None) -> None:
    """DIR must be a folder; OUT (and the store of originals) must not be inside it, or they would be taken."""
    if not watched.is_dir():
        raise UsageError(f"DIR {watched} is not a folder; pass the folder the scanners drop submission folders into")
    root = watched.resolve()
    if out.resolve().is_relative_to(root):
        raise UsageError(f"OUT {out} is inside the watched folder {watched}; choose a folder outside it")
    if storage is not None and storage.resolve().is_relative_to(root):
        first_part = storage.resolve().relative_to(root).parts[:1]
        if not first_part or not first_part[0].startswith("."):  # under a hidden folder it is never looked at
            raise UsageError(f"the storage folder {storage} (TEKSER_STORAGE_DIR) is inside the watched folder "
                             f"{watched}; choose a folder outside it")


def folder_signature(folder: Path) -> Signature | None:
    """Every entry below `folder`, sorted; None when the folder vanished or cannot be read."""
    entries: list[tuple[str, str, int, int]] = []
    pending = [(folder, "")]
    try:
        while pending:
            current, prefix = pending.pop()
            with os.scandir(current) as scan:
                for entry in scan:
                    relative = prefix + entry.name
                    if entry.is_symlink():
                        entries.append((relative, "link", 0, 0))
                    elif entry.is_dir(follow_symlinks=False):
                        entries.append((relative, "dir", 0, 0))
                        pending.append((Path(entry.path), relative + "/"))
                    elif entry.is_file(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        entries.append((relative, "file", info.st_size, info.st_mtime_ns))
                    else:
                        entries.append((relative, "special", 0, 0))
    except OSError:
        return None
    return tuple(sorted(entries))


def _file_digest(path: Path) -> bytes:
    """sha256 of a regular file; opened without following links or waiting on a FIFO swapped in meanwhile."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return b"not a regular file"
        return hashlib.file_digest(handle, "sha256").digest()


def content_fingerprint(folder: Path, signature: Signature) -> str:
    """sha256 of the folder's absolute path and of each entry's name, kind and (for files) content."""
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogateescape"))
    for relative, kind, _size, _mtime in signature:
        digest.update(f"\0{relative}\0{kind}\0".encode("utf-8", "surrogateescape"))
        if kind == "file":
            try:
                digest.update(_file_digest(folder / relative))
            except OSError as exc:
                digest.update(f"unreadable: {exc.errno}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class SettledFolder:
    path: Path
    signature: Signature
    complete: bool  # submission.json present and valid


@dataclass
class _Seen:
    signature: Signature
    since: float  # clock reading when this signature was first seen
    handed_out: bool = False


def _has_valid_meta(folder: Path) -> bool:
    meta_path = folder / SUBMISSION_FILE
    if meta_path.is_symlink() or not meta_path.is_file():
        return False
    return _read_meta(folder)[1] is None


class SettleTracker:
    """Watches DIR by polling; `poll()` hands out each folder once it has settled (once per content)."""

    def __init__(self, watched: Path, settle_s: float, incomplete_after_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.watched = watched
        self.settle_s = settle_s
        self.incomplete_after_s = max(settle_s, incomplete_after_s if incomplete_after_s is not None
                                      else 3 * settle_s)
        self.clock = clock
        self._seen: dict[str, _Seen] = {}

    def _candidates(self) -> list[Path]:
        """Folders directly in DIR; hidden names (scanners' temporary folders), links and other entries skipped."""
        with os.scandir(self.watched) as scan:
            return sorted(Path(entry.path) for entry in scan
                          if not entry.name.startswith(".") and not entry.is_symlink()
                          and entry.is_dir(follow_symlinks=False))

    def poll(self) -> list[SettledFolder]:
        """One look at DIR (an OSError when DIR itself cannot be read, e.g. a share that went away)."""
        now = self.clock()
        settled: list[SettledFolder] = []
        present: set[str] = set()
        for folder in self._candidates():
            signature = folder_signature(folder)
            if signature is None:
                continue
            present.add(folder.name)
            seen = self._seen.get(folder.name)
            if seen is None or seen.signature != signature:
                seen = self._seen[folder.name] = _Seen(signature, now)
            if seen.handed_out or now - seen.since < self.settle_s:
                continue
            complete = _has_valid_meta(folder)
            if complete or now - seen.since >= self.incomplete_after_s:
                seen.handed_out = True
                settled.append(SettledFolder(folder, signature, complete))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return settled

    def forget(self, name: str) -> None:
        """Look at this folder afresh (it could not be taken this time)."""
        self._seen.pop(name, None)

    @property
    def waiting(self) -> list[str]:
        """Folders seen but not handed out yet (still changing, or waiting for their submission.json)."""
        return sorted(name for name, seen in self._seen.items() if not seen.handed_out)


def batch_label(folder: Path) -> str:
    return WATCH_PREFIX + str(folder.resolve())


def watch_batches_query(watched: Path) -> Select[int]:
    """The ids of every batch taken from DIR, oldest first."""
    prefix = WATCH_PREFIX + str(watched.resolve()) + os.sep
    return select(Batch.id).where(Batch.inbox.startswith(prefix, autoescape=True)).order_by(Batch.id)


def is_taken(session: Session, fingerprint: str) -> bool:
    claim = select(Submission.id).where(Submission.uploaded_by == WATCH_PREFIX + fingerprint)
    return session.scalar(claim.limit(1)) is not None


def _submission_folder(folder: Path) -> SubmissionFolder:
    meta, error = _read_meta(folder)
    if (folder / SUBMISSION_FILE).is_symlink():
        meta, error = None, f"{SUBMISSION_FILE} is a symbolic link: links are not followed; copy the file"
    if len(folder.name) > MAX_SUBMISSION_ID:
        meta, error = None, f"the folder name is longer than {MAX_SUBMISSION_ID} characters; rename the folder"
    return SubmissionFolder(folder.name[:MAX_SUBMISSION_ID], folder, meta, error, _document_files(folder))


def record_folder(session: Session, settled: SettledFolder, registry: Path | None, store: ContentStore,
                  limits: IntakeLimits) -> Batch | None:
    """Record a settled folder as a batch of one submission; None when it was taken before (same content)."""
    fingerprint = content_fingerprint(settled.path, settled.signature)
    if is_taken(session, fingerprint):
        return None
    folder = _submission_folder(settled.path)
    batch = Batch(inbox=batch_label(settled.path), registry_dir=str(registry) if registry else None)
    submission = Submission(submission_id=folder.submission_id, applicant_iin=folder.meta.iin if folder.meta else None,
                            meta=_meta_json(folder), status=FAILED if folder.error else RECEIVED, error=folder.error,
                            uploaded_by=WATCH_PREFIX + fingerprint)
    submission.documents = [_intake_file(item, store, limits) for item in folder.files]
    batch.submissions.append(submission)
    session.add(batch)
    try:
        session.commit()
    except IntegrityError:  # another watcher claimed the same folder and content first
        session.rollback()
        return None
    return batch


Starter = Callable[[int], None]  # starts the processing of a recorded batch, given its id


class WatchRunner:
    """Takes settled folders into the database, starts their processing, appends finished results to OUT.

    OUT/documents.jsonl and OUT/submissions.jsonl get the contract's lines appended, one submission at a time, as
    each finishes; OUT/.tekser-watch-written lists the batch ids already written, so a restart writes the rest.
    """

    def __init__(self, tracker: SettleTracker, out: Path, engine: Engine, store: ContentStore,
                 limits: IntakeLimits, start: Starter, registry: Path | None = None,
                 log: Callable[[str], None] = print) -> None:
        self.tracker = tracker
        self.out = out
        self.engine = engine
        self.store = store
        self.limits = limits
        self.start = start
        self.registry = registry
        self.log = log
        self.ledger = out / ".tekser-watch-written"
        self.pending: list[int] = []  # taken, results not written to OUT yet
        self.unstarted: list[int] = []  # taken, processing not started yet

    def resume(self) -> None:
        """After a restart: batches taken but not written to OUT; unfinished ones are started again (next cycle)."""
        written = set(self.ledger.read_text(encoding="ascii").split()) if self.ledger.exists() else set()
        with Session(self.engine) as session:
            for batch_id in session.scalars(watch_batches_query(self.tracker.watched)):
                if str(batch_id) in written:
                    continue
                self.pending.append(batch_id)
                batch = session.get(Batch, batch_id)
                if batch is not None and batch.finished_at is None:
                    self.log(f"resuming {batch.inbox.removeprefix(WATCH_PREFIX)} (batch {batch_id})")
                    self.unstarted.append(batch_id)

    @property
    def idle(self) -> bool:
        """Nothing waiting to settle and nothing taken but not yet written."""
        return not self.tracker.waiting and not self.pending

    def cycle(self) -> None:
        """One look at DIR: take what has settled, start what is not started, write whatever has finished."""
        try:
            ready = self.tracker.poll()
        except OSError as exc:
            ready = []
            self.log(f"cannot read {self.tracker.watched} now ({exc.strerror or exc}); trying again")
        for settled in ready:
            try:
                self._take(settled)
            except (OperationalError, OSError) as exc:  # the database away for a moment, a file removed meanwhile
                self.tracker.forget(settled.path.name)
                self.log(f"could not take {settled.path.name} now ({type(exc).__name__}); it is looked at again")
        self._start_unstarted()
        try:
            self._write_finished()
        except OperationalError as exc:
            self.log(f"results not written yet, the database is unavailable ({type(exc).__name__})")

    def _start_unstarted(self) -> None:
        for batch_id in list(self.unstarted):
            try:
                self.start(batch_id)
            except Exception as exc:  # e.g. the queue restarting: the batch is recorded, start it next time
                self.log(f"could not start batch {batch_id} ({type(exc).__name__}: {exc}); trying again")
                continue
            self.unstarted.remove(batch_id)

    def _take(self, settled: SettledFolder) -> None:
        with Session(self.engine, expire_on_commit=False) as session:
            batch = record_folder(session, settled, self.registry, self.store, self.limits)
            if batch is None:
                self.log(f"skipped {settled.path.name}: taken before with the same content")
                return
            problem = batch.submissions[0].error
        self.log(f"took {settled.path.name} (batch {batch.id})" + (f": failed, {problem}" if problem else ""))
        self.pending.append(batch.id)
        self.unstarted.append(batch.id)

    def _write_finished(self) -> None:
        with Session(self.engine) as session:
            for batch_id in list(self.pending):
                batch = session.get(Batch, batch_id)
                if batch is None or batch.finished_at is None:
                    continue
                self._append_results(batch)
                self.pending.remove(batch_id)

    def _append_results(self, batch: Batch) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        submissions = sorted(batch.submissions, key=lambda s: s.submission_id)
        documents = [document_record(s, d) for s in submissions for d in sorted(s.documents, key=lambda d: d.file)]
        _append_jsonl(self.out / "documents.jsonl", documents)
        _append_jsonl(self.out / "submissions.jsonl", [submission_record(s) for s in submissions])
        with self.ledger.open("a", encoding="ascii") as ledger:
            ledger.write(f"{batch.id}\n")
        for submission in submissions:
            self.log(f"wrote {submission.submission_id}: {submission.status} "
                     f"({len(submission.documents)} documents)")


def _append_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    """Append whole lines in one write, so a reader never sees half a submission's lines."""
    if records:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
