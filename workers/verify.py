"""Verification stage: feeds the pure checks in verifiers/ from the database and writes their verdicts back."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.types import Box, Extraction, FieldValue
from intake.models import Batch, Document, Submission
from intake.registry_import import load_certificates, load_organizations
from verifiers.certificates import canonical_number
from verifiers.document_checks import Applicant, Registers, verify_document
from verifiers.duplicates import DocumentRef, SeenIndex, duplicate_findings
from verifiers.flags import Flag, document_status, field_confirmed
from verifiers.submission_checks import SubmittedDocument, cross_document_flags, submission_verdict
from verifiers.translations import PageLanguage
from workers.results import field_from_json, flag_json

MAX_NUMBER_LENGTH = 64  # Document.canonical_number's column


def extraction_from_row(document: Document) -> Extraction:
    """Rebuild the extraction stored by the read stage (values, confidences, boxes, QR payloads, BINs)."""
    confidence = document.confidence or {}
    boxes = (document.extra or {}).get("field_boxes", {})
    fields = {}
    for name, value in (document.fields or {}).items():
        if name == "issuer_org_id":
            continue
        where = boxes.get(name)
        box = Box(*where[1:]) if where else None
        fields[name] = FieldValue(value, float(confidence.get(name, 0.0)), where[0] if where else None, box)
    extra = document.extra or {}
    alternatives = tuple(field_from_json(a) for a in extra.get("issuer_alternatives", ()))
    return Extraction(document.doc_type or "other", float(confidence.get("doc_type", 0.0)), document.language,
                      fields, tuple(extra.get("qr_payloads", ())), alternatives, tuple(extra.get("business_ids", ())))


def _flag_from_json(data: dict[str, Any]) -> Flag:
    return Flag(data["code"], data["severity"], data["message"], data.get("evidence", {}))


def confirm_read_field(document: Document, name: str) -> None:
    """A field a person corrected is no longer unsure: it leaves LOW_CONFIDENCE among the reading's flags."""
    extra = dict(document.extra or {})
    read_flags = tuple(_flag_from_json(f) for f in extra.get("read_flags", []))
    document.extra = {**extra, "read_flags": [flag_json(f) for f in field_confirmed(read_flags, name)]}


def _applicant(submission: Submission) -> Applicant | None:
    meta = submission.meta
    if not meta:
        return None
    names = tuple(n for n in (meta.get("full_name"), meta.get("latin_name")) if n)
    return Applicant(names, date.fromisoformat(meta["submitted_at"]))


def _applicant_key(submission: Submission) -> str:
    return submission.applicant_iin or f"submission:{submission.id}"


def _ref(submission: Submission, document: Document) -> DocumentRef:
    fields = document.fields or {}
    return DocumentRef(str(submission.id), _applicant_key(submission), str(document.id), fields.get("issuer_org_id"),
                       fields.get("holder_name"))


def seen_index(session: Session, before_batch: int) -> SeenIndex:
    """Every document of earlier batches with an image hash or a number."""
    index = SeenIndex()
    rows = session.execute(
        select(Document, Submission).join(Submission).where(Submission.batch_id < before_batch)
        .where((Document.image_hash.is_not(None)) | (Document.canonical_number.is_not(None)))
    )
    index.add_many((_ref(s, d), [int(d.image_hash, 16)] if d.image_hash else [], d.canonical_number)
                   for d, s in rows)
    index.seal()
    return index


def _set_flags(document: Document, flags: Sequence[Flag]) -> None:
    document.flags = [flag_json(f) for f in flags]
    document.status = document_status(flags)


def _add_counterpart_flag(session: Session, ref: DocumentRef, flag: Flag) -> None:
    other = session.get(Document, int(ref.document_id))
    if other is None or any(f["code"] == flag.code and f.get("evidence") == dict(flag.evidence)
                            for f in other.flags or []):
        return
    _set_flags(other, [*(_flag_from_json(f) for f in other.flags or []), flag])


def _number_key(extraction: Extraction) -> str | None:
    """The read number's duplicate key; a run-on OCR read longer than any register number is no key at all."""
    read = extraction.fields.get("cert_number")
    key = canonical_number(str(read.value)) if read is not None and read.value else None
    return key if key and len(key) <= MAX_NUMBER_LENGTH else None


def _take_field(document: Document, name: str, value: FieldValue) -> None:
    """A verifier settled a read field (the registered issuer's line, the applicant's spelling): it is the read
    value now."""
    document.fields = {**(document.fields or {}), name: value.value}
    document.confidence = {**(document.confidence or {}), name: round(value.confidence, 3)}
    extra = dict(document.extra or {})
    boxes = dict(extra.get("field_boxes", {}))
    if value.box is not None:
        boxes[name] = [value.page_no, *dataclasses.astuple(value.box)]
    document.extra = {**extra, "field_boxes": boxes}


def _verify_submission(session: Session, submission: Submission, registers: Registers, seen: SeenIndex,
                       today: date) -> list[SubmittedDocument]:
    applicant = _applicant(submission)
    read = [d for d in submission.documents if d.state == "done"]
    submitted: list[SubmittedDocument] = []
    for document in read:
        extraction = extraction_from_row(document)
        verdict = verify_document(extraction, applicant, registers, today)
        document.fields = {**(document.fields or {}), "issuer_org_id": verdict.issuer_org_id}
        document.issuer_org_id = verdict.issuer_org_id
        document.canonical_number = _number_key(extraction)
        read_flags = tuple(_flag_from_json(f) for f in (document.extra or {}).get("read_flags", []))
        for name, settled in (("issuer", verdict.issuer), ("holder_name", verdict.holder)):
            if settled is not None:
                _take_field(document, name, settled)
                extraction = dataclasses.replace(extraction, fields={**extraction.fields, name: settled})
                read_flags = field_confirmed(read_flags, name)
        if verdict.issuer_confirmed:
            read_flags = field_confirmed(read_flags, "issuer")
        if verdict.holder_confirmed:
            read_flags = field_confirmed(read_flags, "holder_name")
        for name in sorted(verdict.register_confirmed):
            read_flags = field_confirmed(read_flags, name)
        pages = tuple(PageLanguage(None, p.text) for p in document.pages)
        submitted.append(SubmittedDocument(str(document.id), extraction, (*read_flags, *verdict.flags),
                                           verdict.units, pages))
    cross = cross_document_flags(submitted)
    final: list[SubmittedDocument] = []
    for document, doc in zip(read, submitted, strict=True):
        flags = (*doc.flags, *cross.get(doc.doc_id, ()), *_duplicate_flags(session, submission, document, seen))
        _set_flags(document, flags)
        document.credit_units = {"criterion": doc.units.criterion, "units": doc.units.units}
        final.append(SubmittedDocument(doc.doc_id, doc.extraction, flags, doc.units, doc.pages))
    _record_submission(submission, final)
    return final


def _rerecord_with_stored_flags(session: Session, submission: Submission, docs: Sequence[SubmittedDocument]) -> None:
    """Totals again from the documents' flags as stored now: a later submission of the batch may have added a
    DUPLICATE to one of them (its counterpart), which moves that document's units to pending review."""
    refreshed = []
    for doc in docs:
        row = session.get(Document, int(doc.doc_id))
        flags = tuple(_flag_from_json(f) for f in (row.flags if row is not None else None) or [])
        refreshed.append(dataclasses.replace(doc, flags=flags))
    if [d.flags for d in refreshed] != [d.flags for d in docs]:
        _record_submission(submission, refreshed)


def _duplicate_flags(session: Session, submission: Submission, document: Document,
                     seen: SeenIndex) -> tuple[Flag, ...]:
    ref = _ref(submission, document)
    hashes = [int(document.image_hash, 16)] if document.image_hash else []
    found = duplicate_findings(ref, seen.find(hashes, document.canonical_number, ref.org_id, holder=ref.holder))
    for other, flag in found.counterpart_flags:
        _add_counterpart_flag(session, other, flag)
    if found.linked:
        document.extra = {**(document.extra or {}), "linked_documents": [r.document_id for r in found.linked]}
    seen.add(ref, hashes, document.canonical_number)
    return found.flags


def _record_submission(submission: Submission, docs: Sequence[SubmittedDocument]) -> None:
    meta = submission.meta or {}
    if submission.error or not meta:
        submission.result = None
        return
    verdict = submission_verdict(docs, meta["purpose"], meta.get("target_category"))
    units = verdict.units
    submission.result = {
        "credit_units": {"additional_education": units.additional_education, "non_formal": units.non_formal,
                         "additional_competences": units.additional_competences, "total": units.total,
                         "pending_review": units.pending_review},
        "eligible": verdict.eligibility.eligible,
        "shortfalls": list(verdict.eligibility.shortfalls),
    }


def verify_batch(session: Session, batch: Batch, today: date) -> None:
    """Run every check on the batch's read documents, then each submission's totals; commit."""
    registers = Registers(load_organizations(session), load_certificates(session))
    seen = seen_index(session, batch.id)
    verified = [(submission, _verify_submission(session, submission, registers, seen, today))
                for submission in sorted(batch.submissions, key=lambda s: s.submission_id)]
    for submission, docs in verified:
        _rerecord_with_stored_flags(session, submission, docs)
    session.commit()


def verify_submission(session: Session, submission: Submission, today: date,
                      approved: frozenset[int] = frozenset(), rejected: frozenset[int] = frozenset()) -> None:
    """Re-run the checks of one submission (after a reviewer's correction), counting approved documents' units
    and dropping rejected ones from pending; commits."""
    from verifiers.credit_rules import CRITERIA_BY_NUMBER
    from verifiers.credit_units import CountedDocument, DocumentUnits, eligibility, submission_units

    registers = Registers(load_organizations(session), load_certificates(session))
    _verify_submission(session, submission, registers, seen_index(session, submission.batch_id), today)
    meta = submission.meta or {}
    if submission.result is not None and meta:
        counted = []
        for document in submission.documents:
            if document.state != "done" or document.status is None:
                continue
            criterion = (document.credit_units or {}).get("criterion")
            chapter = CRITERIA_BY_NUMBER[criterion].chapter if criterion in CRITERIA_BY_NUMBER else None
            units = DocumentUnits(criterion, float((document.credit_units or {}).get("units") or 0), chapter, True)
            status = "failed" if document.id in rejected else document.status
            counted.append(CountedDocument(units, status, document.id in approved))  # type: ignore[arg-type]
        totals = submission_units(counted)
        verdict = eligibility(totals, meta["purpose"], meta.get("target_category"))
        submission.result = {**submission.result, "credit_units": {
            "additional_education": totals.additional_education, "non_formal": totals.non_formal,
            "additional_competences": totals.additional_competences, "total": totals.total,
            "pending_review": totals.pending_review}, "eligible": verdict.eligible,
            "shortfalls": list(verdict.shortfalls)}
    session.commit()
