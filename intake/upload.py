"""Records uploaded submissions (HTTP, web forms): checked whole, then stored and committed at once, or refused."""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.filetype import describe_unknown, sniff
from intake.models import Batch, Document, Submission
from intake.storage import ContentStore
from intake.submission import InvalidSubmission, parse_submission
from intake.zipsafe import UnsafeZip, ZipEntry, ZipLimits, ZipTooLarge, read_zip
from tekser.settings import Settings

RECEIVED = "received"
SUBMISSION_FILE = "submission.json"
SUBMISSION_ID = re.compile(r"^(?!\.{1,2}$)[^\x00-\x1f\x7f/\\]{1,200}$")  # like an INBOX folder name
_FILE_NAME_BAD = re.compile(r"[\x00-\x1f\x7f]")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


class UploadRejected(Exception):
    """The upload is refused as a whole; nothing was recorded. `status` is the HTTP status that says why."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UploadTooLarge(UploadRejected):
    status = 413
    code = "too_large"


class UnsupportedFileType(UploadRejected):
    status = 415
    code = "unsupported_type"


class InvalidMetadata(UploadRejected):
    status = 422
    code = "invalid_metadata"


class SubmissionConflict(UploadRejected):
    """The uploader already used this submission_id for different content."""

    status = 409
    code = "conflict"


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class PreparedSubmission:
    """One checked submission, not yet stored."""

    submission_id: str
    iin: str
    meta: dict[str, Any]
    files: tuple[tuple[str, bytes, str], ...]  # (name, data, kind)

    def fingerprint(self) -> tuple[object, ...]:
        return self.meta, sorted((name, sha256(data).hexdigest()) for name, data, _ in self.files)


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _parse_meta(meta_json: bytes, default_id: str | None) -> tuple[str, str, dict[str, Any]]:
    """(submission_id, applicant IIN, meta as stored) from submission.json bytes; InvalidMetadata naming the field."""
    try:
        meta = parse_submission(meta_json)
    except InvalidSubmission as exc:
        raise InvalidMetadata(f"submission.json: {exc}") from exc
    raw = json.loads(meta_json.decode("utf-8-sig"))
    given = raw.get("submission_id", default_id)
    if given is None:
        given = "U-" + secrets.token_hex(8)
    if not isinstance(given, str) or given != given.strip() or not SUBMISSION_ID.match(given):
        raise InvalidMetadata(f"submission.json: submission_id: {given!r} must be text of 1-200 characters "
                              "without slashes, control characters or surrounding spaces")
    stored = json.loads(json.dumps(dataclasses.asdict(meta), default=str))
    return given, meta.iin, stored


def _check_name(name: str) -> str:
    clean = name.replace("\\", "/").strip()
    if not clean or clean.endswith("/") or _FILE_NAME_BAD.search(clean) or len(clean) > 255:
        raise InvalidMetadata(f"files: file name {name!r} is empty, too long or has control characters")
    if clean.startswith("/") or ".." in clean.split("/"):
        raise InvalidMetadata(f"files: file name {name!r} must not leave the submission folder")
    return clean


def _check_files(files: Sequence[UploadedFile], settings: Settings) -> tuple[tuple[str, bytes, str], ...]:
    """(name, data, kind) per file, or the first reason to refuse them all (413, 415, 422)."""
    if not files:
        raise InvalidMetadata("files: at least one document file (PDF, JPEG, PNG or TIFF) is required")
    checked: list[tuple[str, bytes, str]] = []
    seen: set[str] = set()
    for item in files:
        name = _check_name(item.name)
        if name in seen or name == SUBMISSION_FILE:
            raise InvalidMetadata(f"files: {name!r} appears twice or clashes with submission.json")
        seen.add(name)
        if len(item.data) > settings.max_file_bytes:
            raise UploadTooLarge(f"file {name!r} is {_size_text(len(item.data))}, "
                                 f"larger than the limit of {_size_text(settings.max_file_bytes)}")
        kind = sniff(item.data[:2048])
        if kind is None:
            raise UnsupportedFileType(f"file {name!r}: {describe_unknown(item.data[:2048])}")
        checked.append((name, item.data, kind))
    return tuple(checked)


def _prepare(meta_json: bytes, files: Sequence[UploadedFile], settings: Settings,
             default_id: str | None = None) -> PreparedSubmission:
    submission_id, iin, meta = _parse_meta(meta_json, default_id)
    return PreparedSubmission(submission_id, iin, meta, _check_files(files, settings))


def _existing(session: Session, uploaded_by: str, prepared: Sequence[PreparedSubmission]) -> list[Submission]:
    ids = [item.submission_id for item in prepared]
    query = select(Submission).where(Submission.uploaded_by == uploaded_by, Submission.submission_id.in_(ids))
    return list(session.scalars(query))


def _stored_fingerprint(submission: Submission) -> tuple[object, ...]:
    return submission.meta, sorted((doc.file, doc.sha256) for doc in submission.documents)


def _replay(session: Session, uploaded_by: str, prepared: Sequence[PreparedSubmission]) -> Batch | None:
    """The batch of an identical earlier upload (a client's retry), None when there is none; 409 on a clash."""
    existing = {row.submission_id: row for row in _existing(session, uploaded_by, prepared)}
    if not existing:
        return None
    for item in prepared:
        row = existing.get(item.submission_id)
        if row is None or _stored_fingerprint(row) != item.fingerprint():
            clash = row.submission_id if row is not None else next(iter(existing))
            raise SubmissionConflict(f"submission_id {clash!r} was already uploaded with other content; "
                                     "use a new submission_id")
    batches = {row.batch_id for row in existing.values()}
    if len(batches) != 1 or len(existing) != len(prepared):
        raise SubmissionConflict("some of these submissions were already uploaded in another request")
    return session.get(Batch, batches.pop())


def _insert(session: Session, store: ContentStore, prepared: Sequence[PreparedSubmission], uploaded_by: str,
            service_center: str | None) -> Batch:
    batch = Batch(inbox=f"upload by {uploaded_by}", registry_dir=None)
    session.add(batch)
    for item in prepared:
        submission = Submission(submission_id=item.submission_id, applicant_iin=item.iin, meta=item.meta,
                                status=RECEIVED, service_center=service_center, uploaded_by=uploaded_by)
        submission.documents = [
            Document(file=name, sha256=store.put(data), size_bytes=len(data), kind=kind, state=RECEIVED)
            for name, data, kind in item.files
        ]
        batch.submissions.append(submission)
    session.commit()
    return batch


def _record(session: Session, store: ContentStore, prepared: Sequence[PreparedSubmission], uploaded_by: str,
            service_center: str | None) -> tuple[Batch, bool]:
    """(batch, created): a new batch, or the earlier one when this is a retry of the same upload."""
    ids = [item.submission_id for item in prepared]
    if len(set(ids)) != len(ids):
        raise InvalidMetadata("submission_id: two submissions in this upload have the same submission_id")
    earlier = _replay(session, uploaded_by, prepared)
    if earlier is not None:
        return earlier, False
    try:
        return _insert(session, store, prepared, uploaded_by, service_center), True
    except IntegrityError:  # the same upload committed concurrently: answer as for a retry
        session.rollback()
        earlier = _replay(session, uploaded_by, prepared)
        if earlier is None:
            raise
        return earlier, False


def record_upload_once(session: Session, store: ContentStore, settings: Settings, meta_json: bytes,
                       files: Sequence[UploadedFile], *, uploaded_by: str,
                       service_center: str | None) -> tuple[Batch, bool]:
    """Like record_upload, also saying whether the batch is new (False: a retry of an identical upload)."""
    prepared = _prepare(meta_json, files, settings)
    return _record(session, store, [prepared], uploaded_by, service_center)


def record_upload(session: Session, store: ContentStore, settings: Settings, meta_json: bytes,
                  files: Sequence[UploadedFile], *, uploaded_by: str, service_center: str | None) -> Batch:
    """Record one submission (its submission.json bytes and files) as a new batch; UploadRejected when refused.

    The submission_id comes from the meta's "submission_id" or is generated. Uploading the same submission_id
    with the same content again returns the first batch (safe retries); with other content it is a conflict.
    """
    return record_upload_once(session, store, settings, meta_json, files, uploaded_by=uploaded_by,
                              service_center=service_center)[0]


def zip_limits(settings: Settings) -> ZipLimits:
    return ZipLimits(max_entries=settings.zip_max_entries, max_total_bytes=settings.zip_max_total_bytes,
                     max_ratio=settings.zip_max_ratio)


def _unpack(zip_bytes: bytes, settings: Settings) -> list[ZipEntry]:
    if not zip_bytes.startswith(_ZIP_MAGIC):
        raise UnsupportedFileType(f"archive: {describe_unknown(zip_bytes[:2048])}; send a ZIP archive")
    try:
        entries = read_zip(zip_bytes, zip_limits(settings))
    except ZipTooLarge as exc:
        raise UploadTooLarge(f"archive: {exc}") from exc
    except UnsafeZip as exc:
        raise InvalidMetadata(f"archive: {exc}") from exc
    return [entry for entry in entries if not _ignored(entry.path)]


def _ignored(path: str) -> bool:
    """Hidden files and the folders archivers add (__MACOSX) are not documents."""
    return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/"))


def _strip_common_folder(entries: list[ZipEntry]) -> list[ZipEntry]:
    """Drop one wrapping folder (e.g. 'inbox/') that holds everything, unless it is itself a submission."""
    while entries:
        tops = {entry.path.split("/", 1)[0] for entry in entries}
        if len(tops) != 1 or any("/" not in entry.path for entry in entries):
            return entries
        top = tops.pop()
        if f"{top}/{SUBMISSION_FILE}" in {entry.path for entry in entries}:
            return entries
        entries = [ZipEntry(entry.path.split("/", 1)[1], entry.data) for entry in entries]
    return entries


def _group_folders(entries: list[ZipEntry], settings: Settings) -> list[PreparedSubmission]:
    folders: dict[str, list[ZipEntry]] = {}
    for entry in entries:
        if "/" not in entry.path:
            raise InvalidMetadata(f"archive: {entry.path!r} is outside any submission folder; put each "
                                  "submission's submission.json and files in a folder of its own")
        top, rest = entry.path.split("/", 1)
        folders.setdefault(top, []).append(ZipEntry(rest, entry.data))
    prepared = []
    for folder, members in folders.items():
        meta = next((m.data for m in members if m.path == SUBMISSION_FILE), None)
        if meta is None:
            raise InvalidMetadata(f"archive: folder {folder!r} has no {SUBMISSION_FILE}")
        files = [UploadedFile(m.path, m.data) for m in members if m.path != SUBMISSION_FILE]
        try:
            prepared.append(_prepare(meta, files, settings, default_id=folder))
        except UploadRejected as exc:
            raise type(exc)(f"folder {folder!r}: {exc.message}") from exc
    return prepared


def prepare_zip(zip_bytes: bytes, settings: Settings, meta_json: bytes | None = None) -> list[PreparedSubmission]:
    """The submissions in a checked ZIP: submission folders, one submission at the root, or bare files + meta."""
    entries = _strip_common_folder(_unpack(zip_bytes, settings))
    if not entries:
        raise InvalidMetadata("archive: the ZIP holds no files")
    paths = {entry.path for entry in entries}
    if meta_json is None and SUBMISSION_FILE in paths:
        meta_json = next(entry.data for entry in entries if entry.path == SUBMISSION_FILE)
        entries = [entry for entry in entries if entry.path != SUBMISSION_FILE]
    if meta_json is not None:
        return [_prepare(meta_json, [UploadedFile(e.path, e.data) for e in entries], settings)]
    return _group_folders(entries, settings)


def record_zip_upload_once(session: Session, store: ContentStore, settings: Settings, zip_bytes: bytes, *,
                           uploaded_by: str, service_center: str | None,
                           meta_json: bytes | None = None) -> tuple[Batch, bool]:
    """Like record_zip_upload, also saying whether the batch is new."""
    prepared = prepare_zip(zip_bytes, settings, meta_json)
    return _record(session, store, prepared, uploaded_by, service_center)


def record_zip_upload(session: Session, store: ContentStore, settings: Settings, zip_bytes: bytes, *,
                      uploaded_by: str, service_center: str | None, meta_json: bytes | None = None) -> Batch:
    """Record a ZIP of submission folders (each with submission.json) as one batch; all or nothing.

    A ZIP with submission.json at its root, or bare files plus `meta_json`, is one submission.
    """
    return record_zip_upload_once(session, store, settings, zip_bytes, uploaded_by=uploaded_by,
                                  service_center=service_center, meta_json=meta_json)[0]


def start_processing(settings: Settings, engine: Engine, batch_id: int) -> bool:
    """Hand a recorded batch to the pipeline (workers.dispatch); False when no dispatcher is installed."""
    try:
        from workers.dispatch import enqueue_batch  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    enqueue_batch(settings, engine, batch_id)
    return True
