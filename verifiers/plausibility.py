"""Impossible dates and hours on one document, overlapping courses across documents, and the 5-year window."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.types import Extraction
from verifiers.fields import field_date, field_number
from verifiers.flags import IMPLAUSIBLE, OUT_OF_WINDOW, Flag, make_flag

# Appendix 1, criterion 1 of the Rules counts 1 hour = 1 credit unit, and those hours are academic hours
# of 45 minutes. A training day cannot be longer than a working day: the Labour Code of the Republic of
# Kazakhstan (art. 68) caps normal working time at 40 hours a week, i.e. 8 hours a day on a five-day week
# = 480 minutes = 10.67 academic hours. Every calendar day of the course, both ends included, may carry
# that much (courses also run on Saturdays), so a 108-hour cycle needs at least 11 days: a 2-week cycle of
# 12-13 days passes, 108 hours in one week do not.
MINUTES_PER_ACADEMIC_HOUR = 45
MAX_ACADEMIC_HOURS_PER_DAY = 8 * 60 / MINUTES_PER_ACADEMIC_HOUR
WINDOW_YEARS = 5  # Rules, paragraph 6 and paragraph 9: CPD results count for the last 5 years.
_DAY_EPSILON = 1e-6


@dataclass(frozen=True)
class CourseSpan:
    """One document's course for the cross-document check: its id, dates and hours."""

    document_id: str
    start_date: date
    end_date: date
    hours: float


def course_span(document_id: str, extraction: Extraction) -> CourseSpan | None:
    """The document's course for overlap_flags, when it has both dates and hours."""
    start, end = field_date(extraction, "start_date"), field_date(extraction, "end_date")
    hours = field_number(extraction, "hours")
    if start is None or end is None or hours is None:
        return None
    return CourseSpan(document_id, start, end, hours)


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def reference_date(extraction: Extraction) -> date | None:
    """The date that places a document in time: end date, else issue date, else start date."""
    for name in ("end_date", "issue_date", "start_date"):
        found = field_date(extraction, name)
        if found is not None:
            return found
    return None


def in_window(extraction: Extraction, submitted_at: date) -> bool:
    """True when the document falls in the 5 years before `submitted_at` (undated ones count as inside)."""
    ref = reference_date(extraction)
    return ref is None or ref >= years_before(submitted_at, WINDOW_YEARS)


def _implausible(message: str, **evidence: object) -> Flag:
    return make_flag(IMPLAUSIBLE, message, evidence)


def date_flags(extraction: Extraction, submitted_at: date) -> tuple[Flag, ...]:
    """IMPLAUSIBLE for impossible dates or hours on one document; OUT_OF_WINDOW for an old document."""
    start, end = field_date(extraction, "start_date"), field_date(extraction, "end_date")
    issued = field_date(extraction, "issue_date")
    flags = _order_flags(start, end, issued, submitted_at)
    flags += _hours_flags(start, end, field_number(extraction, "hours"))
    ref = reference_date(extraction)
    if ref is not None and not in_window(extraction, submitted_at):
        since = years_before(submitted_at, WINDOW_YEARS)
        message = f"dated {ref}, before the 5-year window that starts on {since}"
        flags.append(
            make_flag(OUT_OF_WINDOW, message, {"date": ref.isoformat(), "window_start": since.isoformat()})
        )
    return tuple(flags)


def _order_flags(start: date | None, end: date | None, issued: date | None, submitted_at: date) -> list[Flag]:
    flags: list[Flag] = []
    if start and end and end < start:
        message = f"the course ends ({end}) before it starts ({start})"
        flags.append(_implausible(message, start_date=start.isoformat(), end_date=end.isoformat()))
    for name, day in (("start_date", start), ("end_date", end), ("issue_date", issued)):
        if day and day > submitted_at:
            message = f"{name} {day} is after the submission date {submitted_at}"
            flags.append(
                _implausible(
                    message, field=name, value=day.isoformat(), submitted_at=submitted_at.isoformat()
                )
            )
    if issued and end and issued < end:
        message = f"issued on {issued}, before the course ended on {end}"
        flags.append(_implausible(message, issue_date=issued.isoformat(), end_date=end.isoformat()))
    return flags


def _hours_flags(start: date | None, end: date | None, hours: float | None) -> list[Flag]:
    if hours is not None and hours < 0:
        return [_implausible(f"negative hours: {hours:g}", hours=hours)]
    if start is None or end is None or end < start or hours is None:
        return []
    days = (end - start).days + 1
    cap = days * MAX_ACADEMIC_HOURS_PER_DAY
    if hours <= cap + _DAY_EPSILON:
        return []
    message = (
        f"{hours:g} hours in {days} day(s): more than {MAX_ACADEMIC_HOURS_PER_DAY:.2f} academic hours a day"
    )
    return [_implausible(message, hours=hours, days=days, max_hours=round(cap, 2))]


def overlap_flags(courses: Sequence[CourseSpan]) -> Mapping[str, tuple[Flag, ...]]:
    """IMPLAUSIBLE for courses of one applicant that together need more than a working day on some day.

    Each course's hours are spread evenly over its days; on a day where the sum exceeds the daily cap,
    every course running that day is flagged, naming the others.
    """
    load: dict[date, float] = defaultdict(float)
    running: dict[date, list[str]] = defaultdict(list)
    for course in courses:
        if course.end_date < course.start_date or course.hours <= 0:
            continue
        days = (course.end_date - course.start_date).days + 1
        for offset in range(min(days, 3660)):
            day = course.start_date + timedelta(days=offset)
            load[day] += course.hours / days
            running[day].append(course.document_id)
    clashes: dict[str, set[str]] = defaultdict(set)
    first_day: dict[str, date] = {}
    for day in sorted(load):
        if load[day] > MAX_ACADEMIC_HOURS_PER_DAY + _DAY_EPSILON and len(running[day]) > 1:
            for doc in running[day]:
                clashes[doc].update(d for d in running[day] if d != doc)
                first_day.setdefault(doc, day)
    return {
        doc: (
            _implausible(
                f"overlaps with {', '.join(sorted(others))}: together more than "
                f"{MAX_ACADEMIC_HOURS_PER_DAY:.2f} academic hours a day from {first_day[doc]}",
                overlapping_documents=sorted(others),
                first_day=first_day[doc].isoformat(),
            ),
        )
        for doc, others in clashes.items()
    }
