"""Field accuracy on documents from the project's sample generator (samples/), with known truth."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from extractors.fields import extract_fields
from samples.corpus import build_corpus

from .corpus import fold, read_pages
from .textpages import pages_from_pdf

SCORED = ("doc_type", "language", "holder_name", "cert_number", "issuer", "program", "hours", "start_date",
          "end_date", "issue_date")


def _truth_rows(out: Path) -> list[dict[str, Any]]:
    lines = (out / "truth" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return [row for row in map(json.loads, filter(None, lines)) if row.get("readable", True)]


def _accuracy(out: Path, suffixes: tuple[str, ...], text_layer_only: bool = False
              ) -> tuple[dict[str, float], list[tuple[str, str, Any, Any]]]:
    hits: Counter[str] = Counter()
    misses: list[tuple[str, str, Any, Any]] = []
    rows = [r for r in _truth_rows(out) if r["file"].lower().endswith(suffixes)]
    if text_layer_only:  # scanned PDFs (no text layer) belong to the OCR test
        rows = [r for r in rows if any(p.lines for p in pages_from_pdf(out / "inbox" / r["submission_id"] / r["file"]))]
    for row in rows:
        extraction = extract_fields(read_pages(out / "inbox" / row["submission_id"] / row["file"]))
        for field in SCORED:
            read: object = {"doc_type": extraction.doc_type, "language": extraction.language}.get(field)
            if field not in ("doc_type", "language"):
                read = extraction.fields[field].value
            if fold(read) == fold(row[field]):
                hits[field] += 1
            else:
                misses.append((row["file"], field, row[field], read))
    assert rows, "the generator produced no documents of the wanted formats"
    return {field: hits[field] / len(rows) for field in SCORED}, misses


def test_text_layer_pdfs(tmp_path: Path) -> None:
    build_corpus(tmp_path, seed=11, documents=24, formats=("pdf_text",))
    accuracy, misses = _accuracy(tmp_path, (".pdf",), text_layer_only=True)
    assert min(accuracy.values()) >= 0.9, (accuracy, misses)
    assert sum(accuracy.values()) / len(accuracy) >= 0.95, (accuracy, misses)


@pytest.mark.slow
def test_ocr_of_damaged_images(tmp_path: Path) -> None:
    build_corpus(tmp_path, seed=12, documents=8, formats=("png", "jpg"))
    accuracy, misses = _accuracy(tmp_path, (".png", ".jpg", ".jpeg"))
    assert sum(accuracy.values()) / len(accuracy) >= 0.7, (accuracy, misses)
