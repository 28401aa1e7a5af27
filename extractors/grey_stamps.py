"""A stamp on a greyscale page, found by its round rim and lifted off the print by its lighter ink.

On a colour scan a stamp is told from the print by its colour (extractors.stamps); scanned or saved in greys, its
ink is only lighter than the print (a rim at grey 114 against type at 47), and its ring through «(72 ч.)» hid the
hours from Tesseract. The rim is found as a circle most of whose circumference is inked at one grey level well
above the print's; inside it, ink at that level, away from the darker print, is replaced by the paper around it.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.stamps import PRINT_UNDER_STAMP, paper_like

SEARCH_SIDE = 800  # the page is searched for rims at this longer side
RADIUS_SHARE = (0.04, 0.25)  # a stamp's radius as shares of the page's shorter side (extractors.stamps: 0.08-0.5)
RIM_SAMPLES = 360
RIM_REACH = 0.04  # the rim is looked for this share of the radius in and out of the circle found
RIM_COVERAGE = 0.55  # share of the circumference inked (a rim's letters and gaps aside)
INKED = 60  # grey levels below the paper that count as ink on the rim
LEVEL_GAP = 40  # the stamp's ink must be this much lighter than the page's print to be told from it
MAX_STAMPS = 3
OUTER_RIM = 1.8  # a stamp's outer ring lies within this many times the radius of its inner one
# Just outside its outer rim a stamp has paper or the lines it was pressed on; a circle that Hough found in text
# has as much ink there as on it. On seven fraud corpora (seeds 46767-52323) the rims of 70 stamps were inked on at
# least 0.5 more of their circumference than the circle 1.3 times as wide; the 5 circles found in text, in a table
# or in the dark margin of a photographed page, at most 0.15 more (the one through a table whitened its rules and
# left hard-edged dashes: TAMPERED on a genuine certificate).
OUTSIDE_RIM = 1.3
RIM_CONTRAST = 0.3


def _darkest_on_circle(gray: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
    """The darkest pixel across a thin band of this circle, at each of RIM_SAMPLES angles."""
    angles = np.linspace(0.0, 2 * np.pi, RIM_SAMPLES, endpoint=False)
    reach = np.linspace(1 - RIM_REACH, 1 + RIM_REACH, 5)[:, None] * radius
    rows = np.clip((y + reach * np.sin(angles)).astype(int), 0, gray.shape[0] - 1)
    cols = np.clip((x + reach * np.cos(angles)).astype(int), 0, gray.shape[1] - 1)
    return gray[rows, cols].min(axis=0)


def _rim_level(gray: np.ndarray, x: float, y: float, radius: float, paper: float) -> float | None:
    """The grey level of an inked rim on this circle (None: too little of the circumference is inked)."""
    darkest = _darkest_on_circle(gray, x, y, radius)
    inked = darkest[darkest < paper - INKED]
    return float(np.median(inked)) if inked.size >= RIM_COVERAGE * RIM_SAMPLES else None


def ring_on_paper(gray: np.ndarray, x: float, y: float, radius: float, paper: float) -> bool:
    """The inked circle is a ring on paper, not a circle drawn through a block of text, a table or the dark
    margin of a photographed page, which hold as much ink just outside it as on it."""
    on, outside = (float((_darkest_on_circle(gray, x, y, r) < paper - INKED).mean())
                   for r in (radius, radius * OUTSIDE_RIM))
    return on - outside >= RIM_CONTRAST


def _print_level(gray: np.ndarray, paper: float, circles: np.ndarray) -> float | None:
    """The page's typical print darkness: the median of its clearly inked pixels outside the circles, sampled."""
    rows, cols = np.mgrid[0:gray.shape[0]:4, 0:gray.shape[1]:4]
    outside = np.ones(rows.shape, bool)
    for x, y, radius in circles:
        outside &= (rows - y) ** 2 + (cols - x) ** 2 > (OUTER_RIM * radius) ** 2
    sample = gray[::4, ::4][outside]
    inked = sample[sample < paper - 2 * INKED]
    return float(np.median(inked)) if inked.size else None


def _outer_rim(gray: np.ndarray, x: float, y: float, radius: float, paper: float) -> float:
    """The radius of the outermost rim around this one (a stamp's inner ring is often the one found)."""
    outer = radius
    for factor in np.arange(1.1, OUTER_RIM, 0.05):
        if _rim_level(gray, x, y, radius * factor, paper) is not None:
            outer = radius * factor
    return outer


def grey_stamp_rims(gray: np.ndarray) -> list[tuple[int, int, int, float, float]]:
    """(x, y, outer radius, the rim's grey, the print's) in page pixels of the stamps on a greyscale page whose
    ink is lighter than its print."""
    factor = min(1.0, SEARCH_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    side = min(small.shape)
    found = cv2.HoughCircles(cv2.medianBlur(small, 3), cv2.HOUGH_GRADIENT, dp=1, minDist=side * 0.1, param1=120,
                             param2=40, minRadius=int(side * RADIUS_SHARE[0]), maxRadius=int(side * RADIUS_SHARE[1]))
    if found is None:
        return []
    paper = float(np.percentile(gray[::4, ::4], 90))
    inked = [(x, y, radius, level) for x, y, radius in found[0][:MAX_STAMPS * 3] / factor
             if (level := _rim_level(gray, x, y, radius, paper)) is not None]
    outer = [(x, y, _outer_rim(gray, x, y, radius, paper), level) for x, y, radius, level in inked]
    # rings only: the print is sampled outside them, and circles drawn through blocks of text, kept out too, left
    # mostly a page's grey frame to sample (print at 91 for black type, fraud 65656, and its stamp passed for print)
    rings = [(x, y, radius, level) for x, y, radius, level in outer if ring_on_paper(gray, x, y, radius, paper)]
    print_level = _print_level(gray, paper, np.array([rim[:3] for rim in rings]).reshape(-1, 3))
    if print_level is None:
        return []
    rims = [(int(x), int(y), int(radius), level, print_level) for x, y, radius, level in rings
            if level - print_level >= LEVEL_GAP]
    return rims[:MAX_STAMPS]


def lift_grey_stamps(gray: np.ndarray) -> np.ndarray:
    """The page with the ink of its grey stamps that lie over print replaced by paper; the print kept."""
    rims = grey_stamp_rims(gray)
    if not rims:
        return gray
    paper = float(np.percentile(gray[::4, ::4], 90))
    out = gray.copy()
    for x, y, radius, level, print_level in rims:
        reach = int(radius * (1 + 2 * RIM_REACH))
        top, left = max(0, y - reach), max(0, x - reach)
        box = out[top:y + reach, left:x + reach]
        rows, cols = np.ogrid[top - y:top - y + box.shape[0], left - x:left - x + box.shape[1]]
        inside = rows * rows + cols * cols <= reach * reach
        black = ((box < (level + print_level) / 2) & inside).astype(np.uint8)
        if black.mean() < PRINT_UNDER_STAMP:
            continue  # no print under the stamp: nothing to read there
        near_print = cv2.dilate(black, np.ones((3, 3), np.uint8)) > 0
        ink = cv2.dilate(((box < paper - INKED / 3) & inside).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        lift = ink & ~near_print
        box[:] = np.where(lift, paper_like(box, ~(ink | near_print)), box)
    return out
