"""The read chain's forensic steps: page-1 hash, TAMPERED from PDF bytes and from pixels, images kept in the worker."""

from __future__ import annotations

import dataclasses
import io
import pickle

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.pdfgen import canvas

from extractors.reader import ReadLimits
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Extraction, FieldValue, Line, PageText, Word
from tests.extractors.rendering import FONT, render_page
from verifiers.duplicates import perceptual_hash
from workers.steps import (
    DocumentInput,
    DocumentState,
    StepContext,
    detect_tampering,
    drop_images,
    fingerprint,
    restore_kazakh_letters,
    run_steps,
)

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
CERTIFICATE = ("СЕРТИФИКАТ о повышении квалификации", "№ 0012345", "Выдан Иванову Петру Сергеевичу",
               "в объёме 108 часов", "с 12.02.2024 по 24.02.2024")


def _pdf(producer: str | None) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=True)
    page.drawString(100, 700, "CERTIFICATE No 0012345")
    page.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    if producer:
        pdf.docinfo["/Producer"] = producer
    out = io.BytesIO()
    pdf.save(out, static_id=True)
    return out.getvalue()


def _no_context() -> StepContext:
    return StepContext(engine=None, limits=ReadLimits())  # type: ignore[arg-type]  # these steps never OCR


def test_fingerprint_hashes_the_first_page_image() -> None:
    page = render_page(CERTIFICATE, dpi=100)
    state = fingerprint(DocumentInput(1, b"", "png"), DocumentState(images={1: page}), _no_context())
    assert state.image_hash == f"{perceptual_hash(page):016x}"
    assert fingerprint(DocumentInput(1, b"", "png"), DocumentState(), _no_context()).image_hash is None


@pytest.mark.parametrize(("producer", "tampered"), [("ReportLab PDF Library", False), ("Adobe Photoshop 25.0", True)])
def test_pdf_written_by_an_image_editor_is_tampered(producer: str, tampered: bool) -> None:
    state = detect_tampering(DocumentInput(1, _pdf(producer), "pdf"), DocumentState(), _no_context())
    assert any(flag.code == "TAMPERED" for flag in state.flags) is tampered


def _scan(lines: tuple[str, ...], seed: int) -> tuple[np.ndarray, PageText]:
    """A noisy, slightly blurred scan of `lines` and the words' ink boxes, as OCR would report them."""
    image = Image.new("L", (1700, 1200), 235)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 42)
    read: list[Line] = []
    for number, text in enumerate(lines):
        x, y = 120, 120 + number * 110
        words = []
        for token in text.split(" "):
            left, top, right, bottom = (round(edge) for edge in draw.textbbox((x, y), token, font=font))
            draw.text((x, y), token, font=font, fill=20)
            words.append(Word(token, 0.9, Box(left, top, right - left, bottom - top)))
            x = right + 16
        read.append(Line(tuple(words)))
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32)
    noisy = blurred + np.random.default_rng(seed).normal(0, 5, blurred.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8), PageText(1, 1700, 1200, tuple(read), "ocr")


def _number_box(page: PageText) -> Box:
    return next(word.box for line in page.lines for word in line.words if word.text == "0012345")


def _whiteout(gray: np.ndarray, box: Box) -> np.ndarray:
    """Paint the number over in flat white and retype it, as a forger with an image editor would."""
    image = Image.fromarray(gray)
    draw = ImageDraw.Draw(image)
    draw.rectangle((box.left - 6, box.top - 6, box.left + box.width + 6, box.top + box.height + 6), fill=255)
    draw.text((box.left, box.top - 8), "0099999", font=ImageFont.truetype(FONT, 42), fill=0)
    return np.asarray(image)


def _state(gray: np.ndarray, page: PageText) -> DocumentState:
    box = _number_box(page)
    extraction = Extraction("advanced_training", 0.9, "ru", {"cert_number": FieldValue("0012345", 0.9, 1, box)})
    return DocumentState(pages=(page,), extraction=extraction, images={1: gray})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_whited_out_number_is_tampered_with_its_region(seed: int) -> None:
    scanned, page = _scan(CERTIFICATE, seed)
    edited = _whiteout(scanned, _number_box(page))
    flags = detect_tampering(DocumentInput(1, b"", "png"), _state(edited, page), _no_context()).flags
    assert [flag.code for flag in flags] == ["TAMPERED"]
    assert flags[0].evidence["page_no"] == 1 and flags[0].evidence["field"] == "cert_number"
    assert detect_tampering(DocumentInput(1, b"", "png"), _state(scanned, page), _no_context()).flags == ()


def test_images_never_leave_the_worker() -> None:
    pixels = np.zeros((4, 4), np.uint8)
    state = drop_images(DocumentInput(1, b"", "png"), DocumentState(images={1: pixels}, uprights={1: (pixels, 1.0)},
                                                                    papers={1: pixels}), _no_context())
    assert state.images == {} and state.uprights == {} and state.papers == {}


def test_a_field_retyped_without_its_grey_fringe_is_found_on_the_upright_pixels() -> None:
    # the prepared page is the upright one at half size: the fringe is measured on the upright pixels, where the
    # retyped number's hard edges are, and the field not already flagged by the prepared page's checks
    scanned, page = _scan(CERTIFICATE, 1)
    hard = np.where(scanned < 200, scanned, 255).astype(np.uint8)
    number = _number_box(page)
    upright = scanned.copy()
    upright[number.top - 4:number.top + number.height + 4, number.left - 4:number.left + number.width + 4] = \
        hard[number.top - 4:number.top + number.height + 4, number.left - 4:number.left + number.width + 4]
    state = dataclasses.replace(_state(scanned, page), uprights={1: (upright, 1.0)})
    flags = detect_tampering(DocumentInput(1, b"", "png"), state, _no_context()).flags
    assert [(flag.code, flag.evidence["kind"]) for flag in flags] == [("TAMPERED", "hard_edges")]
    state = dataclasses.replace(_state(scanned, page), uprights={1: (scanned, 1.0)})
    assert detect_tampering(DocumentInput(1, b"", "png"), state, _no_context()).flags == ()


def test_a_number_on_paper_whiter_than_the_sheet_is_found_on_the_page_as_scanned() -> None:
    # the sheet's grey paper was levelled to white for reading; the page as scanned (every other pixel) keeps the
    # whiteout's paper whiter than the sheet round it
    scanned, page = _scan(CERTIFICATE, 1)
    number = _number_box(page)
    rng = np.random.default_rng(5)
    sheet = np.where(scanned > 200, 238 + rng.normal(0, 1.5, scanned.shape), scanned)
    whited = sheet.copy()
    area = (slice(number.top - 10, number.top + number.height + 10),
            slice(number.left - 10, number.left + number.width + 10))
    whited[area] = np.where(scanned[area] > 200, 250, scanned[area])
    for paper, expected in ((whited, [("TAMPERED", "whiter_paper")]), (sheet, [])):
        halved = np.clip(paper, 0, 255).astype(np.uint8)[::2, ::2].copy()
        state = dataclasses.replace(_state(scanned, page), uprights={1: (scanned, 1.0)}, papers={1: halved})
        flags = detect_tampering(DocumentInput(1, b"", "png"), state, _no_context()).flags
        assert [(flag.code, flag.evidence["kind"]) for flag in flags] == expected


@pytest.mark.slow
def test_read_chain_sets_the_hash_and_returns_no_pixels() -> None:
    buffer = io.BytesIO()
    Image.fromarray(render_page(CERTIFICATE)).save(buffer, format="PNG")
    context = StepContext(engine=TesseractEngine(TESSDATA), limits=ReadLimits())
    state = run_steps(DocumentInput(1, buffer.getvalue(), "png"), context)
    assert state.error is None and state.image_hash is not None and len(state.image_hash) == 16
    assert state.images == {} and state.uprights == {}
    assert not any(flag.code == "TAMPERED" for flag in state.flags)


def test_a_state_with_forensic_flags_crosses_process_boundaries() -> None:
    scanned, page = _scan(CERTIFICATE, 4)
    flagged = detect_tampering(DocumentInput(1, b"", "png"), _state(_whiteout(scanned, _number_box(page)), page),
                               _no_context())
    copy = pickle.loads(pickle.dumps(drop_images(DocumentInput(1, b"", "png"), flagged, _no_context())))
    assert copy.flags == flagged.flags and copy.flags[0].evidence["field"] == "cert_number"


class _KazakhReader:
    """Stands in for the OCR engine's Kazakh re-read of a crop; the decision logic is what is tested here."""

    def __init__(self, reading: str) -> None:
        self.reading = reading
        self.crops: list[tuple[int, ...]] = []

    def ocr_block_text(self, image: np.ndarray, languages: str) -> str:
        self.crops.append(image.shape)
        return self.reading


def _name_state(value: str, hint: str) -> DocumentState:
    box = Box(100, 200, 400, 40)
    page = PageText(1, 1000, 800, (Line((Word(value, 0.9, box),)),), "ocr", language_hint=hint)
    extraction = Extraction("advanced_training", 0.9, "kk", {"holder_name": FieldValue(value, 0.9, 1, box)})
    return DocumentState(pages=(page,), extraction=extraction, images={1: np.full((800, 1000), 255, np.uint8)})


def test_names_on_cyrillic_pages_get_their_kazakh_letters_back() -> None:
    reader = _KazakhReader("Мұқанова Жансая Дәулетқызы")
    context = StepContext(engine=reader, limits=ReadLimits())  # type: ignore[arg-type]
    state = restore_kazakh_letters(DocumentInput(1, b"", "png"), _name_state("Муканова Жансая Дэулеткызы", "rus+kaz"),
                                   context)
    assert state.extraction is not None
    assert state.extraction.fields["holder_name"].value == "Мұқанова Жансая Дәулетқызы"
    assert reader.crops and reader.crops[0][0] < 800  # a crop around the field, not the page


def test_latin_pages_are_not_re_read() -> None:
    reader = _KazakhReader("Мұқанова Жансая")
    context = StepContext(engine=reader, limits=ReadLimits())  # type: ignore[arg-type]
    state = restore_kazakh_letters(DocumentInput(1, b"", "png"), _name_state("Mukanova Zhansaya", "eng"), context)
    assert state.extraction is not None and state.extraction.fields["holder_name"].value == "Mukanova Zhansaya"
    assert reader.crops == []
