"""A date read a figure short of what is printed («27.07.202», «0.01.2025»): the glyph after or before its box
found, the date read again."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.clipped_words import clipped_dates, completed, glyph_after, glyph_before, reread_clipped
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Line, PageText, Word

from .fakes import CannedBlockReader
from .rendering import FONT

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def _printed(text: str) -> tuple[np.ndarray, Box, Box]:
    """A page with «Выдано: <text>», the box of the label and the box of the date as printed."""
    page = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 48)
    draw.text((100, 120), "Выдано:", font=font, fill=0)
    label = draw.textbbox((100, 120), "Выдано:", font=font)
    draw.text((label[2] + 25, 120), text, font=font, fill=0)
    date = draw.textbbox((label[2] + 25, 120), text, font=font)
    image = np.asarray(page, dtype=np.uint8).copy()
    inked = np.flatnonzero((image[:, date[0]:] < 128).any(axis=0))  # the font's bearing is no ink
    return (image, Box(label[0], label[1], label[2] - label[0], label[3] - label[1]),
            Box(date[0], date[1], int(inked[-1]) + 1, date[3] - date[1]))


def _ruled(text: str) -> tuple[np.ndarray, Box, Box]:
    """A page with «обучения:» and `text` close after it, a table's grey ruling through the date's first figure
    (fraud 59090); the box of the label and the box Tesseract gave the date without its first figure."""
    page = Image.new("L", (1400, 300), 252)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 48)
    draw.text((100, 120), "обучения:", font=font, fill=15)
    label = draw.textbbox((100, 120), "обучения:", font=font)
    date = draw.textbbox((label[2] + 8, 120), text, font=font)
    first = draw.textbbox((label[2] + 8, 120), text[0], font=font)
    draw.text((label[2] + 8, 120), text, font=font, fill=15)
    draw.line((first[0] + 4, 60, first[0] + 4, 260), fill=140, width=3)
    return (np.asarray(page, dtype=np.uint8).copy(), Box(label[0], label[1], label[2] - label[0], label[3] - label[1]),
            Box(first[2] + 2, date[1], date[2] - first[2] - 2, date[3] - date[1]))


def _short_of_its_last_figure(date: Box) -> Box:
    return Box(date.left, date.top, date.width * 9 // 10 - 3, date.height)


def _page(image: np.ndarray, label: Box, date_word: Word) -> PageText:
    line = Line((Word("Выдано:", 0.95, label), date_word))
    return PageText(1, image.shape[1], image.shape[0], (line,), "ocr", language_hint="rus+kaz")


def test_a_glyph_right_after_a_box_is_found_and_blank_paper_or_a_speck_is_not() -> None:
    image, _, date = _printed("27.07.2022")
    clipped = _short_of_its_last_figure(date)
    right = glyph_after(image, clipped, image.shape[1])
    assert right is not None and abs(right - (date.left + date.width)) <= 2
    assert glyph_after(image, date, image.shape[1]) is None  # nothing printed after the whole date
    speck = image.copy()
    speck[date.top + 10:date.top + 14, date.left + date.width + 8:date.left + date.width + 12] = 0
    assert glyph_after(speck, date, image.shape[1]) is None  # a speck is no figure
    assert glyph_after(image, clipped, clipped.left + clipped.width + 1) is None  # the next word's box begins there


def test_a_glyph_right_before_a_box_is_found_and_not_beyond_the_word_before() -> None:
    image, label, rest = _ruled("20.01.2025")
    left = glyph_before(image, rest, label.left + label.width)
    assert left is not None and left < rest.left - 10
    assert glyph_before(image, rest, rest.left - 1) is None  # the word before ends there
    blank = image.copy()
    blank[:, label.left + label.width:rest.left] = 252
    assert glyph_before(blank, rest, label.left + label.width) is None


def test_a_date_with_a_one_figure_day_and_a_glyph_before_it_is_read_again() -> None:
    image, label, rest = _ruled("20.01.2025")
    found = clipped_dates(_page(image, label, Word("0.01.2025", 0.96, rest)), image)
    assert [hit[:2] for hit in found] == [(0, 1)]
    widened = found[0][2]  # by about one of the word's figures, not into the label
    assert rest.left - rest.width // 9 * 2 < widened.left < rest.left - rest.width // 18
    assert widened.left + widened.width == rest.left + rest.width
    assert clipped_dates(_page(image, label, Word("20.01.2025", 0.96, rest)), image) == []  # a two-figure day


def test_only_date_shaped_words_with_a_short_year_are_read_again() -> None:
    image, label, date = _printed("27.07.2022")
    clipped = _short_of_its_last_figure(date)
    assert [found[:2] for found in clipped_dates(_page(image, label, Word("27.07.202", 0.93, clipped)), image)] \
        == [(0, 1)]
    assert clipped_dates(_page(image, label, Word("27.07.2022", 0.93, clipped)), image) == []
    assert clipped_dates(_page(image, label, Word("27.07.202", 0.93, date)), image) == []  # nothing after it


@pytest.mark.parametrize(
    ("first", "second", "confidence", "expected"),
    [
        ("27.07.202", "27.07.2022", 0.96, ("27.07.2022", 0.96)),
        ("27.07.20", "27.07.2020", 0.9, ("27.07.2020", 0.9)),  # a two-figure year too: the glyph was there
        ("-27.07.202", "27.07.2022", 0.9, ("-27.07.2022", 0.9)),
        ("27.07.202", "27.07.2022", 0.5, None),  # unsure
        ("27.07.202", "21.07.2022", 0.96, None),  # the figures read first changed
        ("27.07.202", "27.07.202", 0.96, None),  # nothing added
        ("27.07.202", "27.07.20221", 0.96, None),  # no year
        ("0.01.2025", "20.01.2025", 0.94, ("20.01.2025", 0.94)),  # the day's first figure
        ("0.01.2025", "Я20.01.2025", 0.9, ("20.01.2025", 0.9)),  # with the label's last letter
        ("5.03.2024г.", "25.03.2024", 0.9, ("25.03.2024г.", 0.9)),
        ("0.01.2025", "20.01.2025", 0.7, None),  # unsure
        ("0.01.2025", "20.07.2025", 0.94, None),  # the figures read first changed
        ("0.01.2025", "0.01.2025", 0.94, None),  # nothing added
    ],
)
def test_the_second_reading_must_complete_the_first(first: str, second: str, confidence: float,
                                                    expected: tuple[str, float] | None) -> None:
    assert completed(first, second, confidence) == expected


def test_the_completed_date_replaces_the_word_with_the_glyph_in_its_box() -> None:
    image, label, date = _printed("27.07.2022")
    clipped = _short_of_its_last_figure(date)
    page = _page(image, label, Word("27.07.202", 0.93, clipped))
    engine = CannedBlockReader("5\t1\t1\t1\t1\t1\t12\t12\t300\t40\t96\t27.07.2022\n")
    read = reread_clipped(page, image, "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.lines[0].text == "Выдано: 27.07.2022" and engine.asked == 1
    assert read.lines[0].words[1].box.left + read.lines[0].words[1].box.width >= date.left + date.width - 2
    wrong = CannedBlockReader("5\t1\t1\t1\t1\t1\t12\t12\t300\t40\t96\t21.07.2022\n")
    assert reread_clipped(page, image, "rus+kaz", wrong) is page  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_clipped_year_is_read_again_with_tesseract() -> None:
    image, label, date = _printed("27.07.2022")
    page = _page(image, label, Word("27.07.202", 0.93, _short_of_its_last_figure(date)))
    read = reread_clipped(page, image, "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
    assert read.lines[0].text == "Выдано: 27.07.2022"


@pytest.mark.slow
def test_the_day_lost_to_a_ruling_is_read_again_with_tesseract() -> None:
    image, label, rest = _ruled("20.01.2025")
    page = _page(image, label, Word("0.01.2025", 0.96, rest))
    read = reread_clipped(page, image, "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
    assert read.lines[0].text == "Выдано: 20.01.2025"
