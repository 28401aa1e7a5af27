"""Which fields a document type requires, and which of them are missing or read with low confidence."""

from __future__ import annotations

from types import MappingProxyType

from extractors.types import Extraction

LOW_CONFIDENCE_THRESHOLD = 0.6

_PERIOD = ("start_date", "end_date")
_CORE = ("holder_name", "cert_number", "issuer")
REQUIRED_FIELDS = MappingProxyType({
    "advanced_training": (*_CORE, "hours", *_PERIOD, "issue_date"),
    "internship": (*_CORE, "hours", *_PERIOD, "issue_date"),
    "seminar": (*_CORE, "hours", *_PERIOD),
    "online_course": (*_CORE, "hours", *_PERIOD),
    "conference": ("holder_name", "issuer", *_PERIOD),
    "publication": ("holder_name", "issuer"),
    "diploma": (*_CORE, "issue_date"),
    "specialist_certificate": (*_CORE, "issue_date"),
    "translation": ("holder_name",),
    "other": ("holder_name", "issuer"),
})


def required_fields(doc_type: str) -> tuple[str, ...]:
    """The fields a document of this type must have; missing or unsure ones raise LOW_CONFIDENCE.

    - course-like documents (advanced_training, internship, seminar, online_course) earn units by their hours
      and study period: holder_name, cert_number, issuer, hours, start_date, end_date, and for the formal
      ones (advanced_training, internship) issue_date; seminar and online-course certificates often print no
      issue date, and their end date serves for the window and the accreditation check;
    - conference: holder_name, issuer and the event's start_date/end_date (conference certificates often
      carry neither a number nor hours, so those are not required);
    - publication: holder_name and issuer (the journal or publisher);
    - diploma and specialist_certificate have no hours and no study period: holder_name, cert_number,
      issuer, issue_date;
    - translation is checked through the document it translates: holder_name only;
    - other (and any unknown type): holder_name and issuer; and when it states hours of study, its type too
      (`doc_type` is then listed): a course certificate that names no kind of event would earn 0 units unseen.
    """
    return REQUIRED_FIELDS.get(doc_type, REQUIRED_FIELDS["other"])


def low_confidence_fields(extraction: Extraction, threshold: float = LOW_CONFIDENCE_THRESHOLD) -> tuple[str, ...]:
    """Required fields of the extraction's doc_type that are None or read with confidence below threshold."""
    flagged: list[str] = []
    if extraction.doc_type == "other" and _has(extraction, "hours"):
        flagged.append("doc_type")  # hours of study on a document of no known kind: units cannot be counted
    for name in required_fields(extraction.doc_type):
        value = extraction.fields.get(name)
        if value is None or value.value is None or value.confidence < threshold:
            flagged.append(name)
    return tuple(flagged)


def _has(extraction: Extraction, name: str) -> bool:
    value = extraction.fields.get(name)
    return value is not None and value.value is not None
