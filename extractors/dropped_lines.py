"""Text lines the layout analysis dropped together with a stamp or signature beside them, read again as a block.

Tesseract's page segmentation may take a printed line that touches a stamp for part of the picture and return
neither («Дата выдачи 18.01.2023 г.» under a round seal). The rows around each stamp-sized blank region are
read again without layout analysis, with the words already read painted out, and the lines that hold real
words are put back into the page in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

import numpy as np

from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, Line, PageText, Word

MIN_REGION_HEIGHTS = 2.0  # a stamp or signature is at least this many text heights tall and wide
MAX_REGION_SHARE = 0.12  # of the page's area: larger blank regions are frames, backgrounds and photos
MAX_ASPECT = 4.0  # longer thin regions are rules and borders
MAX_BANDS = 4  # per page: each costs a block read
SURE_WORD = 0.85  # a recovered line must hold one word read this surely …
MIN_WORD_LETTERS = 3  # … with this many letters: stamp rings read as scattered letters and signs
JUNK_CONFIDENCE = 0.5  # weaker words lying wholly inside the stamp are its ink, not text
ERASE_MARGIN = 3  # px painted around each word already read


def _inside(inner: Box, outer: Box) -> bool:
    return (inner.left >= outer.left and inner.top >= outer.top and inner.left + inner.width <= outer.left + outer.width
            and inner.top + inner.height <= outer.top + outer.height)


def _overlap_share(word: Box, other: Box) -> float:
    ix = min(word.left + word.width, other.left + other.width) - max(word.left, other.left)
    iy = min(word.top + word.height, other.top + other.height) - max(word.top, other.top)
    return max(0, ix) * max(0, iy) / max(1, word.width * word.height)


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


def row_bands(regions: Sequence[Box], height: float, page_height: int) -> list[tuple[int, int]]:
    """Rows (top, bottom) around the regions, half a text line beyond each, overlapping bands joined."""
    pad = round(height / 2)
    spans = sorted((max(0, r.top - pad), min(page_height, r.top + r.height + pad)) for r in regions)
    bands: list[tuple[int, int]] = []
    for top, bottom in spans:
        if bands and top <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], bottom))
        else:
            bands.append((top, bottom))
    return bands[:MAX_BANDS]


def erased_band(image: np.ndarray, page: PageText, top: int, bottom: int) -> np.ndarray:
    """The band's rows with every word already read painted out in paper white."""
    band = image[top:bottom].copy()
    for line in page.lines:
        for word in line.words:
            box = word.box
            if box.top + box.height <= top or box.top >= bottom:
                continue
            band[max(0, box.top - top - ERASE_MARGIN):max(0, box.top + box.height - top + ERASE_MARGIN),
                 max(0, box.left - ERASE_MARGIN):box.left + box.width + ERASE_MARGIN] = 255
    return band


def _shifted(word: Word, top: int) -> Word:
    box = word.box
    return Word(word.text, word.confidence, Box(box.left, box.top + top, box.width, box.height))


def kept_lines(lines: Sequence[Line], top: int, regions: Sequence[Box], known: Sequence[Box]) -> list[Line]:
    """Recovered lines (band coordinates) that hold a sure real word, without stamp ink or words read before."""
    kept = []
    for line in lines:
        if not any(w.confidence >= SURE_WORD and sum(c.isalpha() for c in w.text) >= MIN_WORD_LETTERS
                   for w in line.words):
            continue
        words = [moved for word in line.words
                 if not any(_overlap_share((moved := _shifted(word, top)).box, box) >= 0.5 for box in known)
                 and not (word.confidence < JUNK_CONFIDENCE and any(_inside(moved.box, r) for r in regions))]
        if words:
            kept.append(Line(tuple(words)))
    return kept


def with_lines(page: PageText, added: Sequence[Line]) -> PageText:
    """The page with lines inserted before the first line that starts lower down."""
    lines = list(page.lines)
    for line in sorted(added, key=lambda item: item.words[0].box.top):
        top = line.words[0].box.top
        at = next((i for i, old in enumerate(lines) if old.words and old.words[0].box.top > top), len(lines))
        lines.insert(at, line)
    return PageText(page_no=page.page_no, width=page.width, height=page.height, lines=tuple(lines),
                    source=page.source, rotation=page.rotation, skew=page.skew, qr_payloads=page.qr_payloads,
                    language_hint=page.language_hint)


def recover_dropped_lines(page: PageText, image: np.ndarray, blanks: Sequence[Box], languages: str,
                          engine: TesseractEngine) -> PageText:
    """The page with the lines found again around its stamps and signatures (unchanged when none)."""
    height = text_height(page)
    regions = stamp_regions(blanks, page, height) if height else []
    if not regions:
        return page
    known = [word.box for line in page.lines for word in line.words]
    added: list[Line] = []
    for top, bottom in row_bands(regions, height, image.shape[0]):
        tsv = engine.ocr_block_tsv(erased_band(image, page, top, bottom), languages)
        added.extend(kept_lines(parse_tsv_lines(tsv), top, regions, known))
    return with_lines(page, added) if added else page
