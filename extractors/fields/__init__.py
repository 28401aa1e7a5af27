"""Field extraction: from the text read off a document's pages to its type, language and fields."""

from extractors.fields.confidence import (
    LOW_CONFIDENCE_THRESHOLD,
    REQUIRED_FIELDS,
    low_confidence_fields,
    required_fields,
)
from extractors.fields.extract import extract_fields

__all__ = [
    "LOW_CONFIDENCE_THRESHOLD",
    "REQUIRED_FIELDS",
    "extract_fields",
    "low_confidence_fields",
    "required_fields",
]
