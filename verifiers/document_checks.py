"""All single-document checks composed: issuer, accreditation, register, holder, dates, QR, credit units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from extractors.fields.issuer import names_an_organization
from extractors.types import Extraction, FieldValue
from verifiers.certificates import CertificateRegister, confirmed_by_register, facts_from_extraction, register_flags
from verifiers.credit_units import DocumentUnits, document_units
from verifiers.fields import field_date, field_text
from verifiers.flags import OUT_OF_WINDOW, Flag
from verifiers.identity import holder_flag, read_as_applicant, spelled_as_applicant
from verifiers.issuer import IssuerIndex, IssuerMatch, first_match, issuer_flags, spelled_as_registered
from verifiers.plausibility import date_flags
from verifiers.qr_check import qr_findings
from verifiers.registry import CertificateRecord, Organization

# A translation or an "other" document names a translator or no issuer at all: no issuer/register checks.
ISSUED_DOCUMENT_TYPES = frozenset({
    "advanced_training", "internship", "seminar", "online_course", "conference", "publication", "diploma",
    "specialist_certificate",
})


@dataclass(frozen=True)
class Applicant:
    """Who submitted: the names the holder may appear under, and the date that anchors the 5-year window."""

    names: tuple[str, ...]
    submitted_at: date


class Registers:
    """The issuing organizations (matching index) and the certificate register, built once per batch."""

    def __init__(self, organizations: Iterable[Organization], certificates: Iterable[CertificateRecord]) -> None:
        self.issuers = IssuerIndex(organizations)
        self.certificates = CertificateRegister(certificates)


# A register match this close identifies the organization even when OCR was unsure of the text's letters
# («Universitaétsmedizin» matches «Universitätsmedizin» at 98): the issuer needs no reviewer for its reading.
CONFIRMING_MATCH = 95.0


@dataclass(frozen=True)
class DocumentVerdict:
    issuer_org_id: str | None
    flags: tuple[Flag, ...]
    units: DocumentUnits
    issuer: FieldValue | None = None  # another line than the one read named the registered issuer
    holder: FieldValue | None = None  # the read holder in the applicant's spelling (a few letters were misread)
    issuer_confirmed: bool = False  # the register named the read issuer with next to no doubt, however unsure the OCR
    # the read fields the certificate register vouches for (it holds this number for this issuer and holder)
    register_confirmed: frozenset[str] = frozenset()
    holder_confirmed: bool = False  # the read holder is the applicant's name as declared, letter for letter


def _issuer_read(extraction: Extraction, registers: Registers) -> Extraction:
    """The extraction with the issuer line that names a registered organization, when the chosen one did not
    but another header line (an abbreviation, say) does; spelt as registered when only accents or dash
    styles differ, or when a printed BIN identified the organization its garbled name agrees with."""
    read = field_text(extraction, "issuer")
    alternatives = [str(a.value) for a in extraction.issuer_alternatives if a.value]
    first = first_match(registers.issuers, (read, *alternatives), extraction.business_ids) \
        or _named_by_register(extraction, registers, (read, *alternatives))
    if first is None:
        return extraction
    position, match = first
    chosen = extraction.fields.get("issuer") if position == 0 else extraction.issuer_alternatives[position - 1]
    number = extraction.fields.get("cert_number")
    if (chosen is None or chosen.value is None) and match.register_number and number is not None:  # none read
        chosen = FieldValue(match.matched_name, number.confidence, number.page_no)
    if chosen is None:
        return extraction
    if isinstance(chosen.value, str) and (match.business_id or match.register_number
                                          or spelled_as_registered(chosen.value, match.matched_name)):
        chosen = replace(chosen, value=match.matched_name)
    if position == 0 and chosen is extraction.fields.get("issuer"):
        return extraction
    return replace(extraction, fields={**extraction.fields, "issuer": chosen})


def _named_by_register(extraction: Extraction, registers: Registers, texts: tuple[str | None, ...]
                       ) -> tuple[int, IssuerMatch] | None:
    """An issuer read past recognition («ННМП» for the registered «ННМЦ») that the certificate register names: it
    holds the printed number for the printed holder under an organization whose name the read one agrees with as
    far as a printed BIN would need, or under one organization when no line read names any. A name that agrees
    with none of them stays unknown."""
    number = field_text(extraction, "cert_number")
    org_ids = registers.certificates.issuers_holding(number, field_text(extraction, "holder_name")) if number else ()
    for position, text in enumerate(texts if org_ids else ()):
        found = registers.issuers.match_among(text, org_ids)
        if found is not None:
            return position, replace(found, register_number=number)
    org = registers.issuers.organizations.get(org_ids[0]) if len(org_ids) == 1 else None
    if org is not None and not any(names_an_organization(t) for t in texts if t):
        # no line reads as an organization («НЦПДХ» in bold capitals read «них»): the register's issuer, whose
        # record the other read fields are then checked against like any other
        return 0, IssuerMatch(org.org_id, 0.0, org.name, register_number=number)
    return None


def _issuer_checks(extraction: Extraction, registers: Registers
                   ) -> tuple[IssuerMatch | None, tuple[Flag, ...], frozenset[str]]:
    """The issuer's match, the issuer and register flags, and the read fields the register confirms."""
    if extraction.doc_type == "translation":  # its original's issuer, named; the original answers for it
        return registers.issuers.match(field_text(extraction, "issuer")), (), frozenset()
    if extraction.doc_type not in ISSUED_DOCUMENT_TYPES:
        return None, (), frozenset()
    # without a printed issue date the course's last day is when the issuer stood behind it
    issued = field_date(extraction, "issue_date") or field_date(extraction, "end_date")
    # an issuer found by its BIN was given its registered name by _issuer_read, which matches here exactly
    match, flags = issuer_flags(registers.issuers, field_text(extraction, "issuer"), issued)
    org = registers.issuers.organizations.get(match.org_id) if match else None
    facts = facts_from_extraction(extraction, org.org_id if org else None)
    confirmed = confirmed_by_register(registers.certificates, org, facts)
    return (match if org else None), (*flags, *register_flags(registers.certificates, org, facts)), confirmed


def verify_document(extraction: Extraction, applicant: Applicant | None, registers: Registers,
                    today: date) -> DocumentVerdict:
    """Every check that needs only this document, the applicant and the registers."""
    original = extraction
    holder = _holder_as_applicant(extraction, applicant)
    if holder is not None:
        extraction = replace(extraction, fields={**extraction.fields, "holder_name": holder})
    if extraction.doc_type in ISSUED_DOCUMENT_TYPES or extraction.doc_type == "translation":
        extraction = _issuer_read(extraction, registers)  # a translation names its original's issuer
    match, flags, register_confirmed = _issuer_checks(extraction, registers)
    submitted_at = applicant.submitted_at if applicant else today
    found = [*flags, *date_flags(extraction, min(submitted_at, today))]
    if applicant is not None:
        mismatch = holder_flag(field_text(extraction, "holder_name"), applicant.names)
        found.extend([mismatch] if mismatch else [])
    fields = {name: value.value for name, value in extraction.fields.items()}
    found.extend(qr_findings(extraction.qr_payloads, fields))
    units = document_units(extraction, submitted_at)
    if units.criterion is None:  # the window only matters for documents that earn units
        found = [f for f in found if f.code != OUT_OF_WINDOW]
    issuer = extraction.fields.get("issuer")
    replaced = issuer if issuer is not original.fields.get("issuer") else None
    return DocumentVerdict(match.org_id if match else None, tuple(found), units, replaced, holder,
                           issuer_confirmed=match is not None and match.score >= CONFIRMING_MATCH,
                           register_confirmed=register_confirmed,
                           holder_confirmed=applicant is not None and read_as_applicant(
                               field_text(extraction, "holder_name"), applicant.names))


def _holder_as_applicant(extraction: Extraction, applicant: Applicant | None) -> FieldValue | None:
    read = extraction.fields.get("holder_name")
    if applicant is None or read is None:
        return None
    spelled = spelled_as_applicant(field_text(extraction, "holder_name"), applicant.names)
    return replace(read, value=spelled) if spelled else None
