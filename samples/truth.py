"""Known truth of generated documents and submissions, written and read as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, TypeVar


@dataclass(frozen=True)
class DocumentTruth:
    submission_id: str
    file: str  # relative to the submission folder
    doc_type: str  # one of extractors.types.DOC_TYPES
    language: str  # "ru" | "kk" | "en"
    holder_name: str | None
    cert_number: str | None
    issuer: str | None  # exactly as printed
    issuer_org_id: str | None
    program: str | None
    hours: int | None
    start_date: str | None  # ISO dates
    end_date: str | None
    issue_date: str | None
    readable: bool = True
    fmt: str = "png"  # png | jpg | tiff | pdf_image | pdf_text
    damage: tuple[str, ...] = ()
    qr_payload: str | None = None
    translation_of: str | None = None
    variant: str = "genuine"


@dataclass(frozen=True)
class SubmissionTruth:
    submission_id: str
    iin: str
    full_name: str
    latin_name: str | None
    purpose: str  # qualification | foreign_admission
    target_category: str | None
    submitted_at: str
    channel: str
    valid_json: bool = True


T = TypeVar("T", DocumentTruth, SubmissionTruth)


def write_jsonl(path: Path, rows: Iterable[DocumentTruth | SubmissionTruth]) -> None:
    """One JSON object per line, UTF-8, Cyrillic kept readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def read_jsonl(path: Path, kind: type[T]) -> list[T]:
    """Rows written by write_jsonl, back as dataclasses (unknown keys ignored)."""
    names = {f.name for f in fields(kind)}
    rows: list[T] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw: dict[str, Any] = {k: v for k, v in json.loads(line).items() if k in names}
            if "damage" in raw:
                raw["damage"] = tuple(raw["damage"])
            rows.append(kind(**raw))
    return rows
