"""Register checks: not in the register, revoked, per-field mismatches, OCR-damaged numbers."""

from __future__ import annotations

from datetime import date

import pytest

from verifiers.certificates import (
    CertificateRegister,
    DocumentFacts,
    canonical_number,
    confirmed_by_register,
    register_flags,
)
from verifiers.registry import CertificateRecord, Organization

REPORTING = Organization(
    "ORG-007", "Медицинский университет Караганды", (), "1", "KZ", "Караганда", date(2018, 1, 1), None, True
)
SILENT = Organization("ORG-050", "Учебный центр", (), "2", "KZ", "Астана", None, None, False)
RECORDS = (
    CertificateRecord(
        "0012345",
        "ORG-007",
        "880514450128",
        "Жақсыбекова Әйгерім Серікқызы",
        "Педиатрия",
        108.0,
        date(2024, 2, 12),
        date(2024, 2, 24),
        date(2024, 2, 26),
        "valid",
    ),
    CertificateRecord(
        "KZ-5B18",
        "ORG-007",
        "900101400123",
        "Ахметов Ерлан",
        "Кардиология",
        54.0,
        date(2023, 5, 2),
        date(2023, 5, 8),
        date(2023, 5, 9),
        "revoked",
    ),
)
REGISTER = CertificateRegister(RECORDS)


def _facts(**changes: object) -> DocumentFacts:
    base = {
        "cert_number": "0012345",
        "holder_name": "Жаксыбекова Айгерим",
        "hours": 108.0,
        "start_date": date(2024, 2, 12),
        "end_date": date(2024, 2, 24),
        "issue_date": date(2024, 2, 26),
        "issuer_org_id": "ORG-007",
    }
    base.update(changes)
    return DocumentFacts(**base)  # type: ignore[arg-type]


def test_agreeing_document_has_no_flags() -> None:
    assert register_flags(REGISTER, REPORTING, _facts()) == ()


@pytest.mark.parametrize("read_as", ["OO12345", "№ 0012345", "0O1 2345", "KZ-SB18", "кz 5в18", "kz-5bi8"])
def test_number_read_with_confusables_is_found(read_as: str) -> None:
    assert REGISTER.lookup(read_as) is not None


SERIES = CertificateRegister((*RECORDS, CertificateRecord(
    "KZ 68730793", "ORG-007", "850303300111", "Васильев Игорь Викторович", "Жалпы медицина", None, None, None,
    date(2025, 6, 4), "valid")))


def test_a_series_letter_misread_finds_the_holders_record_by_its_digits() -> None:
    facts = _facts(cert_number="КА 68730793", holder_name="Васильев Игорь", hours=None, start_date=None,
                   end_date=None, issue_date=date(2025, 6, 4))
    assert register_flags(SERIES, REPORTING, facts) == ()
    # the register does not vouch for the number as read
    assert "cert_number" not in confirmed_by_register(SERIES, REPORTING, facts)


@pytest.mark.parametrize("changes", [
    {"holder_name": "Ахметов Ерлан"},  # another holder: the number is not theirs
    {"cert_number": "КА 68730794"},  # a digit other: another certificate
    {"cert_number": "КА 6873079"},  # too few digits to single one out of an issuer's
    {"cert_number": "ЖА 68730793"},  # two letters other
])
def test_a_number_not_one_series_letter_off_the_holders_stays_not_in_registry(changes: dict[str, object]) -> None:
    facts = _facts(**{"cert_number": "КА 68730793", "holder_name": "Васильев Игорь", **changes})
    assert [flag.code for flag in register_flags(SERIES, REPORTING, facts)] == ["NOT_IN_REGISTRY"]


def test_not_in_registry_only_for_reporting_issuers() -> None:
    flags = register_flags(REGISTER, REPORTING, _facts(cert_number="0099999"))
    assert [f.code for f in flags] == ["NOT_IN_REGISTRY"]
    assert register_flags(REGISTER, SILENT, _facts(cert_number="0099999")) == ()
    assert register_flags(REGISTER, None, _facts(cert_number="0099999")) == ()


def test_revoked() -> None:
    facts = _facts(
        cert_number="KZ-5B18",
        holder_name="Ахметов Ерлан",
        hours=54.0,
        start_date=date(2023, 5, 2),
        end_date=date(2023, 5, 8),
        issue_date=date(2023, 5, 9),
    )
    assert [f.code for f in register_flags(REGISTER, REPORTING, facts)] == ["REVOKED"]


def test_hours_mismatch_names_the_field_and_both_values() -> None:
    (flag,) = register_flags(REGISTER, REPORTING, _facts(hours=216.0))
    assert flag.code == "REGISTRY_MISMATCH"
    assert dict(flag.evidence) == {"field": "hours", "register": 108.0, "document": 216.0}
    assert "108" in flag.message and "216" in flag.message


def test_each_field_mismatch_is_its_own_flag() -> None:
    facts = _facts(holder_name="Ахметова Динара", end_date=date(2024, 2, 25), issuer_org_id="ORG-099")
    fields = sorted(f.evidence["field"] for f in register_flags(REGISTER, REPORTING, facts))  # type: ignore[type-var]
    assert fields == ["end_date", "holder_name", "issuer"]


def test_canonical_number() -> None:
    assert canonical_number("No. 001-23/45") == canonical_number("OO12345") == "0012345"


def test_the_register_confirms_a_number_only_with_its_issuer_holder_and_fields() -> None:
    assert confirmed_by_register(REGISTER, REPORTING, _facts(cert_number="OO12345"))  # confusables aside
    assert not confirmed_by_register(REGISTER, REPORTING, _facts(cert_number="0012346"))  # a misread digit
    assert not confirmed_by_register(REGISTER, REPORTING, _facts(holder_name="Петрова Анна"))
    assert not confirmed_by_register(REGISTER, REPORTING, _facts(holder_name=None))
    assert not confirmed_by_register(REGISTER, REPORTING, _facts(hours=72.0))
    assert not confirmed_by_register(REGISTER, SILENT, _facts())
    revoked = _facts(cert_number="KZ-5B18", holder_name="Ахметов Ерлан", hours=54.0, start_date=date(2023, 5, 2),
                     end_date=date(2023, 5, 8), issue_date=date(2023, 5, 9))
    assert not confirmed_by_register(REGISTER, REPORTING, revoked)


def test_the_register_vouches_for_each_field_it_keeps_and_the_document_shows() -> None:
    everything = {"cert_number", "holder_name", "issuer", "hours", "start_date", "end_date", "issue_date"}
    assert confirmed_by_register(REGISTER, REPORTING, _facts()) == everything
    # a date the reading lost is not vouched for; what was read still is
    assert confirmed_by_register(REGISTER, REPORTING, _facts(issue_date=None)) == everything - {"issue_date"}
    # one misread date disagrees with the record: nothing is vouched for
    assert confirmed_by_register(REGISTER, REPORTING, _facts(issue_date=date(2024, 2, 28))) == frozenset()
