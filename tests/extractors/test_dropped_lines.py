"""Lines lost next to a stamp found again: which blank regions count, what is kept, where lines go back."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.dropped_lines import (
    kept_lines,
    merged_areas,
    recover_dropped_lines,
    row_bands,
    stamp_regions,
    uncovered_rows,
    with_lines,
)
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Line, PageText, Word

from .rendering import FONT

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def _line(*words: tuple[str, float, Box]) -> Line:
    return Line(tuple(Word(text, confidence, box) for text, confidence, box in words))


def _page(lines: tuple[Line, ...], width: int = 1000, height: int = 1400) -> PageText:
    return PageText(1, width, height, lines, "ocr", language_hint="rus+kaz")


TEXT = _line(("Директор", 0.96, Box(100, 600, 160, 30)), ("Әбілов", 0.95, Box(700, 600, 120, 30)))


def test_only_stamp_shaped_regions_count() -> None:
    page = _page((TEXT,))
    blanks = [Box(400, 500, 250, 240),  # a round seal
              Box(60, 60, 880, 7), Box(60, 60, 7, 1300),  # frame rules
              Box(20, 20, 960, 1360),  # the whole page as a picture
              Box(500, 500, 40, 40)]  # a speck, smaller than two text lines
    assert stamp_regions(blanks, page, 30.0) == [Box(400, 500, 250, 240)]


def test_strips_take_half_a_line_around_and_join_when_their_rows_overlap() -> None:
    regions = [Box(100, 500, 200, 200), Box(600, 650, 200, 200), Box(100, 1200, 200, 100)]
    strips = row_bands(regions, 30.0, _page(()))
    assert strips[0] == Box(0, 485, 1000, 230)
    assert merged_areas([*strips, Box(300, 700, 100, 40)]) == [Box(0, 485, 1000, 380), Box(0, 1185, 1000, 130)]


def test_uncovered_ink_in_glyph_sizes_makes_a_row() -> None:
    image = np.full((1400, 1000), 255, np.uint8)
    for index in range(8):  # a row of eight letters that no word covers
        image[800:830, 100 + index * 30:120 + index * 30] = 0
    image[200:230, 100:340] = 0  # the same ink under a word already read
    image[1000:1300, 500:800] = 0  # a blot far taller than text
    image[1350:1352, 50:950] = 0  # a rule
    page = _page((_line(("Директор", 0.96, Box(100, 200, 240, 30))),))
    assert uncovered_rows(image, page, 30.0) == [Box(85, 785, 260, 60)]


def test_kept_lines_need_a_sure_word_and_lose_stamp_ink_and_words_read_before() -> None:
    stamp = Box(400, 500, 250, 240)
    date_line = _line(("Дата", 0.97, Box(100, 20, 80, 30)), ("выдачи", 0.96, Box(190, 20, 120, 30)),
                      ("18.01.2023", 0.17, Box(320, 20, 150, 30)),  # weak, but not wholly inside the stamp
                      ("ж", 0.4, Box(500, 100, 20, 20)))  # ring lettering of the stamp
    ring = _line(("СУ", 0.2, Box(450, 150, 40, 30)), ("79", 0.8, Box(520, 160, 30, 30)))
    again = _line(("Директор", 0.96, Box(101, 101, 160, 30)))  # read before (band coordinates + 500)
    date_only = _line(("--Выдано:", 0.5, Box(100, 300, 120, 30)), ("05.07.2023", 0.95, Box(230, 300, 150, 30)))
    kept = kept_lines([date_line, ring, again, date_only], 500, [stamp], [Box(100, 600, 160, 30)])
    assert [line.text for line in kept] == ["Дата выдачи 18.01.2023", "--Выдано: 05.07.2023"]
    assert kept[0].words[0].box == Box(100, 520, 80, 30)


def test_a_whole_date_is_kept_though_read_unsurely_but_a_ring_number_is_not() -> None:
    date_run_in = _line(("ыДано::22,05.2024", 0.26, Box(100, 20, 300, 30)))  # the seal's ring over «Выдано»
    ring = _line(("2024", 0.3, Box(450, 150, 80, 30)), ("05,22", 0.3, Box(540, 150, 80, 30)))
    kept = kept_lines([date_run_in, ring], 500, [], [])
    assert [line.text for line in kept] == ["ыДано::22,05.2024"]


def test_hours_with_their_unit_are_kept_though_no_word_is_long_enough() -> None:
    hours = _line(("(60.ч.)", 0.85, Box(100, 20, 120, 37)))  # fraud 37878: the line beside a seal
    ring = _line(("60", 0.9, Box(450, 150, 40, 30)), ("ТА", 0.3, Box(500, 150, 40, 30)))
    assert [line.text for line in kept_lines([hours, ring], 500, [], [])] == ["(60.ч.)"]


def test_lines_go_back_in_reading_order() -> None:
    header = _line(("СЕРТИФИКАТ", 0.97, Box(300, 100, 300, 50)))
    found = _line(("Дата", 0.97, Box(100, 520, 80, 30)))
    page = with_lines(_page((header, TEXT)), [found])
    assert [line.text for line in page.lines] == ["СЕРТИФИКАТ", "Дата", "Директор Әбілов"]


class _Engine:
    def __init__(self, tsv: str) -> None:
        self.tsv, self.asked = tsv, 0

    def ocr_block_tsv(self, image: np.ndarray, languages: str, *, adaptive: bool = False) -> str:
        self.asked += 1
        assert image[120, 150] == 255, "words already read are painted out before the re-read"
        assert adaptive, "thresholded per tile: a stamp's remains must not blank the line beside them"
        return self.tsv


def test_recovery_reads_only_around_stamps() -> None:
    image = np.full((1400, 1000), 255, np.uint8)
    image[600:630, 100:260] = 0  # the words already read
    page = _page((TEXT,))
    tsv = "5\t1\t1\t1\t1\t1\t100\t40\t80\t30\t97\tДата\n5\t1\t1\t1\t1\t2\t190\t40\t120\t30\t96\tвыдачи\n"
    engine = _Engine(tsv)
    assert recover_dropped_lines(page, image, [Box(60, 60, 880, 7)], "rus+kaz", engine) == page  # type: ignore[arg-type]
    assert engine.asked == 0
    read = recover_dropped_lines(page, image, [Box(400, 500, 250, 240)], "rus+kaz", engine)  # type: ignore[arg-type]
    assert engine.asked == 1
    assert [line.text for line in read.lines] == ["Дата выдачи", "Директор Әбілов"]
    assert read.lines[0].words[0].box == Box(100, 40 + 485, 80, 30)


def test_a_row_of_uncovered_ink_is_read_apart_from_the_band_around_a_stamp() -> None:
    image = np.full((1400, 1000), 255, np.uint8)
    for index in range(8):  # a line the first reading lost, just above a seal
        image[470:500, 100 + index * 30:120 + index * 30] = 0
    asked: list[tuple[int, int]] = []

    class Engine:
        def ocr_block_tsv(self, crop: np.ndarray, languages: str, *, adaptive: bool = False) -> str:
            asked.append(crop.shape)
            return ""

    recover_dropped_lines(_page((TEXT,)), image, [Box(400, 500, 250, 240)], "rus+kaz", Engine())  # type: ignore[arg-type]
    # the row on its own, then the band (merged with it, the row's line is lost among the ring's letters)
    assert len(asked) == 2 and asked[0][0] < 100


def _stamped_page() -> tuple[np.ndarray, Box]:
    """A printed line with a round seal touching its end, and a line below it the first reading kept.

    (With the ring over the digits themselves the block re-read takes them for part of the seal.)"""
    page = Image.new("L", (1400, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((100, 300), "Дата выдачи 18.01.2023 г.", font=font, fill=0)
    draw.text((100, 600), "Директор", font=font, fill=0)
    draw.ellipse((640, 200, 920, 480), outline=120, width=4)
    draw.ellipse((680, 240, 880, 440), outline=120, width=3)
    return np.asarray(page, dtype=np.uint8).copy(), Box(640, 200, 281, 281)


@pytest.mark.slow
def test_a_line_lost_beside_a_seal_is_read_again_with_tesseract() -> None:
    image, seal = _stamped_page()
    kept = _line(("Директор", 0.96, Box(100, 608, 190, 32)))
    page = PageText(1, 1400, 900, (kept,), "ocr", language_hint="rus+kaz")
    read = recover_dropped_lines(page, image, [seal], "rus+kaz", TesseractEngine(TESSDATA, ("rus+kaz",)))
    assert "Дата выдачи 18.01.2023" in read.lines[0].text
    assert read.lines[-1] == kept


def test_recovered_halves_of_one_printed_line_are_joined() -> None:
    month = _line(("февраля", 0.9, Box(420, 802, 120, 30)), ("2023", 0.9, Box(550, 800, 70, 30)))
    city = _line(("г.", 0.9, Box(200, 800, 20, 30)), ("Шымкент,", 0.9, Box(230, 800, 150, 30)),
                 ("9", 0.9, Box(395, 801, 15, 30)))
    page = with_lines(_page((TEXT,)), [month, city])
    assert "г. Шымкент, 9 февраля 2023" in [line.text for line in page.lines]
