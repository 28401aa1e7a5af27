"""Credit units of a document (Appendix 1) and a submission; eligibility per Appendix 3 / seeds 004."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from extractors.types import Extraction
from verifiers.credit_rules import (
    CRITERIA_BY_NUMBER,
    FOREIGN_ADMISSION_MIN_HOURS,
    THRESHOLDS_BY_CATEGORY,
    Chapter,
)
from verifiers.fields import field_date, field_number
from verifiers.plausibility import in_window

# doc_type -> Appendix 1 criterion; publications (6-10) need a reviewer to pick the criterion and count.
CRITERION_BY_DOC_TYPE = {
    "advanced_training": 1,
    "internship": 2,
    "seminar": 3,
    "online_course": 4,
    "conference": 5,
}
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class DocumentUnits:
    """The criterion a document counts under (None: earns none) and its credit units."""

    criterion: int | None
    units: float
    chapter: Chapter | None
    in_window: bool


def _course_days(extraction: Extraction) -> int | None:
    start, end = field_date(extraction, "start_date"), field_date(extraction, "end_date")
    if start and end and end >= start:
        return (end - start).days + 1
    return 1 if (start or end) else None


def _quantity(criterion: int, extraction: Extraction) -> float:
    """How many of the criterion's units the document shows (hours, weeks, days); 0 when unknown."""
    if criterion in (1, 3, 4):
        hours = field_number(extraction, "hours")
        return hours if hours is not None and hours > 0 else 0.0
    days = _course_days(extraction)
    if days is None:
        return 0.0
    if criterion == 2:  # weeks, rounded half up; a five-day working week counts as one week
        return float(max(1, int(days / DAYS_PER_WEEK + 0.5)))
    return float(days)


def document_units(extraction: Extraction, submitted_at: date, level: str | None = None) -> DocumentUnits:
    """Units of one document; `level` picks a variant (internship/conference: regional unless known)."""
    criterion = CRITERION_BY_DOC_TYPE.get(extraction.doc_type)
    if criterion is None:
        return DocumentUnits(None, 0.0, None, in_window(extraction, submitted_at))
    rule = CRITERIA_BY_NUMBER[criterion]
    inside = in_window(extraction, submitted_at)
    units = _quantity(criterion, extraction) * rule.variant(level).units_per_unit if inside else 0.0
    return DocumentUnits(criterion, round(units, 2), rule.chapter, inside)


@dataclass(frozen=True)
class CountedDocument:
    """A document's units together with the status that decides whether they count."""

    units: DocumentUnits
    status: Literal["verified", "flagged", "failed"]
    approved: bool = False  # a reviewer approved a flagged document


@dataclass(frozen=True)
class SubmissionUnits:
    additional_education: float
    non_formal: float
    additional_competences: float
    total: float
    pending_review: float


def submission_units(documents: Iterable[CountedDocument]) -> SubmissionUnits:
    """Sum units of verified (or approved) documents per chapter; flagged ones go to pending_review."""
    sums: dict[str, float] = {"additional_education": 0.0, "non_formal": 0.0, "additional_competences": 0.0}
    pending = 0.0
    for doc in documents:
        if doc.units.chapter is None or doc.units.units == 0:
            continue
        if doc.status == "verified" or (doc.status == "flagged" and doc.approved):
            sums[doc.units.chapter] += doc.units.units
        elif doc.status == "flagged":
            pending += doc.units.units
    total = sum(sums.values())
    return SubmissionUnits(
        round(sums["additional_education"], 2),
        round(sums["non_formal"], 2),
        round(sums["additional_competences"], 2),
        round(total, 2),
        round(pending, 2),
    )


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    shortfalls: tuple[str, ...]


def format_units(value: float) -> str:
    """96 rather than 96.0; 191.5 stays 191.5."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _shortfall(name: str, have: float, need: float) -> str | None:
    return None if have + 1e-9 >= need else f"{name}: {format_units(have)} of {format_units(need)}"


def eligibility(units: SubmissionUnits, purpose: str, target_category: str | None) -> Eligibility:
    """Appendix 3 thresholds for `qualification`; ≥108 advanced-training hours for `foreign_admission`.

    Criterion 1 counts 1 hour = 1 unit, so additional_education equals the advanced-training hours.
    """
    if purpose == "foreign_admission":
        checks = [
            _shortfall("advanced_training_hours", units.additional_education, FOREIGN_ADMISSION_MIN_HOURS)
        ]
    elif purpose == "qualification" and target_category in THRESHOLDS_BY_CATEGORY:
        need = THRESHOLDS_BY_CATEGORY[target_category]
        checks = [
            _shortfall("additional_education", units.additional_education, need.additional_education),
            _shortfall(
                "non_formal_and_additional_competences",
                units.non_formal + units.additional_competences,
                need.non_formal_and_additional_competences,
            ),
            _shortfall("total", units.total, need.total),
        ]
    else:
        return Eligibility(False, (f"unknown purpose/category: {purpose}/{target_category}",))
    shortfalls = tuple(s for s in checks if s is not None)
    return Eligibility(not shortfalls, shortfalls)
