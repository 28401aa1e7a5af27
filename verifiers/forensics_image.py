"""TAMPERED for page images: whited-out and retyped fields, pasted regions, a field set in another font size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.types import Box, Line, PageText, Word
from verifiers.flags import TAMPERED, Flag, make_flag
from verifiers.forensics_glyphs import (
    MIN_REFERENCE_CONFIDENCE,
    box_evidence,
    expand_box,
    glyph_findings,
    line_size_findings,
    overlaps,
)

# Thresholds tuned on rendered 1200x900 pages (tests/verifiers/test_forensics_image.py): 0 of 200 genuine pages
# with blur, JPEG q40-80, grain, shadows and stamps flagged (0 of 40 with Tesseract's own word boxes); the
# paper spread of genuine fields stayed >= 0.41 of the page's, painted patches mostly fall below 0.3.
MIN_REFERENCE_NOISE = 0.8  # paper spread below which the page is too clean to tell a painted patch from paper
FLAT_PATCH_RATIO = 0.38  # paper spread around a field / the page's, under which it is a painted patch
FOREIGN_NOISE_RATIO = 2.6  # field background noise this many times the page's: pasted from a noisier image
MIN_BACKGROUND_PIXELS = 80
MULTI_LINE_HEIGHT = 1.6  # a field box this many times a line's median height spans several lines
FIELD_MARGIN_SHARE = 0.15  # margin around a word box measured with it, as a share of the box height
INK_STEP = 15  # grey levels below the local paper brightness counted as ink
INK_REACH = 2  # px around ink that are not paper (antialiasing, JPEG ringing)
HEIGHT_DEVIATION = 0.2  # relative cap-height difference from the line's median
HEIGHT_ROBUST_Z = 4.0
BASELINE_DEVIATION = 0.5  # baseline offset as a share of the line's cap height
# A number against its own "№" only (one reference, so wider margins): on 36 genuine pages of the fraud corpus
# the number stood at most 1.26x the sign's height and 0.2 of it off its baseline; retyped 1.3x larger, 1.5x/0.5.
SIGN_HEIGHT_RATIO = 1.4
SIGN_BASELINE_DEVIATION = 0.35
NUMBER_FIELDS = ("cert_number",)
# On a page too clean to tell a painted patch from paper, grain pasted in from another image still shows: for the
# fields a forger changes, measured against at least this much paper noise (genuine fields on clean pages of the
# fraud corpora stayed <= 2.1 times it, numbers pasted onto such pages 2.8-4.7 times)
IDENTIFYING_FIELDS = ("cert_number", "holder_name")
CLEAN_PAGE_FLOOR = 0.4
# … where only what is this much darker than the page's paper counts as ink: heavy grain (sigma 14-22) pasted
# with a number put most of its own paper below the field's 90th percentile minus INK_STEP, so little paper was
# left to measure. So measured, 13 numbers pasted onto clean pages of five fraud corpora stood 5.3-17.6 times the
# floor; 391 untampered numbers and names on clean pages at most 2.3 times. Measured so on every page, 2456
# untampered numbers and names of fifteen corpora (16767-43434) stood at most 2.54 times their page's paper
# noise, and 3 of 80 pasted numbers the other measure missed stood out (so it is tried where that one finds none).
STRONG_INK = 40
_TALL_GLYPHS = frozenset("bdfhklt0123456789бйё№")
_DESCENDERS = frozenset("gjpqyрудцщфүұқңДЦЩҚҢQJ,;()[]{}")  # «д» stands on feet below the baseline, «қ» on a tail


@dataclass(frozen=True)
class _Region:
    """Background of one rectangle: the spread of its paper brightness and how many paper pixels it has."""

    noise: float
    pixels: int
    paper: float  # its paper's brightness (the 90th percentile)


# The words beside a pasted number on its line (its label) stood at most 0.39 of the number's paper noise on six
# fraud corpora (47 pastes); beside untampered numbers that passed for pasted, 0.51-0.85.
LINE_NOISE_SHARE = 0.5
MAX_REFERENCES = 16  # reference pieces per field: their median noise is steady from about a dozen


def _margin(box: Box) -> int:
    return max(2, round(FIELD_MARGIN_SHARE * box.height))


def _smoothed(gray: np.ndarray, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    """A patch after a 3x3 mean: keeps paper grain and texture that JPEG preserves, drops pixel-level jitter.

    Smoothed patch by patch (with a one-pixel frame from the page), never the whole page: a float copy of a
    large scan would cost a worker tens of megabytes."""
    outer_top, outer_left = max(0, top - 1), max(0, left - 1)
    outer = gray[outer_top:min(gray.shape[0], bottom + 1), outer_left:min(gray.shape[1], right + 1)]
    blurred = cv2.blur(outer.astype(np.float32), (3, 3))
    return blurred[top - outer_top:bottom - outer_top, left - outer_left:right - outer_left]


def background_mask(patch: np.ndarray, paper: float, ink_below: float | None) -> np.ndarray:
    """Paper pixels of a patch: away from ink (anything darker than `ink_below`, by default INK_STEP darker than
    the paper, dilated by 4 px)."""
    ink = (patch < (paper - INK_STEP if ink_below is None else ink_below)).astype(np.uint8)
    side = 2 * INK_REACH + 1
    return cv2.dilate(ink, np.ones((side, side), np.uint8)) == 0


def _background_mask_in_page(gray: np.ndarray, bounds: tuple[int, int, int, int], paper: float,
                             ink_below: float | None) -> np.ndarray:
    """background_mask of the page's patch top..bottom, left..right, with ink just outside it kept away too: the
    3x3 mean of its edge row takes in the page beyond, so a table's rule one pixel past the patch would darken
    that row and pass for grain (a name in a cell of a clean page, fraud 63434)."""
    top, bottom, left, right = bounds
    reach = INK_REACH + 1
    outer_top, outer_left = max(0, top - reach), max(0, left - reach)
    outer = gray[outer_top:min(gray.shape[0], bottom + reach), outer_left:min(gray.shape[1], right + reach)]
    mask = background_mask(outer, paper, ink_below)
    return mask[top - outer_top:bottom - outer_top, left - outer_left:right - outer_left]


def _detrended_std(values: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> float:
    """Spread of paper brightness after removing a plane (shadows and uneven lighting are not texture)."""
    design = np.column_stack([np.ones_like(rows), rows, cols]).astype(np.float64)
    coefficients, *_ = np.linalg.lstsq(design, values.astype(np.float64), rcond=None)
    return float(np.std(values - design @ coefficients))


def _region_stats(gray: np.ndarray, box: Box, ink_below: float | None = None) -> _Region | None:
    top, bottom, left, right = expand_box(box, _margin(box), gray.shape)
    if bottom - top < 3 or right - left < 3:
        return None
    patch = gray[top:bottom, left:right]
    paper = float(np.percentile(patch, 90))
    mask = _background_mask_in_page(gray, (top, bottom, left, right), paper, ink_below)
    rows, cols = np.nonzero(mask)
    if rows.size < MIN_BACKGROUND_PIXELS:
        return None
    values = _smoothed(gray, top, bottom, left, right)[mask]
    return _Region(_detrended_std(values, rows, cols), int(rows.size), paper)


def _reference_regions(gray: np.ndarray, lines: Sequence[Line], skip: Box,
                       ink_below: float | None = None) -> list[_Region]:
    """Background statistics of pieces of the other text lines as wide as the field (texture depends on size)."""
    pieces = []
    for line in lines:
        line_box = line.box
        if line_box is None or overlaps(line_box, skip) or overlaps(skip, line_box):
            continue
        for left in range(line_box.left, line_box.left + line_box.width - skip.width + 1, max(1, skip.width)):
            pieces.append(Box(left, line_box.top, skip.width, line_box.height))
    if len(pieces) > MAX_REFERENCES:  # spread over the page; more pieces cost time and say nothing new
        step = len(pieces) / MAX_REFERENCES
        pieces = [pieces[int(i * step)] for i in range(MAX_REFERENCES)]
    return [stats for piece in pieces if (stats := _region_stats(gray, piece, ink_below)) is not None]


def _spans_lines(page: PageText, box: Box) -> bool:
    """Whether the field's box takes in more than one line (a name wrapped in a table cell): its background
    then holds the gap between lines and the cell's rules, which single-line pieces cannot be compared with."""
    heights = [line.box.height for line in page.lines if line.box is not None]
    return bool(heights) and box.height > MULTI_LINE_HEIGHT * float(np.median(heights))


def _noise_findings(gray: np.ndarray, page: PageText, name: str, box: Box) -> list[Flag]:
    if _spans_lines(page, box):
        return []
    references = _reference_regions(gray, page.lines, box)
    if len(references) < 3:
        return []
    page_noise = float(np.median([r.noise for r in references]))
    clean_page = page_noise < MIN_REFERENCE_NOISE
    if clean_page and name not in IDENTIFYING_FIELDS:
        return []
    # on a clean page only the print is ink: grain heavy enough to pass for ink by the field's own paper level
    # would leave too little paper to measure
    ink_below = float(np.median([r.paper for r in references])) - STRONG_INK if clean_page else None
    field_stats = _region_stats(gray, box, ink_below)
    if field_stats is not None:
        ratio = field_stats.noise / max(page_noise, CLEAN_PAGE_FLOOR)
        evidence = {**box_evidence(page.page_no, box), "field": name, "noise": round(field_stats.noise, 2),
                    "page_noise": round(page_noise, 2), "ratio": round(ratio, 2)}
        if ratio <= FLAT_PATCH_RATIO and not clean_page:
            return [make_flag(TAMPERED, f"the paper around {name} is flatter than the rest of the page "
                              "(whited out and retyped?)", {**evidence, "kind": "flat_patch"})]
        if ratio >= FOREIGN_NOISE_RATIO and not _line_as_noisy(gray, page, box, ink_below, field_stats.noise):
            return _foreign_noise(name, evidence)
    if name in IDENTIFYING_FIELDS and not clean_page:  # grain passing for ink may have left no paper to measure
        return _heavy_grain_findings(gray, page, name, box, float(np.median([r.paper for r in references])))
    return []


def _line_as_noisy(gray: np.ndarray, page: PageText, box: Box, ink_below: float | None, noise: float) -> bool:
    """Whether the words beside the field on its own line stand in paper at least LINE_NOISE_SHARE as noisy: the
    noise is then the line's surroundings (a halo illumination levelling left round a bold line, where the rest
    of the page is clipped to white), not a patch pasted in with the field."""
    line = next((line for line in page.lines if any(overlaps(word.box, box) for word in line.words)), None)
    if line is None:
        return False
    beside = [word.box for word in line.words if not overlaps(word.box, box) and not overlaps(box, word.box)]
    left = [b for b in beside if b.left + b.width <= box.left]
    for side in (left, [b for b in beside if b.left >= box.left + box.width]):
        if not side:
            continue
        union = side[0]
        for word_box in side[1:]:
            union = union.union(word_box)
        stats = _region_stats(gray, union, ink_below)
        if stats is not None and stats.noise >= LINE_NOISE_SHARE * noise:
            return True
    return False


def _foreign_noise(name: str, evidence: dict[str, object]) -> list[Flag]:
    return [make_flag(TAMPERED, f"the paper around {name} has other noise than the rest of the page "
                      "(pasted from another image?)", {**evidence, "kind": "foreign_noise"})]


def _heavy_grain_findings(gray: np.ndarray, page: PageText, name: str, box: Box, paper: float) -> list[Flag]:
    """Grain pasted in with a number on a page with grain of its own: measured, like on a clean page, with only
    what is far darker than the paper taken for ink (the pasted grain's dark half would pass for ink and
    leave only its light half to measure), against the page measured alike."""
    references = _reference_regions(gray, page.lines, box, paper - STRONG_INK)
    field_stats = _region_stats(gray, box, paper - STRONG_INK)
    if len(references) < 3 or field_stats is None:
        return []
    page_noise = float(np.median([r.noise for r in references]))
    ratio = field_stats.noise / max(page_noise, CLEAN_PAGE_FLOOR)
    if ratio < FOREIGN_NOISE_RATIO or _line_as_noisy(gray, page, box, paper - STRONG_INK, field_stats.noise):
        return []
    return _foreign_noise(name, {**box_evidence(page.page_no, box), "field": name, "noise": round(field_stats.noise, 2),
                                 "page_noise": round(page_noise, 2), "ratio": round(ratio, 2), "ink": "strong"})


def _cap_height_words(words: Sequence[Word]) -> list[Word]:
    """Words whose box spans exactly cap height: a capital, digit or ascender, and no descender."""
    out = []
    for word in words:
        text = word.text.strip()
        if (len(text) < 2 and text != "№") or any(c in _DESCENDERS for c in text):
            continue
        if any(c.isupper() or c in _TALL_GLYPHS for c in text):
            out.append(word)
    return out


def _robust_spread(values: np.ndarray) -> tuple[float, float]:
    median = float(np.median(values))
    return median, max(1.4826 * float(np.median(np.abs(values - median))), 0.05 * median, 1.0)


def _size_flag(page: PageText, name: str, box: Box, evidence: dict[str, object]) -> list[Flag]:
    return [make_flag(TAMPERED, f"{name} is set in another size or baseline than the rest of its line",
                      {**box_evidence(page.page_no, box), "field": name, "kind": "font_size", **evidence})]


def _number_sign_findings(page: PageText, name: str, box: Box, line: Line, field_words: list[Word]) -> list[Flag]:
    """A number whose only neighbour is its "№": printed in one run, they share a size and a baseline."""
    first = line.words.index(field_words[0])
    sign = line.words[first - 1] if first > 0 else None
    measured = _cap_height_words(field_words)
    if sign is None or sign.text.strip() != "№" or not measured:
        return []
    sign_h, sign_b = sign.box.height, sign.box.top + sign.box.height
    field_h = float(np.median([w.box.height for w in measured]))
    field_b = float(np.median([w.box.top + w.box.height for w in measured]))
    ratio, base_off = field_h / max(sign_h, 1), abs(field_b - sign_b) / max(sign_h, 1)
    if (ratio >= SIGN_HEIGHT_RATIO or ratio <= 1 / SIGN_HEIGHT_RATIO) and base_off >= SIGN_BASELINE_DEVIATION:
        return _size_flag(page, name, box, {"height": field_h, "sign_height": sign_h,
                                            "baseline_offset": round(base_off, 2)})
    return []


def _size_findings(page: PageText, name: str, box: Box) -> list[Flag]:
    for line in page.lines:
        field_words = [w for w in line.words if overlaps(w.box, box)]
        if not field_words:
            continue
        # a ruling's dashes read «22» at 0.10 have the box of the dashes, not of figures
        others = _cap_height_words([w for w in line.words
                                    if not overlaps(w.box, box) and w.confidence >= MIN_REFERENCE_CONFIDENCE])
        measured = _cap_height_words(field_words)
        if len(others) < 2:
            return _number_sign_findings(page, name, box, line, field_words)
        if not measured:
            return []
        heights = np.array([w.box.height for w in others], dtype=float)
        bottoms = np.array([w.box.top + w.box.height for w in others], dtype=float)
        median_h, spread_h = _robust_spread(heights)
        median_b = float(np.median(bottoms))
        field_h = float(np.median([w.box.height for w in measured]))
        field_b = float(np.median([w.box.top + w.box.height for w in measured]))
        size_off = abs(field_h - median_h) / median_h
        z = abs(field_h - median_h) / spread_h
        base_off = abs(field_b - median_b) / median_h
        if (size_off >= HEIGHT_DEVIATION and z >= HEIGHT_ROBUST_Z) or base_off >= BASELINE_DEVIATION:
            return _size_flag(page, name, box, {"height": field_h, "line_height": median_h,
                                                "baseline_offset": round(base_off, 2)})
        return []
    return []


def image_tamper_findings(gray: np.ndarray, page: PageText, field_boxes: Mapping[str, Box]) -> tuple[Flag, ...]:
    """TAMPERED flags for fields of one upright grayscale page (uint8, the pixels the boxes refer to)."""
    if gray.ndim != 2 or gray.dtype != np.uint8 or gray.size == 0:
        return ()
    flags: list[Flag] = []
    for name, box in field_boxes.items():
        if box.width <= 0 or box.height <= 0:
            continue
        found = _noise_findings(gray, page, name, box) or _size_findings(page, name, box)
        if not found and name in NUMBER_FIELDS:
            found = glyph_findings(gray, page, name, box)
        flags.extend(found or line_size_findings(gray, page, name, box))
    return tuple(flags)
