"""Field accuracy on generated certificates: born-digital PDFs read through pdfplumber, and OCR'd damaged scans."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractors.fields import extract_fields
from extractors.types import Extraction

from .corpus import fold
from .makedocs import MadeDocument, damaged_image, make_document, write_pdf
from .ocrpages import ocr_page
from .textpages import pages_from_pdf


def _accuracy(results: list[tuple[MadeDocument, Extraction]]) -> dict[str, float]:
    hits: Counter[str] = Counter()
    for document, extraction in results:
        for field, expected in document.truth.items():
            read: object = {"doc_type": extraction.doc_type, "language": extraction.language}.get(field)
            if field not in ("doc_type", "language"):
                read = extraction.fields[field].value
            hits[field] += fold(read) == fold(expected)
    return {field: hits[field] / len(results) for field in results[0][0].truth}


def test_text_layer_documents(tmp_path: Path) -> None:
    results = []
    for seed in range(18):
        document = make_document(seed)
        pages = pages_from_pdf(write_pdf(document, tmp_path / f"{seed}.pdf"))
        results.append((document, extract_fields(pages)))
    accuracy = _accuracy(results)
    assert min(accuracy.values()) == 1.0, accuracy


@pytest.mark.slow
def test_ocr_of_damaged_scans(tmp_path: Path) -> None:
    results = []
    for seed in range(100, 109):
        document = make_document(seed)
        image = damaged_image(write_pdf(document, tmp_path / f"{seed}.pdf"), seed)
        results.append((document, extract_fields([ocr_page(image)])))
    accuracy = _accuracy(results)
    assert min(accuracy.values()) >= 0.75, accuracy
    assert sum(accuracy.values()) / len(accuracy) >= 0.9, accuracy
