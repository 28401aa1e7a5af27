"""Checks against the national certificate register: presence, revocation and field-by-field agreement."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from extractors.types import Extraction
from verifiers.fields import field_date, field_number, field_text
from verifiers.flags import NOT_IN_REGISTRY, REGISTRY_MISMATCH, REVOKED, Flag, make_flag
from verifiers.identity import best_name_match
from verifiers.registry import CertificateRecord, Organization

# Characters OCR confuses, each mapped to one representative; Cyrillic look-alikes fold to Latin first.
_CYR_TO_LAT = str.maketrans("АВЕКМНОРСТХУЗІЈ", "ABEKMHOPCTXY3IJ")
_CONFUSABLE = str.maketrans("OQDIL|SBZG", "0001115826")
_SEPARATORS = re.compile(r"[\s\-–—_./\\:]+")
_PREFIX = re.compile(r"^(?:№|N[oO°º]\.?|#)\s*")
HOURS_TOLERANCE = 0.01


def plain_number(number: str) -> str:
    """A certificate number with №/No. dropped, separators removed, in capitals, Cyrillic look-alikes Latin."""
    return _SEPARATORS.sub("", _PREFIX.sub("", number.strip())).upper().translate(_CYR_TO_LAT)


def canonical_number(number: str) -> str:
    """A certificate number as plain_number, OCR-confusable characters merged."""
    return plain_number(number).translate(_CONFUSABLE)


@dataclass(frozen=True)
class DocumentFacts:
    """What the document says, as the register checks need it (dates parsed, hours a number)."""

    cert_number: str | None
    holder_name: str | None
    hours: float | None
    start_date: date | None
    end_date: date | None
    issue_date: date | None
    issuer_org_id: str | None


def facts_from_extraction(extraction: Extraction, issuer_org_id: str | None) -> DocumentFacts:
    """The register-relevant fields of an extraction, parsed."""
    return DocumentFacts(
        field_text(extraction, "cert_number"),
        field_text(extraction, "holder_name"),
        field_number(extraction, "hours"),
        field_date(extraction, "start_date"),
        field_date(extraction, "end_date"),
        field_date(extraction, "issue_date"),
        issuer_org_id,
    )


MIN_IDENTIFYING_DIGITS = 6  # a number's digits that single out one certificate of an issuer


def _digits(plain: str) -> str:
    return "".join(ch for ch in plain if ch.isdigit())


def one_letter_apart(first: str, second: str) -> bool:
    """Whether two plain numbers differ in exactly one place, a letter in both («KA68730793», «KZ68730793»)."""
    if len(first) != len(second):
        return False
    differing = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    return len(differing) == 1 and differing[0][0].isalpha() and differing[0][1].isalpha()


class CertificateRegister:
    """The certificate register keyed by canonical number (issuers may share a number), and by issuer and digits
    for a series letter misread."""

    def __init__(self, records: Iterable[CertificateRecord]) -> None:
        by_number: dict[str, list[CertificateRecord]] = {}
        by_digits: dict[tuple[str, str], list[CertificateRecord]] = {}
        for record in records:
            by_number.setdefault(canonical_number(record.cert_number), []).append(record)
            by_digits.setdefault((record.org_id, _digits(plain_number(record.cert_number))), []).append(record)
        self._by_number: Mapping[str, tuple[CertificateRecord, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_number.items()}
        )
        self._by_digits: Mapping[tuple[str, str], tuple[CertificateRecord, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_digits.items()}
        )

    def lookup_series_misread(self, cert_number: str, org_id: str, holder_name: str | None
                              ) -> CertificateRecord | None:
        """The one record of this issuer and holder whose number has the same digits and one series letter other
        than read («КА 68730793» for "KZ 68730793", a letter OCR gives no look-alike rule for): the digits
        single the certificate out, the holder confirms it."""
        plain = plain_number(cert_number)
        digits = _digits(plain)
        if len(digits) < MIN_IDENTIFYING_DIGITS or not holder_name:
            return None
        near = [r for r in self._by_digits.get((org_id, digits), ())
                if one_letter_apart(plain, plain_number(r.cert_number))
                and r.holder_name and best_name_match(holder_name, [r.holder_name]).is_match]
        return near[0] if len(near) == 1 else None

    def issuers_holding(self, cert_number: str, holder_name: str | None) -> tuple[str, ...]:
        """The organizations under which the register holds this number (confusables tolerated) for this holder."""
        if not holder_name:
            return ()
        records = self._by_number.get(canonical_number(cert_number), ())
        return tuple(dict.fromkeys(r.org_id for r in records
                                   if r.holder_name and best_name_match(holder_name, [r.holder_name]).is_match))

    def lookup(self, cert_number: str, org_id: str | None = None) -> CertificateRecord | None:
        """The record for a number as read (OCR confusables tolerated), preferring the given issuer's."""
        records = self._by_number.get(canonical_number(cert_number), ())
        if org_id is not None:
            own = [r for r in records if r.org_id == org_id]
            if own:
                return own[0]
        return records[0] if records else None


def _mismatch(field: str, register_value: object, document_value: object, message: str) -> Flag:
    return make_flag(
        REGISTRY_MISMATCH, message, {"field": field, "register": register_value, "document": document_value}
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def compare_with_record(record: CertificateRecord, facts: DocumentFacts) -> tuple[Flag, ...]:
    """REGISTRY_MISMATCH per field where both sides have a value and they differ."""
    flags: list[Flag] = []
    if facts.holder_name and record.holder_name:
        match = best_name_match(facts.holder_name, [record.holder_name])
        if not match.is_match:
            message = f"register lists holder {record.holder_name}, the document shows {facts.holder_name}"
            flags.append(_mismatch("holder_name", record.holder_name, facts.holder_name, message))
    if (
        record.hours is not None
        and facts.hours is not None
        and abs(record.hours - facts.hours) > HOURS_TOLERANCE
    ):
        flags.append(
            _mismatch(
                "hours",
                record.hours,
                facts.hours,
                f"register lists {record.hours:g} hours, the document shows {facts.hours:g}",
            )
        )
    for field in ("start_date", "end_date", "issue_date"):
        on_record, on_doc = getattr(record, field), getattr(facts, field)
        if on_record is not None and on_doc is not None and on_record != on_doc:
            flags.append(
                _mismatch(
                    field,
                    _iso(on_record),
                    _iso(on_doc),
                    f"register lists {field} {_iso(on_record)}, the document shows {_iso(on_doc)}",
                )
            )
    if facts.issuer_org_id and record.org_id != facts.issuer_org_id:
        flags.append(
            _mismatch(
                "issuer",
                record.org_id,
                facts.issuer_org_id,
                f"register lists issuer {record.org_id}, the document names {facts.issuer_org_id}",
            )
        )
    return tuple(flags)


def register_flags(
    register: CertificateRegister, issuer: Organization | None, facts: DocumentFacts
) -> tuple[Flag, ...]:
    """NOT_IN_REGISTRY / REVOKED / REGISTRY_MISMATCH for issuers that report to the register."""
    if issuer is None or not issuer.reports_to_register or not facts.cert_number:
        return ()
    record = register.lookup(facts.cert_number, issuer.org_id) \
        or register.lookup_series_misread(facts.cert_number, issuer.org_id, facts.holder_name)
    if record is None:
        return (
            make_flag(
                NOT_IN_REGISTRY,
                f"{issuer.name} reports to the register, but number {facts.cert_number} is not there",
                {"cert_number": facts.cert_number, "org_id": issuer.org_id},
            ),
        )
    flags = list(compare_with_record(record, facts))
    if record.status == "revoked":
        flags.insert(
            0,
            make_flag(
                REVOKED,
                f"the register marks certificate {record.cert_number} revoked",
                {"cert_number": record.cert_number, "org_id": record.org_id},
            ),
        )
    return tuple(flags)


# The fields a register record can vouch for besides the number and holder it was found by.
_KEPT_FIELDS = ("hours", "start_date", "end_date", "issue_date")


def confirmed_by_register(register: CertificateRegister, issuer: Organization | None,
                          facts: DocumentFacts) -> frozenset[str]:
    """The read fields the register vouches for: none unless it holds this very certificate (the number as read,
    confusables aside, under this issuer, valid, every field it keeps agreeing with the document); then the
    number, holder, issuer and each kept field read the same. A misread digit would miss the record or land on
    another holder's, and a misread date or hours would disagree, so an unsure reading it confirms needs no
    reviewer."""
    if issuer is None or not facts.cert_number or not facts.holder_name:
        return frozenset()
    record = register.lookup(facts.cert_number, issuer.org_id)
    if record is None or record.org_id != issuer.org_id or record.status == "revoked" \
            or compare_with_record(record, facts):
        return frozenset()
    kept = {name for name in _KEPT_FIELDS if getattr(record, name) is not None and getattr(facts, name) is not None}
    return frozenset({"cert_number", "holder_name", "issuer", *kept})
