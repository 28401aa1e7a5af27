"""A field read with low OCR confidence confirmed by a second, independent reading of its own crop.

Tesseract sometimes gives a plainly printed word no confidence at all («Выдано: 17.05.2023» at 0.00), which
would send a correct value to a reviewer. The field's crop is read again as a block; when that reading spells
the same characters, the field's confidence is computed again from the second reading's confidence.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from extractors.fields.document import ocr_factor
from extractors.fields.normalize import unquote
from extractors.preprocess import field_crop
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import FieldValue, PageText, Word

MIN_AGREEING_CONFIDENCE = 0.8  # every word the readings agree on must be read this surely once
_NOT_TEXT = re.compile(r"[\s«»\"“”„'`.,:;|]+")


def _spelling(text: str) -> str:
    """The characters that matter: no quotes, stops or spaces, every dash as "-" («7-8» and «7—8» agree)."""
    return _NOT_TEXT.sub("", unquote(text)).casefold()


def confirmed(value: FieldValue, first: list[Word], second: list[Word]) -> FieldValue:
    """`value` with its confidence recomputed from `second` when both readings spell the same characters."""
    if not first or not second or _spelling(" ".join(w.text for w in first)) != \
            _spelling(" ".join(w.text for w in second)):
        return value
    sure = min(word.confidence for word in second)
    if len(first) == len(second):  # word by word, each as sure as its surer reading («3» at 0.94, then 0.77)
        sure = min(max(one.confidence, other.confidence) for one, other in zip(first, second, strict=True))
    if sure < MIN_AGREEING_CONFIDENCE:
        return value
    pattern = value.confidence / ocr_factor(min(word.confidence for word in first))
    return dataclasses.replace(value, confidence=round(max(value.confidence, min(1.0, pattern * ocr_factor(sure))), 3))


def confirm_field(value: FieldValue, page: PageText, image: np.ndarray, engine: TesseractEngine) -> FieldValue:
    """A weakly read field read again from its crop, with the languages its page was read with."""
    if value.value is None or value.box is None or page.source != "ocr":
        return value
    first = page.words_in(value.box)
    tsv = engine.ocr_block_tsv(field_crop(image, value.box), page.language_hint or "rus+kaz+eng")
    second = [word for line in parse_tsv_lines(tsv) for word in line.words]
    return confirmed(value, first, second)
