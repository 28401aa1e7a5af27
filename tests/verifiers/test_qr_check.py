"""QR_MISMATCH: payload forms parsed, printed fields compared tolerant of formatting and script."""

from __future__ import annotations

import pytest

from extractors.types import FieldValue
from verifiers.flags import QR_MISMATCH
from verifiers.qr_check import normalize_number, parse_qr_payload, qr_findings

PRINTED = {
    "cert_number": FieldValue("0012345", 0.98),
    "holder_name": FieldValue("Иванов Иван Петрович", 0.9),
    "hours": FieldValue(72, 0.95),
    "issue_date": FieldValue("2024-02-26", 0.9),
}


@pytest.mark.parametrize("payload", [
    "https://edu.kz/verify?n=0012345&name=Ivanov%20Ivan",
    "https://edu.kz/verify?cert=%E2%84%96%20001%202345&hours=72",
    "cert_no=00I2345;fio=ИВАНОВ ИВАН ПЕТРОВИЧ;date=26.02.2024",
    '{"certificate": {"number": "No. 0012345", "holder": "Ivanov I. P.", "hours": "72 часа"}}',
    "№ 0012345\nИванов Иван Петрович\n72 часа",
    "https://meduniv.kz",
    "https://meduniv.kz/about?lang=ru",
    "Медицинский Университет Караганды\n№ 0012345",
])
def test_agreeing_or_uninformative_payloads_raise_nothing(payload: str) -> None:
    assert qr_findings([payload], PRINTED) == ()


def test_other_number_in_url_is_a_mismatch_with_evidence() -> None:
    payload = "https://edu.kz/verify?n=0099999&name=Ivanov%20Ivan"
    findings = qr_findings([payload], PRINTED)
    assert [f.code for f in findings] == [QR_MISMATCH]
    assert findings[0].severity == "high"
    assert dict(findings[0].evidence) == {"field": "cert_number", "qr_value": "0099999",
                                          "printed_value": "0012345", "payload": payload}


def test_other_holder_and_hours_in_key_value_payload() -> None:
    findings = qr_findings(["n=0012345;name=Petrova Anna Sergeevna;hours=144"], PRINTED)
    assert sorted(f.evidence["field"] for f in findings) == ["holder_name", "hours"]


def test_other_date_in_json_and_number_in_plain_text() -> None:
    assert [f.evidence["field"] for f in qr_findings(['{"date": "2023-02-26"}'], PRINTED)] == ["issue_date"]
    assert [f.evidence["field"] for f in qr_findings(["Сертификат № 0054321\nвыдан"], PRINTED)] == ["cert_number"]
    mismatch = qr_findings(["Сертификат № 0054321 от 26.02.2024"], PRINTED)
    assert [f.evidence["qr_value"] for f in mismatch] == ["0054321"]
    assert qr_findings(["Удостоверение № 0012345 от 26.02.2024, 72 часа"], PRINTED) == ()


def test_missing_printed_field_is_not_compared() -> None:
    assert qr_findings(["n=0099999"], {"cert_number": FieldValue(None, 0.0)}) == ()
    assert qr_findings(["n=0099999"], {"cert_number": "0099999"}) == ()


def test_parse_forms() -> None:
    assert parse_qr_payload("https://x.kz/c?no=12-345&fio=Ivanov") == {"cert_number": "12-345",
                                                                      "holder_name": "Ivanov"}
    assert parse_qr_payload("Number: KZ 0012345\nHours: 36") == {"cert_number": "KZ 0012345", "hours": "36"}
    assert normalize_number("№ 00I2 345") == normalize_number("No.0012345") == "12345"
