"""The holder on a document against the applicant: spellings across scripts match, other people do not."""

from __future__ import annotations

import pytest

from verifiers.identity import compare_names, holder_flag

APPLICANT = ("Жақсыбекова Әйгерім Серікқызы", "ZHAKSYBEKOVA AIGERIM")


@pytest.mark.parametrize(
    "on_document",
    [
        "Жақсыбекова Әйгерім Серікқызы",
        "Жаксыбекова Айгерим",
        "ZHAKSYBEKOVA AIGERIM",
        "Zhaksybekova Aigerim Serikkyzy",
        "Aigerim Zhaksybekova",
        "Жаксыбекова Айгерим Сериковна",  # Russian form of the patronymic
        "Жaкcыбeкoва Айгерим",  # Latin look-alikes inside Cyrillic (OCR)
        "Жаксыбекова Айгернм",  # one misread letter
        "Jaqsybekova Aigerim",  # 2021 Kazakh Latin
        "Жаксыбекова А. С.",  # initials
    ],
)
def test_same_person_in_any_spelling(on_document: str) -> None:
    assert compare_names(on_document, APPLICANT[0]).is_match
    assert holder_flag(on_document, APPLICANT) is None


@pytest.mark.parametrize(
    "on_document",
    [
        "Жаксыбекова Динара Серикovna",  # same surname, another first name
        "Ахметов Ерлан Болатович",
        "Жаксыбекова",  # surname alone identifies nobody
        "Жаксыбекова Айгерим Болатовна",  # another father
    ],
)
def test_other_person_is_a_mismatch(on_document: str) -> None:
    flag = holder_flag(on_document, APPLICANT)
    assert flag is not None and flag.code == "HOLDER_MISMATCH" and flag.severity == "high"
    assert flag.evidence["document"] == on_document


def test_close_short_first_names_are_different_people() -> None:
    assert not compare_names("Нурланов Марат", "Нурланов Мурат").is_match


def test_no_holder_read_gives_no_flag() -> None:
    assert holder_flag(None, APPLICANT) is None


@pytest.mark.parametrize(
    ("on_document", "applicant"),
    [
        ("AKHMETOV YERLAN BOLATOVICH", "Ахметов Ерлан Болатұлы"),
        ("Юлия Ким", "KIM YULIYA"),
        ("Нұрсұлтанова Әлия", "Нурсултанова Алия Маратовна"),
        ("Қуанышев Ольжас", "Kuanyshev Olzhas"),
    ],
)
def test_more_transliterations(on_document: str, applicant: str) -> None:
    assert compare_names(on_document, applicant).is_match
