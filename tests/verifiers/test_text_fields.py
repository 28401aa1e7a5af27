"""Script folding and typed field access used by all verifiers."""

from __future__ import annotations

from datetime import date

from tests.verifiers.helpers import extraction
from verifiers.fields import field_date, field_number, field_text
from verifiers.plausibility import course_span
from verifiers.text import fix_mixed_script, skeleton, transliterate, words


def test_kazakh_russian_and_latin_spellings_share_a_skeleton() -> None:
    assert skeleton("Әйгерім") == skeleton("Айгерим") == skeleton("AIGERIM") == skeleton("Aygerim")
    assert skeleton("Жақсыбекова") == skeleton("ZHAKSYBEKOVA") == skeleton("Jaqsybekova")
    assert skeleton("Ерлан") != skeleton("Ерболат")
    assert transliterate("Қуаныш") == "kuanysh"


def test_look_alikes_follow_the_word_majority() -> None:
    assert fix_mixed_script("Жaкcыбeкoва") == "Жаксыбекова"  # Latin a, c, e, o inside Cyrillic
    assert fix_mixed_script("Mеdical") == "Medical"  # Cyrillic е inside Latin
    assert words("НАО «Медицинский-университет» №12") == ["НАО", "Медицинский", "университет", "12"]


def test_fields_parse_or_give_none() -> None:
    found = extraction("seminar", hours="12,5", end_date="2024-02-24", start_date="24.02.2024", issuer="  ")
    assert field_number(found, "hours") == 12.5
    assert field_date(found, "end_date") == date(2024, 2, 24)
    assert field_date(found, "start_date") is None
    assert field_text(found, "issuer") is None and field_text(found, "program") is None
    assert course_span("d", found) is None
    span = course_span("d", extraction("seminar", hours=12, start_date="2024-02-20", end_date="2024-02-24"))
    assert span is not None and span.hours == 12 and span.start_date == date(2024, 2, 20)
