"""Known truth of generated documents and submissions, written and read as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from extractors.types import Extraction, FieldValue
from verifiers.credit_rules import CRITERIA_BY_NUMBER
from verifiers.credit_units import CountedDocument, DocumentUnits, document_units, eligibility, submission_units


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
    variant: str = "genuine"  # the fraud corpus's family (samples.fraud.FAMILIES)
    expected_status: str | None = None  # verified | flagged | failed, when the corpus knows it
    expected_flags: tuple[str, ...] = ()  # flag codes the document must carry
    expected_units: float | None = None
    expected_criterion: int | None = None


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
    expected_units: dict[str, float] | None = None
    expected_eligible: bool | None = None


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
            for name in ("damage", "expected_flags"):
                if name in raw:
                    raw[name] = tuple(raw[name])
            rows.append(kind(**raw))
    return rows


def _truth_extraction(truth: DocumentTruth) -> Extraction:
    values = {"holder_name": truth.holder_name, "cert_number": truth.cert_number, "issuer": truth.issuer,
              "program": truth.program, "hours": truth.hours, "start_date": truth.start_date,
              "end_date": truth.end_date, "issue_date": truth.issue_date}
    return Extraction(truth.doc_type, 1.0, truth.language, {k: FieldValue(v, 1.0) for k, v in values.items()})


def expected_units(documents: Sequence[DocumentTruth], submissions: Sequence[SubmissionTruth]) -> list[DocumentTruth]:
    """Each document with the criterion and units Appendix 1 gives its true fields (window included)."""
    submitted = {s.submission_id: date.fromisoformat(s.submitted_at) for s in submissions}
    result = []
    for truth in documents:
        units = document_units(_truth_extraction(truth), submitted[truth.submission_id])
        result.append(replace(truth, expected_units=units.units, expected_criterion=units.criterion))
    return result


def expected_submission(documents: Sequence[DocumentTruth], submissions: Sequence[SubmissionTruth]
                        ) -> list[SubmissionTruth]:
    """Each submission with its expected unit totals (verified documents count, flagged ones pend) and eligibility."""
    result = []
    for sub in submissions:
        counted = []
        for truth in (d for d in documents if d.submission_id == sub.submission_id):
            criterion = truth.expected_criterion
            chapter = CRITERIA_BY_NUMBER[criterion].chapter if criterion in CRITERIA_BY_NUMBER else None
            units = DocumentUnits(criterion, truth.expected_units or 0.0, chapter, True)
            counted.append(CountedDocument(units, truth.expected_status or "verified", False))  # type: ignore[arg-type]
        totals = submission_units(counted)
        verdict = eligibility(totals, sub.purpose, sub.target_category)
        units_json = {"additional_education": totals.additional_education, "non_formal": totals.non_formal,
                      "additional_competences": totals.additional_competences, "total": totals.total,
                      "pending_review": totals.pending_review}
        result.append(replace(sub, expected_units=units_json, expected_eligible=verdict.eligible))
    return result
