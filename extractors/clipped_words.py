"""Numeric dates whose first or last figure Tesseract left out of the word, read again.

The LSTM sometimes ends a line's last word a glyph early: the figure is printed plainly right after the box, and
the date read is no date (a three-figure year, «27.07.202» printed 27.07.2022) or the wrong one (a two-figure
year). A date-shaped word whose year is short and which has a glyph of ink right after its box is read again with
that glyph in its crop. Its first figure is lost the same way into the word before it, most often where a table's
ruling runs through the figure («обучения? 0.01.2025» printed «обучения: 20.01.2025»): a date whose day has one
figure and which has a glyph right before its box is read again with that glyph, the rulings whitened. The second
reading replaces the first only when it is the first one with figures added, a full date, read surely.
"""

from __future__ import annotations

import re

import numpy as np

from extractors.faint_ink import crop_without_rulings
from extractors.preprocess import INK_LEVEL
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, Line, PageText, Word

SHORT_YEAR_DATE = re.compile(r"^[^\d]{0,2}(\d{1,2}[./,]\d{1,2}[./,]\d{1,3})[^\d]{0,2}$")
SHORT_DAY_DATE = re.compile(r"^[^\d]{0,2}(\d[./,]\d{1,2}[./,](?:19|20)\d{2})[^\d]{0,3}$")
COMPLETE_DATE = re.compile(r"^[^\d]{0,2}(\d{1,2}[./,]\d{1,2}[./,](?:19|20)\d{2})[^\d]{0,3}$")
GLYPH_GAP = 0.5  # ink starting within this many of the word's heights after its box is its next glyph …
GLYPH_HEIGHT = 0.5  # … when it stands this share of the word's height (a speck or a rule is no figure)
LETTER_GAP = 0.25  # blank columns this many heights wide end the glyph
SURE = 0.8
LOST_FIGURE = 1.1  # of the word's mean glyph width: a figure lost before its box is read from this far left (a
# ruling or a label's colon further left makes the second reading unsure)
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


def glyph_before(image: np.ndarray, box: Box, limit: int) -> int | None:
    """The left edge of a glyph of ink standing right before `box` (after column `limit`), or None: glyph_after
    on the page seen in a mirror."""
    width = image.shape[1]
    mirrored = Box(width - box.left - box.width, box.top, box.width, box.height)
    right = glyph_after(image[:, ::-1], mirrored, width - limit)
    return None if right is None else width - right


def _previous_right(line: Line, index: int) -> int:
    return max((word.box.left + word.box.width for word in line.words[:index]), default=0)


def _with_lost_figure(image: np.ndarray, line: Line, index: int) -> Box | None:
    """The word's box widened to the glyph standing where a figure it lacks would be printed, or None."""
    box, text = line.words[index].box, line.words[index].text
    if SHORT_YEAR_DATE.match(text):
        right = glyph_after(image, box, _next_left(line, index, image.shape[1]))
        return None if right is None else Box(box.left, box.top, right - box.left, box.height)
    if SHORT_DAY_DATE.match(text) and glyph_before(image, box, _previous_right(line, index)) is not None:
        left = max(0, box.left - round(LOST_FIGURE * box.width / len(text)))
        return Box(left, box.top, box.left + box.width - left, box.height)
    return None


def clipped_dates(page: PageText, image: np.ndarray) -> list[tuple[int, int, Box]]:
    """(line index, word index, box with the glyph of its lost figure) of date-shaped words short of a figure."""
    found = [(line_index, word_index, widened) for line_index, line in enumerate(page.lines)
             for word_index in range(len(line.words))
             if (widened := _with_lost_figure(image, line, word_index)) is not None]
    return found[:MAX_REREADS]


def completed(first: str, second: str, confidence: float) -> tuple[str, float] | None:
    """The second reading's date when it is the first one's with figures added (to a four-figure year, or before
    a one-figure day), read surely."""
    full = COMPLETE_DATE.match(second.strip())
    if full is None or confidence < SURE:
        return None
    after = full.group(1)
    if (short := SHORT_YEAR_DATE.match(first)) is not None:
        before = short.group(1)
        return (first[:short.start(1)] + after, confidence) if after.startswith(before) and after != before else None
    if (short := SHORT_DAY_DATE.match(first)) is not None:
        before = short.group(1)
        return (after + first[short.end(1):], confidence) if after.endswith(before) and after != before else None
    return None


def reread_clipped(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with each clipped date read again with the glyph of its lost figure, table rulings whitened
    (unchanged when none is found or no reading completes it)."""
    readings: dict[tuple[int, int], Word] = {}
    for line_index, word_index, box in clipped_dates(page, image):
        word = page.lines[line_index].words[word_index]
        tsv = engine.ocr_block_tsv(crop_without_rulings(image, box), languages)
        found = [done for line in parse_tsv_lines(tsv) for again in line.words
                 if (done := completed(word.text, again.text, again.confidence)) is not None]
        if found:
            readings[line_index, word_index] = Word(*found[0], box)
    return page.with_words(readings)
