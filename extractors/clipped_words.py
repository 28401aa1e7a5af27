"""Numeric dates whose last figure Tesseract left out of the word («27.07.202» printed 27.07.2022), read again.

The LSTM sometimes ends a line's last word a glyph early: the figure is printed plainly right after the box, and
the date read is no date (a three-figure year) or the wrong one (a two-figure year). A date-shaped word whose
year is short and which has a glyph of ink right after its box is read again with that glyph in its crop; the
second reading replaces it only when it is the first one with figures added and a four-figure year, read surely.
"""

from __future__ import annotations

import re

import numpy as np

from extractors.preprocess import INK_LEVEL, field_crop
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, Line, PageText, Word

SHORT_YEAR_DATE = re.compile(r"^[^\d]{0,2}(\d{1,2}[./,]\d{1,2}[./,]\d{1,3})[^\d]{0,2}$")
COMPLETE_DATE = re.compile(r"^[^\d]{0,2}(\d{1,2}[./,]\d{1,2}[./,](?:19|20)\d{2})[^\d]{0,3}$")
GLYPH_GAP = 0.5  # ink starting within this many of the word's heights after its box is its next glyph …
GLYPH_HEIGHT = 0.5  # … when it stands this share of the word's height (a speck or a rule is no figure)
LETTER_GAP = 0.25  # blank columns this many heights wide end the glyph
SURE = 0.8
MAX_REREADS = 4  # per page: each costs a line read


def _next_left(line: Line, index: int, image_width: int) -> int:
    after = [word.box.left for word in line.words[index + 1:]]
    return min(after) if after else image_width


def glyph_after(image: np.ndarray, box: Box, limit: int) -> int | None:
    """The right edge of a glyph of ink standing right after `box` (before column `limit`), or None."""
    start, stop = box.left + box.width, min(limit, box.left + box.width + 2 * box.height)
    if stop - start < 2:
        return None
    ink = image[box.top:box.top + box.height, start:stop] < INK_LEVEL
    inked = np.flatnonzero(ink.any(axis=0))
    if inked.size == 0 or inked[0] > GLYPH_GAP * box.height:
        return None
    gaps = np.flatnonzero(np.diff(inked) > LETTER_GAP * box.height)
    last = inked[gaps[0]] if gaps.size else inked[-1]
    rows = np.flatnonzero(ink[:, inked[0]:last + 1].any(axis=1))
    if rows[-1] - rows[0] + 1 < GLYPH_HEIGHT * box.height:
        return None
    return int(start + last + 1)


def clipped_dates(page: PageText, image: np.ndarray) -> list[tuple[int, int, Box]]:
    """(line index, word index, box with the glyph after it) of date-shaped words with a short year."""
    found = []
    for line_index, line in enumerate(page.lines):
        for word_index, word in enumerate(line.words):
            if not SHORT_YEAR_DATE.match(word.text):
                continue
            right = glyph_after(image, word.box, _next_left(line, word_index, image.shape[1]))
            if right is not None:
                found.append((line_index, word_index, Box(word.box.left, word.box.top, right - word.box.left,
                                                          word.box.height)))
    return found[:MAX_REREADS]


def completed(first: str, second: str, confidence: float) -> tuple[str, float] | None:
    """The second reading's date when it is the first one's with figures added to a four-figure year, sure."""
    short, full = SHORT_YEAR_DATE.match(first), COMPLETE_DATE.match(second.strip())
    if short is None or full is None or confidence < SURE:
        return None
    before, after = short.group(1), full.group(1)
    if not after.startswith(before) or len(after) <= len(before):
        return None
    return first[:short.start(1)] + after, confidence


def reread_clipped(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with each clipped date read again with the glyph after it (unchanged when none is found or no
    reading completes it)."""
    readings: dict[tuple[int, int], Word] = {}
    for line_index, word_index, box in clipped_dates(page, image):
        word = page.lines[line_index].words[word_index]
        tsv = engine.ocr_block_tsv(field_crop(image, box), languages)
        found = [done for line in parse_tsv_lines(tsv) for again in line.words
                 if (done := completed(word.text, again.text, again.confidence)) is not None]
        if found:
            readings[line_index, word_index] = Word(*found[0], box)
    return page.with_words(readings)
