"""Recovering Kazakh letters from a Kazakh-only re-read: only the letters Russian lacks may change."""

from __future__ import annotations

import pytest

from extractors.kazakh_letters import fold_kazakh, with_kazakh_letters


@pytest.mark.parametrize(
    ("value", "reading", "expected"),
    [
        ("Муканова Жансая Дэулеткызы", "Мұқанова Жансая Дәулетқызы", "Мұқанова Жансая Дәулетқызы"),
        ("ТОО «Центр развития «Денсаулык»»", "ТОО «Центр развития «Денсаулық»»", "ТОО «Центр развития «Денсаулық»»"),
        ("МУКАНОВА ЖАНСАЯ", "Мұқанова Жансая", "МҰҚАНОВА ЖАНСАЯ"),  # the value's case is kept
        ("Бекмухамбетова  Аружан", "Бекмұхамбетова Аружан\n", "Бекмұхамбетова Аружан"),
    ],
)
def test_kazakh_letters_are_restored(value: str, reading: str, expected: str) -> None:
    assert with_kazakh_letters(value, reading) == expected


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("Иванов Иван Иванович", "Иванов Иван Иванович"),  # nothing Kazakh: unchanged
        ("Муканова Жансая", "Мұқанова Жансая Д"),  # a different length is another text
        ("Муканова Жансая", "Мұқанова Жансан"),  # a Russian letter changed: a misread, not a Kazakh letter
        ("Мұқанова Жансая", "Муқанова Жансая"),  # would trade a Kazakh letter for its look-alike
        ("Мұқанова Жансая", "Мұқанова Жансая"),  # already right
        ("Муканова", ""),
    ],
)
def test_other_readings_change_nothing(value: str, reading: str) -> None:
    assert with_kazakh_letters(value, reading) is None


def test_fold_maps_each_kazakh_letter_to_its_russian_look_alike() -> None:
    assert fold_kazakh("ӘҒҚҢӨҰҮҺІ") == fold_kazakh("ЭГКНОУУХИ")
    assert fold_kazakh("Ә") != fold_kazakh("А")
