"""Flag severities follow the contract table; document status follows the contract rule."""

from __future__ import annotations

import pytest

from verifiers.flags import SEVERITIES, Flag, document_status, field_confirmed, make_flag


def test_every_contract_code_has_its_severity() -> None:
    assert SEVERITIES["UNREADABLE"] == "error"
    assert {c for c, s in SEVERITIES.items() if s == "review"} == {
        "LOW_CONFIDENCE",
        "ISSUER_UNKNOWN",
        "TRANSLATION_MISSING",
    }
    assert SEVERITIES["OUT_OF_WINDOW"] == "info"
    assert len(SEVERITIES) == 14


def test_make_flag_takes_the_contract_severity_and_freezes_evidence() -> None:
    flag = make_flag("REVOKED", "revoked", {"cert_number": "1"})
    assert flag == Flag("REVOKED", "high", "revoked", flag.evidence)
    with pytest.raises(TypeError):
        flag.evidence["x"] = 1  # type: ignore[index]
    with pytest.raises(KeyError):
        make_flag("NO_SUCH_CODE", "x")


def test_document_status() -> None:
    assert document_status([]) == "verified"
    assert document_status([make_flag("OUT_OF_WINDOW", "old")]) == "verified"
    assert document_status([make_flag("ISSUER_UNKNOWN", "?")]) == "flagged"
    assert document_status([make_flag("DUPLICATE", "dup"), make_flag("UNREADABLE", "x")]) == "failed"


def test_a_confirmed_field_leaves_low_confidence() -> None:
    weak = make_flag("LOW_CONFIDENCE", "not read with confidence: issuer, hours", {"fields": ["issuer", "hours"]})
    only_issuer = make_flag("LOW_CONFIDENCE", "not read with confidence: issuer", {"fields": ["issuer"]})
    other = make_flag("QR_MISMATCH", "the QR code says otherwise")
    kept = field_confirmed((weak, other), "issuer")
    assert [f.code for f in kept] == ["LOW_CONFIDENCE", "QR_MISMATCH"]
    assert kept[0].evidence["fields"] == ["hours"] and "issuer" not in kept[0].message
    assert field_confirmed((only_issuer,), "issuer") == ()
    assert field_confirmed((only_issuer,), "hours") == (only_issuer,)
