"""Text lines the layout analysis dropped (beside a stamp, under a frame), read again as a block.

Tesseract's page segmentation may take a printed line that touches a stamp for part of the picture and return
neither («Дата выдачи 18.01.2023 г.» under a round seal), or drop the lines at the foot of a framed page. The
rows around each stamp-sized blank region, and rows of glyph-sized ink that no word read covers, are read again
without layout analysis, with the words already read painted out; the lines that hold real words are put back
into the page in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

import cv2
import numpy as np

from extractors.fields.hours import HOURS_AFTER_NUMBER
from extractors.preprocess import INK_LEVEL
from extractors.tesseract import TesseractEngine
from extractors.tsv import join_split_lines, parse_tsv_lines
from extractors.types import Box, Line, PageText, Word

MIN_REGION_HEIGHTS = 2.0  # a stamp or signature is at least this many text heights tall and wide
MAX_REGION_SHARE = 0.12  # of the page's area: larger blank regions are frames, backgrounds and photos
MAX_ASPECT = 4.0  # longer thin regions are rules and borders
MAX_AREAS = 6  # per page: each costs a block read
GLYPH_MIN, GLYPH_MAX, GLYPH_MAX_WIDTH = 0.35, 1.6, 2.5  # a glyph's height and width in text heights
MIN_ROW_INK = 2.0  # text heights of glyph boxes on a row for it to hold text
ROW_MIN, ROW_MAX = 0.5, 8.0  # a run of such rows, in text heights: a line, or lines run into a stamp's ring
SCAN_TEXT_HEIGHT = 12.0  # px: the ink is looked for on a copy where text is this tall …
MAX_SCAN_PIXELS = 4_000_000  # … and no larger than this (small print on a 16-MP page: +53 MB of labels)
SURE_WORD = 0.85  # a recovered line must hold one word read this surely …
MIN_WORD_LETTERS = 3  # … with this many letters: stamp rings read as scattered letters and signs …
MIN_WORD_DIGITS = 4  # … or this many digits (a date: «05.07.2023»)
JUNK_CONFIDENCE = 0.5  # weaker words lying wholly inside the stamp are its ink, not text
FULL_DATE = re.compile(r"(?<!\d)\d{1,2}\W{1,2}\d{1,2}\W{1,2}(?:19|20)\d{2}(?!\d)")  # «ыДано::22,05.2024»
ERASE_MARGIN = 3  # px painted around each word already read


def text_height(page: PageText) -> float:
    heights = [word.box.height for line in page.lines for word in line.words]
    return float(median(heights)) if heights else 0.0


def stamp_regions(blanks: Sequence[Box], page: PageText, height: float) -> list[Box]:
    """The blank regions shaped like a stamp or signature (not a frame, a rule or the whole page)."""
    page_area = page.width * page.height
    found = []
    for box in blanks:
        short, long = sorted((box.width, box.height))
        if short >= MIN_REGION_HEIGHTS * height and long <= MAX_ASPECT * short \
                and box.width * box.height <= MAX_REGION_SHARE * page_area:
            found.append(box)
    return found


def row_bands(regions: Sequence[Box], height: float, page: PageText) -> list[Box]:
    """Full-width strips around the regions, half a text line beyond each."""
    pad = round(height / 2)
    return [Box(0, max(0, r.top - pad), page.width, min(page.height, r.top + r.height + pad) - max(0, r.top - pad))
            for r in regions]


def _glyph_mask(image: np.ndarray, page: PageText, height: float, scale: float) -> np.ndarray:
    """1 over the bounding box of every glyph-sized ink blob that no word read covers, on a copy `scale` times
    the page's size (a full-size label image would cost a worker 4 bytes a pixel)."""
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    ink = (small < INK_LEVEL).astype(np.uint8)
    margin = ERASE_MARGIN * scale
    for line in page.lines:
        for word in line.words:
            box = word.box
            ink[max(0, int((box.top - margin) * scale)):int((box.top + box.height + margin) * scale) + 1,
                max(0, int((box.left - margin) * scale)):int((box.left + box.width + margin) * scale) + 1] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    mask = np.zeros_like(ink)
    glyph = height * scale
    for left, top, width, tall, _ in stats[1:count]:
        if GLYPH_MIN * glyph <= tall <= GLYPH_MAX * glyph and width <= GLYPH_MAX_WIDTH * glyph:
            mask[top:top + tall, left:left + width] = 1
    return mask


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True values."""
    padded = np.concatenate(([0], flags.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def uncovered_rows(image: np.ndarray, page: PageText, height: float) -> list[Box]:
    """Rows holding a few glyphs' width of ink that no word read covers, as boxes around that ink (page pixels)."""
    scale = min(1.0, SCAN_TEXT_HEIGHT / height, (MAX_SCAN_PIXELS / max(1, image.size)) ** 0.5)
    mask = _glyph_mask(image, page, height, scale)
    glyph, pad = height * scale, round(height / 2)
    found = []
    for top, bottom in _runs(mask.sum(axis=1) >= MIN_ROW_INK * glyph):
        if not ROW_MIN * glyph <= bottom - top <= ROW_MAX * glyph:
            continue
        columns = _runs(np.asarray(mask[top:bottom].any(axis=0)))
        left, right = (round(value / scale) for value in (columns[0][0], columns[-1][1]))
        top, bottom = round(top / scale), round(bottom / scale)
        found.append(Box(max(0, left - pad), max(0, top - pad), min(page.width, right + pad) - max(0, left - pad),
                         min(page.height, bottom + pad) - max(0, top - pad)))
    return found


def merged_areas(areas: Sequence[Box]) -> list[Box]:
    """Areas whose rows overlap joined into one (one block read each)."""
    joined: list[Box] = []
    for area in sorted(areas, key=lambda box: box.top):
        if joined and area.top < joined[-1].top + joined[-1].height:
            joined[-1] = joined[-1].union(area)
        else:
            joined.append(area)
    return joined


def erased_area(image: np.ndarray, page: PageText, area: Box) -> np.ndarray:
    """The area's pixels with every word already read painted out in paper white."""
    crop = image[area.top:area.top + area.height, area.left:area.left + area.width].copy()
    for line in page.lines:
        for word in line.words:
            box = word.box
            top, left = box.top - area.top - ERASE_MARGIN, box.left - area.left - ERASE_MARGIN
            bottom, right = top + box.height + 2 * ERASE_MARGIN, left + box.width + 2 * ERASE_MARGIN
            if bottom > 0 and right > 0 and top < crop.shape[0] and left < crop.shape[1]:
                crop[max(0, top):bottom, max(0, left):right] = 255
    return crop


def _real_word(word: Word) -> bool:
    """A word read surely with a few letters, or a date or number (stamp rings read as scattered signs), or a
    whole date read unsurely: a ring's letters never make one, and its low confidence goes on to the field."""
    if FULL_DATE.search(word.text):
        return True
    return word.confidence >= SURE_WORD and (sum(c.isalpha() for c in word.text) >= MIN_WORD_LETTERS
                                             or sum(c.isdigit() for c in word.text) >= MIN_WORD_DIGITS)


def kept_lines(lines: Sequence[Line], top: int, regions: Sequence[Box], known: Sequence[Box],
               left: int = 0) -> list[Line]:
    """Recovered lines (band coordinates) that hold a sure real word, without stamp ink or words read before."""
    kept = []
    for line in lines:
        if not any(_real_word(word) for word in line.words) and not HOURS_AFTER_NUMBER.search(line.text):
            continue  # («(60 ч.)»: hours with their unit, which a stamp's ring never spells, are real too)
        moved = [word.shifted(left, top) for word in line.words]
        words = [word for word, original in zip(moved, line.words, strict=True)
                 if not any(word.box.overlap_share(box) >= 0.5 for box in known)
                 and not (original.confidence < JUNK_CONFIDENCE and any(r.contains(word.box) for r in regions))]
        if words:
            kept.append(Line(tuple(words)))
    return kept


def with_lines(page: PageText, added: Sequence[Line]) -> PageText:
    """The page with lines inserted before the first line that starts lower down (and joined with a line they
    continue on the same row: two block reads may each return half of one printed line)."""
    lines = list(page.lines)
    for line in sorted(added, key=lambda item: item.words[0].box.top):
        top = line.words[0].box.top
        at = next((i for i, old in enumerate(lines) if old.words and old.words[0].box.top > top), len(lines))
        lines.insert(at, line)
    return PageText(page_no=page.page_no, width=page.width, height=page.height,
                    lines=join_split_lines(tuple(lines)), source=page.source, rotation=page.rotation,
                    skew=page.skew, qr_payloads=page.qr_payloads, language_hint=page.language_hint)


def recover_dropped_lines(page: PageText, image: np.ndarray, blanks: Sequence[Box], languages: str,
                          engine: TesseractEngine) -> PageText:
    """The page with the lines found again around its stamps and in uncovered ink (unchanged when none).

    Rows of uncovered ink are read on their own before the bands around stamps: merged into a band the row's
    line is read among the stamp's letters and lost."""
    height = text_height(page)
    if not height:
        return page
    regions = stamp_regions(blanks, page, height)
    rows = merged_areas(uncovered_rows(image, page, height))
    areas = [*rows, *merged_areas(row_bands(regions, height, page))][:MAX_AREAS]
    known = [word.box for line in page.lines for word in line.words]
    added: list[Line] = []
    for area in areas:
        tsv = engine.ocr_block_tsv(erased_area(image, page, area), languages, adaptive=True)
        found = kept_lines(parse_tsv_lines(tsv), area.top, regions, known, area.left)
        added.extend(found)
        known.extend(word.box for line in found for word in line.words)
    return with_lines(page, added) if added else page
