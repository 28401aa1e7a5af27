"""Edges sharper than the page's print: a value whited out and retyped from its dark pixels only is TAMPERED;
printed type, JPEG copies of it and boxes of a turned and resized page are not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.preprocess import rotate_small_angle
from extractors.types import Box, Line, PageText, Word
from tests.verifiers.test_forensics_image import FONTS, jpeg
from verifiers.forensics_edges import edge_findings, grey_fringe, source_box

PAPER = 246
LINES = ("Министерство здравоохранения Республики Казахстан", "СВИДЕТЕЛЬСТВО о прохождении стажировки",
         "Регистрационный номер: 0336383", "прошла клиническую стажировку по программе",
         "в объеме 144 часов, выдано 14 декабря 2023 года")


def _page(font_index: int, number: str = "0336383") -> tuple[np.ndarray, list[Line]]:
    """Anti-aliased type on flat paper, with the words' boxes."""
    image = Image.new("L", (1600, 700), PAPER)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONTS[font_index], 40)
    lines = []
    for row, text in enumerate(LINES):
        x, y, words = 60, 60 + row * 110, []
        for token in text.replace("0336383", number).split():
            left, top, right, bottom = draw.textbbox((x, y), token, font=font)
            draw.text((x, y), token, font=font, fill=20)
            words.append(Word(token, 0.95, Box(left, top, right - left, bottom - top)))
            x = right + 14
        lines.append(Line(tuple(words)))
    return np.asarray(image).copy(), lines


def _whited_out(page: np.ndarray, other: np.ndarray, box: Box) -> np.ndarray:
    """The box painted paper and the other page's dark pixels copied in (a forger's retyped value)."""
    out = page.copy()
    top, bottom, left, right = box.top - 6, box.top + box.height + 6, box.left - 6, box.left + box.width + 6
    out[top:bottom, left:right] = PAPER
    dark = other[top:bottom, left:right] < PAPER - 40
    out[top:bottom, left:right][dark] = other[top:bottom, left:right][dark]
    return out


def _findings(image: np.ndarray, lines: list[Line], scale: float = 1.0, skew: float = 0.0) -> list[str]:
    page = PageText(1, image.shape[1], image.shape[0], tuple(lines), "ocr", skew=skew)
    number = lines[2].words[-1].box
    return [flag.evidence["kind"] for flag in edge_findings(image, page, {"cert_number": number}, scale)]


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_number_retyped_from_its_dark_pixels_has_no_grey_fringe(font_index: int) -> None:
    genuine, lines = _page(font_index)
    assert _findings(genuine, lines) == []
    assert _findings(jpeg(genuine, 70), lines) == []
    other, _ = _page(font_index, "0336883")
    assert _findings(_whited_out(genuine, other, lines[2].words[-1].box), lines) == ["hard_edges"]


def test_the_fringe_is_the_share_of_grey_pixels_around_the_ink() -> None:
    genuine, lines = _page(1)
    box = lines[2].words[-1].box
    printed = grey_fringe(genuine, box)
    hard = np.where(genuine < PAPER - 40, genuine, PAPER).astype(np.uint8)
    assert printed is not None and printed > 0.1
    assert grey_fringe(hard, box) == 0.0
    assert grey_fringe(np.full((60, 60), PAPER, np.uint8), Box(10, 10, 40, 40)) is None  # no ink


def test_a_box_of_the_prepared_page_is_found_on_the_upright_one() -> None:
    box = Box(300, 200, 150, 40)
    assert source_box(box, 0.0, 0.5, (1000, 1000)) == Box(600, 400, 300, 80)
    turned = source_box(Box(500, 500, 0, 0), 3.0, 1.0, (1000, 1000))  # the centre stays where it is
    assert abs(turned.left - 500) <= 1 and abs(turned.top - 500) <= 1


def test_words_of_a_deskewed_and_resized_page_are_measured_where_they_were_printed() -> None:
    # the page as scanned, turned 2°, and forged as scanned; its words' boxes are those of the deskewed copy read
    # at half size
    genuine, lines = _page(1)
    scanned, other = rotate_small_angle(genuine, -2.0), rotate_small_angle(_page(1, "0336883")[0], -2.0)
    number = source_box(lines[2].words[-1].box, 2.0, 1.0, genuine.shape)
    forged = _whited_out(scanned, other, number)
    halved = [Line(tuple(Word(w.text, w.confidence, Box(w.box.left // 2, w.box.top // 2, w.box.width // 2,
                                                         w.box.height // 2)) for w in line.words)) for line in lines]
    assert _findings(scanned, halved, scale=0.5, skew=2.0) == []
    assert _findings(forged, halved, scale=0.5, skew=2.0) == ["hard_edges"]


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_the_last_digits_retyped_in_a_jpeg_are_found_in_their_third_of_the_number(font_index: int) -> None:
    # fraud 43434: three digits of a number whited out and retyped on a scan (its type blurred by the scanner's
    # optics), the page saved as a JPEG at quality 88-95
    genuine, lines = _page(font_index)
    genuine = cv2.GaussianBlur(genuine, (0, 0), 1.0)
    other = cv2.GaussianBlur(_page(font_index, "0336917")[0], (0, 0), 1.0)
    number = lines[2].words[-1].box
    tail = Box(number.left + number.width * 3 // 5, number.top, number.width - number.width * 3 // 5, number.height)
    assert _findings(jpeg(genuine, 90), lines) == []
    assert _findings(jpeg(_whited_out(genuine, other, tail), 90), lines) == ["hard_edges"]
