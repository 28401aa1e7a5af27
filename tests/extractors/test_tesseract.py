"""The Tesseract adapter: raw TSV and orientation/script detection on rendered pages."""

from __future__ import annotations

import pytest

from extractors.preprocess import downscale, rotate_clockwise
from extractors.tesseract import TesseractEngine
from tests.extractors.rendering import ENGLISH, KAZAKH, render_page

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


@pytest.fixture(scope="module")
def engine() -> TesseractEngine:
    return TesseractEngine(TESSDATA, languages=())


@pytest.mark.slow
def test_tsv_holds_words(engine: TesseractEngine) -> None:
    tsv = engine.ocr_tsv(render_page(ENGLISH[:2], dpi=300), "eng")
    rows = [row.split("\t") for row in tsv.splitlines()]
    assert all(len(row) == 12 for row in rows)
    assert "CERTIFICATE" in {row[11] for row in rows if row[0] == "5"}


@pytest.mark.slow
@pytest.mark.parametrize(("lines", "script"), [(KAZAKH, "Cyrillic"), (ENGLISH, "Latin")])
@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_orientation_and_script(engine: TesseractEngine, lines: tuple[str, ...], script: str, turn: int) -> None:
    small, _ = downscale(rotate_clockwise(render_page(lines * 2), turn), 1800)
    found = engine.detect_orientation_script(small, dpi=150)
    assert found is not None
    assert (found.rotation, found.script) == (turn, script)


@pytest.mark.slow
def test_an_adaptive_read_thresholds_per_tile_and_leaves_the_engine_as_it_was(engine: TesseractEngine) -> None:
    page = render_page(ENGLISH[:2], dpi=300)
    adaptive = engine.ocr_block_tsv(page, "eng", adaptive=True)
    assert "CERTIFICATE" in {row.split("\t")[11] for row in adaptive.splitlines() if row.startswith("5\t")}
    api = engine._api("eng")
    assert api.GetVariableAsString("thresholding_method") == "0"  # the next reads use the page-wide threshold
