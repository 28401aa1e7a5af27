"""End-to-end tests of extract_fields on whole documents given as text, and of the confidence rules."""

from __future__ import annotations

import pytest

from extractors.fields import LOW_CONFIDENCE_THRESHOLD, extract_fields, low_confidence_fields, required_fields
from extractors.types import DOC_TYPES, FIELD_NAMES, Extraction, FieldValue

from .textpages import page_from_text

RU_CERTIFICATE = """Министерство здравоохранения Республики Казахстан
НАО «Медицинский университет Караганды»
СЕРТИФИКАТ № 0012345
о повышении квалификации
Настоящим подтверждается, что
Жақсыбекова Әйгерім Серікқызы
прошла обучение по программе «Актуальные вопросы
педиатрии» в объеме 108 (сто восемь) часов
с 12.02.2024 по 24.02.2024
Ректор ____________ Иванов И.И.
М.П.
г. Караганда 26 февраля 2024 г.
"""
KK_CERTIFICATE = """«Астана медицина университеті» КЕАҚ
КУӘЛІК
Тіркеу нөмірі KZ-2024-001234
Осы куәлік Жақсыбекова Әйгерім Серікқызына
2024 жылғы 12 ақпаннан 24 ақпанға дейін
«Педиатрияның өзекті мәселелері» бағдарламасы бойынша
біліктілікті арттыру курсынан 54 академиялық сағат көлемінде өткені туралы берілді
Берілген күні: 2024 жылғы 26 ақпан
Ректор Сейтқали Б.Б.
"""
EN_CERTIFICATE = """Kazakh National Medical University
CERTIFICATE OF PARTICIPATION
This is to certify that
AIGERIM ZHAKSYBEKOVA
has participated in the conference "Modern Pediatrics 2024"
held on February 12–14, 2024
24 CME hours
Certificate No. 2024/0456
Date of issue: 15 February 2024
Director John Smith
"""
RU_NOISY = """НАО «Медицинскии университет Караганды»
СЕРТИФИКАТ Nº 0O12345
о повышении квалификации
Настоящим подтверждается, что
Жақсыбекова Әйгерім Серікқызы
прошла обучение по программе «Актуальные вопросы педиатрии»
в объеме 1O8 чaсов
с 12 по 24 фeвраля 2О24 г.
Дата выдачи: 26.О2.2024
"""


def _values(extraction: Extraction) -> dict[str, object]:
    return {name: extraction.fields[name].value for name in FIELD_NAMES}


def test_russian_certificate() -> None:
    extraction = extract_fields([page_from_text(RU_CERTIFICATE)])
    assert (extraction.doc_type, extraction.language) == ("advanced_training", "ru")
    assert _values(extraction) == {
        "holder_name": "Жақсыбекова Әйгерім Серікқызы", "cert_number": "0012345",
        "issuer": "НАО «Медицинский университет Караганды»", "program": "Актуальные вопросы педиатрии",
        "hours": 108, "start_date": "2024-02-12", "end_date": "2024-02-24", "issue_date": "2024-02-26",
    }
    assert low_confidence_fields(extraction) == ()


def test_kazakh_certificate() -> None:
    extraction = extract_fields([page_from_text(KK_CERTIFICATE)])
    assert (extraction.doc_type, extraction.language) == ("advanced_training", "kk")
    values = _values(extraction)
    assert values["cert_number"] == "KZ-2024-001234"
    assert values["issuer"] == "«Астана медицина университеті» КЕАҚ"
    assert values["program"] == "Педиатрияның өзекті мәселелері"
    assert (values["hours"], values["start_date"], values["end_date"], values["issue_date"]) == (
        54, "2024-02-12", "2024-02-24", "2024-02-26")


def test_english_certificate() -> None:
    extraction = extract_fields([page_from_text(EN_CERTIFICATE)])
    assert (extraction.doc_type, extraction.language) == ("conference", "en")
    assert _values(extraction) == {
        "holder_name": "AIGERIM ZHAKSYBEKOVA", "cert_number": "2024/0456",
        "issuer": "Kazakh National Medical University", "program": "Modern Pediatrics 2024", "hours": 24,
        "start_date": "2024-02-12", "end_date": "2024-02-14", "issue_date": "2024-02-15",
    }


def test_ocr_noise_is_folded() -> None:
    values = _values(extract_fields([page_from_text(RU_NOISY, confidence=0.85)]))
    assert values["cert_number"] == "0012345"
    assert values["hours"] == 108
    assert (values["start_date"], values["end_date"], values["issue_date"]) == (
        "2024-02-12", "2024-02-24", "2024-02-26")


def test_fields_are_located() -> None:
    extraction = extract_fields([page_from_text("Title\n" + RU_CERTIFICATE, page_no=1)])
    number = extraction.fields["cert_number"]
    assert number.page_no == 1 and number.box is not None and number.box.top > 0


def test_low_ocr_confidence_lowers_field_confidence() -> None:
    sure = extract_fields([page_from_text(RU_CERTIFICATE, confidence=0.95)]).fields["hours"].confidence
    unsure = extract_fields([page_from_text(RU_CERTIFICATE, confidence=0.3)]).fields["hours"].confidence
    assert unsure < LOW_CONFIDENCE_THRESHOLD <= sure


def test_qr_confirms_number() -> None:
    text = RU_CERTIFICATE.replace("СЕРТИФИКАТ № 0012345", "СЕРТИФИКАТ ID 0012345")
    plain = extract_fields([page_from_text(text)])
    confirmed = extract_fields([page_from_text(text, qr=("https://verify.kz/c?n=0012345",))])
    contradicted = extract_fields([page_from_text(text, qr=("https://verify.kz/c?n=9999999",))])
    assert confirmed.fields["cert_number"].value == "0012345" == contradicted.fields["cert_number"].value
    assert contradicted.fields["cert_number"].confidence < plain.fields["cert_number"].confidence
    assert plain.fields["cert_number"].confidence < confirmed.fields["cert_number"].confidence
    assert confirmed.qr_payloads == ("https://verify.kz/c?n=0012345",)


def test_a_series_letter_misread_is_spelt_as_the_qr_code_but_a_changed_figure_is_not() -> None:
    # «КИ 22341412» for "KZ 22341412" (genuine diploma, fraud seed 50101)
    text = RU_CERTIFICATE.replace("СЕРТИФИКАТ № 0012345", "СЕРТИФИКАТ № КИ 22341412")
    read = extract_fields([page_from_text(text, confidence=0.4, qr=("cert=KZ 22341412;holder=X",))])
    assert read.fields["cert_number"].value == "KZ 22341412"
    assert read.fields["cert_number"].confidence >= LOW_CONFIDENCE_THRESHOLD
    changed = extract_fields([page_from_text(text, qr=("cert=KZ 22341413;holder=X",))])
    assert changed.fields["cert_number"].value == "КИ 22341412"


def test_fields_spread_over_two_pages() -> None:
    first, second = RU_CERTIFICATE.split("Ректор")
    extraction = extract_fields([page_from_text(first, 1), page_from_text("Ректор" + second, 2)])
    assert extraction.fields["issue_date"].value == "2024-02-26"
    assert extraction.fields["issue_date"].page_no == 2


def test_empty_document() -> None:
    extraction = extract_fields([])
    assert extraction.doc_type == "other" and extraction.language is None
    assert all(extraction.fields[name].value is None for name in FIELD_NAMES)
    assert all(extraction.fields[name].confidence <= 0.2 for name in FIELD_NAMES)
    assert set(low_confidence_fields(extraction)) == {"holder_name", "issuer"}


def test_unreadable_fields_are_none_not_guessed() -> None:
    extraction = extract_fields([page_from_text("СЕРТИФИКАТ\nо повышении квалификации\n#### ### ####")])
    assert extraction.doc_type == "advanced_training"
    assert set(low_confidence_fields(extraction)) == set(required_fields("advanced_training"))


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_every_type_has_required_fields(doc_type: str) -> None:
    required = required_fields(doc_type)
    assert "holder_name" in required and set(required) <= set(FIELD_NAMES)


def test_low_confidence_fields_threshold() -> None:
    fields = {name: FieldValue("x", 0.9) for name in FIELD_NAMES}
    fields["hours"] = FieldValue(108, LOW_CONFIDENCE_THRESHOLD - 0.01)
    fields["program"] = FieldValue(None, 0.0)  # not required: not listed
    extraction = Extraction("advanced_training", 0.9, "ru", fields)
    assert low_confidence_fields(extraction) == ("hours",)
    assert low_confidence_fields(Extraction("diploma", 0.9, "ru", fields)) == ()


BARE_CERTIFICATE = """РГП на ПХВ «Национальный центр общественного здравоохранения»
СЕРТИФИКАТ
№0053990
ФИО: Тұрсынбаева Гүлнар Нурлановна
Программа: Актуальные вопросы педиатрии
Сроки обучения: с 29.11.2024 по 01.12.2024
Объем: (24 ч.)
Дата выдачи 8 декабря 2024 года
"""


def test_hours_on_a_document_of_no_known_kind_ask_for_its_type() -> None:
    extraction = extract_fields([page_from_text(BARE_CERTIFICATE, 1)])
    assert extraction.doc_type == "other" and extraction.fields["hours"].value == 24
    assert low_confidence_fields(extraction)[0] == "doc_type"
    named = extract_fields([page_from_text(BARE_CERTIFICATE.replace("Объем:", "Вид обучения: семинар\nОбъем:"), 1)])
    assert named.doc_type == "seminar" and "doc_type" not in low_confidence_fields(named)
    without_hours = extract_fields([page_from_text(BARE_CERTIFICATE.replace("Объем: (24 ч.)\n", ""), 1)])
    assert "doc_type" not in low_confidence_fields(without_hours)
