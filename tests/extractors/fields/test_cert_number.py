"""Tests for reading the certificate number."""

from __future__ import annotations

import pytest

from extractors.fields.cert_number import confirmed_by_qr, find_numbers, qr_numbers, qr_spelling, unlabelled_numbers
from extractors.fields.normalize import normalize_text


def _number(text: str) -> str | None:
    found = find_numbers(normalize_text(text))
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("СЕРТИФИКАТ № 0012345", "0012345"), ("№0012345", "0012345"), ("Рег. № KZ-2024-001234", "KZ-2024-001234"),
        ("Регистрационный номер: ПК-12/345", "ПК-12/345"), ("Certificate No. 2024/0456", "2024/0456"),
        ("Certificate No: 2024/0456.", "2024/0456"), ("Тіркеу нөмірі 0O12345", "0012345"),
        ("Serial: AB123456", "AB123456"), ("ID: 778899", "778899"), ("Nº 0012345", "0012345"),
        ("N 0012345", "0012345"), ("No. 0012345", "0012345"), ("Сертификат № 2О24/0456", "2024/0456"),
        ("Куәлік № 015-2024", "015-2024"), ("№ К7-2021-008377", "KZ-2021-008377"),
        ("№ Қ7-2022-003464", "KZ-2022-003464"), ("М%К246889862", "KZ46889862"),
        ("No. K2-2021-1", "KZ-2021-1"), ("Хе К7-2020-001477", "KZ-2020-001477"),
        ("Хо 0012345", "0012345"), ("№ ЖБ-Б 0012345", "ЖБ-Б 0012345"), ("Диплом № KZ 12345678", "KZ 12345678"),
        ("№ 0012345 от 12.02.2024", "0012345"), ("№ СМЕ-20263749", "CME-20263749"),
        ("№ ПК-65/377", "ПК-65/377"), ("участника вебинара\n№ 897-20", "897-20"),
        ("Certificate Мо. KZ-2019-002341", "KZ-2019-002341"), ("номер: К27-2025-002691", "KZ-2025-002691"),
        ("NeKZ-2021-001003", "KZ-2021-001003"), ("КоК7-2023-000545", "KZ-2023-000545"),
        ("Ке К7-2023-002350", "KZ-2023-002350"), ("ХоК7. 90780639", "KZ 90780639"),
        ("ХеК?. 93683916", "KZ 93683916"), ("МеЖБ-Б 7374980", "ЖБ-Б 7374980"),  # «№KZ», «№ЖБ-Б» (fraud 64545)
        ("Тіркеу 3124/6762", "3124/6762"),  # «Тіркеу №» with its sign lost (fraud 64545)
        ("№ К7.50216837", "KZ 50216837"), ("Тіркеу № КИ. 42325581", "КИ 42325581"),
        ("№ ЖБ. 0012345", "ЖБ 0012345"), ("Тіркеу № СМЕ:70268/8", "CME-70268/8"), ("СЕРТИФИКАТ\nМ 445-25", "445-25"),
        ("Тіркеу Х> СМЕ-20258619", "CME-20258619"),
        ("Регистрационный номер: К7 64120365", "KZ 64120365"),
        ("№ К/-2025-006627", "KZ-2025-006627"), ("№ К/7-2025-005227", "KZ-2025-005227"),
        ("№ IIK-39/362", "ПК-39/362"), ("Certificate No. NK-53/403", "ПК-53/403"),
        ("Registration number: 12345", "12345"), ("маман\nҚо 82-82884", "82-82884"),  # «№» read by the Kazakh model
    ],
)
def test_numbers(text: str, expected: str) -> None:
    assert _number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Приказ № 123 от 12.02.2024", "на основании приказа № 45-п", "Бұйрық № 12", "Order No. 77",
        "БИН 123456789012", "ИИН: 880514450128", "тел. № 87011234567", "Протокол № 5", "Лицензия № KZ12LAA00001",
        "Valid until 2025", "No information", "Иванова М. 12345",
    ],
)
def test_not_cert_numbers(text: str) -> None:
    assert _number(text) is None


def test_cert_number_preferred_over_order_number() -> None:
    text = "Приказ № 123 от 01.02.2024\nСЕРТИФИКАТ № 0012345"
    assert _number(text) == "0012345"


def test_qr_numbers() -> None:
    payloads = ("https://verify.example.kz/c?n=0012345&s=abc", "number=KZ-2024-001234", "Certificate No 77-11")
    assert qr_numbers(payloads) == ("0012345", "KZ-2024-001234", "77-11")
    assert confirmed_by_qr("0012345", payloads[:1]) is True
    assert confirmed_by_qr("0012346", payloads[:1]) is False
    assert confirmed_by_qr("0012345", ("https://example.kz",)) is None
    assert qr_numbers(('{"cert": "KZ-2024-000001", "holder": "Иванов"}', "cert=ПК-1/234;holder=X")) == (
        "KZ-2024-000001", "ПК-1/234")


def test_qr_spelling_mends_one_series_letter_only() -> None:
    payloads = ("cert=KZ 22341412;holder=X",)
    assert qr_spelling("КИ 22341412", payloads) == "KZ 22341412"  # Cyrillic К is Latin K; И misread for Z
    assert qr_spelling("KZ 22341413", payloads) is None  # a figure changed: another number
    assert qr_spelling("ЖБ 22341412", payloads) is None  # the whole series differs
    assert qr_spelling("22341412", payloads) is None  # no series read: nothing to mend


def test_a_misread_number_sign_glued_to_a_spaced_series() -> None:
    assert _number("МеЖБ 68265471") == "ЖБ 68265471"
    assert _number("Мерзімі 2024") is None


def test_a_speck_read_as_1_before_a_letter_series_is_dropped() -> None:
    assert _number("№1ПК-95/949") == "ПК-95/949"
    assert _number("№ 12-345") == "12-345"


def test_the_number_sign_read_as_m_and_a_closing_quote() -> None:
    assert _number("біліктілікті арттыру туралы\nМ» 503-14\nОсы сертификат") == "503-14"


def test_the_number_sign_read_as_x_and_g() -> None:
    assert _number("КУӘЛІК\nКуәлік Хг ПК-13/468\nОсымен расталады:") == "ПК-13/468"  # fraud 38989


def test_the_number_sign_read_as_two_letters_after_tirkeu() -> None:
    assert _number("Тіркеу Мг 540-25") == "540-25"
    assert _number("Тіркеу Мерзімі 2024") is None


def _lines(text: str) -> str:
    return "\n".join(normalize_text(line) for line in text.splitlines())


def test_a_line_holding_only_a_number_is_the_number_unsurely() -> None:
    text = _lines("СЕРТИФИКАТ\nбіліктілікті арттыру туралы\n6967679\nОсымен расталады:")
    assert find_numbers(text) == []  # its «№» was lost
    assert [(m.value, m.certainty) for m in unlabelled_numbers(text)] == [("6967679", 0.5)]
    for other in ("2024", "18.09.2023", "880514450128", "2023-2024", "в объеме 108 часов\n108 ч.", "тел.\n2537461"):
        assert unlabelled_numbers(_lines(other)) == [], other
