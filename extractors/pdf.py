"""The one module touching PDF libraries: text layers with pdfplumber, page rendering with pypdfium2."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2 as pdfium

from extractors.errors import UnreadableDocument
from extractors.raster import gray_without_coloured_ink
from extractors.types import Box, Line, PageText, Word

_HEADER_WINDOW = 1024
MIN_TEXT_CHARS = 20  # fewer letters than this on a page: treat it as a scan and OCR it
_GARBAGE_SHARE = 0.3  # more unmapped glyphs ("(cid:12)", private-use) than this: the layer is unusable


def _box(word: Mapping[str, Any]) -> Box:
    left, top = float(word["x0"]), float(word["top"])
    return Box(round(left), round(top), max(1, round(float(word["x1"]) - left)),
               max(1, round(float(word["bottom"]) - top)))


def words_to_lines(words: Iterable[Mapping[str, Any]]) -> tuple[Line, ...]:
    """Group pdfplumber word dicts (x0, x1, top, bottom, text) into lines, top to bottom and left to right.

    Words join a line when they overlap it vertically by more than half the smaller height.
    """
    rows: list[tuple[float, float, list[Mapping[str, Any]]]] = []  # top, bottom, words
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        if not str(word["text"]).strip():
            continue
        top, bottom = float(word["top"]), float(word["bottom"])
        for index, (row_top, row_bottom, members) in enumerate(rows):
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap > 0.5 * min(bottom - top, row_bottom - row_top):
                members.append(word)
                rows[index] = (min(top, row_top), max(bottom, row_bottom), members)
                break
        else:
            rows.append((top, bottom, [word]))
    rows.sort(key=lambda row: row[0])
    return tuple(
        Line(words=tuple(Word(text=str(w["text"]).strip(), confidence=1.0, box=_box(w))
                         for w in sorted(members, key=lambda w: float(w["x0"]))))
        for _, _, members in rows)


def is_usable_text(lines: Sequence[Line]) -> bool:
    """True when the lines hold enough real letters to be read instead of OCR."""
    text = "".join(word.text for line in lines for word in line.words)
    letters = sum(ch.isalnum() for ch in text)
    garbage = text.count("(cid:") * 6 + sum("\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" for ch in text)
    return letters >= MIN_TEXT_CHARS and garbage <= _GARBAGE_SHARE * max(len(text), 1)


def check_pdf(data: bytes, max_pages: int) -> int:
    """The page count of a PDF that can be opened; UnreadableDocument for bad header, encryption, damage."""
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnreadableDocument("not a PDF: the %PDF- header is missing")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableDocument("encrypted PDF: it needs a password to open") from exc
        raise UnreadableDocument(f"damaged PDF: {exc}") from exc
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise UnreadableDocument("the PDF has no pages")
    if pages > max_pages:
        raise UnreadableDocument(f"PDF has {pages} pages, limit {max_pages}")
    return pages


def _read_page_words(page: Any) -> list[dict[str, Any]]:
    return list(page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5))


def _text_layer_page(page: Any, number: int) -> PageText | None:
    try:
        lines = words_to_lines(_read_page_words(page))
        if not is_usable_text(lines):
            return None
        return PageText(page_no=number, width=round(float(page.width)), height=round(float(page.height)),
                        lines=lines, source="text_layer")
    finally:
        page.close()


def pdf_text_layer(data: bytes, max_pages: int) -> tuple[PageText | None, ...] | None:
    """Pages read from the text layer (None for a page without usable text); None when no page has one."""
    check_pdf(data, max_pages)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[PageText | None] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for number, page in enumerate(document.pages, start=1):
                pages.append(_text_layer_page(page, number))
    except UnreadableDocument:
        raise
    except Exception:  # pdfminer fails on many damaged files that pdfium still renders: OCR them instead
        return None
    return tuple(pages) if any(page is not None for page in pages) else None


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"damaged PDF: {exc}") from exc


def render_pdf_pages(data: bytes, dpi: int, page_numbers: Iterable[int] | None = None,
                     max_pixels_per_page: int | None = None, *,
                     lighten_stamps: bool = False) -> Iterator[tuple[int, np.ndarray]]:
    """(1-based page number, grayscale array) for each requested page rendered at `dpi`, one at a time.

    `lighten_stamps`: render in colour and lighten coloured ink as for image files (a scanned PDF carries the
    same blue stamps over printed lines as a JPEG scan)."""
    if page_numbers is None:
        document = _open(data)
        page_numbers = range(1, len(document) + 1)
        document.close()
    for number in list(page_numbers):
        # the document is opened for each page and closed before the page is handed on: open, pdfium keeps what
        # it decoded of the page's scan (measured: 40 MB of a 3788 x 2760 scan, held while the page is read)
        document = _open(data)
        try:
            pixels_array = _render_page(document, number, dpi, max_pixels_per_page, lighten_stamps)
        finally:
            document.close()
        yield number, pixels_array


def _render_page(document: pdfium.PdfDocument, number: int, dpi: int, max_pixels_per_page: int | None,
                 lighten_stamps: bool) -> np.ndarray:
    page = document[number - 1]
    width_pt, height_pt = page.get_size()
    scale = dpi / 72.0
    if max_pixels_per_page is not None:
        pixels = width_pt * scale * height_pt * scale
        if pixels > max_pixels_per_page:  # huge page size: render smaller rather than refuse
            scale *= (max_pixels_per_page / pixels) ** 0.5
    try:
        bitmap = page.render(scale=scale, grayscale=not lighten_stamps, rev_byteorder=lighten_stamps)
        rendered = bitmap.to_numpy()  # a view of pdfium's buffer: a copy of a colour page is 26 MB more
        if lighten_stamps and rendered.ndim == 3:
            pixels_array = gray_without_coloured_ink(rendered[:, :, :3])
        else:
            pixels_array = np.array(rendered, dtype=np.uint8)
        del rendered
        bitmap.close()
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"damaged PDF: page {number} cannot be rendered") from exc
    finally:
        page.close()
    if pixels_array.ndim == 3:
        pixels_array = np.ascontiguousarray(pixels_array[:, :, 0])
    return pixels_array
