"""Appendix 1 / Appendix 3 as data, units per document, submission totals, eligibility and shortfalls."""

from __future__ import annotations

from datetime import date

import pytest

from tests.verifiers.helpers import extraction
from verifiers.credit_rules import CRITERIA, CRITERIA_BY_NUMBER, THRESHOLDS_BY_CATEGORY
from verifiers.credit_units import (
    CountedDocument,
    DocumentUnits,
    SubmissionUnits,
    document_units,
    eligibility,
    submission_units,
)

SUBMITTED = date(2025, 11, 3)


def test_all_21_criteria_in_their_chapters() -> None:
    assert [c.number for c in CRITERIA] == list(range(1, 22))
    assert {c.number for c in CRITERIA if c.chapter == "non_formal"} == {2, 3, 4}
    assert CRITERIA_BY_NUMBER[5].variant("international").units_per_unit == 40
    assert CRITERIA_BY_NUMBER[10].variant("q1").units_per_unit == 180
    assert all("Appendix 1" in c.cites for c in CRITERIA)
    first = THRESHOLDS_BY_CATEGORY["first"]
    assert (first.total, first.additional_education, first.non_formal_and_additional_competences) == (
        210,
        120,
        90,
    )


@pytest.mark.parametrize(
    ("doc_type", "values", "criterion", "units"),
    [
        ("advanced_training", {"hours": 108, "end_date": "2024-02-24"}, 1, 108),
        ("seminar", {"hours": 12, "end_date": "2024-02-24"}, 3, 6),
        ("online_course", {"hours": 35, "end_date": "2024-02-24"}, 4, 17.5),
        ("internship", {"start_date": "2024-03-04", "end_date": "2024-03-15"}, 2, 20),
        ("conference", {"start_date": "2024-04-10", "end_date": "2024-04-11"}, 5, 10),
        ("diploma", {"end_date": "2024-06-30"}, None, 0),
        ("translation", {}, None, 0),
    ],
)
def test_document_units(
    doc_type: str, values: dict[str, object], criterion: int | None, units: float
) -> None:
    found = document_units(extraction(doc_type, **values), SUBMITTED)
    assert (found.criterion, found.units) == (criterion, units)


def test_levels_and_window() -> None:
    internship = extraction("internship", start_date="2024-03-04", end_date="2024-03-15")
    assert document_units(internship, SUBMITTED, level="international").units == 60
    old = document_units(extraction("advanced_training", hours=108, end_date="2019-05-01"), SUBMITTED)
    assert (old.criterion, old.units, old.in_window) == (1, 0, False)


def _doc(chapter: str, units: float, status: str = "verified") -> CountedDocument:
    criterion = {"additional_education": 1, "non_formal": 3, "additional_competences": 5}[chapter]
    return CountedDocument(DocumentUnits(criterion, units, chapter, True), status)  # type: ignore[arg-type]


def test_contract_example_totals_and_shortfalls() -> None:
    docs = [
        _doc("additional_education", 96),
        _doc("non_formal", 35.5),
        _doc("additional_competences", 60),
        _doc("additional_education", 108, "flagged"),
        _doc("additional_education", 50, "failed"),
    ]
    units = submission_units(docs)
    assert units == SubmissionUnits(96, 35.5, 60, 191.5, 108)
    verdict = eligibility(units, "qualification", "first")
    assert not verdict.eligible
    assert verdict.shortfalls == ("additional_education: 96 of 120", "total: 191.5 of 210")


def test_approved_flagged_document_counts() -> None:
    approved = CountedDocument(DocumentUnits(1, 108, "additional_education", True), "flagged", approved=True)
    assert submission_units([approved]).additional_education == 108


def test_highest_category_needs_150_non_formal_and_competences() -> None:
    verdict = eligibility(SubmissionUnits(120, 40, 60, 220, 0), "qualification", "highest")
    assert verdict.shortfalls == ("non_formal_and_additional_competences: 100 of 150",)
    assert eligibility(SubmissionUnits(120, 40, 60, 220, 0), "qualification", "first").eligible


def test_foreign_admission_needs_108_hours() -> None:
    assert eligibility(SubmissionUnits(108, 0, 0, 108, 0), "foreign_admission", None).eligible
    verdict = eligibility(SubmissionUnits(72, 30, 0, 102, 0), "foreign_admission", None)
    assert verdict.shortfalls == ("advanced_training_hours: 72 of 108",)
