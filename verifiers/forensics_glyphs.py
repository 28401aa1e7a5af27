"""Glyph sizes measured in the pixels: digits of a number, or a whole field, retyped larger than their line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from extractors.types import Box, Line, PageText, Word
from verifiers.flags import TAMPERED, Flag, make_flag

# Glyphs of one number: a lining figure or capital is as tall as any other in the same type. Of the numbers read
# on 381 pages of four fraud corpora (seeds 31337, 2323, 3434, 4711) no genuine one split into two sizes; 10 of the
# 16 with changed digits retyped 1.3x larger did (the rest were retyped whole, leaving no printed digit to compare).
GLYPH_GROUP_RATIO = 1.2  # median height of the taller glyphs over the shorter ones …
GLYPH_GAP_RATIO = 1.12  # … with this clean gap between the two groups (shortest tall over tallest short)
MIN_SHORT_GLYPHS, MIN_TALL_GLYPHS = 2, 3  # a pair of brackets or slashes never makes the taller group
# A field against the capitals of its own line («Рег. номер ПК-83/682»), measured in pixels, so that a label whose
# words all have descenders («Регистрационный номер:») still gives the line's cap height. The field's second
# tallest glyph counts (a slash or one merged blob is no retyping). On 482 fields of untampered pages of five fraud
# corpora (seeds 16767-20101) the ratio stayed <= 1.15; numbers retyped 1.3x larger stood at 1.29 or more. (Seed
# 21212, run after: one genuine date beside a capital a stamp had cut short, now refused as a reference.)
LINE_CAP_RATIO = 1.2
MIN_CAP_OVER_SMALL = 1.2  # a capital stands at least this much above the small letters of its word, in any type
# Without a capital beside it, a number against the small letters of its label («Тіркеу нөмірі»): on 1,804 fields
# of eleven fraud corpora genuine numbers stood at most 1.52 times the lower quartile of those letters' heights,
# numbers retyped 1.3x larger at 1.74-1.88. (Dates not: a label such as «Сроки обучения» without a distinct
# capital let genuine dates reach 1.86.)
FIGURE_OVER_SMALL = 1.7
MIN_SMALL_LETTERS = 6
MIN_REFERENCE_CONFIDENCE = 0.5  # a scrap of a stamp's ring read as «27:» at 0.32 is no capital of the line
NEIGHBOUR_GAP = 2.0  # a gap this many field heights wide between words ends the field's phrase
NUMBER_RUN_GAP = 1.5  # «№ 001 174»: digits after the number within this many of its heights belong to it
LINE_SIZE_FIELDS = ("cert_number", "hours", "start_date", "end_date", "issue_date")
# glyphs whose height is the cap height whichever case the engine read them in: capitals whose small letter has
# another shape (not С/с, О/о, К/к…), digits and the «№»
_CAP_HEIGHT_GLYPHS = frozenset("АБЕЁРУФӘҒҚҢӨҰҮҺІABDEFGHJLMNQRTY0123456789№")


PIECE_SHARE = 0.1


class _Blob(NamedTuple):
    top: int
    bottom: int
    width: int
    height: int


def box_evidence(page_no: int, box: Box) -> dict[str, object]:
    return {"page_no": page_no, "box": {"left": box.left, "top": box.top, "width": box.width, "height": box.height}}


def expand_box(box: Box, margin: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of `box` grown by `margin`, inside an image of `shape`."""
    top, left = max(0, box.top - margin), max(0, box.left - margin)
    bottom = min(shape[0], box.top + box.height + margin)
    right = min(shape[1], box.left + box.width + margin)
    return top, bottom, left, right


def overlaps(word: Box, field: Box) -> bool:
    return word.width > 0 and word.height > 0 and word.overlap_share(field) >= 0.5


def _blobs(gray: np.ndarray, box: Box) -> list[_Blob]:
    """Ink blobs at least a third of the box high (no dots, commas or breves), in the box's coordinates; strokes
    broken across a few rows joined first (a «Б» whose hairline joint JPEG broke, a blurred «C» that Otsu's level
    cut in two: short pieces made a genuine «СМЕ-20225571» look like digits of two sizes)."""
    top, bottom, left, right = expand_box(box, 2, gray.shape)
    patch = gray[top:bottom, left:right]
    if patch.size < 50:
        return []
    # Otsu's level between ink and paper: a fixed one breaks thin strokes of small blurred print into pieces
    _, ink = cv2.threshold(patch, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((max(3, round(0.1 * box.height)), 1), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    _, pieces, piece_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = []
    for index in range(1, count):
        _, _, w, h, _ = stats[index]
        if h >= 0.35 * box.height:
            top, bottom = _extent_of_pieces(pieces[labels == index], piece_stats)
            blobs.append(_Blob(top, bottom, int(w), bottom - top))
    return [blob for blob in blobs if blob.height >= 0.35 * box.height]


def _extent_of_pieces(inside: np.ndarray, piece_stats: np.ndarray) -> tuple[int, int]:
    """Top and bottom row of the pieces of ink a closed blob joined that hold PIECE_SHARE of its ink at least: a
    stroke broken in two keeps both halves, a stamp's dotted remains joined under or over a glyph are left out
    («05» under a lifted stamp's ring stood 33 high for 28, fraud 66767)."""
    found, counts = np.unique(inside[inside > 0], return_counts=True)
    kept = found[counts >= PIECE_SHARE * counts.sum()]
    tops = piece_stats[kept, cv2.CC_STAT_TOP]
    return int(tops.min()), int((tops + piece_stats[kept, cv2.CC_STAT_HEIGHT]).max())


def glyph_heights(gray: np.ndarray, box: Box) -> list[int]:
    """Heights of the glyph-sized ink blobs in a box: not dots, hyphens or the small «o» of «№» (< 0.6 of the
    median), not thin strokes («/», brackets, «1», which stand taller or shorter by design), not stamp ink."""
    blobs = _blobs(gray, box)
    if not blobs:
        return []
    median = float(np.median([blob.height for blob in blobs]))
    return sorted(b.height for b in blobs if 0.6 * median <= b.height <= 1.7 * median and b.width >= 0.4 * b.height)


def two_glyph_sizes(heights: Sequence[int]) -> tuple[float, float] | None:
    """(shorter, taller) median heights when the glyphs split cleanly into two sizes, else None."""
    for cut in range(MIN_SHORT_GLYPHS, len(heights) - MIN_TALL_GLYPHS + 1):
        short, tall = heights[:cut], heights[cut:]
        if tall[0] >= GLYPH_GAP_RATIO * short[-1]:
            short_h, tall_h = float(np.median(short)), float(np.median(tall))
            if tall_h >= GLYPH_GROUP_RATIO * short_h:
                return short_h, tall_h
    return None


def glyph_findings(gray: np.ndarray, page: PageText, name: str, box: Box) -> list[Flag]:
    """A number with some of its digits set larger than the others: changed digits retyped in another size."""
    sizes = two_glyph_sizes(glyph_heights(gray, box))
    if sizes is None:
        return []
    return [make_flag(TAMPERED, f"{name} mixes glyphs of two sizes (some characters retyped?)",
                      {**box_evidence(page.page_no, box), "field": name, "kind": "glyph_size",
                       "glyph_heights": [round(sizes[0], 1), round(sizes[1], 1)]})]


def word_cap_height(gray: np.ndarray, word: Word) -> float | None:
    """From the word's baseline (where its larger glyphs end) to its highest glyph top: the cap height when the
    word holds a capital or a digit, whatever descenders it has («Дата», «Рег.»)."""
    blobs = _blobs(gray, word.box)
    if not blobs:
        return None
    tallest = max(blob.height for blob in blobs)
    baseline = float(np.median([blob.bottom for blob in blobs if blob.height >= 0.5 * tallest]))
    cap_height = baseline - min(blob.top for blob in blobs)
    # a capital no taller than the small letters beside it was damaged (a stamp lifted off its apex: «Алматы»)
    small = float(np.median([blob.height for blob in blobs]))
    if any(ch.islower() for ch in word.text) and not any(ch.isdigit() for ch in word.text) \
            and cap_height < MIN_CAP_OVER_SMALL * small:
        return None
    return cap_height


def _number_run(line: Line, box: Box) -> Box:
    """The number with the digit groups right after it: a size change may have made the engine split it."""
    run = box
    for word in sorted((w for w in line.words if w.box.left > box.left + box.width - 2), key=lambda w: w.box.left):
        if not any(ch.isdigit() for ch in word.text) or \
                word.box.left - (run.left + run.width) > NUMBER_RUN_GAP * box.height:
            break
        run = run.union(word.box)
    return run


def _phrase(line: Line, field: Box) -> list[Word]:
    """The line's words around the field up to a gap wider than NEIGHBOUR_GAP of its heights (a column's edge:
    a label in a column of its own may be set in another size)."""
    words = sorted(line.words, key=lambda w: w.box.left)
    inside = [i for i, word in enumerate(words) if overlaps(word.box, field)]
    if not inside:
        return []
    first, last = inside[0], inside[-1]
    limit = NEIGHBOUR_GAP * field.height
    while first > 0 and words[first].box.left - (words[first - 1].box.left + words[first - 1].box.width) <= limit:
        first -= 1
    while last + 1 < len(words) and words[last + 1].box.left - (words[last].box.left + words[last].box.width) <= limit:
        last += 1
    return words[first:last + 1]


def _is_reference(word: Word) -> bool:
    """A word with a capital of distinct shape or a digit, of two characters at least: a lone letter may be a small
    one read as a capital («г.» read «Е.»); the «№» alone is its own."""
    text = word.text.strip(".,:;")
    return (text == "№" or sum(ch.isalnum() for ch in text) >= 2) and any(ch in _CAP_HEIGHT_GLYPHS for ch in text)


def _line_cap_height(gray: np.ndarray, line: Line, field: Box) -> float | None:
    """The median cap height of the field's neighbours that hold a capital of distinct shape or a digit."""
    heights = [height for word in _phrase(line, field) if not overlaps(word.box, field) and _is_reference(word)
               and word.confidence >= MIN_REFERENCE_CONFIDENCE and (height := word_cap_height(gray, word)) is not None]
    return float(np.median(heights)) if heights else None


def _figure_heights(gray: np.ndarray, line: Line, field: Box) -> list[int]:
    """Glyph heights of the field's words that hold a figure (a date's month in words, often under a stamp's ring,
    is no retyped figure; a date retyped larger has its day and year larger too), else of the whole field."""
    figures = [word.box for word in line.words if overlaps(word.box, field) and any(ch.isdigit() for ch in word.text)]
    if not figures:
        return glyph_heights(gray, field)
    return sorted(height for box in figures for height in glyph_heights(gray, box))


def _line_x_height(gray: np.ndarray, line: Line, field: Box) -> float | None:
    """The small letters' height beside the field: the lower quartile of the glyph heights of its surely read
    neighbours (most small letters stand at the x-height; ascenders, descenders and dotted «і» stand taller)."""
    heights = [height for word in _phrase(line, field) if not overlaps(word.box, field)
               and word.confidence >= MIN_REFERENCE_CONFIDENCE and not any(ch.isdigit() for ch in word.text)
               for height in glyph_heights(gray, word.box)]
    return float(np.percentile(heights, 25)) if len(heights) >= MIN_SMALL_LETTERS else None


def line_size_findings(gray: np.ndarray, page: PageText, name: str, box: Box) -> list[Flag]:
    """A date, hours or number whose glyphs stand taller than the capitals and digits of the rest of its line, or
    a number, on a line with no capital of distinct shape, taller than its small letters allow."""
    if name not in LINE_SIZE_FIELDS:
        return []
    line = next((line for line in page.lines if any(overlaps(w.box, box) for w in line.words)), None)
    if line is None:
        return []
    field = _number_run(line, box) if name == "cert_number" else box
    heights = _figure_heights(gray, line, field)
    if len(heights) < 2:
        return []
    reference, kind, ratio = _line_cap_height(gray, line, field), "line_cap_height", LINE_CAP_RATIO
    if reference is None or reference <= 0:
        reference = _line_x_height(gray, line, field) if name == "cert_number" else None
        kind, ratio = "line_x_height", FIGURE_OVER_SMALL
    if reference is None or reference <= 0 or heights[-2] < ratio * reference:
        return []
    return [make_flag(TAMPERED, f"{name} is set larger than the rest of its line",
                      {**box_evidence(page.page_no, field), "field": name, "kind": kind, "height": heights[-2],
                       kind: round(reference, 1)})]
