"""Page clean-up: orientation turns, deskew, lighting and rescaling on rendered text pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.preprocess import (
    erase_rules,
    estimate_skew,
    median_text_height,
    normalize_illumination,
    prepare_for_ocr,
    rescale_factor,
    rotate_clockwise,
    rotate_small_angle,
)
from tests.extractors.rendering import RUSSIAN, render_page

PAGE = render_page(RUSSIAN * 3, dpi=200)


@pytest.mark.parametrize("skew", [4.0, -4.0, 1.5])
def test_skew_measured(skew: float) -> None:
    assert estimate_skew(rotate_small_angle(PAGE, -skew)) == pytest.approx(skew, abs=0.3)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_and_skewed_page_comes_back_upright_and_straight(turn: int) -> None:
    damaged = rotate_clockwise(rotate_small_angle(PAGE, -4.0), turn)
    prepared = prepare_for_ocr(damaged, rotation=(360 - turn) % 360)
    assert prepared.image.shape[:2] == PAGE.shape[:2] or prepared.scale != 1.0
    assert prepared.skew == pytest.approx(4.0, abs=0.3)
    assert abs(estimate_skew(prepared.image)) <= 0.3
    rows_with_ink = np.flatnonzero((prepared.image < 128).sum(axis=1))
    assert rows_with_ink[0] < prepared.image.shape[0] / 2  # text starts in the top half again


def test_shadow_removed() -> None:
    ramp = np.linspace(0.45, 1.0, PAGE.shape[1], dtype=np.float32)[None, :]
    shaded = (PAGE.astype(np.float32) * ramp).astype(np.uint8)
    flat = normalize_illumination(shaded)
    paper = flat[PAGE == 255]
    assert np.percentile(paper, 5) > 200
    assert np.median(flat[PAGE == 0]) < 60


def test_text_height_drives_rescaling() -> None:
    low = median_text_height(render_page(RUSSIAN, dpi=150))
    high = median_text_height(render_page(RUSSIAN, dpi=600))
    assert low is not None and high is not None and high == pytest.approx(4 * low, rel=0.15)
    assert rescale_factor(low) > 1.5 and rescale_factor(high) < 0.7
    assert rescale_factor(None) == 1.0
    assert median_text_height(np.full((500, 500), 255, np.uint8)) is None


def test_rotate_clockwise_matches_opencv() -> None:
    sample = np.arange(6, dtype=np.uint8).reshape(2, 3)
    assert np.array_equal(rotate_clockwise(sample, 90), cv2.rotate(sample, cv2.ROTATE_90_CLOCKWISE))
    assert rotate_clockwise(sample, 360) is sample


def test_a_rule_is_erased_where_no_print_touches_it_keeping_the_strokes_that_cross_it() -> None:
    page = np.full((300, 1200), 255, np.uint8)
    for left in range(200, 1000, 20):
        page[100:140, left:left + 4] = 0  # letter stems, 40 px tall
    page[100:104, 400:440] = 0  # a «П»'s top bar: the rule runs along it
    page[100:140, 400:404] = page[100:140, 436:440] = 0
    page[100:103, 50:1150] = 0  # a frame line along the tops of the letters
    page[125:128, 50:1150] = 0  # a frame line through them
    page[200:216, 50:1150] = 0  # a bar as thick as the stems are tall, under white print
    clean = erase_rules(page, text_height=30.0)
    assert (clean[125:128, 224:240] == 255).all() and (clean[125:128, 964:980] == 255).all()  # between stems
    assert (clean[125:128, 50:190] == 255).all() and (clean[100:103, 1010:1150] == 255).all()  # beyond the print
    assert (clean[100:140, 200:204] == 0).all() and (clean[100:140, 980:984] == 0).all()  # stems whole
    assert (clean[100:103, 400:440] == 0).all()  # the bar the rule ran along
    assert (clean[200:216] == page[200:216]).all()
    assert erase_rules(PAGE, 22.0) is PAGE  # plain text has no rule: the page comes back untouched


def test_a_tables_row_lines_stay_and_a_frames_go() -> None:
    page = np.full((400, 1200), 255, np.uint8)
    page[100:103, 50:1150] = 0
    page[200:203, 50:1150] = 0
    page[100:203, 50:53] = page[100:203, 1147:1150] = 0  # sides meeting the lines at their ends: a frame
    framed = erase_rules(page, text_height=20.0)
    assert (framed[100:103, 60:1140] == 255).all() and (framed[200:203, 60:1140] == 255).all()
    page[100:203, 400:403] = 0  # a column's ruling inside the lines: a table
    assert (erase_rules(page, text_height=20.0) == page).all()
