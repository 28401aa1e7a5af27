"""Weakly read numbers read again without the ink fainter than their print («7108» beside a pen's grey stroke).

A signature's or a stamp's faint stroke that touches a number is read as one more figure, and the number becomes
another (108 hours read as 7108, then dropped as impossible). The word's print is its darkest ink; ink lighter than
halfway from it to the paper is whitened in the word's crop, and the crop read again. The second reading replaces
the first only when it is sure and is the first with characters dropped: whitening faint ink can take a glyph
away, never make one.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from extractors.tesseract import TesseractEngine
from extractors.types import Box, Line, PageText, Word

WEAK = 0.6  # a number read less surely than this may hold a stroke that is not print …
SURE = 0.85  # … and is replaced by a reading without faint ink this sure
MIN_DIGITS = 2
FAINT_SHARE = 0.5  # ink lighter than this share of the way from the print to the paper is faint
MIN_CONTRAST = 80  # grey levels between a word's print and its paper for faint ink to be told from print
MAX_REREADS = 4  # per page: each costs a word read


def weak_numbers(page: PageText) -> list[tuple[int, int]]:
    """(line index, word index) of the weakly read words made mostly of figures."""
    found = [(line_index, word_index) for line_index, line in enumerate(page.lines)
             for word_index, word in enumerate(line.words)
             if word.confidence < WEAK and sum(ch.isdigit() for ch in word.text) >= MIN_DIGITS
             and sum(ch.isdigit() for ch in word.text) * 2 > len(word.text)]
    return found[:MAX_REREADS]


def without_faint_ink(image: np.ndarray, box: Box) -> np.ndarray | None:
    """The word's crop, framed in paper, with its faint ink whitened (None: no print to tell faint ink from)."""
    margin = max(3, box.height // 4)
    crop = image[max(0, box.top - margin):box.top + box.height + margin,
                 max(0, box.left - margin):box.left + box.width + margin]
    if crop.size == 0:
        return None
    print_level, paper = (float(level) for level in np.percentile(crop, (2, 90)))
    if paper - print_level < MIN_CONTRAST:
        return None
    cleaned = np.where(crop > print_level + FAINT_SHARE * (paper - print_level), 255, crop).astype(np.uint8)
    return cv2.copyMakeBorder(cleaned, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)


def dropped_only(first: str, second: str) -> bool:
    """`second` is `first` with one or more characters left out, and still a number (MIN_DIGITS figures: a sure
    single figure left of four is faint print lost, not a stroke taken away)."""
    if len(second) >= len(first) or sum(ch.isdigit() for ch in second) < MIN_DIGITS:
        return False
    rest = iter(first)
    return all(ch in rest for ch in second)  # a subsequence: each character found after the previous one


def reread_faint(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with each weak number read again without faint ink (unchanged when no reading qualifies)."""
    lines = list(page.lines)
    for line_index, word_index in weak_numbers(page):
        word = lines[line_index].words[word_index]
        cleaned = without_faint_ink(image, word.box)
        if cleaned is None:
            continue
        text, confidence = engine.ocr_word(cleaned, languages)
        if confidence >= SURE and dropped_only(word.text, text):
            words = list(lines[line_index].words)
            words[word_index] = Word(text, confidence, word.box)
            lines[line_index] = Line(tuple(words))
    return page if lines == list(page.lines) else dataclasses.replace(page, lines=tuple(lines))
