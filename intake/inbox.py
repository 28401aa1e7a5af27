"""Walks an INBOX folder into submission folders and their document files (no decoding here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake.submission import InvalidSubmission, SubmissionMeta, parse_submission
from tekser.errors import InboxError

SUBMISSION_FILE = "submission.json"


@dataclass(frozen=True)
class InboxFile:
    rel_path: str  # relative to the submission folder, with forward slashes
    path: Path
    refused: str | None = None  # why the file is not read at all (a link, a special file)


@dataclass(frozen=True)
class SubmissionFolder:
    submission_id: str
    path: Path
    meta: SubmissionMeta | None
    error: str | None
    files: tuple[InboxFile, ...]


@dataclass(frozen=True)
class Inbox:
    submissions: tuple[SubmissionFolder, ...]
    ignored: tuple[str, ...]  # top-level entries that are not submission folders


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _document_files(folder: Path) -> tuple[InboxFile, ...]:
    files: list[InboxFile] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts) or rel == SUBMISSION_FILE:
            continue
        if path.is_symlink():
            files.append(InboxFile(rel, path, refused="symbolic link: links are not followed; copy the file"))
        elif path.is_dir():
            continue
        elif not path.is_file():
            files.append(InboxFile(rel, path, refused="not a regular file"))
        else:
            files.append(InboxFile(rel, path))
    return tuple(files)


def _read_meta(folder: Path) -> tuple[SubmissionMeta | None, str | None]:
    meta_path = folder / SUBMISSION_FILE
    if not meta_path.is_file():
        return None, f"{SUBMISSION_FILE} is missing from the submission folder"
    try:
        return parse_submission(meta_path.read_bytes()), None
    except InvalidSubmission as exc:
        return None, f"{SUBMISSION_FILE}: {exc}"


def scan_inbox(inbox: Path) -> Inbox:
    """Every submission folder of INBOX, sorted by name; raises InboxError when INBOX is unusable."""
    if not inbox.exists():
        raise InboxError(f"INBOX {inbox} does not exist; pass the folder that holds one folder per submission")
    if not inbox.is_dir():
        raise InboxError(f"INBOX {inbox} is not a folder; pass the folder that holds one folder per submission")
    submissions: list[SubmissionFolder] = []
    ignored: list[str] = []
    for entry in sorted(inbox.iterdir()):
        if _hidden(entry):
            continue
        if entry.is_symlink() or not entry.is_dir():
            ignored.append(entry.name)
            continue
        meta, error = _read_meta(entry)
        submissions.append(SubmissionFolder(entry.name, entry, meta, error, _document_files(entry)))
    if not submissions:
        raise InboxError(
            f"INBOX {inbox} holds no submission folders; put each submission in its own folder "
            f"with a {SUBMISSION_FILE} and its document files"
        )
    return Inbox(tuple(submissions), tuple(ignored))
