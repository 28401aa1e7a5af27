"""Weakly read numbers read again without ink that is not their print: a pen's grey stroke, a table's ruling.

A signature's or a stamp's faint stroke that touches a number is read as one more figure, and the number becomes
another (108 hours read as 7108, then dropped as impossible). The word's print is its darkest ink; ink lighter than
halfway from it to the paper is whitened in the word's crop, and the crop read again. A table cell's ruling beside
the number is read into it too («\\(54» at 0.46): an upright run of ink much taller than the page's words is a
ruling, as is a row of ink across the whole crop, and they are whitened as well. The second reading replaces the
first only when it is sure and is the first with characters dropped (whitening ink can take a glyph away, never
make one), with one figure changed (the stray ink had made one figure look like another: «2093» for 2023), or a
date printed in full of which the first reading had lost a figure.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from extractors.preprocess import field_crop_box
from extractors.tesseract import TesseractEngine
from extractors.types import Box, PageText, Word

WEAK = 0.75  # a number read less surely than this may hold a stroke that is not print («(4144» at 0.66) or a
# stutter of the LSTM («20224» at 0.71 for a plainly printed 2024) …
# … or, glued to an opening bracket or quote («(19» at 0.88 for a plainly printed «(18 сағат)», fraud 64545: the
# bracket's curve taken into the first figures' context), less surely than this
GLUED_WEAK = 0.9
SURE = 0.85  # … and is replaced by a reading without faint ink this sure
MIN_DIGITS = 2
FAINT_SHARE = 0.5  # ink lighter than this share of the way from the print to the paper is faint
MIN_CONTRAST = 80  # grey levels between a word's print and its paper for faint ink to be told from print
MAX_REREADS = 4  # per page: each costs a word read
RULING_HEIGHTS = 1.6  # an upright run of ink this many times the page's median word height is a ruling
RULING_INK_SHARE = 0.25  # of the way from the paper to the print: a grey ruling is this dark at least
RULING_SHARE = 0.95  # a row of the word's crop dark over this share of its width is a ruling
EDGE = 2  # pixels of a glyph's grey edge outside the box Tesseract drew round its ink


def weak_numbers(page: PageText) -> list[tuple[int, int]]:
    """(line index, word index) of the weakly read words made mostly of figures."""
    found = [(line_index, word_index) for line_index, line in enumerate(page.lines)
             for word_index, word in enumerate(line.words)
             if word.confidence < (GLUED_WEAK if word.text[:1] in _OPENING else WEAK)
             and sum(ch.isdigit() for ch in word.text) >= MIN_DIGITS
             and sum(ch.isdigit() for ch in word.text) * 2 > sum(ch.isalnum() for ch in word.text)]
    return sorted(found, key=lambda at: page.lines[at[0]].words[at[1]].confidence)[:MAX_REREADS]  # weakest first


_OPENING = frozenset("([«\"“„")


def _rulings(ink: np.ndarray, length: int) -> np.ndarray:
    """Where `ink` holds a ruling: an upright run `length` long at least (slanting by a pixel in its run), or a
    row inked across the width; widened by the grey of their edges."""
    widened = cv2.dilate(ink.astype(np.uint8), np.ones((1, 3), np.uint8))
    upright = cv2.morphologyEx(widened, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    upright[ink.mean(axis=1) >= RULING_SHARE, :] = 1  # and the rows inked across
    return cv2.dilate(upright, np.ones((3, 3), np.uint8)) > 0


def crop_without_rulings(image: np.ndarray, box: Box) -> np.ndarray:
    """`box`'s field crop with the table rulings in it and the ink beside the box whitened. A ruling is told from
    print by its length (longer than RULING_HEIGHTS of the box's height), so it is looked for in a window a box's
    height taller each way; it is often printed grey, so ink a quarter of the way from the paper to the print
    counts."""
    crop = field_crop_box(image.shape, box)
    top = max(0, crop.top - box.height)
    window = image[top:crop.top + crop.height + box.height, crop.left:crop.left + crop.width]
    print_level, paper = (float(level) for level in np.percentile(window, (2, 90)))
    ink = window < paper - RULING_INK_SHARE * (paper - print_level)
    ruling = _rulings(ink, max(2, round(RULING_HEIGHTS * box.height)))
    cleaned = np.where(ruling, 255, window).astype(np.uint8)[crop.top - top:crop.top - top + crop.height]
    left = box.left - crop.left  # beside the box, beyond a glyph's grey edge, is a neighbour's ink
    cleaned[:, :max(0, left - EDGE)] = 255
    cleaned[:, left + box.width + EDGE:] = 255
    return cleaned


def without_stray_ink(image: np.ndarray, box: Box, word_height: float) -> np.ndarray | None:
    """The word's crop, framed in paper, with its faint ink and rulings (upright runs taller than RULING_HEIGHTS
    words of `word_height`) whitened (None: no print to tell faint ink from)."""
    margin = max(3, box.height // 4)
    crop = image[max(0, box.top - margin):box.top + box.height + margin,
                 max(0, box.left - margin):box.left + box.width + margin]
    if crop.size == 0:
        return None
    print_level, paper = (float(level) for level in np.percentile(crop, (2, 90)))
    if paper - print_level < MIN_CONTRAST:
        return None
    ink_level = print_level + FAINT_SHARE * (paper - print_level)
    ruling = _rulings(crop <= ink_level, max(2, round(RULING_HEIGHTS * word_height)))
    cleaned = np.where((crop > ink_level) | ruling, 255, crop).astype(np.uint8)
    left = box.left - max(0, box.left - margin)  # beside the box, beyond a glyph's grey edge, is a neighbour's ink
    cleaned[:, :max(0, left - EDGE)] = 255
    cleaned[:, left + box.width + EDGE:] = 255
    return _framed(cleaned, ink_level)


def _framed(cleaned: np.ndarray, ink_level: float) -> np.ndarray | None:
    """The ink left in `cleaned` framed in paper as a word of its own height (a ruling's length in the box left a
    tall crop, which Tesseract misread); None when no ink is left."""
    rows, columns = np.nonzero(cleaned <= ink_level)
    if rows.size == 0:
        return None
    kept = cleaned[max(0, rows.min() - EDGE):rows.max() + EDGE + 1,
                   max(0, columns.min() - EDGE):columns.max() + EDGE + 1]
    frame = max(3, int(rows.max() - rows.min()) // 4)
    return cv2.copyMakeBorder(kept, frame, frame, frame, frame, cv2.BORDER_CONSTANT, value=255)


def dropped_only(first: str, second: str) -> bool:
    """`second` is `first` with one or more characters left out, and still a number (MIN_DIGITS figures: a sure
    single figure left of four is faint print lost, not a stroke taken away)."""
    if len(second) >= len(first) or sum(ch.isdigit() for ch in second) < MIN_DIGITS:
        return False
    rest = iter(first)
    return all(ch in rest for ch in second)  # a subsequence: each character found after the previous one


def one_figure_changed(first: str, second: str) -> bool:
    """`second` holds as many figures as `first` and differs from it in one of them at most («2093» read surely
    «2023»): the same number, a figure the stray ink had turned into another."""
    figures, again = [ch for ch in first if ch.isdigit()], [ch for ch in second if ch.isdigit()]
    return len(figures) == len(again) >= MIN_DIGITS and sum(a != b for a, b in zip(figures, again, strict=True)) <= 1


_FULL_DATE = re.compile(r"\d{2}[./-]\d{2}[./-]\d{4}")


def figure_restored(first: str, second: str) -> bool:
    """`second` is a date printed in full, two figures of day and month and four of the year, and `first` is it
    with one figure lost («1.11.2022» at 0.55 for «11.11.2022», fraud 69090): whitening takes ink away, so the
    figure came back from print the first reading missed, not from a stroke."""
    core = second.strip(".,;: ")
    figures = sum(ch.isdigit() for ch in first)
    return (_FULL_DATE.fullmatch(core) is not None and figures + 1 == sum(ch.isdigit() for ch in core)
            and dropped_only(core, first.strip(".,;: ")))


def reread_faint(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with each weak number read again without faint ink (unchanged when no reading qualifies)."""
    weak = weak_numbers(page)
    word_height = float(np.median([w.box.height for line in page.lines for w in line.words])) if weak else 0.0
    readings: dict[tuple[int, int], Word] = {}
    for line_index, word_index in weak:
        word = page.lines[line_index].words[word_index]
        cleaned = without_stray_ink(image, word.box, word_height)
        if cleaned is None:
            continue
        text, confidence = engine.ocr_word(cleaned, languages, one_word=False)
        if confidence >= SURE and (dropped_only(word.text, text) or one_figure_changed(word.text, text)
                                   or figure_restored(word.text, text)):
            readings[line_index, word_index] = Word(text, confidence, word.box)
    return page.with_words(readings)
