"""The verification stage over database rows: registers imported, flags, units and totals written back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from extractors.types import Box, FieldValue
from intake.db import make_engine, migrate
from intake.iin import iin_check_digit
from intake.models import Batch, Document, Submission
from intake.registry_files import CERTIFICATE_COLUMNS, ORGANIZATION_COLUMNS
from intake.registry_import import import_registry
from workers.results import field_json
from workers.verify import confirm_read_field, extraction_from_row, verify_batch

IIN = "88051445012" + str(iin_check_digit("88051445012"))
OTHER_IIN = "90010140012" + str(iin_check_digit("90010140012"))
ORG = ("ORG-1,НАО «Медицинский университет Караганды»,Karaganda Medical University|КМУ,"
       "123456789012,KZ,Караганда,2015-01-01,,true")
CERTS = [
    f"0012345,ORG-1,{IIN},Жақсыбекова Әйгерім Серікқызы,Педиатрия,36,2024-02-12,2024-02-24,2024-02-26,valid",
    f"0099999,ORG-1,{IIN},Жақсыбекова Әйгерім Серікқызы,Хирургия,72,2023-03-01,2023-03-20,2023-03-21,revoked",
    # a record that keeps neither hours nor an issue date: it cannot vouch for those
    f"0054321,ORG-1,{IIN},Жақсыбекова Әйгерім Серікқызы,Педиатрия,,2024-02-12,2024-02-24,,valid",
]


def _fields(number: str, hours: int, holder: str = "Жаксыбекова Айгерим") -> dict[str, object]:
    return {"holder_name": holder, "cert_number": number, "issuer": "НАО \"Медицинский университет Караганды\"",
            "program": "Педиатрия", "hours": hours, "start_date": "2024-02-12", "end_date": "2024-02-24",
            "issue_date": "2024-02-26"}


def _document(file: str, fields: dict[str, object], image_hash: str | None = None) -> Document:
    return Document(file=file, state="done", status="verified", doc_type="advanced_training", language="ru",
                    fields=fields, confidence={k: 0.9 for k in fields}, flags=[], image_hash=image_hash,
                    extra={"read_flags": [], "qr_payloads": [], "field_boxes": {}})


def _submission(sid: str, iin: str, name: str, documents: list[Document]) -> Submission:
    meta = {"iin": iin, "full_name": name, "latin_name": None, "purpose": "qualification",
            "target_category": "first", "submitted_at": "2025-11-03", "channel": "service_center"}
    return Submission(submission_id=sid, applicant_iin=iin, meta=meta, status="received", documents=documents)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "organizations.csv").write_text(",".join(ORGANIZATION_COLUMNS) + "\n" + ORG + "\n", encoding="utf-8")
    (registry / "certificates.csv").write_text(
        ",".join(CERTIFICATE_COLUMNS) + "\n" + "\n".join(CERTS) + "\nbad,row\n", encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    db = Session(engine, expire_on_commit=False)
    report = import_registry(db, registry)
    assert report.organizations == 1 and report.certificates == 3 and len(report.problems) == 1
    assert import_registry(db, registry).added == 0  # re-loading updates, never duplicates
    return db


def _codes(document: Document) -> list[str]:
    return [f["code"] for f in document.flags or []]


def test_register_identity_and_units(session: Session) -> None:
    good = _document("good.png", _fields("0012345", 36))
    hours_changed = _document("hours.png", _fields("OO12345", 108))  # O/0 confusion still finds the record
    revoked = _document("revoked.png", _fields("0099999", 72))
    unknown_number = _document("missing.png", _fields("0055555", 24))
    someone_else = _document("other.png", _fields("0012345", 36, holder="Петров Иван Сергеевич"))
    name = "Жақсыбекова Әйгерім Серікқызы"
    others = [_submission(f"S-{i}", IIN, name, [doc])  # one each: the same course twice would overlap
              for i, doc in enumerate([hours_changed, revoked, unknown_number, someone_else], start=2)]
    submission = _submission("S-1", IIN, name, [good])
    session.add(Batch(inbox="x", submissions=[submission, *others]))
    session.commit()
    verify_batch(session, submission.batch, today=date(2025, 11, 22))
    assert _codes(good) == [] and good.status == "verified"
    assert good.fields and good.fields["issuer_org_id"] == "ORG-1"
    assert good.credit_units == {"criterion": 1, "units": 36}
    mismatch = [f for f in hours_changed.flags or [] if f["code"] == "REGISTRY_MISMATCH"]
    assert mismatch and mismatch[0]["evidence"]["field"] == "hours"
    assert "REVOKED" in _codes(revoked)
    assert _codes(unknown_number) == ["NOT_IN_REGISTRY"]
    assert "HOLDER_MISMATCH" in _codes(someone_else)
    result = submission.result or {}
    assert result["credit_units"]["additional_education"] == 36
    assert result["eligible"] is False
    assert "additional_education: 36 of 120" in result["shortfalls"]
    json.dumps(result)


def test_same_number_of_another_applicant_is_duplicate_on_both_sides(session: Session) -> None:
    first = _document("a.png", _fields("0012345", 36))
    second = _document("b.png", _fields("0012345", 36, holder="Петров Иван"))
    session.add(Batch(inbox="x", submissions=[
        _submission("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", [first]),
        _submission("S-2", OTHER_IIN, "Петров Иван", [second]),
    ]))
    session.commit()
    batch = first.submission.batch
    verify_batch(session, batch, today=date(2025, 11, 22))
    assert "DUPLICATE" in _codes(first) and "DUPLICATE" in _codes(second)


def test_counterpart_duplicate_moves_the_earlier_submissions_units_to_pending(session: Session) -> None:
    first = _document("a.png", _fields("0012345", 36))
    second = _document("b.png", _fields("0012345", 36, holder="Петров Иван"))
    alone = _document("c.png", _fields("0099999", 72))
    earlier = _submission("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", [first])
    later = _submission("S-2", OTHER_IIN, "Петров Иван", [second])
    unrelated = _submission("S-3", OTHER_IIN, "Петров Иван", [alone])
    session.add(Batch(inbox="x", submissions=[earlier, later, unrelated]))
    session.commit()
    verify_batch(session, earlier.batch, today=date(2025, 11, 22))
    assert "DUPLICATE" in _codes(first) and first.status == "flagged"
    units = (earlier.result or {})["credit_units"]
    assert units["additional_education"] == 0 and units["pending_review"] == 36
    assert "DUPLICATE" not in _codes(alone)


def test_an_abbreviation_line_that_names_the_issuer_becomes_the_read_issuer(session: Session) -> None:
    fields = {**_fields("0012345", 36), "issuer": "продолжительностью 36 часов"}
    weak = {"code": "LOW_CONFIDENCE", "severity": "review", "message": "not read with confidence: issuer",
            "evidence": {"fields": ["issuer"]}}
    document = _document("abbr.png", fields)
    document.flags = [weak]
    document.extra = {"read_flags": [weak], "qr_payloads": [], "field_boxes": {},
                      "issuer_alternatives": [["КМУ", 0.7, 1, 40, 30, 120, 25]]}
    submission = _submission("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", [document])
    session.add(Batch(inbox="x", submissions=[submission]))
    session.commit()
    verify_batch(session, submission.batch, today=date(2025, 11, 22))
    assert document.fields and document.fields["issuer"] == "КМУ" and document.fields["issuer_org_id"] == "ORG-1"
    assert (document.extra or {})["field_boxes"]["issuer"] == [1, 40, 30, 120, 25]
    assert _codes(document) == [] and document.status == "verified"


def test_stored_issuer_alternatives_come_back_as_they_were_read() -> None:
    read = FieldValue("РЦРЗ", 0.8, 1, Box(1, 2, 3, 4))
    unplaced = FieldValue("ИПК «Шипагерлік»", 0.5)
    document = _document("x.png", _fields("1", 1))
    document.extra = {"issuer_alternatives": [field_json(read), field_json(unplaced)]}
    assert extraction_from_row(document).issuer_alternatives == (read, unplaced)


def test_a_field_a_person_corrected_is_no_longer_low_confidence(session: Session) -> None:
    weak = {"code": "LOW_CONFIDENCE", "severity": "review", "message": "not read with confidence: issue_date, hours",
            "evidence": {"fields": ["issue_date", "hours"]}}
    document = _document("weak.png", _fields("0054321", 36))
    document.extra = {"read_flags": [weak], "qr_payloads": [], "field_boxes": {}}
    submission = _submission("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", [document])
    session.add(Batch(inbox="x", submissions=[submission]))
    session.commit()
    confirm_read_field(document, "issue_date")
    verify_batch(session, submission.batch, today=date(2025, 11, 22))
    assert [f["evidence"]["fields"] for f in document.flags or [] if f["code"] == "LOW_CONFIDENCE"] == [["hours"]]
    confirm_read_field(document, "hours")
    verify_batch(session, submission.batch, today=date(2025, 11, 22))
    assert _codes(document) == [] and document.status == "verified"


def _verified_with_weak_fields(session: Session, documents: list[Document], weak_fields: list[str]) -> None:
    """Verify one submission of `documents`, each read with LOW_CONFIDENCE on `weak_fields`."""
    weak = {"code": "LOW_CONFIDENCE", "severity": "review",
            "message": "not read with confidence: " + ", ".join(weak_fields), "evidence": {"fields": weak_fields}}
    for document in documents:
        document.extra = {"read_flags": [weak], "qr_payloads": [], "field_boxes": {}}
    submission = _submission("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", documents)
    session.add(Batch(inbox="x", submissions=[submission]))
    session.commit()
    verify_batch(session, submission.batch, today=date(2025, 11, 22))


def test_fields_the_register_holds_for_this_holder_are_no_longer_low_confidence(session: Session) -> None:
    held, misread = _document("held.png", _fields("0012345", 36)), _document("misread.png", _fields("0012845", 36))
    _verified_with_weak_fields(session, [held, misread], ["cert_number", "issue_date"])
    assert _codes(held) == [] and held.status == "verified"
    assert "LOW_CONFIDENCE" in _codes(misread) and "NOT_IN_REGISTRY" in _codes(misread)


def test_a_field_the_register_does_not_keep_stays_low_confidence(session: Session) -> None:
    document = _document("partial.png", _fields("0054321", 36))
    _verified_with_weak_fields(session, [document], ["cert_number", "issue_date", "hours"])
    weak_fields = [f["evidence"]["fields"] for f in document.flags or [] if f["code"] == "LOW_CONFIDENCE"]
    assert weak_fields == [["issue_date", "hours"]] and document.status == "flagged"


def test_a_holder_read_unsurely_as_the_applicants_declared_name_is_no_longer_low_confidence(session: Session) -> None:
    own, other = (_document(f"{name}.png", _fields("0099999", 36, holder)) for name, holder in
                  (("own", "Жақсыбекова Әйгерім"), ("other", "Жаксыбекова Айгерим")))
    _verified_with_weak_fields(session, [own, other], ["holder_name"])
    assert "LOW_CONFIDENCE" not in _codes(own)  # the number is not in the register: only the name vouches
    assert "LOW_CONFIDENCE" in _codes(other)  # the same person in another spelling: the reading stays unsure


def test_stored_business_ids_come_back() -> None:
    document = _document("x.png", _fields("1", 1))
    document.extra = {"business_ids": ["020340156739"]}
    assert extraction_from_row(document).business_ids == ("020340156739",)
