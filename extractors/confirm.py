"""A field read with low OCR confidence confirmed by a second, independent reading of its own crop.

Tesseract sometimes gives a plainly printed word no confidence at all («Выдано: 17.05.2023» at 0.00), which
would send a correct value to a reviewer. The field's crop is read again as a block; when that reading spells
the same characters, the field's confidence is computed again from the second reading's confidence.
"""

from __future__ import annotations

import dataclasses
import re

import cv2
import numpy as np

from extractors.fields.cert_number import find_numbers
from extractors.fields.date_roles import PRINTED_YEAR_CERTAINTY
from extractors.fields.dates import find_dates
from extractors.fields.document import ocr_factor
from extractors.fields.normalize import normalize_text, unquote
from extractors.preprocess import field_crop
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, FieldValue, PageText, Word

MIN_AGREEING_CONFIDENCE = 0.8  # every word the readings agree on must be read this surely once
_NOT_TEXT = re.compile(r"[\s«»\"“”„'`.,:;|]+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LATIN = re.compile(r"[A-Za-z]")
_GLUED_LABEL = re.compile(r"^[^\W\d_]{3,}[^\w\s]*(?=\d)")  # «обучения:2»: a label's letters before the day's digit
YEAR_WIDTH = 3.0  # box heights: room after a date's day and month for a year (and «г.») its first reading lost


def _spelling(text: str) -> str:
    """The characters that matter: no quotes, stops or spaces, every dash as "-" («7-8» and «7—8» agree)."""
    return _NOT_TEXT.sub("", unquote(text)).casefold()


def _dates_in(words: list[Word]) -> set[str]:
    # normalised as the fields were («ОЗ» февраля is the 3rd), or a mended day never agrees with itself
    return {day.isoformat() for mention in find_dates(normalize_text(" ".join(w.text for w in words)))
            for day in (mention.first, mention.last) if day is not None}


def _numbers_in(words: list[Word]) -> set[str]:
    return {mention.value for mention in find_numbers(normalize_text(" ".join(w.text for w in words)))}


def _telling(word: Word) -> bool:
    """A word that carries a date's value: a figure or a month's name, not «г.», «ж.» or «по»."""
    return any(char.isdigit() for char in word.text) or sum(char.isalpha() for char in word.text) >= 3


def _agreement(value: FieldValue, first: list[Word], second: list[Word]) -> float | None:
    """How surely the two readings agree on the value (None: they do not). They agree when they spell the same
    characters, or for a date, when both give it («2023 т. по» read again «2023 г. по»: a letter beside the
    value misread), and then only the words that tell the date must be sure."""
    if _spelling(" ".join(w.text for w in first)) == _spelling(" ".join(w.text for w in second)):
        if len(first) == len(second):  # word by word, each as sure as its surer reading («3» at 0.94, then 0.77)
            return min(max(one.confidence, other.confidence) for one, other in zip(first, second, strict=True))
        return min(word.confidence for word in second)
    telling = [word for word in second if _telling(word)]
    # a date the first reading gave no year for («26 апреля 2» under a stamp: the year was inferred) agrees with
    # a reading of the year's place that gives the whole date
    read_first = _dates_in(first) or {str(value.value)}
    if _ISO_DATE.match(str(value.value)) and telling and str(value.value) in read_first & _dates_in(second):
        return min(word.confidence for word in telling)
    # a certificate number both readings give, its «№» read otherwise («№К7-…» and "NeKZ-…" are KZ-…)
    if telling and str(value.value) in _numbers_in(first) & _numbers_in(second):
        return min(word.confidence for word in telling)
    return None


def confirmed(value: FieldValue, first: list[Word], second: list[Word]) -> FieldValue:
    """`value` with its confidence recomputed from `second` when both readings agree on it."""
    sure = _agreement(value, first, second) if first and second else None
    if sure is None or sure < MIN_AGREEING_CONFIDENCE:
        return value
    if not _dates_in(first) and str(value.value) in _dates_in(second):  # its year inferred, and now read in print
        return dataclasses.replace(value, confidence=round(max(value.confidence,
                                                                PRINTED_YEAR_CERTAINTY * ocr_factor(sure)), 3))
    pattern = value.confidence / ocr_factor(min(word.confidence for word in first))
    return dataclasses.replace(value, confidence=round(max(value.confidence, min(1.0, pattern * ocr_factor(sure))), 3))


def _without_glued_label(value: FieldValue, first: list[Word], image: np.ndarray
                         ) -> tuple[list[Word], np.ndarray] | None:
    """A date's words and pixels without a label Tesseract read into its first word («обучения:2 6.03.2024»,
    both at 0.00): the label's share of that word's characters is cut off its box, and the rest is framed in
    white paper (a margin of page would take the label's last letter back in)."""
    label = _GLUED_LABEL.match(first[0].text) if first and _ISO_DATE.match(str(value.value)) else None
    if label is None or value.box is None:
        return None
    word, box = first[0], value.box
    cut = word.box.left + word.box.width * label.end() // len(word.text)
    margin = max(4, box.height // 3)
    crop = image[max(0, box.top - margin):box.top + box.height + margin, cut:box.left + box.width + margin]
    framed = cv2.copyMakeBorder(crop, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    return [Word(word.text[label.end():], word.confidence, word.box), *first[1:]], framed


def _with_year_place(value: FieldValue, first: list[Word], image: np.ndarray) -> np.ndarray:
    """The field's crop; for a date its first reading gave no year for, widened over where the year is printed."""
    box = value.box
    assert box is not None
    if _ISO_DATE.match(str(value.value)) and not _dates_in(first):
        box = Box(box.left, box.top, min(image.shape[1] - box.left, box.width + round(YEAR_WIDTH * box.height)),
                  box.height)
    return field_crop(image, box)


def confirm_field(value: FieldValue, page: PageText, image: np.ndarray, engine: TesseractEngine) -> FieldValue:
    """A weakly read field read again from its crop, with the languages its page was read with."""
    if value.value is None or value.box is None or page.source != "ocr":
        return value
    first = page.words_in(value.box)
    first, crop = _without_glued_label(value, first, image) or (first, _with_year_place(value, first, image))
    languages = page.language_hint or "rus+kaz+eng"
    tsv = engine.ocr_block_tsv(crop, languages)
    second = [word for line in parse_tsv_lines(tsv) for word in line.words]
    sure = confirmed(value, first, second)
    if sure is not value or "eng" in languages or not _LATIN.search(str(value.value)):
        return sure
    # a value in Latin letters on a page read without the English model («KZ-…» on a Russian page, read «К7»)
    tsv = engine.ocr_block_tsv(crop, "eng")
    return confirmed(value, first, [word for line in parse_tsv_lines(tsv) for word in line.words])
