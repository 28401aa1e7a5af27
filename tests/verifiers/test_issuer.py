"""Issuer text to a registered organization: names, aliases, former names, damage; unknown stays unknown."""

from __future__ import annotations

from datetime import date

import pytest

from verifiers.issuer import IssuerIndex, issuer_flags, normalize_issuer
from verifiers.registry import Organization


def _org(
    org_id: str,
    name: str,
    aliases: tuple[str, ...] = (),
    start: date | None = date(2018, 1, 1),
    end: date | None = None,
) -> Organization:
    return Organization(org_id, name, aliases, "1", "KZ", "Караганда", start, end, True)


ORGS = (
    _org(
        "ORG-007",
        "Медицинский университет Караганды",
        (
            "Карагандинский государственный медицинский университет",
            "Қарағанды медицина университеті",
            "Karaganda Medical University",
            "КГМУ",
        ),
    ),
    _org(
        "ORG-012",
        "Казахский национальный медицинский университет имени С.Д. Асфендиярова",
        ("КазНМУ", "Asfendiyarov Kazakh National Medical University"),
    ),
    _org("ORG-031", "Городская поликлиника №12 г. Алматы"),
    _org("ORG-040", "European Society of Cardiology", ("ESC",)),
    _org("ORG-032", "Городская поликлиника №13 г. Алматы", end=date(2022, 12, 31)),
)
INDEX = IssuerIndex(ORGS)


@pytest.mark.parametrize(
    ("text", "org_id"),
    [
        ("НАО «Медицинский университет Караганды»", "ORG-007"),
        ('КЕАҚ "Қарағанды медицина университеті"', "ORG-007"),
        ("NJSC Karaganda Medical University", "ORG-007"),
        ("РГП на ПХВ «Карагандинский государственный медицинский университет»", "ORG-007"),  # former name
        ("МЕДИЦИНСКИЙ УНИВЕРСИТЕТ КАРАГАНДЬІ", "ORG-007"),  # OCR: Ы read as Ь + І
        ("НАО «Казахский национальный медицинский университет им. С.Д. Асфендиярова»", "ORG-012"),
        ("Казахский национальный медицинскин университет имени С.Д.Асфендиярова", "ORG-012"),
        ("ГКП на ПХВ «Городская поликлиника № 13» г. Алматы", "ORG-032"),
        ("Медицинский универ ситет Караганды", "ORG-007"),  # a space OCR put inside a word
        ('"Қара анды ме ина университеті"', "ORG-007"),  # letters lost where OCR left spaces
        ("т900 «Медицинский университет Караганды»", "ORG-007"),  # a legal form's «ОО» read as digits
        ("Городская поликлиника N13 г. Алматы", "ORG-032"),  # «№» read as N: its digits still count
        ("Ешгореап Society of Cardiology", "ORG-040"),  # a Latin word read in Cyrillic letters of its shape
        ("Ешгореап Ѕосіеtу оf Сагdiоlоgу", "ORG-040"),  # most of the name so
    ],
)
def test_matches(text: str, org_id: str) -> None:
    found = INDEX.match(text)
    assert found is not None and found.org_id == org_id


@pytest.mark.parametrize(
    "text",
    [
        "ТОО «Учебный центр Медикус»",
        "Городская поликлиника №14 г. Алматы",  # another number is another organization
        "Городская поликлиника №1З г. Алматы",  # a number's digit misread as a letter is not the number
        "Университет",
        "Karaganda Medical",  # a name's last words missing is not the name
        "Европейское общество кардиологов",  # a Russian name is not its English namesake's shape
    ],
)
def test_unknown_is_not_forced(text: str) -> None:
    assert INDEX.match(text) is None
    _, flags = issuer_flags(INDEX, text, date(2024, 1, 1))
    assert [f.code for f in flags] == ["ISSUER_UNKNOWN"]


def test_accreditation_on_the_issue_date() -> None:
    found, flags = issuer_flags(INDEX, "Городская поликлиника №13 г. Алматы", date(2023, 3, 1))
    assert found is not None and [f.code for f in flags] == ["ISSUER_NOT_ACCREDITED"]
    assert flags[0].evidence["accredited_to"] == "2022-12-31"
    assert issuer_flags(INDEX, "Городская поликлиника №13 г. Алматы", date(2022, 3, 1))[1] == ()
    assert issuer_flags(INDEX, "КГМУ", date(2017, 5, 1))[1][0].code == "ISSUER_NOT_ACCREDITED"
    assert issuer_flags(INDEX, "КГМУ", None)[1] == ()


def test_normalisation_drops_legal_forms_and_quotes() -> None:
    assert normalize_issuer("АО «Тест»") == normalize_issuer('JSC "ТЕСТ"') == normalize_issuer("Тест")


def test_a_name_cut_at_a_line_break_still_matches() -> None:
    index = IssuerIndex((*ORGS, _org("ORG-040", "Mayo Clinic School of Continuous Professional Development"),
                         _org("ORG-041", "Mayo Clinic School of Medicine")))
    found = index.match("Mayo Clinic School of Continuous Professional")
    assert found is not None and found.org_id == "ORG-040"
    assert index.match("Mayo Clinic School") is None  # too little of either name to choose
    assert index.match("Mayo Clinic School of Continuous Nursing") is None  # not the beginning of a name


def test_a_subtitle_is_not_the_organization_whose_name_ends_with_it() -> None:
    index = IssuerIndex([_org("ORG-014", "ТОО «Академия непрерывного медицинского образования»",
                              ("Academy of Continuing Medical Education",))])
    assert index.match("Continuing Medical Education") is None  # the course's kind printed under the issuer
    found = index.match("Academy of Continuing Medi cal Education")
    assert found is not None and found.org_id == "ORG-014"
