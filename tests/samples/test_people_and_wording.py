"""Persons, IINs and the printed wording of the sample generator."""

from __future__ import annotations

import random
from datetime import date

import pytest

from intake.iin import iin_problem
from samples.document import compose, study_period
from samples.iin import iin_check_digit, is_valid_iin, make_iin
from samples.orgs import make_organizations, organization_row
from samples.people import make_person, transliterate
from samples.render import _table_rows
from samples.translation import translate
from samples.wording import format_hours, format_range

KAZAKH_LETTERS = set("әіңғүұқөһӘІҢҒҮҰҚӨҺ")


def test_check_digit_of_a_known_iin() -> None:
    # first weights give 10 for these 11 digits, so the second weights decide
    first11 = "88051445012"
    check = iin_check_digit(first11)
    assert check is not None
    assert is_valid_iin(first11 + str(check))
    assert not is_valid_iin(first11 + str((check + 1) % 10))


def test_generated_iins_are_valid_and_encode_birth_and_sex() -> None:
    rnd = random.Random(3)
    for _ in range(300):
        person = make_person(rnd)
        assert iin_problem(person.iin) is None
        assert person.iin[:6] == f"{person.birth:%y%m%d}"
        assert int(person.iin[6]) % 2 == (0 if person.female else 1)


def test_make_iin_never_returns_a_number_without_check_digit() -> None:
    rnd = random.Random(0)
    iins = {make_iin(rnd, date(1990, 5, 14), female=True) for _ in range(500)}
    assert all(is_valid_iin(i) for i in iins)


def test_names_cover_kazakh_letters_and_both_patronymic_styles() -> None:
    rnd = random.Random(5)
    people = [make_person(rnd) for _ in range(300)]
    names = [p.full_name for p in people]
    assert any(KAZAKH_LETTERS & set(n) for n in names)
    assert any(n.endswith(("қызы", "ұлы")) for n in names)
    assert any(n.endswith(("овна", "ович", "евна", "евич")) for n in names)
    assert all(p.latin_name.isascii() and p.latin_name == p.latin_name.upper() for p in people)


def test_transliteration_is_passport_style() -> None:
    assert transliterate("Жақсыбекова Әйгерім") == "ZHAKSYBEKOVA AIGERIM"
    assert transliterate("Щукина Юлия") == "SHCHUKINA IULIIA"


@pytest.mark.parametrize("doc_type", ["advanced_training", "seminar", "online_course", "conference", "internship"])
def test_hours_fit_the_calendar_days(doc_type: str) -> None:
    rnd = random.Random(doc_type)
    for _ in range(200):
        start, end, hours = study_period(rnd, doc_type, date(2025, 6, 1))
        assert start <= end <= date(2025, 6, 1)
        assert hours <= 8 * ((end - start).days + 1)


def test_hours_and_dates_are_printed_in_all_languages() -> None:
    rnd = random.Random(1)
    seen = {format_hours(120, lang, rnd) for lang in ("ru", "kk", "en") for _ in range(30)}
    assert "4 credits (120 hours)" in seen
    assert any("сағат" in s for s in seen) and any("часов" in s for s in seen)
    assert all("120" in s for s in seen)
    ranges = {
        format_range(date(2024, 2, 12), date(2024, 2, 24), lang, rnd) for lang in ("ru", "kk", "en") for _ in range(40)
    }
    assert "с 12.02.2024 по 24.02.2024" in ranges
    assert "2024 жылғы 12 ақпаннан 24 ақпанға дейін" in ranges
    assert "February 12–24, 2024" in ranges


def test_content_truth_matches_the_printed_lines() -> None:
    rnd = random.Random(9)
    orgs = make_organizations(rnd)
    for index in range(120):
        person = make_person(rnd)
        org = orgs[index % len(orgs)]
        language = "en" if org.foreign else rnd.choice(("ru", "kk"))
        doc_type = rnd.choice(("advanced_training", "seminar", "conference", "diploma", "specialist_certificate"))
        content = compose(rnd, doc_type, language, person, org, date(2025, 9, 1))
        printed = "\n".join(
            (*content.header, *content.title, content.number_line or "", content.holder, *content.body, *content.footer)
        )
        for name in ("holder_name", "cert_number", "issuer", "program"):
            assert str(content.fields[name]) in printed, (name, content)
        if content.fields["hours"] is not None:
            assert str(content.fields["hours"]) in printed
        if language == "en":
            assert content.holder.isascii()
            translated = translate(rnd, content, "ru", person)
            assert translated.doc_type == "translation"
            assert translated.fields["cert_number"] == content.fields["cert_number"]


def test_organization_rows_have_aliases_and_valid_bins() -> None:
    orgs = make_organizations(random.Random(2))
    rows = [organization_row(o) for o in orgs]
    assert len({r["org_id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["name"] not in row["aliases"].split("|")
        if row["country"] == "KZ":
            assert len(row["bin"]) == 12 and is_valid_iin(row["bin"])
    karaganda = next(r for r in rows if "Караганды" in r["name"])
    assert "Karaganda Medical University" in karaganda["aliases"].split("|")


def test_a_table_names_the_kind_of_event_when_the_title_does_not() -> None:
    rnd = random.Random(3)
    org, person = make_organizations(rnd)[0], make_person(rnd)
    seen = set()
    for _ in range(40):
        content = compose(rnd, "seminar", "ru", person, org, date(2025, 6, 1))
        labels = [label for label, _ in _table_rows(content)]
        bare = content.title == ("СЕРТИФИКАТ",)
        seen.add(bare)
        assert ("Вид обучения:" in labels) is bare
    assert seen == {True, False}
