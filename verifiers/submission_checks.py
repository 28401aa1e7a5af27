"""Checks across the documents of one submission: overlapping courses, missing translations, unit totals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extractors.types import Extraction
from verifiers.credit_units import (
    CountedDocument,
    DocumentUnits,
    Eligibility,
    SubmissionUnits,
    eligibility,
    submission_units,
)
from verifiers.flags import TRANSLATION_MISSING, Flag, document_status, make_flag
from verifiers.plausibility import course_span, overlap_flags
from verifiers.translations import PageLanguage, TranslationCandidate, untranslated_documents


@dataclass(frozen=True)
class SubmittedDocument:
    """One read document of a submission with what the single-document checks found."""

    doc_id: str
    extraction: Extraction
    flags: tuple[Flag, ...]
    units: DocumentUnits
    pages: tuple[PageLanguage, ...] = ()
    approved: bool = False


def _translation_flags(docs: Sequence[SubmittedDocument]) -> dict[str, tuple[Flag, ...]]:
    candidates = [
        TranslationCandidate(d.doc_id, d.extraction.language, d.extraction.doc_type,
                             {k: v.value for k, v in d.extraction.fields.items()},
                             "\n".join(p.text for p in d.pages), d.pages)
        for d in docs
    ]
    message = "a document in a language other than Kazakh or Russian has no translation in the submission"
    language = {d.doc_id: d.extraction.language for d in docs}
    return {doc_id: (make_flag(TRANSLATION_MISSING, message, {"language": language[doc_id]}),)
            for doc_id in untranslated_documents(candidates)}


def cross_document_flags(docs: Sequence[SubmittedDocument]) -> Mapping[str, tuple[Flag, ...]]:
    """IMPLAUSIBLE for courses that cannot all have happened; TRANSLATION_MISSING for untranslated documents."""
    courses = [d for d in docs if d.units.criterion is not None]  # a translation repeats its original's course
    spans = [s for s in (course_span(d.doc_id, d.extraction) for d in courses) if s is not None]
    found: dict[str, tuple[Flag, ...]] = {k: tuple(v) for k, v in overlap_flags(spans).items()}
    for doc_id, flags in _translation_flags(docs).items():
        found[doc_id] = (*found.get(doc_id, ()), *flags)
    return found


@dataclass(frozen=True)
class SubmissionVerdict:
    units: SubmissionUnits
    eligibility: Eligibility


def submission_verdict(docs: Sequence[SubmittedDocument], purpose: str,
                       target_category: str | None) -> SubmissionVerdict:
    """Units from verified (or approved) documents, flagged ones pending; eligibility per Appendix 3 / seeds 004."""
    counted = [CountedDocument(d.units, document_status(d.flags), d.approved) for d in docs]
    units = submission_units(counted)
    return SubmissionVerdict(units, eligibility(units, purpose, target_category))
