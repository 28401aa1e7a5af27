"""Edges sharper than the page's print: a field whited out and retyped keeps no grey fringe around its glyphs.

Printed and scanned type fades into the paper over a pixel or two of grey; a value painted over and retyped by
copying only its dark pixels onto flat paper ends in a hard step. Measured on the page's own pixels before they
were deskewed and resized for reading (resampling makes a fringe of its own): the share of the pixels bordering
the ink that are grey, in each third of the field (a forger retypes a few characters, and the rest of the field
would hide them) against the median of the page's surely read words.
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from extractors.types import Box, PageText
from verifiers.flags import TAMPERED, Flag, make_flag
from verifiers.forensics_glyphs import box_evidence, overlaps

# Measured on the image documents of ten fraud corpora (seeds 34545-43434): the thirds of 4260 untampered fields
# stood at 0.15 of their page's fringe or more; 31 of 40 whited-out numbers had a third below 0.1 (a JPEG's own
# ringing greys a hard edge by a few levels, hence a fringe counted from 10 levels below the paper; measured on
# the whole field from 3 levels, as before, 17 of the 40 stood out).
EDGE_RATIO = 0.1
INK_STEP = 40  # grey levels below the local paper that count as ink …
FRINGE_STEP = 10  # … and that a bordering pixel must lie below the paper to count as grey
PIECES = 3
MIN_RING = 40  # bordering pixels a box needs to be measured
MIN_REFERENCES = 5
REFERENCE_CONFIDENCE = 0.9
EDGE_FIELDS = ("cert_number", "holder_name", "hours", "start_date", "end_date", "issue_date")


def source_box(box: Box, skew: float, scale: float, shape: tuple[int, ...]) -> Box:
    """Where a box of the prepared page lies on the upright page it was made from (turned by `skew` degrees
    counter-clockwise about the centre, then resized by `scale`)."""
    corners = np.array([[box.left, box.top], [box.left + box.width, box.top], [box.left, box.top + box.height],
                        [box.left + box.width, box.top + box.height]], dtype=np.float64) / scale
    if skew:
        height, width = shape[:2]
        back = cv2.invertAffineTransform(cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.0))
        corners = np.hstack([corners, np.ones((4, 1))]) @ back.T
    left, top = (int(np.floor(value)) for value in corners.min(axis=0))
    right, bottom = (int(np.ceil(value)) for value in corners.max(axis=0))
    return Box(left, top, right - left, bottom - top)


def grey_fringe(image: np.ndarray, box: Box) -> float | None:
    """The share of the pixels bordering the box's ink that are grey rather than paper (None: too little ink)."""
    margin = max(2, box.height // 4)
    top, left = max(0, box.top - margin), max(0, box.left - margin)
    patch = image[top:box.top + box.height + margin, left:box.left + box.width + margin]
    if patch.size < 100:
        return None
    paper = float(np.percentile(patch, 90))
    ink = (patch < paper - INK_STEP).astype(np.uint8)
    ring = cv2.dilate(ink, np.ones((3, 3), np.uint8)).astype(bool) & ~ink.astype(bool)
    if ring.sum() < MIN_RING:
        return None
    return float((patch[ring] < paper - FRINGE_STEP).mean())


def weakest_fringe(image: np.ndarray, box: Box) -> float | None:
    """The least grey fringe among the thirds of a box that hold enough ink to be measured."""
    width = box.width // PIECES
    shares = [share for index in range(PIECES)
              if (share := grey_fringe(image, Box(box.left + index * width, box.top, width, box.height))) is not None]
    return min(shares, default=None)


def page_fringe(image: np.ndarray, page: PageText, skew: float, scale: float,
                fields: Mapping[str, Box]) -> float | None:
    """The median fringe of the page's surely read words that are no field's."""
    shares = [share for line in page.lines for word in line.words
              if word.confidence >= REFERENCE_CONFIDENCE and len(word.text) >= 3
              and not any(overlaps(word.box, box) for box in fields.values())
              and (share := grey_fringe(image, source_box(word.box, skew, scale, image.shape))) is not None]
    return float(np.median(shares)) if len(shares) >= MIN_REFERENCES else None


def edge_findings(upright: np.ndarray, page: PageText, field_boxes: Mapping[str, Box], scale: float
                  ) -> tuple[Flag, ...]:
    """TAMPERED for each field whose glyphs end far more sharply than the page's print."""
    fields = {name: box for name, box in field_boxes.items() if name in EDGE_FIELDS}
    if not fields or upright.ndim != 2 or scale <= 0:
        return ()
    reference = page_fringe(upright, page, page.skew, scale, fields)
    if not reference:
        return ()
    flags = []
    for name, box in fields.items():
        share = weakest_fringe(upright, source_box(box, page.skew, scale, upright.shape))
        if share is not None and share < EDGE_RATIO * reference:
            flags.append(make_flag(TAMPERED, f"{name} has sharper edges than the page's print (whited out and "
                                             "retyped?)",
                                   {**box_evidence(page.page_no, box), "field": name, "kind": "hard_edges",
                                    "fringe": round(share, 3), "page_fringe": round(reference, 3)}))
    return tuple(flags)
