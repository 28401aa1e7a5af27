"""Generated documents with known truth (samples/), read into PageText, and per-field accuracy against truth."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.fields import extract_fields
from extractors.types import Extraction, PageText

from .ocrpages import ocr_page
from .textpages import pages_from_pdf

SCORED_FIELDS = ("holder_name", "cert_number", "issuer", "hours", "start_date", "end_date", "issue_date",
                 "doc_type", "language")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
_QUOTES = re.compile(r"[«»\"“”„'`]")


@dataclass(frozen=True)
class Sample:
    path: Path
    truth: dict[str, Any]


def generate(out: Path, seed: int, documents: int) -> list[Sample]:
    """Run the samples generator and pair each truth row with its file."""
    subprocess.run([sys.executable, "-m", "samples", str(out), "--seed", str(seed), "--documents", str(documents)],
                   check=True, capture_output=True)
    rows = [json.loads(line) for line in (out / "truth" / "documents.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    files = {(p.parent.name, p.name): p for p in out.rglob("*") if p.is_file()}
    found = []
    for row in rows:
        path = files.get((str(row.get("submission_id")), Path(str(row.get("file"))).name))
        if path is not None and row.get("readable", True):
            found.append(Sample(path, row))
    return found


def read_pages(path: Path) -> tuple[PageText, ...]:
    """Text layer for PDFs that have one, OCR otherwise (first page of PDFs without text, images)."""
    from PIL import Image

    if path.suffix.lower() == ".pdf":
        pages = pages_from_pdf(path)
        if any(page.lines for page in pages):
            return pages
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        return tuple(ocr_page(pdf[i].render(scale=300 / 72).to_pil(), i + 1) for i in range(len(pdf)))
    with Image.open(path) as image:
        return (ocr_page(image.convert("RGB")),)


def fold(value: object) -> object:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", _QUOTES.sub('"', value)).casefold().strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def got(extraction: Extraction, field: str) -> object:
    if field == "doc_type":
        return extraction.doc_type
    if field == "language":
        return extraction.language
    return extraction.fields[field].value


def score(samples: list[Sample]) -> tuple[dict[str, float], list[dict[str, object]]]:
    """Per-field share of documents read exactly as the truth says (text folded), and the misses."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: list[dict[str, object]] = []
    for sample in samples:
        extraction = extract_fields(read_pages(sample.path))
        for field in SCORED_FIELDS:
            if field not in sample.truth:
                continue
            totals[field] += 1
            expected, read = sample.truth[field], got(extraction, field)
            if fold(expected) == fold(read):
                hits[field] += 1
            else:
                misses.append({"file": str(sample.path), "field": field, "expected": expected, "got": read})
    return {field: hits[field] / totals[field] for field in totals}, misses
