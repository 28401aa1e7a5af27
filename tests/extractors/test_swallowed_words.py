"""A word whose box ran on over the rest of its line: found by its width and blank gaps, read again, replaced."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.swallowed_words import replaced_line, reread_swallowed, swallowing_words, widest_gap
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Line, PageText, Word

from .fakes import CannedBlockReader
from .rendering import FONT

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
PRINTED = "продолжительностью 108 академических часов"


def _printed(line: str, before: str = "", part: str | None = None) -> tuple[np.ndarray, Box]:
    """A page with `line` printed and the box of the ink of `part` (all of it by default), which follows `before`."""
    page = Image.new("L", (1600, 600), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 36)
    draw.text((100, 300), line, font=font, fill=0)
    origin = (100 + draw.textlength(before, font=font), 300)
    left, top, right, bottom = draw.textbbox(origin, line if part is None else part, font=font)
    return np.asarray(page, dtype=np.uint8).copy(), Box(round(left), top, round(right - left), bottom - top)


def _printed_page() -> tuple[np.ndarray, Box]:
    """A page with the printed line and the box of all its ink."""
    return _printed(PRINTED)


def _other_lines() -> tuple[Line, ...]:
    """Ordinary words elsewhere on the page: their width per letter is the page's usual."""
    words = [Word(text, 0.95, Box(100 + 200 * i, 100, 22 * len(text), 40))
             for i, text in enumerate(("СВИДЕТЕЛЬСТВО", "повышении", "квалификации", "Алматы", "января", "года"))]
    return (Line(tuple(words[:3])), Line(tuple(words[3:])))


def _page(swallowing: Word) -> PageText:
    return PageText(1, 1600, 600, (*_other_lines(), Line((swallowing,))), "ocr", language_hint="rus+kaz")


def test_the_gap_between_printed_words_is_measured_inside_the_ink() -> None:
    image, ink = _printed_page()
    assert widest_gap(image, ink) >= 0.3 * ink.height  # a word space
    first_word = Box(ink.left, ink.top, 400, ink.height)
    assert widest_gap(image, first_word) < 0.3 * ink.height  # letters only


def test_a_sure_word_boxed_over_its_line_swallows_but_a_fitting_one_does_not() -> None:
    image, ink = _printed_page()
    swallowing = Word("продолжительностью", 0.92, ink)
    assert swallowing_words(_page(swallowing), image) == [(2, 0)]
    fitting = Word("продолжительностью", 0.92, Box(ink.left, ink.top, 18 * 22, ink.height))
    assert swallowing_words(_page(fitting), image) == []
    unsure = Word("продолжительностью", 0.5, ink)  # stamp ink and signatures are read as unsure scraps
    assert swallowing_words(_page(unsure), image) == []


def test_the_words_read_again_replace_the_swallowing_one_and_any_the_line_held_of_them() -> None:
    before = Word("с", 0.9, Box(10, 300, 20, 30))
    swallowing = Word("Выдано:", 0.96, Box(100, 300, 400, 30))
    echo = Word("1", 0.9, Box(240, 300, 15, 30))
    reread = [Word("Выдано:", 0.96, Box(100, 300, 120, 30)), Word("1", 0.97, Box(240, 300, 15, 30)),
              Word("декабря", 0.96, Box(270, 300, 140, 30))]
    line = replaced_line(Line((before, swallowing, echo)), 1, reread)
    assert line.text == "с Выдано: 1 декабря"



def test_a_reading_that_does_not_begin_with_the_word_leaves_the_page_as_it_was() -> None:
    image, ink = _printed_page()
    page = _page(Word("продолжительностью", 0.92, ink))
    engine = CannedBlockReader("5\t1\t1\t1\t1\t1\t10\t10\t300\t40\t90\tпродолжит\n"
                               "5\t1\t1\t1\t1\t2\t320\t10\t60\t40\t90\t108\n")
    assert reread_swallowed(page, image, "rus+kaz", engine) is page  # type: ignore[arg-type]
    assert engine.asked == 1


def test_the_reading_goes_into_the_page_in_page_pixels() -> None:
    image, ink = _printed_page()
    page = _page(Word("продолжительностью", 0.92, ink))
    engine = CannedBlockReader("5\t1\t1\t1\t1\t1\t12\t12\t400\t40\t92\tпродолжительностью\n"
                     "5\t1\t1\t1\t1\t2\t430\t12\t70\t40\t95\t108\n")
    read = reread_swallowed(page, image, "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.lines[2].text == "продолжительностью 108"
    margin = max(4, ink.height // 3)
    assert read.lines[2].words[1].box == Box(ink.left - margin + 430, ink.top - margin + 12, 70, 40)


@pytest.mark.slow
def test_the_swallowed_hours_are_read_again_with_tesseract() -> None:
    image, ink = _printed_page()
    page = _page(Word("продолжительностью", 0.92, ink))
    read = reread_swallowed(page, image, "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
    assert read.lines[2].text == PRINTED


def test_a_word_boxed_tall_by_specks_is_measured_at_its_lines_height() -> None:
    # «в объеме 18 часов» read «в объеме часов», «объеме» boxed over «18» and 44 high by a stamp's specks, its
    # line's words 22 (fraud 61212): at its own height it stood no wider per letter than the page's words
    image, ink = _printed_page()
    tall = Box(ink.left, ink.top - 20, ink.width, ink.height + 40)
    line = Line((Word("в", 0.96, Box(ink.left - 40, ink.top, 14, ink.height)),
                 Word("продолжительностью", 0.92, tall),
                 Word("часов", 0.96, Box(ink.left + ink.width + 20, ink.top, 90, ink.height))))
    page = PageText(1, 1600, 600, (*_other_lines(), line), "ocr", language_hint="rus+kaz")
    assert swallowing_words(page, image) == [(2, 1)]


PLACE = "г. Астана, 7 августа 2025 г."


def _signed_place() -> tuple[np.ndarray, Box]:
    """«г. Астана, 7 августа» with a pen stroke under «, 7» (accuracy 54949: the 7 lost in the box of «Астана,»)
    and the box of «Астана, 7» with the stroke."""
    image, word = _printed(PLACE, "г. ", "Астана, 7")
    stroke_top = word.top + word.height + 6
    image[stroke_top:stroke_top + 3, word.left + word.width - 60:word.left + word.width + 10] = 40
    return image, Box(word.left, word.top, word.width, word.height + 9)


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_a_narrow_word_swallowed_behind_a_pen_stroke_is_found_by_its_space(slow: bool) -> None:
    image, box = _signed_place()
    assert widest_gap(image, box) < 0.3 * (box.height - 9)  # the stroke fills the space's columns …
    assert widest_gap(image, box, box.height - 9) >= 0.45 * (box.height - 9)  # … not in the rows of the print
    after = [Word(text, 0.96, Box(box.left + box.width + 20 + 150 * i, box.top, 130, box.height - 9))
             for i, text in enumerate(("августа", "2025", "г."))]
    line = Line((Word("г.", 0.97, Box(box.left - 40, box.top, 20, box.height - 9)), Word("Астана,", 0.97, box), *after))
    page = PageText(1, 1600, 600, (*_other_lines(), line), "ocr", language_hint="rus+kaz")
    assert swallowing_words(page, image) == [(2, 1)]  # no wider per letter than the page's words, yet a space inside
    fitting = Box(box.left, box.top, box.width - 30, box.height)  # «Астана,» with the stroke under its comma
    assert swallowing_words(page.with_words({(2, 1): Word("Астана,", 0.97, fitting)}), image) == []
    if slow:
        read = reread_swallowed(page, image, "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
        assert read.lines[2].text == PLACE


def _tsv(*words: tuple[int, int, int, int, str]) -> str:
    """Tesseract's TSV rows of one line's words: (left, width, height, confidence, text), top 12."""
    return "".join(f"5\t1\t1\t1\t1\t{number}\t{left}\t12\t{width}\t{height}\t{confidence}\t{text}\n"
                   for number, (left, width, height, confidence, text) in enumerate(words, start=1))


def test_a_speck_read_before_the_word_does_not_stop_its_reading_again() -> None:
    image, ink = _printed_page()
    page = _page(Word("продолжительностью", 0.92, ink))
    engine = CannedBlockReader(_tsv((2, 6, 10, 89, "‚"), (12, 400, 40, 92, "продолжительностью"),
                                    (430, 70, 40, 95, "108")))
    assert reread_swallowed(page, image, "rus+kaz", engine).lines[2].text == "продолжительностью 108"  # type: ignore[arg-type]


DATES = "с 15.05.2022 г. по 17.05.2022 г."


def _printed_dates() -> tuple[np.ndarray, Box]:
    """A page with a course's period and the box of «15.05.2022 г. по» (accuracy 51616: read «150520920» at 0.63)."""
    return _printed(DATES, "с ", "15.05.2022 г. по")


def test_an_unsure_run_of_figures_boxed_over_the_words_after_it_swallows_them() -> None:
    image, run = _printed_dates()
    assert swallowing_words(_page(Word("150520920", 0.63, run)), image) == [(2, 0)]
    fitting = Box(run.left, run.top, run.width // 2, run.height)  # «15.05.2022» alone: no word space inside
    assert swallowing_words(_page(Word("15052022", 0.63, fitting)), image) == []
    assert swallowing_words(_page(Word("1505", 0.63, run)), image) == []  # too few figures to be a run


def test_a_reading_again_of_a_run_of_figures_must_hold_its_figures() -> None:
    image, run = _printed_dates()
    page = _page(Word("150520920", 0.63, run))
    engine = CannedBlockReader(_tsv((12, 200, 40, 73, "15.05.2022"), (230, 30, 40, 73, "т."), (280, 40, 40, 96, "по")))
    assert reread_swallowed(page, image, "rus+kaz", engine).lines[2].text == "15.05.2022 т. по"  # type: ignore[arg-type]
    other = CannedBlockReader(_tsv((12, 200, 40, 73, "28.11.2019"), (280, 40, 40, 96, "по")))
    assert reread_swallowed(page, image, "rus+kaz", other) is page  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_swallowed_period_is_read_again_with_tesseract() -> None:
    image, run = _printed_dates()
    engine = TesseractEngine(TESSDATA, ("rus+kaz",))
    read = reread_swallowed(_page(Word("150520920", 0.63, run)), image, "rus+kaz", engine)
    assert read.lines[2].text.replace("т.", "г.") == "15.05.2022 г. по"
