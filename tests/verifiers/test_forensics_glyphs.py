"""Glyph sizes in pixels: a field retyped larger than the capitals of its own line is TAMPERED; genuine lines,
labels set in a column of their own and broken strokes are not."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.types import Box, Line, PageText, Word
from tests.verifiers.test_forensics_image import FONTS, jpeg
from verifiers.forensics_glyphs import word_cap_height
from verifiers.forensics_image import image_tamper_findings

SIZE = 28
BASELINE = 120


def _line(parts: list[tuple[str, float, int]], font_index: int) -> tuple[np.ndarray, list[Word]]:
    """Words drawn on one baseline: (text, scale of the type size, extra space before it in pixels)."""
    image = Image.new("L", (1500, 220), 236)
    draw = ImageDraw.Draw(image)
    words, x = [], 60
    for text, scale, space in parts:
        font = ImageFont.truetype(FONTS[font_index], round(SIZE * scale))
        x += space
        left, top, right, bottom = font.getbbox(text, anchor="ls")
        draw.text((x, BASELINE), text, font=font, fill=35, anchor="ls")
        words.append(Word(text, 0.93, Box(x + left, BASELINE + top, right - left, bottom - top)))
        x += right + round(SIZE * 0.3)
    return np.asarray(image), words


def _page(words: list[Word]) -> PageText:
    return PageText(1, 1500, 220, (Line(tuple(words)),), "ocr")


def _erased(gray: np.ndarray, box: Box, rows: tuple[float, float], width_share: float) -> np.ndarray:
    """A copy with paper painted over rows `rows` (shares of the box's height from its top) of the box's left part."""
    out = gray.copy()
    top, bottom = (box.top + round(share * box.height) for share in rows)
    out[top:bottom, box.left:box.left + round(width_share * box.width)] = 236
    return out


def _findings(gray: np.ndarray, words: list[Word], field: str, field_words: int) -> list[str]:
    page = _page(words)
    box = words[-field_words].box
    for word in words[len(words) - field_words + 1:]:
        box = box.union(word.box)
    return [f.evidence["kind"] for f in image_tamper_findings(gray, page, {field: box})]


@pytest.mark.parametrize("font_index", [0, 1, 2])
@pytest.mark.parametrize("label", ["Регистрационный номер:", "Рег. номер", "Берілген күні:"])
def test_a_field_retyped_larger_than_its_label_is_tampered(font_index: int, label: str) -> None:
    value = "ПК-83/682" if "номер" in label else "26.02.2024"
    field = "cert_number" if "номер" in label else "issue_date"
    label_words = [(word, 1.0, 0) for word in label.split()]
    genuine, words = _line([*label_words, (value, 1.0, 0)], font_index)
    assert _findings(genuine, words, field, 1) == []
    assert _findings(jpeg(genuine, 60), words, field, 1) == []
    retyped, words = _line([*label_words, (value, 1.3, 0)], font_index)
    assert "line_cap_height" in _findings(retyped, words, field, 1)


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_digits_the_engine_split_off_a_number_are_measured_with_it(font_index: int) -> None:
    # «№ 001174» with «1174» retyped larger: Tesseract read «001» and «174», and «001» alone is as tall as «№»
    genuine, words = _line([("№", 1.0, 0), ("001", 1.0, 0), ("174", 1.0, 0)], font_index)
    assert image_tamper_findings(genuine, _page(words), {"cert_number": words[1].box}) == ()
    retyped, words = _line([("№", 1.0, 0), ("001", 1.0, 0), ("174", 1.3, 0)], font_index)
    kinds = [f.evidence["kind"] for f in image_tamper_findings(retyped, _page(words), {"cert_number": words[1].box})]
    assert kinds == ["line_cap_height"]


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_label_in_a_column_of_its_own_may_be_smaller(font_index: int) -> None:
    gray, words = _line([("Дата", 0.75, 0), ("выдачи:", 0.75, 0), ("26.02.2024", 1.0, 400)], font_index)
    assert _findings(gray, words, "issue_date", 1) == []


def test_a_line_with_no_capital_of_distinct_shape_gives_no_reference() -> None:
    # «с» and «о» print the same in both cases: their height says nothing about the line's capitals
    gray, words = _line([("с", 1.0, 0), ("12.02.2024", 1.0, 0), ("по", 1.0, 0), ("24.02.2024", 1.0, 0)], 1)
    assert _findings(gray, words, "start_date", 1) == []


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_capital_broken_at_its_hairline_still_gives_the_cap_height(font_index: int) -> None:
    gray, words = _line([("Берілген", 1.0, 0)], font_index)
    whole = word_cap_height(gray, words[0])
    assert whole is not None and whole >= 0.6 * SIZE
    broken = _erased(gray, words[0].box, (0.2, 0.27), 1.0)  # between the capital's top and the small letters' tops
    assert word_cap_height(broken, words[0]) == pytest.approx(whole, abs=2)


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_capital_no_taller_than_its_small_letters_is_no_reference(font_index: int) -> None:
    # a stamp lifted off the apex of «А» in «Алматы, 18.01.2023» left it as short as «л»: the date then stood
    # 1.25x the «capital» and a genuine document was TAMPERED (seed 21212)
    gray, words = _line([("Алматы,", 1.0, 0), ("18.01.2023", 1.0, 0)], font_index)
    damaged = _erased(gray, words[0].box, (-0.1, 0.3), 0.2)  # the «А» cut to x-height
    assert word_cap_height(gray, words[0]) is not None
    assert word_cap_height(damaged, words[0]) is None
    assert _findings(damaged, words, "issue_date", 1) == []


def test_a_lone_letter_is_no_reference() -> None:
    # «г.» read as «Е.»: a small letter taken for a capital would make any date beside it look retyped larger
    gray, words = _line([("по", 1.0, 0), ("02.12.2025", 1.0, 0), ("г.", 1.0, 0)], 1)
    page = _page([*words[:2], Word("Е.", 0.9, words[2].box)])
    assert image_tamper_findings(gray, page, {"end_date": words[1].box}) == ()


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_glyphs_a_blur_cut_in_two_are_measured_whole(font_index: int) -> None:
    # blurred «СМЕ-20225571»: Otsu's level cut the tops off two capitals, whose lower parts then stood as a group
    # of shorter glyphs beside the digits
    gray, words = _line([("№", 1.0, 0), ("СМЕ-20225571", 1.0, 0)], font_index)
    cut = _erased(gray, words[1].box, (0.25, 0.32), 0.2)
    assert image_tamper_findings(cut, _page(words), {"cert_number": words[1].box}) == ()


def _ringed(gray: np.ndarray, words: list[Word]) -> tuple[np.ndarray, list[Word]]:
    """A copy with dashes of a stamp's ring touching the tops of the last word's letters from above (ink as dark
    as the print), each letter they touch standing taller, and that word's box grown over them as the engine's."""
    image = Image.fromarray(gray.copy())
    draw = ImageDraw.Draw(image)
    word = words[-1].box
    rise = round(0.5 * word.height)
    for share in (0.3, 0.5, 0.7, 0.9):
        x = word.left + round(share * word.width)
        draw.line((x - 3, word.top - rise, x + 3, word.top + 4), fill=35, width=3)
    grown = Box(word.left, word.top - rise, word.width, word.height + rise)
    return np.asarray(image), [*words[:-1], Word(words[-1].text, words[-1].confidence, grown)]


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_month_in_words_under_a_stamps_ring_is_no_figure_retyped_larger(font_index: int) -> None:
    # «Берілген күні: 2024 жылғы 5 ақпан» with a ring through «ақпан»: its letters joined to the ring stood taller
    # than the line's capitals and a genuine date was TAMPERED (fraud seed 28989)
    parts = [("Берілген", 1.0, 0), ("күні:", 1.0, 0), ("2024", 1.0, 0), ("жылғы", 1.0, 0), ("5", 1.0, 0),
             ("ақпан", 1.0, 0)]
    gray, words = _line(parts, font_index)
    assert _findings(*_ringed(gray, words), "issue_date", 4) == []
    retyped, words = _line([*parts[:2], *((text, 1.3, 0) for text, _, _ in parts[2:])], font_index)
    assert "line_cap_height" in _findings(retyped, words, "issue_date", 4)


def _specked(gray: np.ndarray, words: list[Word], gap: int) -> tuple[np.ndarray, list[Word]]:
    """A copy with a lifted stamp's dotted remains `gap` pixels under the last word's figures, and that word's box
    grown over them and over the ring's arc above it, as the engine's."""
    out = gray.copy()
    word = words[-1].box
    bottom = word.top + word.height
    for x in range(word.left + 2, word.left + word.width - 2, 3):
        out[bottom + gap:bottom + gap + 2, x:x + 2] = 60
    grown = Box(word.left, word.top - 15, word.width, word.height + gap + 21)
    return out, [*words[:-1], Word(words[-1].text, words[-1].confidence, grown)]


@pytest.mark.parametrize("font_index", [0, 1, 2])
@pytest.mark.parametrize("gap", [2, 3])
def test_a_stamps_dotted_remains_under_a_day_are_no_figure_retyped_larger(font_index: int, gap: int) -> None:
    # «Берілген күні 2023 ж. «05» маусым» with a lifted stamp's dotted ring under «05»: the closing of broken
    # strokes (its reach grown with the box) joined the dots to the figures, 33 high for 28 (fraud seed 66767)
    parts = [("Берілген", 1.0, 0), ("күні", 1.0, 0), ("2023", 1.0, 0), ("ж.", 1.0, 0), ("«05»", 1.0, 0)]
    gray, words = _line(parts, font_index)
    assert _findings(*_specked(gray, words, gap), "issue_date", 3) == []
    retyped, words = _line([*parts[:2], *((text, 1.3, 0) for text, _, _ in parts[2:])], font_index)
    assert "line_cap_height" in _findings(*_specked(retyped, words, gap), "issue_date", 3)


def test_a_scrap_of_a_stamp_read_unsurely_is_no_reference_for_the_line() -> None:
    # the ring of a stamp beside «күні: 26.09.2023» read «27:» at 0.32: as the line's only «capital» it made the
    # genuine date stand 1.7x taller (fraud seed 29090)
    gray, words = _line([("27:", 0.6, 0), ("күні:", 1.0, 0), ("26.09.2023", 1.0, 0)], 1)
    sure = _page(words)
    assert [f.evidence["kind"] for f in image_tamper_findings(gray, sure, {"issue_date": words[2].box})] \
        == ["line_cap_height"]
    scrap = _page([Word("27:", 0.32, words[0].box), *words[1:]])
    assert image_tamper_findings(gray, scrap, {"issue_date": words[2].box}) == ()


@pytest.mark.parametrize("font_index", [0, 1, 2])
def test_a_number_beside_small_letters_only_is_measured_against_them(font_index: int) -> None:
    # «Тіркеу нөмірі 4086342»: no capital of distinct shape beside the number, so its label's small letters judge it
    # (a font tamper of fresh fraud seed 33434 went unseen)
    parts = [("Тіркеу", 1.0, 0), ("нөмірі", 1.0, 0)]
    genuine, words = _line([*parts, ("4086342", 1.0, 0)], font_index)
    assert _findings(genuine, words, "cert_number", 1) == []
    assert _findings(jpeg(genuine, 60), words, "cert_number", 1) == []
    retyped, words = _line([*parts, ("4086342", 1.3, 0)], font_index)
    assert _findings(retyped, words, "cert_number", 1) == ["line_x_height"]
    date_line, words = _line([("Сроки", 1.0, 0), ("обучения:", 1.0, 0), ("24.09.2024", 1.3, 0)], font_index)
    assert _findings(date_line, words, "start_date", 1) == []  # dates are not judged so
