"""Finding a stamp's round blob of coloured ink on a page and lifting its faded ink off the print beneath it."""

from __future__ import annotations

import cv2
import numpy as np

from extractors.types import Box

# A scanned, faded or re-compressed stamp's ink is only mildly coloured (blue stamp ink measured at RGB 77/85/128:
# channel spread ~50), too little for the page-wide rule that lightens strongly coloured ink only, which must
# leave coloured print (a dark red title, a navy header) readable. Inside a stamp's own box the weaker rule holds.
STAMP_INK = 30  # max - min channel spread above which a pixel inside a stamp's box is the stamp's ink
MASK_SCALE = 4  # the ink mask is searched for stamps at a quarter of the page's resolution
CLOSE_SHARE = 0.012  # ring, inner text and signature strokes merge into one blob over gaps this share of the width
STAMP_SIDE = (0.08, 0.5)  # a stamp's width and height as shares of the page's shorter side
MAX_ARCS = 40  # pieces of a page's coloured ink, the largest first, tried for arcs of one ring
STAMP_ASPECT = 1.67  # round or square: neither side longer than this many times the other (a text line is)
PRINT_LUMA = 100  # darker than this and uncoloured: black print, which a stamp's removal must keep
# … or darker than this share of a pale stamp's ink level: grey print (luma 107 under ink at 165) is print too
PRINT_SHARE = 0.75
# Black print where the stamp's ink lies over it comes out tinted (RGB 43/49/74 under ink of 92/110/175) but
# darker than the ink's own level; read as ink, the digits under a ring were lifted away with it. A glyph's
# tinted part runs on from its untinted part within a ring's width.
BLEND_SHARE = 0.6
BLEND_REACH = 9
PRINT_UNDER_STAMP = 0.003  # share of black print in a stamp's box below which the stamp covers no text
MIN_PAPER_PIXELS = 200  # paper left uncovered in a stamp's box to tell the paper's level from


def coloured_mask(spread: np.ndarray) -> np.ndarray:
    """1 where a pixel of a band is coloured enough to be stamp ink (`spread`: its channels' max - min, uint8), at
    MASK_SCALE times fewer pixels."""
    mask = (spread > STAMP_INK).astype(np.uint8)
    height, width = mask.shape
    small = cv2.resize(mask, (max(1, width // MASK_SCALE), max(1, height // MASK_SCALE)),
                       interpolation=cv2.INTER_AREA)
    return (small > 0).astype(np.uint8)


def _stamp_shaped(width: int, height: int, side: int) -> bool:
    low, high = STAMP_SIDE[0] * side, STAMP_SIDE[1] * side
    return low <= width <= high and low <= height <= high and 1 / STAMP_ASPECT <= width / height <= STAMP_ASPECT


def _near(one: Box, other: Box, gap: int) -> bool:
    return (one.left - gap < other.left + other.width and other.left < one.left + one.width + gap
            and one.top - gap < other.top + other.height and other.top < one.top + one.height + gap)


def _joined_pieces(pieces: list[Box], gap: int) -> list[Box]:
    """Unions of pieces lying within `gap` of one another: a pale ring whose few strongly coloured pixels fall
    apart into arcs (a stamp over a date was split into its left and right halves, neither stamp-shaped)."""
    groups = list(pieces)
    joined = True
    while joined:
        pairs = ((first, second) for first in range(len(groups)) for second in range(first + 1, len(groups)))
        near = next(((first, second) for first, second in pairs if _near(groups[first], groups[second], gap)), None)
        joined = near is not None
        if near is not None:
            groups[near[0]] = groups[near[0]].union(groups.pop(near[1]))
    return [group for group in groups if group not in pieces]


def stamp_boxes(small_mask: np.ndarray) -> list[Box]:
    """Boxes (in full-resolution pixels) of stamp-shaped blobs of coloured ink in a coloured_mask of a page."""
    height, width = small_mask.shape
    side = min(height, width)
    kernel = max(3, int(CLOSE_SHARE * width))
    closed = cv2.morphologyEx(small_mask, cv2.MORPH_CLOSE, np.ones((kernel, kernel), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    pieces = [Box(int(left), int(top), int(box_w), int(box_h)) for left, top, box_w, box_h, _ in stats[1:count]]
    arcs = sorted((box for box in pieces if max(box.width, box.height) >= STAMP_SIDE[0] * side / 2),
                  key=lambda box: -box.width * box.height)[:MAX_ARCS]
    found = [box for box in [*pieces, *_joined_pieces(arcs, 2 * kernel)] if _stamp_shaped(box.width, box.height, side)]
    boxes = [Box(box.left * MASK_SCALE, box.top * MASK_SCALE, box.width * MASK_SCALE, box.height * MASK_SCALE)
             for box in found]
    return [box for box in boxes if not any(other != box and _inside(box, other) for other in boxes)]


def _inside(inner: Box, outer: Box) -> bool:
    """Whether `inner` lies within `outer` (a stamp's inner ring, when its text did not join it to the rim)."""
    return (outer.left <= inner.left and outer.top <= inner.top and inner.left + inner.width <= outer.left + outer.width
            and inner.top + inner.height <= outer.top + outer.height)


def lift_stamp(rgb: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """`gray` of a stamp's box with the stamp's ink, and the faint rim around each stroke, replaced by the paper
    around it; black print and its edges kept; unchanged when the stamp covers no print (nothing to read there)."""
    luma = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    spread = rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)
    level = _ink_level(luma, spread)
    if level is None:
        return gray
    black = ((luma < max(PRINT_LUMA, PRINT_SHARE * level)) & (spread <= STAMP_INK)).astype(np.uint8)
    black |= _print_under_ink(luma, spread, black, level)
    if black.mean() < PRINT_UNDER_STAMP:
        return gray
    # the anti-aliased edge of a black glyph takes on the stamp's colour: lifting it would thin the glyph
    near_print = cv2.dilate(black, np.ones((3, 3), np.uint8)) > 0
    ink = cv2.dilate((spread > STAMP_INK).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    lift = ink & ~near_print
    return np.where(lift, paper_like(gray, ~(ink | near_print)), gray)


def _ink_level(luma: np.ndarray, spread: np.ndarray) -> float | None:
    """The stamp's ink level: the median luma of its more coloured half (faint edges are lighter)."""
    coloured = spread > STAMP_INK
    if not coloured.any():
        return None
    spreads = spread[coloured]
    return float(np.median(luma[coloured][spreads >= np.median(spreads)]))


def _print_under_ink(luma: np.ndarray, spread: np.ndarray, black: np.ndarray, level: float) -> np.ndarray:
    """1 where black print lies under the stamp's ink: tinted by it, darker than the ink's own `level`, and running
    on from untinted print close by (a stamp's darkest strokes are not print)."""
    coloured = spread > STAMP_INK
    beside_print = cv2.dilate(black, np.ones((BLEND_REACH, BLEND_REACH), np.uint8)) > 0
    return (coloured & (luma < BLEND_SHARE * level) & beside_print).astype(np.uint8)


def paper_like(gray: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """The paper's own level around each pixel: a mean over paper pixels only, which follows a shadow across the
    stamp. The brightest pixel around, which stood in for it before, came out some three sigmas of a grainy scan's
    paper above it: a lifted ring that bright is taken by Tesseract's layout analysis for a picture and by the
    tampering forensics for another image's grain (a genuine date beside a stamp was TAMPERED)."""
    values = gray[paper]
    if values.size < MIN_PAPER_PIXELS:
        return gray
    # glyphs' soft edges and the stamp's faint rim count as paper by colour but pulled its level down: a ghost of
    # the stamp, darker than the paper, stood where its ink was lifted, which the forensics took for grain pasted
    # around a number
    centre = float(np.median(values))
    deviation = max(1.0, 1.4826 * float(np.median(np.abs(values - centre))))
    paper = paper & (gray >= centre - 3 * deviation)
    side = max(9, min(gray.shape) // 8) | 1
    weights = cv2.blur(paper.astype(np.float32), (side, side))
    sums = cv2.blur(np.where(paper, gray, 0).astype(np.float32), (side, side))
    level = np.where(weights > 0.05, sums / np.maximum(weights, 1e-6), float(np.median(values)))
    return np.clip(level, 0, 255).astype(np.uint8)
