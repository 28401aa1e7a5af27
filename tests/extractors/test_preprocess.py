"""Page clean-up: orientation turns, deskew, lighting and rescaling on rendered text pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.preprocess import (
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
