"""Tests for the document type and the language of the main text."""

from __future__ import annotations

import pytest

from extractors.fields.doctype import classify_doc_type, detect_language
from extractors.fields.document import build_lines

from .textpages import page_from_text


def _type(text: str) -> str:
    return classify_doc_type(build_lines([page_from_text(text)]))[0]


def _language(text: str) -> str | None:
    return detect_language(build_lines([page_from_text(text)]))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("СЕРТИФИКАТ\nо повышении квалификации", "advanced_training"),
        ("КУӘЛІК\nбіліктілікті арттыру туралы", "advanced_training"),
        ("БІЛІКТІЛІКТІ\nАРТТЫРУ\nТУРАЛЫ КУӘЛІК", "advanced_training"),  # a title set over lines
        ("«Паллиативтік көмек» бағдарламасы бойынша\nбіліктілігін арттырды", "advanced_training"),
        ("СЕРТИФИКАТ\nқатысушы\nБағдарлама: Кардиологиядағы инновациялар", "conference"),
        ("СЕРТИФИКАТ УЧАСТНИКА\nПрограмма: Неотложная помощь", "conference"),
        ("СЕРТИФИКАТ\nсеминар қатысушысы", "seminar"),
        ("CERTIFICATE of advanced training", "advanced_training"),
        ("СЕРТИФИКАТ участника семинара", "seminar"),
        ("принял участие в тренинге", "seminar"),
        ("Мастер-класс по ушиванию ран", "seminar"),
        ("СЕРТИФИКАТ участника вебинара", "online_course"),
        ("Certificate of completion of the online course", "online_course"),
        ("дистанционное обучение", "online_course"),
        ("СЕРТИФИКАТ участника республиканской научно-практической конференции", "conference"),
        ("CERTIFICATE OF ATTENDANCE\nInternational Congress of Cardiology", "conference"),
        ("Халықаралық конференцияға қатысқаны үшін", "conference"),
        ("СЕРТИФИКАТ о прохождении стажировки", "internship"),
        ("тағылымдамадан өткені туралы", "internship"),
        ("ДИПЛОМ бакалавра", "diploma"),
        ("Сертификат специалиста\nдопуск к клинической практике", "specialist_certificate"),
        ("Маман сертификаты", "specialist_certificate"),
        ("КАТЫСУШЫ\nСЕРТИФИКАТЫ", "conference"), ("тагылымдамадан откени туралы", "internship"),  # marks lost
        ("СЕРТИФИКАТ\nПрограмма: Клиническая фармакология\nВид обучения: CemuHap", "seminar"),  # Latin letters
        ("Перевод с английского языка\nСЕРТИФИКАТ о повышении квалификации", "translation"),
        ("Аударма\nКУӘЛІК", "translation"),
        ("Благодарственное письмо", "other"),
        ("Academy of Continuing Medical Education\nCERTIFICATE\nof participation in the seminar", "seminar"),
        ("СЕРТИФИКАТ\nо повышении квалификации\nобучение проходило в дистанционном формате", "advanced_training"),
        ("ТОО «Online Medical Academy»\nСЕРТИФИКАТ\nучастника семинара", "seminar"),
        ("«Шипагерлік» біліктілікті арттыру институты ЖШС\nҰСЫНЫС ХАТ\nТыңдаушы: Попова Татьяна Павловна\n"
         "дәрігер-маман лауазымында жұмыс істейді", "other"),  # the issuer's name is not the document's type
    ],
)
def test_doc_type(text: str, expected: str) -> None:
    assert _type(text) == expected


def test_title_wins_over_body() -> None:
    text = "СЕРТИФИКАТ СТАЖИРОВКИ\n" + "\n".join(["."] * 20) + "\nматериалы конференции"
    assert _type(text) == "internship"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Настоящим подтверждается, что Иванов Иван прошел обучение по программе", "ru"),
        ("Осы куәлік Жақсыбекова Әйгерім Серікқызына біліктілікті арттыру туралы берілді", "kk"),
        ("This is to certify that John Smith has completed the course", "en"),
        ("Перевод с английского языка\nНастоящим удостоверяется, что John Smith прошел курс", "ru"),
        ("", None),
    ],
)
def test_language(text: str, expected: str | None) -> None:
    assert _language(text) == expected


def test_a_misread_ending_of_kvalifikatsii_still_names_advanced_training() -> None:
    assert _type("ТОО «Центр»\nУДОСТОВЕРЕНИЕ\nо повышении квалификаиии\nРег. номер СМЕ-20223968") == "advanced_training"


def test_a_title_word_split_by_a_space_still_names_the_type_unsurely() -> None:
    text = "НАО «Университет»\nСВИДЕТЕЛЬСТВО\nо повышении кв алификации\n№ПК-6/404\nпрошла обучение по программе"
    assert classify_doc_type(build_lines([page_from_text(text)])) == ("advanced_training", 0.7)
    assert _type("СВИДЕТЕЛЬСТВО\nзарегистрировано в реестре\nг. Алматы") == "other"


def test_a_title_misread_by_one_letter_still_names_its_type_unsurely() -> None:
    text = "ТОО «Академия»\nСЕРТИФИКАТ\nо повыщении квалификации\n№2025/8112\nНастоящим удостоверяется, что"
    assert classify_doc_type(build_lines([page_from_text(text)])) == ("advanced_training", 0.7)  # fraud 64545
    assert _type("SPECIALIST CERTIFICATF\nNo. 123\nIvanov Ivan") == "specialist_certificate"
    # a short title line is no phrase misread (it sits inside «сертификат специалиста»), nor two letters off
    assert _type("СЕРТИФИКАТ\n№ 2025/8112\nАхметова Аружан") == "other"
    assert _type("СЕРТИФИКАТ\nо новыщении квалифнкации\n№ 2025/8112") == "other"
    # a title set over two lines, its Kazakh Ғ read Р (fraud 70101)
    assert _type("АО «Национальный научный центр хирургии»\nТАРЫЛЫМДАМАДАН\nӨТКЕНІ ТУРАЛЫ КУӘЛІК\n№ 455-22") \
        == "internship"
