"""Appendix 1 (the 21 CPD criteria) and Appendix 3 (thresholds per category) of the Rules, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Chapter = Literal["additional_education", "non_formal", "additional_competences"]
RULES = "Rules of order ҚР ДСМ-283/2020 (as revised by order № 66 of 16.07.2025)"


@dataclass(frozen=True)
class Variant:
    """One way a criterion is counted: a key (level / kind), the unit and credit units per unit."""

    key: str
    unit: str
    units_per_unit: float


@dataclass(frozen=True)
class Criterion:
    number: int
    chapter: Chapter
    name: str
    variants: tuple[Variant, ...]
    cites: str

    def variant(self, key: str | None = None) -> Variant:
        """The variant named `key`, else the first (the default level)."""
        for found in self.variants:
            if found.key == key:
                return found
        return self.variants[0]


def _c(number: int, chapter: Chapter, name: str, *variants: tuple[str, str, float]) -> Criterion:
    return Criterion(
        number,
        chapter,
        name,
        tuple(Variant(*v) for v in variants),
        f"{RULES}, Appendix 1, criterion {number}",
    )


AE: Chapter = "additional_education"
NF: Chapter = "non_formal"
AC: Chapter = "additional_competences"

CRITERIA: tuple[Criterion, ...] = (
    _c(1, AE, "Additional education (advanced training cycle)", ("default", "hour", 1.0)),
    _c(
        2,
        NF,
        "Internship in the field of specialty",
        ("regional", "week", 10.0),
        ("international", "week", 30.0),
    ),
    _c(3, NF, "Face-to-face training seminars, trainings, masterclasses", ("default", "hour", 0.5)),
    _c(4, NF, "Webinars, online courses, distance-learning events", ("default", "hour", 0.5)),
    _c(
        5,
        AC,
        "Participation in a meeting, congress, conference",
        ("regional", "day", 5.0),
        ("regional_report", "report", 10.0),
        ("republican", "day", 10.0),
        ("republican_report", "report", 50.0),
        ("international", "day", 40.0),
        ("international_report", "report", 100.0),
    ),
    _c(
        6,
        AC,
        "Publication of a monograph, guidelines, methodological recommendations",
        ("monograph", "monograph", 180.0),
        ("guidelines", "document", 30.0),
    ),
    _c(7, AC, "Publication of a textbook (book)", ("default", "textbook", 180.0)),
    _c(
        8,
        AC,
        "Scientific article in periodicals recommended by the Quality Assurance Committee",
        ("default", "article", 20.0),
    ),
    _c(
        9,
        AC,
        "Article in national and foreign editions not on the recommended list",
        ("default", "article", 10.0),
    ),
    _c(
        10,
        AC,
        "Scientific article indexed in Scopus, Web of Science, Springer",
        ("q4", "article", 90.0),
        ("q3", "article", 120.0),
        ("q2", "article", 150.0),
        ("q1", "article", 180.0),
    ),
    _c(11, AC, "Obtaining a patent", ("national", "patent", 60.0), ("foreign", "patent", 180.0)),
    _c(
        12,
        AC,
        "Intellectual Property Certificate of the Republic of Kazakhstan",
        ("default", "certificate", 30.0),
    ),
    _c(13, AC, "Tutoring, teaching activities", ("default", "year", 10.0)),
    _c(14, AC, "Tutoring for young and newly hired specialists", ("default", "year", 10.0)),
    _c(
        15,
        AC,
        "Introduction of innovative methods of diagnostics, treatment, prevention",
        ("default", "act of implementation", 60.0),
    ),
    _c(
        16,
        AC,
        "Membership in a professional association",
        ("regional", "membership", 10.0),
        ("national", "membership", 30.0),
        ("international", "membership", 60.0),
    ),
    _c(17, AC, "Membership in expert bodies", ("national", "membership", 90.0)),
    _c(18, AC, "Expert and/or coaching activities", ("default", "document", 10.0)),
    _c(
        19,
        AC,
        "Participation in the development of regulatory legal and other regulatory acts",
        ("default", "document", 30.0),
    ),
    _c(
        20,
        AC,
        "Expertise of examination material of an accredited institution",
        ("test_questions", "test question", 1 / 50),
        ("clinical_scenarios", "clinical scenario", 1 / 10),
    ),
    _c(
        21, AC, "Work of an independent expert commission on harm to a patient", ("default", "document", 90.0)
    ),
)
CRITERIA_BY_NUMBER = {c.number: c for c in CRITERIA}


@dataclass(frozen=True)
class CategoryThreshold:
    """Minimum credit units over 5 years for a qualification category (Appendix 3, rows 2 and 3)."""

    category: str
    total: float
    additional_education: float
    non_formal_and_additional_competences: float
    cites: str


_APPENDIX_3 = f"{RULES}, Appendix 3; paragraph 14 (total at least 210)"
THRESHOLDS: tuple[CategoryThreshold, ...] = (
    CategoryThreshold("second", 210.0, 150.0, 60.0, _APPENDIX_3),
    CategoryThreshold("first", 210.0, 120.0, 90.0, _APPENDIX_3),
    CategoryThreshold("highest", 210.0, 60.0, 150.0, _APPENDIX_3),
)
THRESHOLDS_BY_CATEGORY = {t.category: t for t in THRESHOLDS}

# Order on the foreign specialist certificate (shared/seeds/004): advanced training in the claimed specialty
# over the last five years, at least 108 hours in total.
FOREIGN_ADMISSION_MIN_HOURS = 108.0
FOREIGN_ADMISSION_CITES = (
    "Foreign specialist certificate requirements: advanced training ≥ 108 hours in 5 years"
)
