"""Reads a document's bytes into PageText values: PDF text layers where present, else preprocessing + OCR."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractors.clipped_words import reread_clipped
from extractors.dropped_lines import recover_dropped_lines
from extractors.errors import UnreadableDocument
from extractors.faint_ink import reread_faint
from extractors.mixed_script import other_script_share, reread_other_script
from extractors.pdf import check_pdf, pdf_text_layer, render_pdf_pages
from extractors.preprocess import (
    PreparedPage,
    downscale,
    normalize_illumination,
    prepare_for_ocr,
    rotate_clockwise,
    text_runs_sideways,
)
from extractors.qr import decode_qr
from extractors.raster import decode_image_pages
from extractors.swallowed_words import reread_swallowed
from extractors.tesseract import OsdResult, TesseractEngine
from extractors.tsv import blank_regions, parse_tsv_lines, tsv_to_page
from extractors.types import PageText

ALL_LANGUAGES = "rus+kaz+eng"
_SCRIPT_LANGUAGES = {"Cyrillic": "rus+kaz", "Latin": "eng"}
# most of a page's letters read again in the other script's model: the detector misjudged the script (a Kazakh
# translation taken for Latin, 0.59; on 763 pages of six corpora read with the right script at most 0.19)
WRONG_SCRIPT_SHARE = 0.5


@dataclass(frozen=True)
class ReadLimits:
    """Limits and reading choices for one document."""

    max_pages: int = 30
    max_pixels_per_page: int = 60_000_000
    ocr_dpi: int = 300  # scanned PDF pages are rendered at this resolution
    qr_dpi: int = 150  # born-digital pages are rendered at this resolution only to look for QR codes
    osd_max_side: int = 1800  # px; orientation/script detection runs on a copy this small
    min_orientation_confidence: float = 2.0
    min_script_confidence: float = 1.0
    pick_languages_by_script: bool = True  # False: always run rus+kaz+eng
    clean_noise: bool = False
    image_pages: int = 2  # pages whose prepared image is kept for forensics and the duplicate hash


@dataclass(frozen=True)
class ReadPage:
    """A page's text and, for the first `image_pages` pages, the grayscale pixels its boxes refer to."""

    text: PageText
    image: np.ndarray | None = field(default=None, compare=False, repr=False)
    # an OCR page's pixels before deskew and resize, and the resize: the grey fringe of its print survives there
    upright: np.ndarray | None = field(default=None, compare=False, repr=False)
    scale: float = 1.0
    # the upright page as scanned (not evenly lit), every other pixel: a whiteout is whiter than its paper there
    paper: np.ndarray | None = field(default=None, compare=False, repr=False)


def choose_languages(osd: OsdResult | None, limits: ReadLimits) -> str:
    """OCR languages for a page: by the detected script when sure, all three otherwise."""
    if not limits.pick_languages_by_script or osd is None or osd.script_confidence < limits.min_script_confidence:
        return ALL_LANGUAGES
    return _SCRIPT_LANGUAGES.get(osd.script, ALL_LANGUAGES)


def page_rotation(osd: OsdResult | None, limits: ReadLimits, small: np.ndarray | None = None) -> int:
    """Degrees clockwise to turn the page upright (0 when the detection is unsure, unless it found the page on its
    side and the page's text runs up and down: a landscape certificate scanned upright, detected at 1.6)."""
    if osd is None:
        return 0
    if osd.orientation_confidence < limits.min_orientation_confidence and not (
            osd.rotation in (90, 270) and small is not None and text_runs_sideways(small)):
        return 0
    return (360 - osd.rotation) % 360


def detect_orientation(small: np.ndarray, dpi: int, engine: TesseractEngine, limits: ReadLimits) -> OsdResult | None:
    """Orientation and script of a downscaled page; when unsure, asked again of its black-and-white copy: the
    grain of a dark table or background around a photographed page can hide the text from the detector."""
    osd = engine.detect_orientation_script(small, dpi=dpi)
    if osd is not None and osd.orientation_confidence >= limits.min_orientation_confidence:
        return osd
    # a fixed level: the page is evenly lit (paper near 255); Otsu's would split the background from the paper
    _, black_and_white = cv2.threshold(small, 127, 255, cv2.THRESH_BINARY)
    retry = engine.detect_orientation_script(black_and_white, dpi=dpi)
    if retry is not None and (osd is None or retry.orientation_confidence > osd.orientation_confidence):
        return retry
    return osd


def ocr_page(gray: np.ndarray, page_no: int, engine: TesseractEngine, limits: ReadLimits) -> PageText:
    """Orientation and script, clean-up, OCR and QR codes of one grayscale page."""
    return _ocr_read_page(gray, page_no, engine, limits).text


def _keep(image: np.ndarray, page_no: int, limits: ReadLimits) -> np.ndarray | None:
    return image if page_no <= limits.image_pages else None


def _read_text(prepared: PreparedPage, page_no: int, languages: str, engine: TesseractEngine) -> PageText:
    """The prepared page read with `languages`, and its words that OCR tends to misread read again."""
    tsv = engine.ocr_tsv(prepared.image, languages)
    if not parse_tsv_lines(tsv):  # Tesseract's layout analysis found no text block ("Empty page!!"): a page with
        tsv = engine.ocr_tsv(prepared.image, languages, column=True)  # a picture-like patch in it; read as a column
    height, width = prepared.image.shape
    page = tsv_to_page(tsv, page_no, width, height, rotation=prepared.rotation, skew=prepared.skew,
                       language_hint=languages)
    page = reread_swallowed(page, prepared.image, languages, engine)
    page = recover_dropped_lines(page, prepared.image, blank_regions(tsv), languages, engine)
    page = reread_clipped(page, prepared.image, languages, engine)
    page = reread_faint(page, prepared.image, languages, engine)
    return reread_other_script(page, prepared.image, languages, engine)


def _ocr_read_page(gray: np.ndarray, page_no: int, engine: TesseractEngine, limits: ReadLimits) -> ReadPage:
    evenly_lit = normalize_illumination(gray)
    small, factor = downscale(evenly_lit, limits.osd_max_side)
    osd = detect_orientation(small, max(72, round(300 * factor)), engine, limits)
    prepared = prepare_for_ocr(evenly_lit, page_rotation(osd, limits, small), clean_noise=limits.clean_noise,
                               lit_evenly=True)
    languages = choose_languages(osd, limits)
    page = _read_text(prepared, page_no, languages, engine)
    if other_script_share(page, languages) > WRONG_SCRIPT_SHARE:  # the detector took the page for the other
        page = _read_text(prepared, page_no, ALL_LANGUAGES, engine)  # script: most of it was read again in that
    kept = page_no <= limits.image_pages
    paper = rotate_clockwise(np.ascontiguousarray(gray[::2, ::2]), prepared.rotation) if kept else None
    return ReadPage(_with_qr(page, decode_qr(gray)), _keep(prepared.image, page_no, limits),
                    None if prepared.upright is None else _keep(prepared.upright, page_no, limits), prepared.scale,
                    paper)


def _with_qr(page: PageText, payloads: tuple[str, ...]) -> PageText:
    if not payloads:
        return page
    return PageText(page_no=page.page_no, width=page.width, height=page.height, lines=page.lines,
                    source=page.source, rotation=page.rotation, skew=page.skew, qr_payloads=payloads,
                    language_hint=page.language_hint)


def _read_pdf(data: bytes, engine: TesseractEngine, limits: ReadLimits) -> Iterator[ReadPage]:
    page_count = check_pdf(data, limits.max_pages)
    layer = pdf_text_layer(data, limits.max_pages) or (None,) * page_count
    text_pages = {page.page_no: page for page in layer if page is not None}
    scanned = [number for number in range(1, page_count + 1) if number not in text_pages]
    for number, gray in render_pdf_pages(data, limits.ocr_dpi, scanned, limits.max_pixels_per_page,
                                         lighten_stamps=True):
        yield _ocr_read_page(gray, number, engine, limits)
    if text_pages:
        for number, gray in render_pdf_pages(data, limits.qr_dpi, sorted(text_pages)):
            yield ReadPage(_with_qr(text_pages[number], decode_qr(gray)), _keep(gray, number, limits))


def read_document(data: bytes, kind: str, engine: TesseractEngine, limits: ReadLimits) -> tuple[PageText, ...]:
    """Every page of a document ("pdf", "jpeg", "png" or "tiff") read, in page order."""
    return tuple(page.text for page in read_document_pages(data, kind, engine, limits))


def read_document_pages(data: bytes, kind: str, engine: TesseractEngine,
                        limits: ReadLimits) -> tuple[ReadPage, ...]:
    """Like read_document, keeping the first pages' images (text-layer pages: rendered at qr_dpi)."""
    if kind == "pdf":
        pages = list(_read_pdf(data, engine, limits))
    elif kind in ("jpeg", "png", "tiff"):
        pages = [_ocr_read_page(gray, number, engine, limits) for number, gray in
                 enumerate(decode_image_pages(data, kind, limits.max_pixels_per_page, limits.max_pages), start=1)]
    else:
        raise UnreadableDocument(f"unsupported file type {kind!r}; send PDF, JPEG, PNG or TIFF")
    return tuple(sorted(pages, key=lambda page: page.text.page_no))
