"""Parses Tesseract TSV output into a PageText: words with boxes and 0..1 confidences, grouped into lines."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from extractors.types import Box, Line, PageText, Word

_WORD_LEVEL = "5"
_COLUMNS = 12  # level page block par line word left top width height conf text


def _word_from_fields(fields: list[str]) -> tuple[tuple[str, str, str], Word] | None:
    if len(fields) < _COLUMNS or fields[0] != _WORD_LEVEL:
        return None
    text = "\t".join(fields[11:]).strip()  # a tab inside text would have split it
    if not text:
        return None
    try:
        left, top, width, height = (int(value) for value in fields[6:10])
        confidence = float(fields[10])
    except ValueError:
        return None
    if confidence < 0:
        return None
    key = (fields[2], fields[3], fields[4])
    return key, Word(text=text, confidence=min(confidence, 100.0) / 100.0, box=Box(left, top, width, height))


ECHO_SHARE = 0.5  # this much of a word's width inside the word before it: the same ink read twice …
OVERWIDE = 1.8  # … unless that word's box is this many times wider per character than its line's other words


def overwide(word: Word, line_words: Sequence[Word]) -> bool:
    """Whether a word's box is far wider than its text needs beside the other words of its line: Tesseract ran
    the box on over the words after it («Выдано:» boxed over «1 декабря»)."""
    others = [other.box.width / len(other.text) for other in line_words if other is not word and len(other.text) >= 2]
    return bool(others) and word.box.width / max(1, len(word.text)) > OVERWIDE * median(others)


def _without_echoes(words: list[Word]) -> list[Word]:
    """Words minus the ones Tesseract read a second time from a neighbour's ink («Месі5КІІІ», then "5" over the
    same final «s»); words of one line never overlap so far otherwise, but for a box run on over its successors."""
    kept: list[Word] = []
    for word in words:
        before = kept[-1].box if kept else None
        if before is not None and word.box.width <= before.width and not overwide(kept[-1], words):
            inside = min(before.left + before.width, word.box.left + word.box.width) - max(before.left, word.box.left)
            if inside >= ECHO_SHARE * max(word.box.width, 1):
                continue
        kept.append(word)
    return kept


FLAT_SHARE = 0.2  # of the page's median word height: a "word" of letters or figures flatter than this is a ruling


def _without_flat_words(grouped: list[list[Word]]) -> list[list[Word]]:
    """The lines without words of letters or figures only a few pixels tall: a table's ruling read as «ЕЕ» or «22»
    at 0.1-0.2, 2 pixels high, which no glyph of a readable page is."""
    heights = [word.box.height for words in grouped for word in words if any(ch.isalnum() for ch in word.text)]
    if not heights:
        return grouped
    floor = FLAT_SHARE * median(heights)
    kept = [[word for word in words if word.box.height >= floor or not any(ch.isalnum() for ch in word.text)]
            for words in grouped]
    return [words for words in kept if words]


def parse_tsv_lines(tsv: str) -> tuple[Line, ...]:
    """Lines of words in the order Tesseract wrote them, one Line per (block, paragraph, line)."""
    grouped: dict[tuple[str, str, str], list[Word]] = {}
    for raw in tsv.splitlines():
        if not raw or raw.startswith("level"):
            continue
        parsed = _word_from_fields(raw.split("\t"))
        if parsed is None:
            continue
        key, word = parsed
        grouped.setdefault(key, []).append(word)
    return tuple(Line(words=tuple(_without_echoes(words))) for words in _without_flat_words(list(grouped.values())))


def blank_regions(tsv: str) -> tuple[Box, ...]:
    """Regions the layout analysis kept as pictures (a word with no text): stamps, seals, signatures, QR codes,
    frames; a text line touching one may have been dropped with it."""
    boxes = []
    for raw in tsv.splitlines():
        fields = raw.split("\t")
        if len(fields) < _COLUMNS or fields[0] != _WORD_LEVEL or "\t".join(fields[11:]).strip():
            continue
        try:
            box = Box(*(int(value) for value in fields[6:10]))
            if float(fields[10]) >= 0:  # -1: an empty slot, not a region Tesseract looked at
                boxes.append(box)
        except ValueError:
            continue
    return tuple(dict.fromkeys(boxes))


SAME_ROW_OVERLAP = 0.6  # of the shorter line's height: two lines side by side on one baseline
MAX_JOIN_GAP = 1.5  # line heights between the end of one and the start of the other
GLUE_GAP = 0.15  # word heights: two halves of a word split between blocks stand closer than a space


def _same_row(first: Box, second: Box) -> bool:
    overlap = min(first.top + first.height, second.top + second.height) - max(first.top, second.top)
    return overlap >= SAME_ROW_OVERLAP * min(first.height, second.height) > 0


def _side_by_side(first: Line, second: Line) -> bool:
    """Whether two lines sit on one row, the second starting where the first ends (as one printed line). On a
    tilted page the pieces' boxes drift apart (a rising «кстан медицина университеті» КЕАҚ» over 36 of its 67
    pixels beside «…Батыс Қаза»), while the words at the seam still stand on one row."""
    whole, other = first.box, second.box
    if whole is None or other is None:
        return False
    height = min(whole.height, other.height)
    gap = other.left - (whole.left + whole.width)
    last = max(first.words, key=lambda w: w.box.left + w.box.width)
    following = min(second.words, key=lambda w: w.box.left)
    return -0.2 * height <= gap <= MAX_JOIN_GAP * height and (_same_row(whole, other)
                                                                 or _same_row(last.box, following.box))


def _in_gap(outer: Line, inner: Box | None) -> bool:
    """Whether a line stands on another's row in the gap between two of its words (a tilted line split into
    blocks: «ТОО «Центр профессио» … «Денсаулық»» around «нального развития»)."""
    box = outer.box
    if box is None or inner is None:
        return False
    overlap = min(box.top + box.height, inner.top + inner.height) - max(box.top, inner.top)
    if overlap < SAME_ROW_OVERLAP * min(box.height, inner.height):
        return False
    slack = 0.2 * inner.height
    return any(before.box.left + before.box.width <= inner.left + slack
               and inner.left + inner.width <= after.box.left + slack
               for before, after in zip(outer.words, outer.words[1:], strict=False))


def _glued(before: Word, after: Word) -> Word | None:
    """One word of two halves a block boundary split («профессио» + «нального»): letters on both sides, no
    space's width between them."""
    gap = after.box.left - (before.box.left + before.box.width)
    height = min(before.box.height, after.box.height)
    if not (before.text[-1:].isalpha() and after.text[:1].isalpha() and after.text[:1].islower()) \
            or not -0.1 * height <= gap <= GLUE_GAP * height:
        return None
    return Word(before.text + after.text, min(before.confidence, after.confidence), before.box.union(after.box))


def _joined(first: Line, second: Line) -> Line:
    """Two pieces of one printed line as one, left to right, a word split at their seam glued again."""
    ordered = sorted([(w, 0) for w in first.words] + [(w, 1) for w in second.words], key=lambda item: item[0].box.left)
    words: list[Word] = []
    for index, (word, source) in enumerate(ordered):
        seam = index > 0 and ordered[index - 1][1] != source
        glued = _glued(words[-1], word) if seam else None
        if glued is not None:
            words[-1] = glued
        else:
            words.append(word)
    return Line(tuple(words))


def _pieces_of_one_line(lines: list[Line], boxes: list[Box | None], i: int, j: int) -> bool:
    return (_side_by_side(lines[i], lines[j]) or _side_by_side(lines[j], lines[i]) or _in_gap(lines[i], boxes[j])
            or _in_gap(lines[j], boxes[i]))


def join_split_lines(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Lines Tesseract put in different blocks though they continue each other on one row («г. Шымкент, 9» and
    «февраля 2023 г.», written out in the wrong order, or one in a gap of the other), joined left to right where
    the earlier one stood."""
    merged, boxes = list(lines), [line.box for line in lines]
    i = 0
    while i < len(merged):
        j = next((j for j in range(len(merged)) if j != i and _pieces_of_one_line(merged, boxes, i, j)), None)
        if j is None:
            i += 1
            continue
        at, gone = min(i, j), max(i, j)
        merged[at] = _joined(merged[i], merged[j])
        boxes[at] = merged[at].box
        del merged[gone], boxes[gone]
        i = at
    return tuple(merged)


def tsv_to_page(tsv: str, page_no: int, width: int, height: int, *, rotation: int = 0, skew: float = 0.0,
                language_hint: str | None = None) -> PageText:
    """A PageText (source "ocr") from one page of TSV text, lines split over blocks joined."""
    return PageText(page_no=page_no, width=width, height=height, lines=join_split_lines(parse_tsv_lines(tsv)),
                    source="ocr", rotation=rotation, skew=skew, language_hint=language_hint)
