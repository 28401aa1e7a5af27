"""Helpers that turn plain text or a PDF text layer into PageText for the field-extraction tests."""

from __future__ import annotations

from pathlib import Path

from extractors.types import Box, Line, PageText, Word

LINE_HEIGHT = 20
CHAR_WIDTH = 8
PAGE_WIDTH = 600


def page_from_text(text: str, page_no: int = 1, confidence: float = 1.0, qr: tuple[str, ...] = ()) -> PageText:
    """One page whose lines are the lines of text, laid out top to bottom."""
    rows = text.strip("\n").split("\n")
    lines: list[Line] = []
    for row_no, row in enumerate(rows):
        words: list[Word] = []
        left = 20
        for token in row.split():
            words.append(Word(token, confidence, Box(left, 20 + row_no * LINE_HEIGHT, len(token) * CHAR_WIDTH, 16)))
            left += (len(token) + 1) * CHAR_WIDTH
        if words:
            lines.append(Line(tuple(words)))
    height = max(40 + len(rows) * LINE_HEIGHT, 200)
    return PageText(page_no, PAGE_WIDTH, height, tuple(lines), "text_layer", qr_payloads=qr)


def pages_from_pdf(path: Path) -> tuple[PageText, ...]:
    """Read a born-digital PDF's text layer with pdfplumber into PageText (words grouped into lines)."""
    import pdfplumber

    pages: list[PageText] = []
    with pdfplumber.open(path) as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=2)
            rows: list[list[Word]] = []
            for item in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
                box = Box(int(item["x0"]), int(item["top"]), int(item["x1"] - item["x0"]),
                          int(item["bottom"] - item["top"]))
                word = Word(str(item["text"]), 1.0, box)
                if rows and abs(rows[-1][0].box.top - box.top) <= 3:
                    rows[-1].append(word)
                else:
                    rows.append([word])
            lines = tuple(Line(tuple(sorted(row, key=lambda w: w.box.left))) for row in rows)
            pages.append(PageText(page_no, int(page.width), int(page.height), lines, "text_layer"))
    return tuple(pages)
