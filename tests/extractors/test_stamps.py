"""Stamps: a faded round stamp over printed text is lifted off it; coloured print and stamps over nothing are not."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extractors.raster import decode_image_pages, without_coloured_ink
from extractors.stamps import coloured_mask, lift_stamp, stamp_boxes
from tests.extractors.rendering import FONT

FADED_STAMP_INK = (77, 85, 128)  # the ink of a generated blue stamp as measured after scanner damage
NAVY_PRINT = (20, 40, 100)
WIDTH, HEIGHT = 1200, 1600
RING = (700, 850, 1020, 1170)  # the stamp's outer circle on the page
TEXT_AT = (520, 980)  # a printed line that the stamp's ring crosses


def _page(*, text: bool, stamp: bool, header: bool = False, paper: tuple[int, int, int] = (246, 246, 244),
          ink: tuple[int, int, int] = FADED_STAMP_INK, opacity: float | None = None) -> Image.Image:
    page = Image.new("RGB", (WIDTH, HEIGHT), paper)
    draw = ImageDraw.Draw(page)
    if header:
        draw.text((120, 200), "ТОО «Учебный центр здоровья»", font=ImageFont.truetype(FONT, 60), fill=NAVY_PRINT)
    if text:
        draw.text(TEXT_AT, "Выдано: 26 августа 2023 года", font=ImageFont.truetype(FONT, 40), fill=(25, 25, 25))
    if stamp:  # stamp ink multiplies with what lies under it: over black print the print stays black
        layer = Image.new("RGB", page.size, (255, 255, 255))
        ring = ImageDraw.Draw(layer)
        left, top, right, bottom = RING
        ring.ellipse(RING, outline=ink, width=8)
        ring.ellipse((left + 60, top + 60, right - 60, bottom - 60), outline=ink, width=5)
        ring.text((left + 70, top + 140), "БСН 0205401", font=ImageFont.truetype(FONT, 30), fill=ink)
        if opacity is None:
            return ImageChops.multiply(page, layer)
        # laid over the print instead, as the sample generator does: a glyph under it takes on the ink's tint
        mask = ImageChops.invert(layer.convert("L")).point(lambda v: round(255 * opacity) if v else 0)
        page = Image.composite(layer, page, mask)
    return page


def _decoded(page: Image.Image) -> np.ndarray:
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return next(decode_image_pages(buffer.getvalue(), "png", 60_000_000, 1))


def _ring_pixels_on_paper(gray: np.ndarray) -> np.ndarray:
    """The gray values along the top of the outer ring, away from the printed line."""
    left, top, right, _ = RING
    middle = (left + right) // 2
    return gray[top + 2:top + 6, middle - 40:middle + 40]


def test_a_faded_stamp_over_print_is_lifted_and_the_print_kept() -> None:
    page = _page(text=True, stamp=True)
    gray = _decoded(page)
    # lighter than halfway between print (25) and paper (246): binarized as paper, where it was ink before
    assert float(np.median(_ring_pixels_on_paper(gray))) > 160
    plain = without_coloured_ink(np.asarray(page))
    assert float(np.median(_ring_pixels_on_paper(plain))) < 130  # the page-wide rule alone leaves it dark
    text_gray = gray[TEXT_AT[1]:TEXT_AT[1] + 45, TEXT_AT[0]:TEXT_AT[0] + 150]
    assert int(text_gray.min()) < 60  # the printed glyphs outside the stamp stay black
    under = gray[TEXT_AT[1]:TEXT_AT[1] + 45, RING[0] + 20:RING[0] + 160]
    assert int((under < 90).sum()) > 200  # and so do those under it


def test_print_tinted_by_a_stamp_laid_over_it_is_kept() -> None:
    page = _page(text=True, stamp=True, ink=(92, 110, 175), opacity=0.55)  # as measured on a generated scan
    line = (slice(TEXT_AT[1], TEXT_AT[1] + 50), slice(RING[0], RING[2]))  # the printed line across the stamp
    printed = _decoded(_page(text=True, stamp=False))[line] < 90
    kept = _decoded(page)[line] < 90
    assert int((printed & ~kept).sum()) < 0.15 * int(printed.sum())  # 11 %; 27 % when the tinted glyphs were lifted


def test_a_stamp_over_no_print_is_left_as_it_was() -> None:
    page = _page(text=False, stamp=True)
    gray = _decoded(page)
    assert np.array_equal(gray, without_coloured_ink(np.asarray(page)))


def test_a_coloured_header_line_is_no_stamp() -> None:
    rgb = np.asarray(_page(text=True, stamp=False, header=True))
    assert stamp_boxes(coloured_mask(rgb.max(axis=2) - rgb.min(axis=2))) == []
    gray = _decoded(Image.fromarray(rgb))
    header = gray[200:270, 120:1000]
    assert int(header.min()) < 110  # navy print keeps its brightest channel, dark enough to read


def test_the_stamp_is_found_where_it_was_put() -> None:
    rgb = np.asarray(_page(text=True, stamp=True))
    boxes = stamp_boxes(coloured_mask(rgb.max(axis=2) - rgb.min(axis=2)))
    assert len(boxes) == 1
    box, (left, top, right, bottom) = boxes[0], RING
    assert abs(box.left - left) <= 12 and abs(box.top - top) <= 12
    assert abs(box.left + box.width - right) <= 12 and abs(box.top + box.height - bottom) <= 12


def test_a_lifted_stamp_takes_the_level_of_a_grainy_scans_paper() -> None:
    # the brightest pixel around stood for the paper and came out ~3 sigma of the grain above it: a lifted ring
    # that bright is taken by the forensics for another image's grain, by Tesseract's layout analysis for a picture
    page = np.asarray(_page(text=True, stamp=True, paper=(180, 180, 180)), np.float32)
    grain = np.random.default_rng(5).normal(0, 8, page.shape[:2])[..., None]
    gray = _decoded(Image.fromarray(np.clip(page + grain, 0, 255).astype(np.uint8)))
    level = float(np.median(gray[200:400, 100:400]))
    assert abs(float(np.median(_ring_pixels_on_paper(gray))) - level) <= 6
    under = gray[TEXT_AT[1]:TEXT_AT[1] + 45, RING[0] + 20:RING[0] + 160]
    assert int((under < 90).sum()) > 200  # the print under the stamp stays black


def test_lifted_ink_takes_the_papers_level_not_that_of_soft_edges_around_it() -> None:
    rgb = np.full((200, 200, 3), 250, np.uint8)
    rgb[::5, ::2] = 160  # soft glyph edges and specks, as uncoloured as the paper: a tenth of its pixels
    rgb[95:105] = (92, 110, 175)  # the stamp's ring, crossing
    rgb[60:140, 40:46] = 20  # a printed stroke
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    lifted = lift_stamp(rgb, gray)[95:105, 80:190]
    assert float(np.median(lifted)) >= 248  # the mean over all paper-coloured pixels gave 242: a grey ghost


PALE_STAMP_INK = (150, 160, 205)  # a light blue stamp, its ink at luma ~165 (fraud seed 48989)
GREY_PRINT = (107, 107, 107)


def _pale_ring_in_two_arcs(text_fill: tuple[int, int, int] | None) -> Image.Image:
    """A pale stamp whose rim falls apart into a left and a right arc, over a line printed in grey."""
    page = Image.new("RGB", (WIDTH, HEIGHT), (250, 250, 250))
    draw = ImageDraw.Draw(page)
    if text_fill is not None:
        draw.text(TEXT_AT, "Дата выдачи: 08.02.2025", font=ImageFont.truetype(FONT, 40), fill=text_fill)
    layer = Image.new("RGB", page.size, (255, 255, 255))
    ring = ImageDraw.Draw(layer)
    ring.arc(RING, 93, 267, fill=PALE_STAMP_INK, width=8)
    ring.arc(RING, -87, 87, fill=PALE_STAMP_INK, width=8)
    return ImageChops.multiply(page, layer)


def test_a_ring_fallen_apart_into_arcs_is_one_stamp() -> None:
    rgb = np.asarray(_pale_ring_in_two_arcs(None))
    boxes = stamp_boxes(coloured_mask(rgb.max(axis=2) - rgb.min(axis=2)))
    assert len(boxes) == 1
    box, (left, top, right, bottom) = boxes[0], RING
    assert abs(box.left - left) <= 12 and abs(box.left + box.width - right) <= 12
    assert abs(box.top - top) <= 12 and abs(box.top + box.height - bottom) <= 12


def test_grey_print_under_a_pale_stamp_is_print_and_the_stamp_is_lifted() -> None:
    gray = _decoded(_pale_ring_in_two_arcs(GREY_PRINT))
    plain = without_coloured_ink(np.asarray(_pale_ring_in_two_arcs(GREY_PRINT)))
    assert float(np.median(_ring_pixels_on_paper(plain))) < 200  # pale blue is no strongly coloured ink
    assert float(np.median(_ring_pixels_on_paper(gray))) > 235  # lifted to the paper
    under = gray[TEXT_AT[1]:TEXT_AT[1] + 45, RING[0] - 10:RING[0] + 150]
    assert int((under < 150).sum()) > 200  # the grey figures under the ring stay
