"""Renders known text onto white pages with Debian fonts, for the page-reader tests."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

RUSSIAN = ("СЕРТИФИКАТ о повышении квалификации", "Выдан Иванову Петру Сергеевичу",
           "в том, что он прошёл обучение по программе", "Актуальные вопросы педиатрии",
           "в объёме 108 часов с 12 февраля 2024 года")
KAZAKH = ("БІЛІКТІЛІКТІ АРТТЫРУ ТУРАЛЫ КУӘЛІК", "Жақсыбекова Әйгерім Серікқызы",
          "Қарағанды медицина университеті", "біліктілікті арттыру курсынан өтті",
          "көлемі 108 сағат, тіркеу нөмірі 0012345", "Өскемен қаласы, ұлттық орталығы, жүрек, һәм")
ENGLISH = ("CERTIFICATE of advanced training", "This is to certify that John Smith",
           "has completed the course in Emergency Medicine", "Total duration 72 hours, number 2024-118")


def render_page(lines: tuple[str, ...], *, dpi: int = 300, font_path: str = FONT, pt: float = 12.0,
                width_in: float = 8.27, height_in: float = 11.69) -> np.ndarray:
    """A grayscale A4 page at `dpi` with `lines` set in `pt`-point type from the top-left margin."""
    width, height = int(width_in * dpi), int(height_in * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, round(pt * dpi / 72))
    y = int(1.2 * dpi)
    for line in lines:
        draw.text((int(0.9 * dpi), y), line, font=font, fill=0)
        y += round(pt * dpi / 72 * 1.9)
    return np.asarray(page, dtype=np.uint8).copy()
