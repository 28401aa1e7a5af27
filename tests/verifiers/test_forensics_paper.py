"""A number whited out and retyped on paper that is not white: its paper is whiter than the paper round it."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.types import Box, Line, PageText, Word
from verifiers.forensics_paper import paper_findings, whiter_share

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ("Сертификат о повышении квалификации", "Тіркеу № ПК-71/297", "Бекмұхамбетов Нұрлан Габитович",
         "Паллиативтік көмек 24 сағат")


def _scan(*, paper: int = 240, whiteout: int | None = None, ramp: int = 0, seed: int = 3
          ) -> tuple[np.ndarray, PageText, Box]:
    """A page of LINES on paper of grey `paper` with a scanner's grain (and a brightness ramp across it); with
    `whiteout`, the number painted over in that grey and retyped. Returns the pixels, the page and the number's
    box."""
    image = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 36)
    lines, number = [], Box(0, 0, 1, 1)
    for index, text in enumerate(LINES):
        top = 120 + 120 * index
        words = []
        left = 150
        for word in text.split():
            draw.text((left, top), word, font=font, fill=0)
            x0, y0, x1, y1 = draw.textbbox((left, top), word, font=font)
            words.append(Word(word, 0.95, Box(x0, y0, x1 - x0, y1 - y0)))
            left = x1 + 20
        lines.append(Line(tuple(words)))
        if index == 1:
            number = words[-1].box
    ink = np.asarray(image, dtype=np.float64)
    rng = np.random.default_rng(seed)
    sheet = paper + rng.normal(0, 1.5, ink.shape) + np.linspace(0, ramp, ink.shape[1])[np.newaxis, :]
    if whiteout is not None:
        sheet[number.top - 12:number.top + number.height + 12, number.left - 12:number.left + number.width + 12] = \
            whiteout + rng.normal(0, 0.5, (number.height + 24, number.width + 24))
    pixels = np.clip(np.minimum(sheet, sheet * ink / 255.0 + 20 * (ink < 255)), 0, 255).round().astype(np.uint8)
    page = PageText(1, 1400, 700, tuple(lines), "ocr")
    return pixels, page, number


def _flags(pixels: np.ndarray, page: PageText, number: Box) -> list[str]:
    return [flag.evidence["kind"] for flag in paper_findings(pixels[::2, ::2].copy(), page, {"cert_number": number},
                                                             1.0)]


def test_a_number_on_paper_painted_whiter_is_flagged_with_its_box() -> None:
    pixels, page, number = _scan(whiteout=250)
    flags = paper_findings(pixels[::2, ::2].copy(), page, {"cert_number": number}, 1.0)
    assert [flag.code for flag in flags] == ["TAMPERED"]
    assert flags[0].evidence["field"] == "cert_number" and flags[0].evidence["box"]["left"] == number.left


def test_the_genuine_number_is_not_flagged() -> None:
    for seed in range(3):
        pixels, page, number = _scan(seed=seed)
        assert _flags(pixels, page, number) == []


def test_a_scan_brighter_on_one_side_is_not_a_whiteout() -> None:
    pixels, page, number = _scan(ramp=12)
    assert _flags(pixels, page, number) == []


def test_on_white_paper_nothing_whiter_can_be_painted() -> None:
    pixels, page, number = _scan(paper=255, whiteout=255)
    assert _flags(pixels, page, number) == []


def test_too_little_paper_round_a_field_is_not_measured() -> None:
    assert whiter_share(np.full((40, 40), 240, np.uint8), Box(5, 5, 30, 30), None) is None
