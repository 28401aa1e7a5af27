"""Paper whiter around a field than around it on every side: a value whited out and retyped on a page whose
paper is not white.

Even lighting levels every page's paper to one white for reading, so this is measured on the page as scanned
(upright, every other pixel kept: the share below is a count of pixel values, which sampling keeps and averaging
would not). A whiteout is paper painted whiter than the sheet: around the field, part of the paper stands two or
more grey levels above the paper of the strips above and below the field, of its line's other words and of the
lines above and below it, where a scan's own brightness varies smoothly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from extractors.types import Box, PageText
from verifiers.flags import TAMPERED, Flag, make_flag
from verifiers.forensics_edges import source_box
from verifiers.forensics_glyphs import box_evidence
from verifiers.forensics_image import background_mask

# Measured on the image documents of ten fraud corpora (seeds 48989-57878): the whiter share round 864 genuine
# numbers and holders exceeded their surroundings' by 0.07 at most; 6 of 38 whiteouts by 0.19-0.59 (the others lie
# on paper scanned white, where nothing whiter can be painted, and are left to the grey fringe of forensics_edges).
WHITER_SHARE = 0.15
WHITER_STEP = 2  # grey levels above the surrounding paper's median that count as whiter
INK_STEP = 20  # grey levels below a region's bright paper that count as ink (dilated away with the halo round it:
# a scan's glyphs stand in a lighter rim, denser round a bold number than in a line's paper)
MIN_PAPER_PIXELS = 50
MIN_REFERENCES = 2
PAPER_FIELDS = ("cert_number", "holder_name")


def paper_values(paper: np.ndarray, box: Box, margin: int) -> np.ndarray | None:
    """The paper pixels (no ink, nor the grey round it) of a box grown by `margin` (None: too few)."""
    top, left = max(0, box.top - margin), max(0, box.left - margin)
    patch = paper[top:max(top, box.top + box.height + margin), left:max(left, box.left + box.width + margin)]
    if patch.size < MIN_PAPER_PIXELS:
        return None
    paper_level = float(np.percentile(patch, 90))
    values = patch[background_mask(patch, paper_level, paper_level - INK_STEP)]
    return values if values.size >= MIN_PAPER_PIXELS else None


def _surroundings(box: Box, line: Box | None, margin: int) -> list[Box]:
    """The strips above and below the field and the rest of its line on either side (the paper round print, with
    the light halo a scan leaves round glyphs, is measured on the neighbouring lines besides)."""
    height = box.height
    around = [Box(box.left, box.top - 2 * height, box.width, height),
              Box(box.left, box.top + 2 * height, box.width, height)]
    if line is not None:
        if box.left - line.left > height:
            around.append(Box(line.left, box.top, box.left - line.left - margin, height))
        right = box.left + box.width + margin
        if line.left + line.width - right > height:
            around.append(Box(right, box.top, line.left + line.width - right, height))
    return around


def whiter_share(paper: np.ndarray, box: Box, line: Box | None, neighbours: Sequence[Box] = ()) -> float | None:
    """How much more of the paper round the field than round any of its surroundings (and its neighbouring lines)
    stands WHITER_STEP above the surroundings' median paper (None: too little paper measured)."""
    margin = max(1, box.height // 3)
    field_paper = paper_values(paper, box, margin)
    references = [values for piece in (*_surroundings(box, line, margin), *neighbours)
                  if (values := paper_values(paper, piece, margin)) is not None]
    if field_paper is None or len(references) < MIN_REFERENCES:
        return None
    level = int(np.median([np.median(values) for values in references])) + WHITER_STEP
    return float(np.mean(field_paper >= level)) - max(float(np.mean(values >= level)) for values in references)


def _lines_round(page: PageText, box: Box) -> tuple[Box | None, list[Box]]:
    """The box of the field's own line, and those of the nearest line above it and below it."""
    centre_x, centre_y = box.left + box.width // 2, box.top + box.height // 2
    boxes = [line.box for line in page.lines if line.box is not None]
    own = next((b for b in boxes if b.left <= centre_x <= b.left + b.width and b.top <= centre_y <= b.top + b.height),
               None)
    above = [b for b in boxes if b.top + b.height < box.top]
    below = [b for b in boxes if b.top > box.top + box.height]
    nearest = [max(above, key=lambda b: b.top + b.height)] if above else []
    return own, nearest + ([min(below, key=lambda b: b.top)] if below else [])


def _halved(box: Box) -> Box:
    return Box(box.left // 2, box.top // 2, max(1, box.width // 2), max(1, box.height // 2))


def paper_findings(paper: np.ndarray, page: PageText, field_boxes: Mapping[str, Box], scale: float
                   ) -> tuple[Flag, ...]:
    """TAMPERED for each number or holder whose paper is whiter than the paper around it. `paper`: the upright
    page as scanned, every other pixel; `scale`: the page's resize for reading."""
    if paper.ndim != 2 or scale <= 0:
        return ()
    full = (paper.shape[0] * 2, paper.shape[1] * 2)

    def on_paper(piece: Box) -> Box:
        return _halved(source_box(piece, page.skew, scale, full))

    flags = []
    for name, box in field_boxes.items():
        if name not in PAPER_FIELDS:
            continue
        line, neighbours = _lines_round(page, box)
        share = whiter_share(paper, on_paper(box), None if line is None else on_paper(line),
                             [on_paper(piece) for piece in neighbours])
        if share is not None and share >= WHITER_SHARE:
            flags.append(make_flag(TAMPERED, f"the paper around {name} is whiter than the paper round it (whited "
                                             "out and retyped?)",
                                   {**box_evidence(page.page_no, box), "field": name, "kind": "whiter_paper",
                                    "whiter_share": round(share, 3)}))
    return tuple(flags)
