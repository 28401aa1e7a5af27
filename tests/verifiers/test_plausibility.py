"""IMPLAUSIBLE dates and hours, overlapping courses, and OUT_OF_WINDOW."""

from __future__ import annotations

from datetime import date

from tests.verifiers.helpers import extraction
from verifiers.plausibility import MAX_ACADEMIC_HOURS_PER_DAY, CourseSpan, date_flags, overlap_flags

SUBMITTED = date(2025, 11, 3)


def _codes(**values: object) -> list[str]:
    return [f.code for f in date_flags(extraction("advanced_training", **values), SUBMITTED)]


def test_contract_example_is_plausible() -> None:
    assert _codes(hours=108, start_date="2024-02-12", end_date="2024-02-24", issue_date="2024-02-26") == []


def test_end_before_start() -> None:
    assert _codes(start_date="2024-02-24", end_date="2024-02-12") == ["IMPLAUSIBLE"]


def test_future_date() -> None:
    flags = date_flags(extraction(start_date="2025-11-01", end_date="2025-11-20"), SUBMITTED)
    assert [f.code for f in flags] == ["IMPLAUSIBLE"] and flags[0].evidence["field"] == "end_date"


def test_issued_before_the_end() -> None:
    assert _codes(start_date="2024-02-12", end_date="2024-02-24", issue_date="2024-02-20") == ["IMPLAUSIBLE"]
    assert _codes(start_date="2024-02-12", end_date="2024-02-24", issue_date="2024-02-24") == []


def test_more_hours_than_the_days_allow() -> None:
    flags = date_flags(extraction(hours=108, start_date="2024-02-12", end_date="2024-02-16"), SUBMITTED)
    assert [f.code for f in flags] == ["IMPLAUSIBLE"] and flags[0].evidence["days"] == 5
    assert 10 < MAX_ACADEMIC_HOURS_PER_DAY < 11
    assert _codes(hours=54, start_date="2024-02-12", end_date="2024-02-17") == []


def test_out_of_window_is_info_and_the_boundary_day_is_inside() -> None:
    flags = date_flags(extraction(start_date="2020-10-01", end_date="2020-10-12"), SUBMITTED)
    assert [(f.code, f.severity) for f in flags] == [("OUT_OF_WINDOW", "info")]
    assert _codes(end_date="2020-11-03") == []
    assert _codes(end_date="2024-01-01") == []


def test_overlapping_courses() -> None:
    courses = [
        CourseSpan("a", date(2024, 2, 12), date(2024, 2, 24), 108),
        CourseSpan("b", date(2024, 2, 19), date(2024, 3, 2), 108),
        CourseSpan("c", date(2024, 2, 1), date(2024, 3, 30), 36),  # light online course alongside: fine
        CourseSpan("d", date(2023, 1, 1), date(2023, 1, 12), 108),
    ]
    flagged = overlap_flags(courses)
    assert set(flagged) == {"a", "b", "c"}
    assert flagged["a"][0].evidence["overlapping_documents"] == ["b", "c"]
    assert overlap_flags([courses[0], courses[2], courses[3]]) == {}
