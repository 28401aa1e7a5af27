"""Tests for OCR text normalisation."""

from __future__ import annotations

import pytest

from extractors.fields.normalize import (
    clean_value,
    fold_digits,
    fold_lookalike_words,
    fold_script,
    normalize_text,
    normalize_word,
    russian_spelling,
    strip_diacritics_kk,
    unquote,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("фeвраля", "февраля"),  # Latin e inside a Cyrillic word
        ("Mедицинский", "Медицинский"),
        ("сaғат", "сағат"),
        ("Hospitаl", "Hospital"),  # Cyrillic а inside a Latin word
        ("сeрtификат", "сертификат"),
        ("Cеrtificate", "Certificate"),
        ("Almaty", "Almaty"),
        ("Алматы", "Алматы"),
        ("шiлде", "шілде"),  # Latin i in a Kazakh word
    ],
)
def test_fold_script(word: str, expected: str) -> None:
    assert fold_script(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("2О24", "2024"),  # Cyrillic О
        ("2O24", "2024"),  # Latin O
        ("1O8", "108"),
        ("З0", "30"),
        ("0O12345", "0012345"),
        ("KZ-2O24-001234", "KZ-2024-001234"),
        ("12.О2.2024", "12.02.2024"),
        ("ПК-12/345", "ПК-12/345"),
        ("ООО", "ООО"),  # no digits: letters stay letters
        ("O1", "01"),
        ("OO1", "OO1"),  # more letters than digits: left alone
        ("КZ", "КZ"),
    ],
)
def test_fold_digits(word: str, expected: str) -> None:
    assert fold_digits(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12–24.02.2024", "12-24.02.2024"),
        ("с  12.02.2024\u00a0— 24.02.2024", "с 12.02.2024 — 24.02.2024"),
        ("Charité – Universitätsmedizin", "Charité – Universitätsmedizin"),
        ("  НАО   «Медицинский   университет» ", "НАО «Медицинский университет»"),
        ("1O8 чaсов", "108 часов"),
        ("28 сәу1рнан", "28 сәуірнан"),
        ("Неотложная ҡардиология", "Неотложная кардиология"),
        ("«Астана медицина университет!» КЕАҚ", "«Астана медицина университеті» КЕАҚ"),
        ("б1л1кт1л1кт1 арттыру", "біліктілікті арттыру"),
        ("ЭБД!РАИМОВА ДАНА", "ЭБДІРАИМОВА ДАНА"), ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ МЕДИЦИНА УНИВЕРСИТЕТ!", None),
        ("Б!л1м", "Білім"),
    ],
)
def test_normalize_text(text: str, expected: str | None) -> None:
    assert normalize_text(text) == (expected or text.replace("!", "І"))


def test_normalize_word_keeps_quotes() -> None:
    assert normalize_word("«Педиатрия»") == "«Педиатрия»"


def test_unquote_keeps_length() -> None:
    text = "«12» “февраля” \"2024\""
    assert len(unquote(text)) == len(text)
    assert "«" not in unquote(text) and '"' not in unquote(text)


def test_strip_diacritics_kk() -> None:
    assert strip_diacritics_kk("қаңтар ақпан сәуір") == "кантар акпан сауир"


def test_clean_value() -> None:
    assert clean_value("  0012345 ,") == "0012345"


def test_letter_spaced_title_is_joined() -> None:
    from extractors.fields.document import join_spaced_letters
    from extractors.types import Box, Word

    words = [Word(ch, 0.9, Box(i * 10, 0, 8, 10)) for i, ch in enumerate("СЕРТИФИКАТ")] + [
        Word("№", 0.9, Box(120, 0, 8, 10)), Word("5", 0.9, Box(130, 0, 8, 10))]
    joined = join_spaced_letters(words)
    assert [w.text for w in joined] == ["СЕРТИФИКАТ", "№", "5"]
    assert joined[0].box == Box(0, 0, 98, 10)
    assert [w.text for w in join_spaced_letters(words[:2])] == ["С", "Е"]


def test_words_of_shared_letters_follow_a_clearly_latin_line() -> None:
    assert fold_lookalike_words(["Мауо", "Clinic", "School", "of", "Continuous"])[0] == "Mayo"
    assert fold_lookalike_words(["Certificate", "number", "СМЕ-2023785"])[2] == "СМЕ-2023785"  # numbers alone
    words = ["Настоящим", "удостоверяется,", "что", "KIM", "MARIIA"]
    assert fold_lookalike_words(words) == words  # a Latin name in a Russian sentence stays Latin


def test_a_russian_word_has_no_kazakh_letter() -> None:
    assert russian_spelling("Күзнецова") == "Кузнецова" and russian_spelling("Щүкина") == "Щукина"
    assert russian_spelling("Ёлкіна") == "Ёлкина"  # ё stays: it is Russian
    assert russian_spelling("Гүлнәр") == "Гүлнәр"  # a Kazakh word keeps its letters
