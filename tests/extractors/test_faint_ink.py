"""A weak number with a faint stroke against it («7108» for 108): read again without the faint ink, only shortened."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.faint_ink import (
    crop_without_rulings,
    dropped_only,
    figure_restored,
    one_figure_changed,
    reread_faint,
    weak_numbers,
    without_stray_ink,
)
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Line, PageText, Word

from .rendering import FONT

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
PEN_GREY = 170  # a signature's stroke by the hours of fraud corpus 52323 (the print at 15)
RULE_GREY = 40  # a table's ruling, as dark as print


class _WordReader:
    """Answers every word read with one reading; `asked` counts the reads."""

    def __init__(self, text: str, confidence: float) -> None:
        self.reading, self.asked = (text, confidence), 0

    def ocr_word(self, image: np.ndarray, languages: str, *, one_word: bool = True) -> tuple[str, float]:
        self.asked += 1
        return self.reading


def _hours_with_a_stroke() -> tuple[np.ndarray, Box]:
    """«108 сағат» with a faint pen stroke ending against the 1, and the box Tesseract gave «7108»."""
    page = Image.new("L", (900, 200), 252)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((300, 80), "108 сағат", font=font, fill=15)
    left, top, _, bottom = draw.textbbox((300, 80), "108", font=font)
    draw.line((left - 120, top + 4, left - 3, top + 2), fill=PEN_GREY, width=5)
    draw.line((left - 3, top + 2, left - 12, bottom), fill=PEN_GREY, width=4)  # its tail reads as a 7
    _, _, right, _ = draw.textbbox((300, 80), "108", font=font)
    return np.asarray(page, dtype=np.uint8).copy(), Box(left - 30, top, right - left + 30, bottom - top)


def _hours_in_a_table_cell() -> tuple[np.ndarray, Box]:
    """«(54 academic hours)» in a table's cell, its left ruling close before the «(», and the box Tesseract gave
    «\\(54» (fraud corpus 54545): the ruling's length, with the word's print."""
    page = Image.new("L", (900, 200), 252)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((300, 80), "(54 academic hours)", font=font, fill=15)
    left, top, right, bottom = draw.textbbox((300, 80), "(54", font=font)
    draw.line((left - 9, top - 20, left - 10, bottom + 20), fill=RULE_GREY, width=3)  # slanting by a pixel
    draw.line((left - 200, top - 20, left + 600, top - 20), fill=RULE_GREY, width=3)
    return np.asarray(page, dtype=np.uint8).copy(), Box(left - 11, top - 21, right - left + 11, bottom - top + 42)


def _page(word: Word) -> PageText:
    line = Line((word, Word("сағат", 0.97, Box(word.box.left + word.box.width + 15, word.box.top, 110, 30))))
    return PageText(1, 900, 200, (line,), "ocr", language_hint="rus+kaz")


def test_faint_ink_is_whitened_and_the_print_kept() -> None:
    image, box = _hours_with_a_stroke()
    cleaned = without_stray_ink(image, box, 30)
    assert cleaned is not None
    assert int((cleaned == PEN_GREY).sum()) == 0 and int((image == PEN_GREY).sum()) > 100
    assert int((cleaned < 60).sum()) == int((image[box.top - 7:box.top + box.height + 7,
                                                   box.left - 7:box.left + box.width + 7] < 60).sum())
    flat = np.full((60, 200), 200, np.uint8)  # no print darker than the paper: nothing to tell faint ink from
    assert without_stray_ink(flat, Box(20, 10, 150, 40), 30) is None


def test_a_ruling_beside_a_number_is_whitened_and_its_print_kept() -> None:
    image, box = _hours_in_a_table_cell()
    cleaned = without_stray_ink(image, box, 30)
    assert cleaned is not None
    glyphs = image[box.top + 21:box.top + box.height - 21, box.left + 11:box.left + box.width]
    # «(54» whole, with neither the cell's side nor its top, nor anything of «academic»; framed to its height
    assert int((cleaned < 60).sum()) == int((glyphs < 60).sum()) > 100
    assert cleaned.shape[0] < box.height
    kept = without_stray_ink(image, box, 80)  # words as tall as the ruling: it is print, and stays
    assert kept is not None and int((kept < 60).sum()) > int((glyphs < 60).sum()) + 100


def test_a_grey_ruling_through_a_date_is_whitened_and_its_neighbours_ink_too() -> None:
    """A cell's grey ruling (fraud 59090 printed it at 140) runs through a date's first figure: it is found by its
    length in a window taller than the crop and whitened with the label's ink beside the box; the print stays."""
    page = Image.new("L", (900, 200), 252)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((100, 80), "обучения:", font=font, fill=15)
    label_right = draw.textbbox((100, 80), "обучения:", font=font)[2]
    date = draw.textbbox((label_right + 4, 80), "20.01.2025", font=font)
    box = Box(date[0], date[1], date[2] - date[0], date[3] - date[1])
    draw.text((label_right + 4, 80), "20.01.2025", font=font, fill=15)
    clean = np.asarray(page, dtype=np.uint8).copy()
    draw.line((box.left + 6, 20, box.left + 6, 180), fill=140, width=3)
    image = np.asarray(page, dtype=np.uint8).copy()
    margin = max(4, box.height // 3)
    crop = image[box.top - margin:box.top + box.height + margin, box.left - margin:box.left + box.width + margin]
    cleaned = crop_without_rulings(image, box)
    assert cleaned.shape == crop.shape and int((crop == 140).sum()) > 100 and int((cleaned == 140).sum()) < 5
    print_read = crop_without_rulings(clean, box)  # the same date without the ruling: nothing is taken from it
    assert int((print_read < 60).sum()) == int((clean[box.top - margin:box.top + box.height + margin,
                                                      box.left - 2:box.left + box.width + 2] < 60).sum())
    assert int((cleaned < 60).sum()) > 0.9 * int((print_read < 60).sum())  # the print kept, but where crossed
    label = np.asarray(page, dtype=np.uint8)[box.top:box.top + box.height, label_right - 20:label_right - 4]
    assert int((label < 60).sum()) > 20 and int((cleaned[:, :margin - 2] < 250).sum()) == 0  # the label's ink gone


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("2093", "2023", True), ("26:11:2093т", "26.11.2023 г.", True), ("2093", "2013", True),
     ("2093", "2011", False), ("2093", "20933", False), ("7", "1", False)],
)
def test_a_second_reading_may_change_one_figure(first: str, second: str, expected: bool) -> None:
    assert one_figure_changed(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("7108", "108", True), ("7108", "718", True), ("7108", "7108", False), ("7108", "1080", False),
     ("7108", "", False), ("7108", "7", False), ("(72", "72", True), ("7108", "abc", False)],
)
def test_a_second_reading_may_only_drop_characters(first: str, second: str, expected: bool) -> None:
    assert dropped_only(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("1.11.2022", "11.11.2022.", True), ("21.1.2022", "21.11.2022", True), ("1.11.2022", "11.11.2022", True),
     ("1.11.2022", "11.12.2022", False),  # a figure changed as well
     ("1.11.2022", "111.11.2022", False), ("1.11.202", "11.11.2022", False),  # two figures added
     ("108", "1108", False), ("7.11", "17.11", False)],  # no date printed in full
)
def test_a_second_reading_may_restore_a_lost_figure_of_a_full_date(first: str, second: str, expected: bool) -> None:
    assert figure_restored(first, second) is expected


def test_only_weak_words_of_figures_are_read_again() -> None:
    words = (Word("7108", 0.38, Box(0, 0, 90, 30)), Word("108", 0.92, Box(100, 0, 70, 30)),
             Word("сағат", 0.3, Box(180, 0, 90, 30)), Word("КZ-2023-1", 0.4, Box(280, 0, 200, 30)),
             Word("\\(54", 0.46, Box(480, 0, 60, 60)), Word("(5а", 0.3, Box(550, 0, 60, 30)),
             Word("(4144", 0.66, Box(620, 0, 80, 30)),  # a pen stroke through «(144» (fraud 58989)
             Word("20224", 0.71, Box(700, 0, 80, 30)))  # the LSTM's stutter on a plain 2024 (fraud 59090)
    page = PageText(1, 800, 40, (Line(words),), "ocr", language_hint="rus+kaz")
    # marks do not count; one figure is no number
    assert weak_numbers(page)[:4] == [(0, 0), (0, 3), (0, 4), (0, 6)] and len(weak_numbers(page)) == 4


def test_a_number_glued_to_an_opening_bracket_is_read_again_below_a_higher_confidence() -> None:
    words = (Word("(19", 0.88, Box(0, 0, 60, 30)), Word("«08»", 0.89, Box(70, 0, 60, 30)),
             Word("19)", 0.88, Box(140, 0, 60, 30)), Word("(19", 0.91, Box(210, 0, 60, 30)))
    page = PageText(1, 800, 40, (Line(words),), "ocr", language_hint="rus+kaz")
    assert weak_numbers(page) == [(0, 0), (0, 1)]  # a bracket closing after the figures is no such context
    weakest = PageText(1, 800, 40, (Line((*words, *(Word("2024", 0.5 + n / 100, Box(300 + 80 * n, 0, 60, 30))
                                                    for n in range(4)))),), "ocr", language_hint="rus+kaz")
    assert weak_numbers(weakest) == [(0, 4), (0, 5), (0, 6), (0, 7)]  # the weakest when more than can be read


def test_a_sure_shortened_reading_replaces_the_weak_number() -> None:
    image, box = _hours_with_a_stroke()
    page = _page(Word("7108", 0.38, box))
    assert reread_faint(page, image, "rus+kaz", _WordReader("108", 0.96)).text == "108 сағат"  # type: ignore[arg-type]
    for reading in (("108", 0.6), ("1080", 0.96), ("7218", 0.96)):  # unsure, a figure the first did not have,
        # two figures changed
        assert reread_faint(page, image, "rus+kaz", _WordReader(*reading)) is page  # type: ignore[arg-type]
    date = _page(Word("1.11.2022", 0.55, box))  # a full date's lost figure comes back; as sure, nothing else does
    assert reread_faint(date, image, "rus+kaz", _WordReader("11.11.2022", 0.96)).text == "11.11.2022 сағат"  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_hours_are_read_again_with_tesseract() -> None:
    image, box = _hours_with_a_stroke()
    read = reread_faint(_page(Word("7108", 0.38, box)), image, "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
    assert read.text == "108 сағат"


@pytest.mark.slow
def test_the_hours_in_a_table_cell_are_read_again_with_tesseract() -> None:
    image, box = _hours_in_a_table_cell()
    others = tuple(Word("academic", 0.96, Box(box.left + 100 + 200 * n, box.top + 21, 170, 30)) for n in range(3))
    page = PageText(1, 900, 200, (Line((Word("\\(54", 0.46, box), *others)),), "ocr", language_hint="eng")
    read = reread_faint(page, image, "eng", TesseractEngine(TESSDATA, ("eng",)))
    assert read.text == "(54 academic academic academic"
