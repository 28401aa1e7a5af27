"""Builders for verifier tests: extractions and register rows from plain values."""

from __future__ import annotations

from extractors.types import Extraction, FieldValue


def extraction(doc_type: str = "advanced_training", **values: object) -> Extraction:
    """An Extraction whose fields hold `values` with confidence 0.95."""
    fields = {name: FieldValue(value, 0.95) for name, value in values.items()}  # type: ignore[arg-type]
    return Extraction(doc_type, 0.9, "ru", fields)
