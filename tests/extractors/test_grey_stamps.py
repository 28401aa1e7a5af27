"""A stamp on a greyscale page is lifted off the print by its lighter ink; print and stamp-free pages are kept."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.grey_stamps import SEARCH_SIDE, grey_stamp_rims, lift_grey_stamps, ring_on_paper
from extractors.raster import decode_image_pages
from tests.extractors.rendering import FONT
from tests.extractors.test_stamps import RING, TEXT_AT, _decoded, _page, _ring_pixels_on_paper

GREY_STAMP_INK = (114, 114, 114)  # a generated stamp's rim on a greyscale page of fraud corpus 46767


def _grey_page(**kwargs: object) -> np.ndarray:
    page = _page(**kwargs).convert("L")  # type: ignore[arg-type]
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return next(decode_image_pages(buffer.getvalue(), "png", 60_000_000, 1))


def test_a_grey_stamp_over_print_is_found_and_lifted_and_the_print_kept() -> None:
    gray = _grey_page(text=True, stamp=True, ink=GREY_STAMP_INK)
    assert float(np.median(_ring_pixels_on_paper(gray))) > 200  # the rim is paper now (grey 114 before)
    under = gray[TEXT_AT[1]:TEXT_AT[1] + 45, RING[0] + 20:RING[0] + 160]
    assert int((under < 90).sum()) > 200  # the glyphs under it stay black
    x, y, radius, _, _ = grey_stamp_rims(np.asarray(_page(text=True, stamp=True, ink=GREY_STAMP_INK).convert("L")))[0]
    assert abs(x - (RING[0] + RING[2]) / 2) < 10 and abs(y - (RING[1] + RING[3]) / 2) < 10
    assert abs(radius - (RING[2] - RING[0]) / 2) < 12


def test_a_grey_stamp_on_a_colour_scan_is_lifted_too() -> None:
    # a colour page whose stamp is grey ink has no coloured stamp to lift (fraud 65656: its ring hid the hours)
    gray = _decoded(_page(text=True, stamp=True, ink=GREY_STAMP_INK))  # saved as RGB
    assert float(np.median(_ring_pixels_on_paper(gray))) > 200
    under = gray[TEXT_AT[1]:TEXT_AT[1] + 45, RING[0] + 20:RING[0] + 160]
    assert int((under < 90).sum()) > 200


def test_a_stamp_as_dark_as_the_print_or_over_no_print_is_left_as_it_was() -> None:
    dark = np.asarray(_page(text=True, stamp=True, ink=(30, 30, 30)).convert("L"))
    assert lift_grey_stamps(dark) is dark  # not told from the print by its level: nothing is lifted
    alone = np.asarray(_page(text=False, stamp=True, ink=GREY_STAMP_INK).convert("L"))
    assert np.array_equal(lift_grey_stamps(alone), alone)  # nothing to read under it
    plain = np.asarray(Image.new("L", (1200, 1600), 246))
    assert lift_grey_stamps(plain) is plain



def test_circles_drawn_through_text_leave_the_print_to_be_sampled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print's darkness is sampled outside the stamps' rings; a circle Hough draws through a block of text
    inks its rim as well but is no ring, and kept out too it left the page's grey frame to sample: the print came
    out at 95 and the grey stamp passed for print (fraud 65656)."""
    page = _page(text=True, stamp=True, ink=GREY_STAMP_INK)
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, page.width - 20, page.height - 20), outline=(95, 95, 95), width=6)
    for row in range(16):
        draw.text((80, 90 + row * 34), "БІЛІКТІЛІКТІ АРТТЫРУ ТУРАЛЫ КУӘЛІК БЕРІЛДІ", font=ImageFont.truetype(FONT, 34),
                  fill=(20, 20, 20))
    gray = np.asarray(page.convert("L"))
    factor = SEARCH_SIDE / max(gray.shape)
    stamp = ((RING[0] + RING[2]) / 2, (RING[1] + RING[3]) / 2, (RING[2] - RING[0]) / 2)
    through_text = (560.0, 370.0, 150.0)
    found = np.array([[[value * factor for value in stamp], [value * factor for value in through_text]]], np.float32)
    monkeypatch.setattr(cv2, "HoughCircles", lambda *args, **kwargs: found)
    (x, y, _, level, print_level), = grey_stamp_rims(gray)
    assert (x, y) == (round(stamp[0]), round(stamp[1])) and print_level < 40 < level - print_level


def test_a_circle_through_ruled_lines_is_no_stamp() -> None:
    # a circle Hough finds in a table or a block of text has as much ink just outside it as on it; lifted as a
    # stamp, it whitened a table's rules and left hard-edged dashes (TAMPERED on a genuine page, fraud 52323)
    stamped = np.asarray(_page(text=True, stamp=True, ink=GREY_STAMP_INK).convert("L")).copy()
    left, top, right, bottom = RING
    x, y, radius = (left + right) / 2, (top + bottom) / 2, (right - left) / 2
    assert ring_on_paper(stamped, x, y, radius, 246.0)
    ruled = stamped.copy()
    for row in range(top - 200, bottom + 200, 14):  # grey rules over and around the ring
        ruled[row:row + 3, left - 200:right + 200] = 140
    assert not ring_on_paper(ruled, x, y, radius, 246.0)
