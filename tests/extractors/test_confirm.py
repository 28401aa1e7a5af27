"""A weakly read field confirmed by a second reading of its crop, only when both spell the same (or give the
same date)."""

from __future__ import annotations

import numpy as np

from extractors.confirm import confirm_field, confirmed
from extractors.types import Box, FieldValue, Line, PageText, Word

from .fakes import CannedBlockReader

BOX = Box(100, 100, 200, 30)
WEAK = FieldValue("2023-05-17", 0.285, 1, BOX)  # pattern 0.95 x the factor of an OCR confidence of 0


def _words(*pairs: tuple[str, float]) -> list[Word]:
    return [Word(text, confidence, BOX) for text, confidence in pairs]


def test_an_agreeing_sure_second_reading_restores_the_confidence() -> None:
    assert confirmed(WEAK, _words(("17.05.2023", 0.0)), _words(("17.05.2023", 0.96))).confidence == 0.95


def test_each_agreeing_word_counts_as_sure_as_its_surer_reading() -> None:
    first = _words(("|3", 0.94), ("апреля", 0.97), ("2025", 0.24))  # a table's rule glued to the day
    second = _words(("3", 0.77), ("апреля", 0.97), ("2025", 0.97))
    weak = FieldValue("2025-04-03", 0.294, 1, BOX)
    assert confirmed(weak, first, second).confidence > 0.6
    unsure = _words(("3", 0.5), ("апреля", 0.97), ("2025", 0.24))
    assert confirmed(weak, unsure, second) == weak  # the day read unsurely both times


def test_readings_that_differ_only_in_the_kind_of_dash_agree() -> None:
    dates = FieldValue("2023-05-07", 0.285, 1, BOX)
    assert confirmed(dates, _words(("7-8", 0.0), ("May", 0.9)), _words(("7—8", 0.95), ("May", 0.96))).confidence == 0.95
    assert confirmed(dates, _words(("7-8", 0.0),), _words(("7", 0.95), ("8", 0.96))) == dates


def test_readings_that_give_the_same_date_agree_whatever_else_they_spell() -> None:
    # fraud 45656: «2023 г.» read «2023 т.» at 0.13 on the page, «г.» at 0.7 in the crop
    first = _words(("«12»", 0.97), ("июля", 0.96), ("2023", 0.13), ("т.", 0.97), ("по", 0.95), ("«14»", 0.96),
                   ("июля", 0.97), ("2023", 0.38))
    second = _words(("«12»", 0.96), ("июля", 0.96), ("2023", 0.96), ("г.", 0.7), ("по", 0.96), ("«14»", 0.97),
                    ("июля", 0.96), ("2023", 0.96))
    for day in ("2023-07-12", "2023-07-14"):
        weak = FieldValue(day, 0.381, 1, BOX)
        assert confirmed(weak, first, second).confidence > 0.9
    other = FieldValue("2023-07-13", 0.381, 1, BOX)  # a date neither reading gives
    assert confirmed(other, first, second) == other
    unsure = [*second[:2], Word("2023", 0.5, BOX), *second[3:]]  # the year read unsurely again
    assert confirmed(FieldValue("2023-07-12", 0.381, 1, BOX), first, unsure).confidence == 0.381


def test_a_day_in_quotes_read_in_letters_agrees_as_the_field_read_it() -> None:
    # fraud 53434: «03» read «ОЗ» on the page (the field mended it) and the year after the range at 0.00; the crop
    # read «03» surely, which gave the same date only once the page's reading was normalised as the field's was
    first = _words(("«ОЗ»", 0.93), ("февраля", 0.96), ("2025", 0.96), ("г.", 0.96), ("по", 0.97),
                   ("«24»", 0.97), ("марта", 0.97), ("2025", 0.0), ("г.", 0.0))
    second = _words(("«03»", 0.96), ("февраля", 0.97), ("2025", 0.96), ("г.", 0.96), ("по", 0.96),
                    ("«24»", 0.97), ("марта", 0.97), ("2025", 0.97))
    assert confirmed(FieldValue("2025-02-03", 0.285, 1, BOX), first, second).confidence > 0.9


def test_a_second_reading_that_differs_or_is_unsure_changes_nothing() -> None:
    assert confirmed(WEAK, _words(("9.08.2023", 0.0)), _words(("8.08.2023", 0.97))) == WEAK
    assert confirmed(WEAK, _words(("17.05.2023", 0.0)), _words(("17.05.2023/", 0.03), ("227", 0.03))) == WEAK
    assert confirmed(WEAK, _words(("17.05.2023", 0.0)), _words(("17.05.2023", 0.5))) == WEAK
    assert confirmed(WEAK, [], _words(("17.05.2023", 0.96))) == WEAK



def test_the_crop_is_read_with_the_page_languages_and_text_layer_pages_are_left_alone() -> None:
    page = PageText(1, 400, 300, (Line((Word("Выдано:", 0.96, Box(10, 100, 80, 30)),
                                        Word("17.05.2023", 0.0, Box(110, 100, 180, 30)))),), "ocr",
                    language_hint="rus+kaz")
    engine = CannedBlockReader("5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t95.5\t17.05.2023\n")
    assert confirm_field(WEAK, page, np.zeros((300, 400), np.uint8), engine).confidence == 0.95  # type: ignore[arg-type]
    layer = PageText(1, 400, 300, page.lines, "text_layer")
    assert confirm_field(WEAK, layer, np.zeros((300, 400), np.uint8), engine) == WEAK  # type: ignore[arg-type]
    assert engine.asked == 1


class _CropRecorder(CannedBlockReader):
    def __init__(self, tsv: str) -> None:
        super().__init__(tsv)
        self.crops: list[np.ndarray] = []

    def ocr_block_tsv(self, image: np.ndarray, languages: str) -> str:
        self.crops.append(image)
        return super().ocr_block_tsv(image, languages)


def test_a_label_read_into_a_dates_first_word_is_cut_off_before_the_second_reading() -> None:
    # «Сроки обучения: 26.03.2024 по 04.04.2024» read «обучения:2 6.03.2024 по …», both words at 0.00 (fraud 35656)
    words = (Word("обучения:2", 0.0, Box(100, 100, 200, 30)), Word("6.03.2024", 0.0, Box(310, 100, 180, 30)),
             Word("по", 0.97, Box(500, 100, 40, 30)), Word("04.04.2024", 0.96, Box(550, 100, 200, 30)))
    page = PageText(1, 800, 300, (Line(words),), "ocr", language_hint="rus+kaz")
    weak = FieldValue("2024-03-26", 0.285, 1, Box(100, 100, 650, 30))
    image = np.full((300, 800), 255, np.uint8)
    image[100:130, 100:280] = 0  # the label's ink: it must not be in the second crop
    engine = _CropRecorder("5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t95\t26.03.2024\n"
                           "5\t1\t1\t1\t1\t2\t200\t10\t40\t30\t96\tпо\n5\t1\t1\t1\t1\t3\t250\t10\t200\t30\t95\t04.04.2024\n")
    assert confirm_field(weak, page, image, engine).confidence == 0.95  # type: ignore[arg-type]
    assert engine.crops[0].min() == 255  # the label's ink was cut off (the date's own pixels are blank here)
    engine = _CropRecorder("5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t95\tобученив:20.03.2024\n")
    assert confirm_field(weak, page, image, engine) == weak  # type: ignore[arg-type]  # another day read


def test_a_date_read_without_its_year_is_confirmed_by_a_reading_over_the_years_place() -> None:
    # «Дата выдачи 26 апреля 2024 г.» with a stamp over «2024 г.»: the page read «26 апреля 2» (a speck), the year
    # was inferred from the course (fraud 60101); the crop is widened over the year, whose reading confirms it
    words = (Word("выдачи", 0.97, Box(10, 100, 80, 30)), Word("26", 0.97, Box(100, 100, 40, 30)),
             Word("апреля", 0.96, Box(150, 100, 130, 30)), Word("2", 0.94, Box(295, 110, 5, 5)))
    page = PageText(1, 800, 300, (Line(words),), "ocr", language_hint="rus+kaz")
    inferred = FieldValue("2024-04-26", 0.5, 1, Box(100, 100, 200, 30))
    engine = _CropRecorder("5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96\t26\n5\t1\t1\t1\t1\t2\t60\t10\t130\t30\t96\tапреля\n"
                           "5\t1\t1\t1\t1\t3\t200\t10\t80\t30\t95\t2024\n")
    assert confirm_field(inferred, page, np.full((300, 800), 255, np.uint8), engine).confidence == 0.8  # type: ignore[arg-type]
    assert engine.crops[0].shape[1] >= 200 + 3 * 30  # the year's place is in the crop
    other_year = _CropRecorder("5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96\t26\n"
                               "5\t1\t1\t1\t1\t2\t60\t10\t130\t30\t96\tапреля\n5\t1\t1\t1\t1\t3\t200\t10\t80\t30\t95\t2023\n")
    assert confirm_field(inferred, page, np.full((300, 800), 255, np.uint8), other_year) == inferred  # type: ignore[arg-type]
    unsure = _CropRecorder("5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96\t26\n"
                           "5\t1\t1\t1\t1\t2\t60\t10\t130\t30\t96\tапреля\n5\t1\t1\t1\t1\t3\t200\t10\t80\t30\t55\t2024\n")
    assert confirm_field(inferred, page, np.full((300, 800), 255, np.uint8), unsure) == inferred  # type: ignore[arg-type]


class _ByLanguage:
    """Answers `ocr_block_tsv` with the TSV given for its languages; records the languages asked for."""

    def __init__(self, readings: dict[str, str]) -> None:
        self.readings: dict[str, str] = readings
        self.asked: list[str] = []

    def ocr_block_tsv(self, image: np.ndarray, languages: str) -> str:
        self.asked.append(languages)
        return self.readings[languages]


def test_a_latin_number_on_a_russian_page_is_confirmed_by_the_english_model() -> None:
    # fraud 57878: «№KZ-2024-000765» read «№К7-2024-000765» at 0.39 by rus+kaz, again «№К/7-…» at 0.17 in its
    # crop, and "NeKZ-2024-000765" at 0.89 by the English model: the same number, its «№» read "Ne"
    page = PageText(1, 400, 300, (Line((Word("№К7-2024-000765", 0.39, BOX),)),), "ocr", language_hint="rus+kaz")
    weak = FieldValue("KZ-2024-000765", 0.576, 1, BOX)
    engine = _ByLanguage({"rus+kaz": "5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t17\t№К/7-2024-000765\n",
                          "eng": "5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t89\tNeKZ-2024-000765\n"})
    assert confirm_field(weak, page, np.zeros((300, 400), np.uint8), engine).confidence > 0.9  # type: ignore[arg-type]
    assert engine.asked == ["rus+kaz", "eng"]
    other = _ByLanguage({"rus+kaz": engine.readings["rus+kaz"],
                         "eng": "5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t89\tNeKZ-2024-000766\n"})  # another number
    assert confirm_field(weak, page, np.zeros((300, 400), np.uint8), other) == weak  # type: ignore[arg-type]
    dated = _ByLanguage({"rus+kaz": "5\t1\t1\t1\t1\t1\t10\t10\t180\t30\t5\t17.05.2023\n"})
    assert confirm_field(WEAK, page, np.zeros((300, 400), np.uint8), dated) == WEAK  # type: ignore[arg-type]
    assert dated.asked == ["rus+kaz"]  # no Latin letter in a date: the English model is not asked
