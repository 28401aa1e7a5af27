"""A flat, normalised view of the lines of all pages, with the means to trace a text span back to words."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.fields.normalize import fold_lookalike_words, normalize_word
from extractors.types import Box, FieldValue, PageText, Word


@dataclass(frozen=True)
class DocLine:
    """One normalised line: its text, the words it was built from and their character offsets."""

    index: int  # position in the whole document, reading order
    page_no: int
    text: str
    words: tuple[Word, ...]
    offsets: tuple[tuple[int, int], ...]  # (start, end) of each word in text
    rel_top: float  # 0 top of page .. 1 bottom
    rel_left: float
    rel_width: float

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        return tuple(w for w, (s, e) in zip(self.words, self.offsets, strict=True) if s < end and e > start)

    def span_confidence(self, start: int, end: int) -> float:
        words = self.words_in(start, end)
        return min((w.confidence for w in words), default=0.0)

    def span_box(self, start: int, end: int) -> Box | None:
        words = self.words_in(start, end)
        if not words:
            return None
        acc = words[0].box
        for word in words[1:]:
            acc = acc.union(word.box)
        return acc


@dataclass(frozen=True)
class Span:
    """A piece of text found on one or more consecutive lines."""

    lines: tuple[DocLine, ...]
    ranges: tuple[tuple[int, int], ...]  # (start, end) within each line

    @property
    def ocr_confidence(self) -> float:
        confs = [line.span_confidence(s, e) for line, (s, e) in zip(self.lines, self.ranges, strict=True)]
        return min(confs, default=0.0)

    @property
    def box(self) -> Box | None:
        acc: Box | None = None
        for line, (s, e) in zip(self.lines, self.ranges, strict=True):
            box = line.span_box(s, e)
            if box is not None:
                acc = box if acc is None else acc.union(box)
        return acc

    @property
    def page_no(self) -> int:
        return self.lines[0].page_no


def single_span(line: DocLine, start: int, end: int) -> Span:
    return Span((line,), ((start, end),))


def field_value(value: str | int | float | None, pattern_confidence: float, span: Span | None) -> FieldValue:
    """Combine the pattern's certainty with the OCR confidence of the words the value came from."""
    if value is None or span is None:
        return FieldValue(None, round(min(pattern_confidence, 0.2), 3))
    factor = ocr_factor(span.ocr_confidence)
    return FieldValue(value, round(max(0.0, min(1.0, pattern_confidence * factor)), 3), span.page_no, span.box)


def ocr_factor(ocr_confidence: float) -> float:
    """OCR confidence above 0.9 costs a field nothing; below it, it pulls the value down proportionally."""
    return min(1.0, 0.3 + ocr_confidence * 0.78)


def _merge(run: list[Word]) -> Word:
    box = run[0].box
    for word in run[1:]:
        box = box.union(word.box)
    return Word("".join(w.text for w in run), min(w.confidence for w in run), box)


def join_spaced_letters(words: Sequence[Word], min_run: int = 4) -> list[Word]:
    """Join letter-spaced titles («С Е Р Т И Ф И К А Т») back into words."""
    joined: list[Word] = []
    run: list[Word] = []
    for word in [*words, None]:
        if word is not None and len(word.text) == 1 and word.text.isalpha():
            run.append(word)
            continue
        joined.extend([_merge(run)] if len(run) >= min_run else run)
        run = []
        if word is not None:
            joined.append(word)
    return joined


# «обучения1 3.07.2024»: a label, then the day's first digit glued to it and split from the rest of the date
_LABEL_WITH_DIGIT = re.compile(r"^(.*[^\W\d_][:;.]?)([1-3])$")
_DATE_REST = re.compile(r"^\d[./,]\d")


def _days_unglued(words: Sequence[Word]) -> list[Word]:
    """The words with a day's first digit moved from the label it was read into back to its date (else the
    label's «1» is read as a Kazakh «і» and the date as the 3rd)."""
    moved = list(words)
    for index in range(len(moved) - 1):
        glued = _LABEL_WITH_DIGIT.match(moved[index].text)
        if glued is not None and _DATE_REST.match(moved[index + 1].text):
            moved[index] = dataclasses.replace(moved[index], text=glued.group(1))
            moved[index + 1] = dataclasses.replace(moved[index + 1], text=glued.group(2) + moved[index + 1].text)
    return moved


# «2023 ж. «1 1» шілде»: a quoted day's two figures read as two words
_QUOTED_DAY_START, _QUOTED_DAY_END = re.compile(r"^[«\"“„']\d$"), re.compile(r"^\d[»\"”']$")


def _quoted_days_joined(words: Sequence[Word]) -> list[Word]:
    """The words with a quoted day split in two («1 1») made one word again («11»)."""
    joined: list[Word] = []
    for word in words:
        if joined and _QUOTED_DAY_END.match(word.text) and _QUOTED_DAY_START.match(joined[-1].text):
            joined[-1] = _merge([joined[-1], word])
        else:
            joined.append(word)
    return joined


def _build_line(index: int, page: PageText, words: Sequence[Word]) -> DocLine | None:
    words = _quoted_days_joined(_days_unglued(join_spaced_letters(words)))
    parts: list[str] = []
    kept: list[Word] = []
    offsets: list[tuple[int, int]] = []
    cursor = 0
    for word in words:
        text = normalize_word(word.text)
        if not text:
            continue
        if parts:
            cursor += 1
        parts.append(text)
        kept.append(word)
        offsets.append((cursor, cursor + len(text)))
        cursor += len(text)
    if not kept:
        return None
    parts = fold_lookalike_words(parts)
    height = max(page.height, 1)
    width = max(page.width, 1)
    top = min(w.box.top for w in kept)
    left = min(w.box.left for w in kept)
    right = max(w.box.left + w.box.width for w in kept)
    return DocLine(index, page.page_no, " ".join(parts), tuple(kept), tuple(offsets),
                   top / height, left / width, (right - left) / width)


def build_lines(pages: Sequence[PageText]) -> tuple[DocLine, ...]:
    """Flatten the pages into normalised lines in reading order."""
    lines: list[DocLine] = []
    for page in sorted(pages, key=lambda p: p.page_no):
        for line in page.lines:
            built = _build_line(len(lines), page, line.words)
            if built is not None:
                lines.append(built)
    return tuple(lines)


@dataclass(frozen=True)
class DocText:
    """All lines joined by newlines, so patterns can run over line breaks and map back to lines."""

    lines: tuple[DocLine, ...]
    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, lines: tuple[DocLine, ...]) -> DocText:
        starts: list[int] = []
        cursor = 0
        for line in lines:
            starts.append(cursor)
            cursor += len(line.text) + 1
        return cls(lines, "\n".join(line.text for line in lines), tuple(starts))

    def line_at(self, pos: int) -> DocLine:
        index = bisect_right(self.starts, pos) - 1
        return self.lines[max(index, 0)]

    def span(self, start: int, end: int) -> Span:
        """The span of text[start:end], split over the lines it covers."""
        picked: list[DocLine] = []
        ranges: list[tuple[int, int]] = []
        for line, line_start in zip(self.lines, self.starts, strict=True):
            line_end = line_start + len(line.text)
            if line_end <= start or line_start >= end:
                continue
            picked.append(line)
            ranges.append((max(start, line_start) - line_start, min(end, line_end) - line_start))
        if not picked:
            line = self.line_at(start)
            return Span((line,), ((0, 0),))
        return Span(tuple(picked), tuple(ranges))
