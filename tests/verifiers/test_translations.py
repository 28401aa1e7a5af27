"""TRANSLATION_MISSING: foreign documents need a Kazakh/Russian translation (another document or page)."""

from __future__ import annotations

from verifiers.translations import PageLanguage, TranslationCandidate, untranslated_documents

ENGLISH = TranslationCandidate(
    "en-1", "en", "advanced_training",
    {"cert_number": "No. 0012345", "holder_name": "Zhaksybekova Aigerim", "hours": "72",
     "start_date": "2024-02-12", "end_date": "2024-02-24"},
    "Certificate of completion No. 0012345",
)


def _russian(fields: dict[str, object], doc_type: str = "translation", text: str = "") -> TranslationCandidate:
    return TranslationCandidate("ru-1", "ru", doc_type, fields, text)


def test_english_certificate_with_matching_russian_translation_is_fine() -> None:
    translation = _russian({"cert_number": "№ 0012345", "holder_name": "Жаксыбекова Айгерим"})
    assert untranslated_documents([ENGLISH, translation]) == ()


def test_english_certificate_without_translation_is_returned() -> None:
    own_language = TranslationCandidate("ru-2", "ru", "advanced_training", {"cert_number": "777"}, "Сертификат")
    assert untranslated_documents([ENGLISH, own_language]) == ("en-1",)


def test_translation_of_another_document_does_not_count() -> None:
    other = _russian({"cert_number": "0099999", "holder_name": "Петров Пётр", "hours": "36"})
    assert untranslated_documents([ENGLISH, other]) == ("en-1",)


def test_translation_recognised_by_its_text_and_matched_by_dates_and_hours() -> None:
    translation = _russian({"hours": 72, "start_date": "2024-02-12", "end_date": "2024-02-24"},
                           doc_type="advanced_training", text="Перевод с английского языка на русский")
    assert untranslated_documents([ENGLISH, translation]) == ()


def test_matching_russian_document_that_is_not_a_translation_does_not_count() -> None:
    same_number = _russian({"cert_number": "0012345"}, doc_type="advanced_training", text="Сертификат")
    assert untranslated_documents([ENGLISH, same_number]) == ("en-1",)


def test_later_page_in_russian_translates_the_document() -> None:
    pages = (PageLanguage("en", "Certificate No. 0012345"),
             PageLanguage("ru", "Сертификат № 0012345 выдан Жаксыбековой"))
    assert untranslated_documents([ENGLISH], {"en-1": pages}) == ()
    kazakh_note = (PageLanguage("en", "Certificate"), PageLanguage("kk", "Ағылшын тілінен аударма"))
    assert untranslated_documents([ENGLISH], {"en-1": kazakh_note}) == ()


def test_later_page_in_english_or_unrelated_russian_does_not_translate() -> None:
    pages = (PageLanguage("en", "Certificate"), PageLanguage("en", "Transcript"),
             PageLanguage("ru", "Приложение: список дисциплин"))
    assert untranslated_documents([ENGLISH], {"en-1": pages}) == ("en-1",)


def test_kazakh_russian_and_unknown_language_documents_need_nothing() -> None:
    docs = [TranslationCandidate("kk", "kk", "diploma"), TranslationCandidate("ru", "ru", "seminar"),
            TranslationCandidate("unknown", None, "other")]
    assert untranslated_documents(docs) == ()


def test_one_translation_covers_one_document_of_the_same_holder() -> None:
    second = TranslationCandidate(
        "en-2", "en", "seminar",
        {"cert_number": "CME-77", "holder_name": "Aigerim Zhaksybekova", "hours": "18", "start_date": "2023-05-01"},
        "Certificate of attendance",
    )
    translation = _russian({"cert_number": "0012345", "holder_name": "Жаксыбекова Айгерим", "hours": "72"})
    assert untranslated_documents([ENGLISH, second, translation]) == ("en-2",)
    second_translation = TranslationCandidate("ru-2", "ru", "translation",
                                              {"cert_number": "CME-77", "holder_name": "Жаксыбекова Айгерим"})
    assert untranslated_documents([ENGLISH, second, translation, second_translation]) == ()


def test_translation_matched_only_by_name_still_covers_a_lone_document() -> None:
    translation = _russian({"holder_name": "Жаксыбекова Айгерим"})
    assert untranslated_documents([ENGLISH, translation]) == ()
