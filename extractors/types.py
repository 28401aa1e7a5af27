"""Frozen value types passed between the readers, the field extractors and the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

FIELD_NAMES: tuple[str, ...] = (
    "holder_name",
    "cert_number",
    "issuer",
    "program",
    "hours",
    "start_date",
    "end_date",
    "issue_date",
)
DOC_TYPES: tuple[str, ...] = (
    "advanced_training",
    "internship",
    "seminar",
    "online_course",
    "conference",
    "publication",
    "diploma",
    "specialist_certificate",
    "translation",
    "other",
)
TextSource = Literal["text_layer", "ocr"]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in page pixels (text-layer pages: PDF points scaled to 72 dpi)."""

    left: int
    top: int
    width: int
    height: int

    def union(self, other: Box) -> Box:
        left = min(self.left, other.left)
        top = min(self.top, other.top)
        right = max(self.left + self.width, other.left + other.width)
        bottom = max(self.top + self.height, other.top + other.height)
        return Box(left, top, right - left, bottom - top)

    def overlap_share(self, other: Box) -> float:
        """The share of this box's area that `other` covers."""
        ix = min(self.left + self.width, other.left + other.width) - max(self.left, other.left)
        iy = min(self.top + self.height, other.top + other.height) - max(self.top, other.top)
        return max(0, ix) * max(0, iy) / max(1, self.width * self.height)

    def holds_middle_of(self, other: Box) -> bool:
        """Whether `other`'s middle lies in this box (a word belongs to the field whose box holds its middle)."""
        middle_x, middle_y = other.left + other.width / 2, other.top + other.height / 2
        return self.left <= middle_x <= self.left + self.width and self.top <= middle_y <= self.top + self.height

    def contains(self, other: Box) -> bool:
        return (other.left >= self.left and other.top >= self.top and other.left + other.width <= self.left + self.width
                and other.top + other.height <= self.top + self.height)


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0..1; 1.0 for text-layer words
    box: Box

    def shifted(self, left: int, top: int) -> Word:
        """The word read in a crop, moved to the page by the crop's top-left corner."""
        box = self.box
        return Word(self.text, self.confidence, Box(box.left + left, box.top + top, box.width, box.height))


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)

    @property
    def box(self) -> Box | None:
        boxes = [w.box for w in self.words]
        if not boxes:
            return None
        acc = boxes[0]
        for b in boxes[1:]:
            acc = acc.union(b)
        return acc


@dataclass(frozen=True)
class PageText:
    """What was read from one page, in reading order."""

    page_no: int  # 1-based
    width: int
    height: int
    lines: tuple[Line, ...]
    source: TextSource
    rotation: int = 0  # degrees clockwise that were applied to make the page upright
    skew: float = 0.0  # degrees of deskew applied
    qr_payloads: tuple[str, ...] = ()
    language_hint: str | None = None  # script/language the OCR engine was run with, e.g. "rus+kaz"

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def mean_confidence(self) -> float:
        words = [w for line in self.lines for w in line.words]
        return sum(w.confidence for w in words) / len(words) if words else 0.0

    def words_in(self, box: Box) -> list[Word]:
        """The words whose middle lies in `box` (a field's words), in reading order."""
        return [word for line in self.lines for word in line.words if box.holds_middle_of(word.box)]

    def with_words(self, readings: dict[tuple[int, int], Word]) -> PageText:
        """The page with the words at (line index, word index) read again as given (itself when none is)."""
        if not readings:
            return self
        lines = tuple(Line(tuple(readings.get((line_index, word_index), word)
                                 for word_index, word in enumerate(line.words)))
                      for line_index, line in enumerate(self.lines))
        return replace(self, lines=lines)


@dataclass(frozen=True)
class FieldValue:
    """One read field: value (None when not found), confidence 0..1 and where it was read."""

    value: str | int | float | None
    confidence: float
    page_no: int | None = None
    box: Box | None = None


@dataclass(frozen=True)
class Extraction:
    """The fields of one document as read, before any verification."""

    doc_type: str
    doc_type_confidence: float
    language: str | None
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    qr_payloads: tuple[str, ...] = ()
    issuer_alternatives: tuple[FieldValue, ...] = ()  # other lines that may name the issuer, best first
    business_ids: tuple[str, ...] = ()  # BINs printed on the document (the issuer's, in its header or stamp)
