"""Putting the field finders together: pages of text in, an Extraction out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from extractors.fields.cert_number import confirmed_by_qr, find_numbers, qr_spelling, unlabelled_numbers
from extractors.fields.date_roles import assign_dates
from extractors.fields.doctype import classify_doc_type, detect_language
from extractors.fields.document import DocText, build_lines, field_value
from extractors.fields.hours import find_hours, hours_value
from extractors.fields.issuer import IssuerMention, find_business_ids, find_issuer, issuer_alternatives
from extractors.fields.names import find_holder_name
from extractors.fields.program import find_program
from extractors.types import FIELD_NAMES, Extraction, FieldValue, PageText

QR_CONFIRMED_BONUS = 0.1
QR_CONTRADICTED_PENALTY = 0.2


def _cert_number(doc: DocText, qr_payloads: tuple[str, ...]) -> FieldValue:
    numbers = find_numbers(doc.text) or unlabelled_numbers(doc.text)
    if not numbers:
        return field_value(None, 0.0, None)
    best = numbers[0]
    certainty = best.certainty
    confirmed = confirmed_by_qr(best.value, qr_payloads)
    mended = qr_spelling(best.value, qr_payloads) if confirmed is False else None
    if mended is not None:  # the QR code is read exactly: it vouches for every character
        span = doc.span(best.start, best.end)
        return FieldValue(mended, round(certainty, 3), span.page_no, span.box)
    if confirmed is True:
        certainty = min(1.0, certainty + QR_CONFIRMED_BONUS)
    elif confirmed is False:
        certainty -= QR_CONTRADICTED_PENALTY
    return field_value(best.value, certainty, doc.span(best.start, best.end))


class _Mention(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def certainty(self) -> float: ...


def _from_mention(doc: DocText, mention: _Mention | None, value: str | int | float | None) -> FieldValue:
    if mention is None:
        return field_value(None, 0.0, None)
    return field_value(value, mention.certainty, doc.span(mention.start, mention.end))


def _text_fields(doc: DocText, issuer: IssuerMention | None) -> dict[str, FieldValue]:
    name = find_holder_name(doc)
    program = find_program(doc)
    hours = find_hours(doc.text)
    return {
        "holder_name": _from_mention(doc, name, name.value if name else None),
        "issuer": _from_mention(doc, issuer, issuer.value if issuer else None),
        "program": _from_mention(doc, program, program.value if program else None),
        "hours": _from_mention(doc, hours, hours_value(hours.hours) if hours else None),
    }


NO_COURSE_TYPES = frozenset({"diploma", "specialist_certificate"})


def _date_fields(doc: DocText, doc_type: str) -> dict[str, FieldValue]:
    dates = assign_dates(doc, has_course=doc_type not in NO_COURSE_TYPES)
    fields: dict[str, FieldValue] = {}
    for name, found in (("start_date", dates.start), ("end_date", dates.end), ("issue_date", dates.issue)):
        fields[name] = field_value(found[0], found[1], found[2]) if found else field_value(None, 0.0, None)
    return fields


def extract_fields(pages: Sequence[PageText]) -> Extraction:
    """Read the document's type, language and fields from the text of its pages."""
    lines = build_lines(pages)
    doc = DocText.of(lines)
    qr_payloads = tuple(payload for page in pages for payload in page.qr_payloads)
    doc_type, type_confidence = classify_doc_type(lines)
    language, _ = detect_language(lines)
    issuer = find_issuer(doc)
    fields = {**_text_fields(doc, issuer), **_date_fields(doc, doc_type), "cert_number": _cert_number(doc, qr_payloads)}
    ordered = {name: fields[name] for name in FIELD_NAMES}
    alternatives = tuple(_from_mention(doc, m, m.value) for m in issuer_alternatives(doc, issuer))
    return Extraction(doc_type, type_confidence, language, ordered, qr_payloads, alternatives,
                      find_business_ids(doc.text))
