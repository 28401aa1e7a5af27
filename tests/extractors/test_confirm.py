"""A weakly read field confirmed by a second reading of its crop, only when both spell the same."""

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
