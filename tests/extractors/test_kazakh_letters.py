"""Recovering Kazakh letters from a Kazakh-only re-read: only the letters Russian lacks may change."""

from __future__ import annotations

import numpy as np
import pytest

from extractors.kazakh_letters import fold_kazakh, restore_field, with_kazakh_letters, with_yo
from extractors.types import Box, FieldValue, Line, PageText, Word


@pytest.mark.parametrize(
    ("value", "reading", "expected"),
    [
        ("Муканова Жансая Дэулеткызы", "Мұқанова Жансая Дәулетқызы", "Мұқанова Жансая Дәулетқызы"),
        ("ТОО «Центр развития «Денсаулык»»", "ТОО «Центр развития «Денсаулық»»", "ТОО «Центр развития «Денсаулық»»"),
        ("МУКАНОВА ЖАНСАЯ", "Мұқанова Жансая", "МҰҚАНОВА ЖАНСАЯ"),  # the value's case is kept
        ("Бекмухамбетова  Аружан", "Бекмұхамбетова Аружан\n", "Бекмұхамбетова  Аружан"),  # value's spacing kept
        ("Ахметова Перизат Телеукызы", "Ахметова Перизат Төлеуқызы", "Ахметова Перизат Төлеуқызы"),  # Ө read as Е
        ("Эбдраимов Дәулет", "Әбдіраимов Дәулет", "Әбдіраимов Дәулет"),  # an і the first reading left out
        ("Телеген Перизат Женскызы", "Төлеген Перизат Жеңісқызы", "Төлеген Перизат Жеңісқызы"),
        ("Дэулет»", "Дәулеті»", "Дәулеті»"),  # left out at the end
        ("ЭБДТРАИМОВА ЖАНСАЯ", "ӘБДІРАИМОВА ЖАНСАЯ", "ӘБДІРАИМОВА ЖАНСАЯ"),  # a serif І read Т (fraud 44545)
        ("медициналык орталығы", "медициналық орталығы", "медициналық орталығы"),  # a Kazakh word, a Russian root
        ("«Денсаулык сактауды дамыту республикалык, орталығы»", "«Денсаулық сақтауды дамыту республикалық\nорталығы»",
         "«Денсаулық сақтауды дамыту республикалық, орталығы»"),  # the value's punctuation is kept
    ],
)
def test_kazakh_letters_are_restored(value: str, reading: str, expected: str) -> None:
    assert with_kazakh_letters(value, reading) == expected


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("Иванов Иван Иванович", "Иванов Иван Иванович"),  # nothing Kazakh: unchanged
        ("Муканова Жансая", "Мұқанова Жансая Д"),  # more letters: another text
        ("Муканова Жансая", "Мұқанова Жансан"),  # a Russian letter changed: a misread, not a Kazakh letter
        ("Мұқанова Жансая", "Муқанова Жансая"),  # would trade a Kazakh letter for its look-alike
        ("Мұқанова Жансая", "Мұқанова Жансая"),  # already right
        ("Муканова", ""),
        ("Семенов Иван", "Семөнов Иван"),  # Ө for Е only in a first syllable
        ("Мукан", "Мұқанііі"),  # more than two letters the first reading would have left out
        ("Иванов", "Ыванов"),  # И is no look-alike of Ы
        ("Ботагоз", "Боіагоз"),  # only a capital Т is read for І
        ("Әбдіраимова", "Әәбдіраимова"),  # one glyph read twice, not a letter left out
        ("12.05", "і"),  # no letters to put Kazakh ones among
    ],
)
def test_other_readings_change_nothing(value: str, reading: str) -> None:
    assert with_kazakh_letters(value, reading) is None


def test_fold_maps_each_kazakh_letter_to_its_russian_look_alike() -> None:
    assert fold_kazakh("ӘҒҚҢӨҰҮҺІ") == fold_kazakh("ЭГКНОУУХИ")
    assert fold_kazakh("Ә") != fold_kazakh("А")


class _Reader:
    """A stand-in for the engine's Kazakh re-reads: the block comes back with other letters wrong too."""

    def __init__(self, block: str, words: dict[str, str]) -> None:
        self.block, self.words = block, words

    def ocr_block_text(self, image: np.ndarray, languages: str) -> str:
        return self.block

    def ocr_word(self, image: np.ndarray, languages: str) -> tuple[str, float]:
        return self.words.pop(next(iter(self.words))), 0.9


def test_words_are_re_read_one_by_one_when_the_block_differs_elsewhere() -> None:
    words = (Word("ТОО", 0.9, Box(0, 0, 50, 20)), Word("«Центр", 0.9, Box(60, 0, 90, 20)),
             Word("«Денсаулык»»", 0.9, Box(160, 0, 150, 20)))
    page = PageText(1, 400, 40, (Line(words),), "ocr", language_hint="rus+kaz")
    value = FieldValue("ТОО «Центр «Денсаулык»»", 0.9, 1, Box(0, 0, 310, 20))
    reader = _Reader("ТОО «Пентр «Денсаулық»»", {"ТОО": "ТОО", "Центр": "Пентр", "Денсаулык": "«Денсаулық»»"})
    restored = restore_field(value, page, np.zeros((40, 400), np.uint8), reader)  # type: ignore[arg-type]
    assert restored.value == "ТОО «Центр «Денсаулық»»"


@pytest.mark.parametrize(
    ("value", "reading", "expected"),
    [
        ("Соловьев Игорь Викторович", "Соловьёв Игорь Викторович", "Соловьёв Игорь Викторович"),
        ("СОЛОВЬЕВ ИГОРЬ", "СОЛОВЬЁВ ИГОРЬ\n", "СОЛОВЬЁВ ИГОРЬ"),
        ("Соловьев Игорь", "Тыңдаушы аты: Соловьёв Игорь", "Соловьёв Игорь"),  # a label the crop took in
        ("Соловьев Игорь", "Соловьев Игорь", None),  # no dots seen: nothing to change
        ("Соловьев Игорь", "Солорьёв Игорь", None),  # other letters differ: not the same reading
        ("Ёлкин Артем", "Елкин Артём", "Ёлкин Артём"),  # an «ё» read first is never taken away
    ],
)
def test_yo_comes_back_from_the_russian_re_read(value: str, reading: str, expected: str | None) -> None:
    assert with_yo(value, reading) == expected


class _ByLanguage:
    def __init__(self, readings: dict[str, str]) -> None:
        self.readings, self.asked = readings, list[str]()

    def ocr_block_text(self, image: np.ndarray, languages: str) -> str:
        self.asked.append(languages)
        return self.readings[languages]


@pytest.mark.parametrize(("hint", "yo", "expected"), [
    ("kaz+rus", True, "Соловьёв Игорь"), ("rus+kaz", True, "Соловьёв Игорь"), ("kaz+rus", False, "Соловьев Игорь"),
    ("eng", True, "Соловьев Игорь"),  # a Latin page's name is not read with the Russian model
])
def test_names_get_their_yo_back_from_a_russian_re_read(hint: str, yo: bool, expected: str) -> None:
    word = Word("Соловьев", 0.9, Box(0, 0, 150, 20))
    page = PageText(1, 400, 40, (Line((word, Word("Игорь", 0.9, Box(160, 0, 90, 20)))),), "ocr", language_hint=hint)
    value = FieldValue("Соловьев Игорь", 0.9, 1, Box(0, 0, 250, 20))
    reader = _ByLanguage({"kaz": "Соловьев Игорь", "rus": "Соловьёв Игорь"})
    restored = restore_field(value, page, np.zeros((40, 400), np.uint8), reader, False, yo=yo)  # type: ignore[arg-type]
    assert restored.value == expected


@pytest.mark.parametrize(("yo", "expected"), [(True, "Кузнецова Әйгерім"), (False, "Күзнецова Әйгерім")])
def test_a_russian_word_of_a_name_gets_no_kazakh_letter(yo: bool, expected: str) -> None:
    """«Кузнецова» read «Күзнецова» by the Kazakh model on a faded scan (accuracy 51616): ц is in no Kazakh word, but
    a title's Kazakh word may stand on a Russian root («медициналық»), so only names are so spelled."""
    page = PageText(1, 400, 40, (Line((Word("Кузнецова", 0.9, Box(0, 0, 150, 20)),
                                       Word("Эйгерим", 0.9, Box(160, 0, 90, 20)))),), "ocr", language_hint="rus+kaz")
    value = FieldValue("Кузнецова Эйгерим", 0.9, 1, Box(0, 0, 250, 20))
    reader = _ByLanguage({"kaz": "Күзнецова Әйгерім", "rus": "Кузнецова Эйгерим"})
    restored = restore_field(value, page, np.zeros((40, 400), np.uint8), reader, False, yo=yo)  # type: ignore[arg-type]
    assert restored.value == expected
