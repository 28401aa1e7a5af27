"""Records an INBOX in the database: a batch, its submissions and documents, originals stored by sha256."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from intake.filetype import describe_unknown, sniff
from intake.inbox import Inbox, InboxFile, SubmissionFolder
from intake.models import Batch, Document, Submission
from intake.storage import ContentStore

FAILED = "failed"
RECEIVED = "received"


@dataclass(frozen=True)
class IntakeLimits:
    max_file_bytes: int


def _meta_json(folder: SubmissionFolder) -> dict[str, object] | None:
    if folder.meta is None:
        return None
    return json.loads(json.dumps(dataclasses.asdict(folder.meta), default=str))


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _intake_file(item: InboxFile, store: ContentStore, limits: IntakeLimits) -> Document:
    """A Document row for one file: stored and typed, or already failed with the reason."""
    try:
        return _store_file(item, store, limits)
    except OSError as exc:
        return Document(file=item.rel_path, state=FAILED, status=FAILED,
                        error=f"cannot read the file: {exc.strerror or exc}")


def _store_file(item: InboxFile, store: ContentStore, limits: IntakeLimits) -> Document:
    if item.refused:
        return Document(file=item.rel_path, state=FAILED, status=FAILED, error=item.refused)
    size = item.path.stat().st_size
    if size > limits.max_file_bytes:
        reason = f"file is {_size_text(size)}, larger than the limit of {_size_text(limits.max_file_bytes)}"
        return Document(file=item.rel_path, size_bytes=size, state=FAILED, status=FAILED, error=reason)
    data = item.path.read_bytes()
    digest = store.put(data) if data else None
    kind = sniff(data[:2048])
    if kind is None:
        return Document(file=item.rel_path, sha256=digest, size_bytes=size, state=FAILED, status=FAILED,
                        error=describe_unknown(data[:2048]))
    return Document(file=item.rel_path, sha256=digest, size_bytes=size, kind=kind, state=RECEIVED)


def record_inbox(session: Session, inbox_path: Path, registry: Path | None, inbox: Inbox,
                 store: ContentStore, limits: IntakeLimits) -> Batch:
    """Create the batch with one Submission per folder and one Document per file; commit."""
    batch = Batch(inbox=str(inbox_path), registry_dir=str(registry) if registry else None)
    session.add(batch)
    for folder in inbox.submissions:
        submission = Submission(
            submission_id=folder.submission_id,
            applicant_iin=folder.meta.iin if folder.meta else None,
            meta=_meta_json(folder),
            status=FAILED if folder.error else RECEIVED,
            error=folder.error,
        )
        submission.documents = [_intake_file(item, store, limits) for item in folder.files]
        batch.submissions.append(submission)
    session.commit()
    return batch
