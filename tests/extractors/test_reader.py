"""read_document end to end: PDFs by text layer or OCR, images by OCR, with QR codes and clear refusals."""

from __future__ import annotations

import io

import numpy as np
import pytest
import qrcode
from PIL import Image

from extractors.errors import UnreadableDocument
from extractors.preprocess import downscale, rotate_clockwise, rotate_small_angle, text_runs_sideways
from extractors.reader import (
    ReadLimits,
    choose_languages,
    detect_orientation,
    ocr_page,
    page_rotation,
    read_document,
    read_document_pages,
)
from extractors.tesseract import OsdResult, TesseractEngine
from tests.extractors.rendering import ENGLISH, KAZAKH, RUSSIAN, render_page
from tests.extractors.test_pdf import born_digital_pdf, image_only_pdf

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
LIMITS = ReadLimits(max_pages=30, max_pixels_per_page=60_000_000)


@pytest.fixture(scope="module")
def engine() -> TesseractEngine:
    return TesseractEngine(TESSDATA, languages=())


def _png(page: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(page).save(buffer, "PNG")
    return buffer.getvalue()


def _words(text: str) -> set[str]:
    return set(text.replace(",", " ").split())


def test_language_choice_by_script() -> None:
    sure_cyrillic = OsdResult(rotation=90, orientation_confidence=20, script="Cyrillic", script_confidence=5)
    assert choose_languages(sure_cyrillic, LIMITS) == "rus+kaz"
    assert choose_languages(OsdResult(0, 20, "Latin", 5), LIMITS) == "eng"
    assert choose_languages(OsdResult(0, 20, "Latin", 0.2), LIMITS) == "rus+kaz+eng"
    assert choose_languages(OsdResult(0, 20, "Arabic", 5), LIMITS) == "rus+kaz+eng"
    assert choose_languages(None, LIMITS) == "rus+kaz+eng"
    assert page_rotation(sure_cyrillic, LIMITS) == 270
    assert page_rotation(OsdResult(90, 0.5, "Latin", 5), LIMITS) == 0


def test_an_unsure_sideways_detection_counts_when_the_text_runs_up_and_down() -> None:
    # a landscape certificate scanned upright: the detector said 90° at 1.6, below the 2.0 it is trusted at
    small, _ = downscale(render_page(RUSSIAN + KAZAKH + ENGLISH, dpi=100), 1800)
    unsure = OsdResult(90, 1.6, "Cyrillic", 1.0)
    assert page_rotation(unsure, LIMITS, rotate_clockwise(small, 270)) == 270
    assert page_rotation(unsure, LIMITS, small) == 0  # upright lines: the unsure detection is not trusted
    assert page_rotation(OsdResult(180, 1.6, "Cyrillic", 1.0), LIMITS, rotate_clockwise(small, 270)) == 0
    assert not text_runs_sideways(small) and text_runs_sideways(rotate_clockwise(small, 90))


def test_unsupported_kind_refused(engine: TesseractEngine) -> None:
    with pytest.raises(UnreadableDocument, match="unsupported"):
        read_document(b"GIF89a", "gif", engine, LIMITS)


def test_born_digital_pdf_read_from_text_layer(engine: TesseractEngine) -> None:
    pages = read_document(born_digital_pdf(RUSSIAN), "pdf", engine, LIMITS)
    assert len(pages) == 1 and pages[0].source == "text_layer"
    assert pages[0].text.splitlines() == list(RUSSIAN)


@pytest.mark.slow
def test_scanned_pdf_is_ocred(engine: TesseractEngine) -> None:
    pages = read_document(image_only_pdf(), "pdf", engine, LIMITS)
    assert len(pages) == 1 and pages[0].source == "ocr"
    assert {"Жақсыбекова", "Әйгерім", "Серікқызы", "Қарағанды"} <= _words(pages[0].text)


@pytest.mark.slow
@pytest.mark.parametrize(("lines", "expected"), [
    (RUSSIAN, {"СЕРТИФИКАТ", "квалификации", "Иванову", "педиатрии", "108", "февраля"}),
    (KAZAKH, {"КУӘЛІК", "Жақсыбекова", "Әйгерім", "Серікқызы", "Қарағанды", "өтті", "сағат", "нөмірі",
              "Өскемен", "ұлттық", "жүрек", "һәм", "біліктілікті"}),
    (ENGLISH, {"CERTIFICATE", "John", "Smith", "Emergency", "Medicine", "72", "2024-118"}),
])
def test_turned_skewed_page_is_read(engine: TesseractEngine, lines: tuple[str, ...], expected: set[str]) -> None:
    damaged = rotate_clockwise(rotate_small_angle(render_page(lines), 3.0), 90)
    read = read_document_pages(_png(damaged), "png", engine, LIMITS)[0]
    assert read.text.rotation == 270 and read.text.source == "ocr"
    assert expected <= _words(read.text.text)
    assert read.paper is not None and read.upright is not None  # the page as scanned, upright, every other pixel
    assert read.paper.shape == ((read.upright.shape[0] + 1) // 2, (read.upright.shape[1] + 1) // 2)


@pytest.mark.slow
def test_a_heading_with_a_frame_line_through_it_is_read(engine: TesseractEngine) -> None:
    page = render_page(RUSSIAN)
    rows = np.flatnonzero((page < 128).any(axis=1))
    first_bottom = rows[np.flatnonzero(np.diff(rows) > 1)[0]]
    struck = rows[0] + (first_bottom - rows[0]) * 3 // 10
    page[struck:struck + 3, 100:-100] = 0
    pages = read_document(_png(page), "png", engine, LIMITS)
    assert pages[0].text.splitlines()[0] == RUSSIAN[0]


@pytest.mark.slow
def test_qr_payload_attached(engine: TesseractEngine) -> None:
    page = Image.fromarray(render_page(ENGLISH))
    page.paste(qrcode.make("CERT:2024-118").get_image().convert("L").resize((300, 300)), (1800, 2800))
    pages = read_document(_png(np.asarray(page)), "png", engine, LIMITS)
    assert pages[0].qr_payloads == ("CERT:2024-118",)


def test_bomb_refused_before_ocr(engine: TesseractEngine) -> None:
    from tests.extractors.test_raster import _png_claiming

    with pytest.raises(UnreadableDocument, match="400 MP"):
        read_document(_png_claiming(20000, 20000), "png", engine, LIMITS)


class _Osd:
    """Orientation answers in turn, with the images they were asked about."""

    def __init__(self, *answers: OsdResult | None) -> None:
        self.answers, self.images = list(answers), list[np.ndarray]()

    def detect_orientation_script(self, image: np.ndarray, dpi: int = 300) -> OsdResult | None:
        self.images.append(image)
        return self.answers.pop(0)


def test_an_unsure_orientation_is_asked_again_of_the_black_and_white_page() -> None:
    gray = np.random.default_rng(3).integers(60, 256, (200, 300), dtype=np.uint8)
    turned = OsdResult(270, 6.0, "Cyrillic", 6.1)
    engine = _Osd(None, turned)
    assert detect_orientation(gray, 150, engine, ReadLimits()) == turned  # type: ignore[arg-type]
    assert set(np.unique(engine.images[1])) <= {0, 255}
    sure = OsdResult(0, 9.0, "Cyrillic", 3.0)
    engine = _Osd(sure)
    assert detect_orientation(gray, 150, engine, ReadLimits()) == sure  # type: ignore[arg-type]
    assert len(engine.images) == 1  # a sure answer costs one detection
    weak, weaker = OsdResult(90, 1.5, "Latin", 1.0), OsdResult(0, 0.5, "Latin", 1.0)
    assert detect_orientation(gray, 150, _Osd(weak, weaker), ReadLimits()) == weak  # type: ignore[arg-type]


class _LayoutFindsNothing(TesseractEngine):
    """Tesseract whose page layout analysis finds no text block ("Empty page!!"), as a picture-like patch (a
    stamp's lifted ring) once made it do on a plainly printed page."""

    def ocr_tsv(self, image: np.ndarray, languages: str, dpi: int = 300, *, block: bool = False,
                column: bool = False) -> str:
        if not block and not column:
            height, width = image.shape
            return f"1\t1\t0\t0\t0\t0\t0\t0\t{width}\t{height}\t-1\t\n"
        return super().ocr_tsv(image, languages, dpi, block=block, column=column)


def test_a_page_the_layout_analysis_finds_empty_is_read_as_one_column() -> None:
    page = ocr_page(render_page(RUSSIAN), 1, _LayoutFindsNothing(TESSDATA, languages=()), LIMITS)
    assert {"СЕРТИФИКАТ", "квалификации", "педиатрии"} <= _words(" ".join(line.text for line in page.lines))


class _TakesEverythingForLatin(TesseractEngine):
    """Tesseract whose script detection takes the page for Latin, surely (a Kazakh translation of an English
    certificate, its issuer in Latin letters at the top: fraud 61212)."""

    def detect_orientation_script(self, image: np.ndarray, dpi: int = 300) -> OsdResult | None:
        return OsdResult(rotation=0, orientation_confidence=9.0, script="Latin", script_confidence=9.0)


@pytest.mark.slow
def test_a_page_taken_for_the_other_script_is_read_again_with_every_language() -> None:
    page = ocr_page(render_page(KAZAKH), 1, _TakesEverythingForLatin(TESSDATA, languages=()), LIMITS)
    assert page.language_hint == "rus+kaz+eng"
    assert {"КУӘЛІК", "Әйгерім", "сағат"} <= _words(" ".join(line.text for line in page.lines))
    english = ocr_page(render_page(ENGLISH), 1, _TakesEverythingForLatin(TESSDATA, languages=()), LIMITS)
    assert english.language_hint == "eng"  # the detector was right: read once
