"""Tests for reading study hours."""

from __future__ import annotations

import pytest

from extractors.fields.hours import ACADEMIC_HOURS_PER_CREDIT, find_hours, hours_value
from extractors.fields.normalize import normalize_text


def _hours(text: str) -> float | None:
    found = find_hours(normalize_text(text))
    return None if found is None else found.hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("в объеме 108 часов", 108), ("108 академических часов", 108), ("в объеме 108 (сто восемь) часов", 108),
        ("объем: 108 ч.", 108), ("Объём - 54 часа", 54), ("108 сағат", 108), ("108 академиялық сағат", 108),
        ("54 сағат көлемінде", 54), ("24 hours", 24), ("24 CME hours", 24), ("24 contact hours", 24),
        ("Total hours: 36", 36), ("12 ч", 12), ("4 кредита (120 часов)", 120), ("2 credits", 60),
        ("3 кредит", 90), ("2 ECTS credits (60 hours)", 60), ("1O8 часов", 108), ("1О8 часов", 108),
        ("в объёме 216 академических часов", 216), ("duration: 72 hrs", 72), ("Продолжительность: 36", 36),
        ("8 часов в день, всего 40 часов", 40), ("24 СМҢ hours", 24), ("в объеме 4 кредита (120 waco:", 120),
        ("| Объем: | продолжительностью 12 |\n| | академических часов |", 12),  # a table's rulings read as «|»
        ("Объем: продолжительностью 6\n_ академических часов", 6),  # … or as «_»
        ("(120 carat)", 120),  # «сағат» read by the English model
        ("(60.ч.)", 60),  # the space before «ч» read as a stop
        ("(216 «ч.)", 216),  # a speck before the unit read as a quote (fraud 57878)
    ],
)
def test_hours(text: str, expected: float) -> None:
    assert _hours(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "тел. 8 701 123 45 67", "Тел.: +7 (7172) 12-34-56", "8 hours per day", "по 6 часов в день",
        "12.02.2024", "Сертификат № 0012345", "2024 г.", "ИИН 880514450128", "", "a 24 carats gold",
    ],
)
def test_not_hours(text: str) -> None:
    assert _hours(text) is None


def test_printed_hours_win_over_credits() -> None:
    assert _hours("4 кредита, в объеме 120 часов") == 120


def test_credit_constant_and_values() -> None:
    assert ACADEMIC_HOURS_PER_CREDIT == 30
    assert hours_value(108.0) == 108 and isinstance(hours_value(108.0), int)
    assert hours_value(1.5) == 1.5


def test_a_hyphen_between_the_number_and_its_unit() -> None:
    assert _hours("144-сағат көлемінде") == 144
    assert _hours("освоил 72-часовую программу") == 72


def test_a_hyphen_for_the_spaces_around_the_number() -> None:
    assert _hours("продолжительностью-72-академических часов") == 72
    assert _hours("от 36-72 часов") is None  # after a digit the hyphen makes a range, which is no total


def test_a_speck_read_as_a_stop_after_the_figure() -> None:
    assert _hours("вебинарына қатысты\n(2. сағат)") == 2


def test_a_six_read_as_the_letter_be_before_its_unit_is_six() -> None:
    # «в объеме 6 академических часов» read «в объемё бакадемических часов» under a stamp (fraud seed 49090)
    found = find_hours("в объемё бакадемических часов")
    assert found is not None and found.hours == 6
    assert find_hours("диплом бакалавра") is None  # a word that starts with б stays a word
