"""Typed access to the fields of an extraction: ISO dates, numbers and text, None when absent or unusable."""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction


def field_text(extraction: Extraction, name: str) -> str | None:
    """The field as stripped text, None when missing or empty."""
    found = extraction.fields.get(name)
    if found is None or found.value is None:
        return None
    text = str(found.value).strip()
    return text or None


def field_date(extraction: Extraction, name: str) -> date | None:
    """The field as a date when it holds an ISO YYYY-MM-DD string."""
    text = field_text(extraction, name)
    return parse_iso_date(text) if text else None


def parse_iso_date(text: str) -> date | None:
    """An ISO date, or None for anything else."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def field_number(extraction: Extraction, name: str) -> float | None:
    """The field as a number (a decimal comma accepted)."""
    found = extraction.fields.get(name)
    if found is None or found.value is None or isinstance(found.value, bool):
        return None
    if isinstance(found.value, int | float):
        return float(found.value)
    try:
        return float(str(found.value).strip().replace(",", "."))
    except ValueError:
        return None
