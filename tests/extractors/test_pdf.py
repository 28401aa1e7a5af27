"""PDF reading: text layers without OCR, scans detected, encrypted/damaged files refused; word grouping."""

from __future__ import annotations

import io

import pikepdf
import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors.errors import UnreadableDocument
from extractors.pdf import check_pdf, pdf_text_layer, render_pdf_pages, words_to_lines
from tests.extractors.rendering import KAZAKH, render_page

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def born_digital_pdf(lines: tuple[str, ...]) -> bytes:
    pdfmetrics.registerFont(TTFont("PdfTestSans", FONT))
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.setFont("PdfTestSans", 12)
    for index, line in enumerate(lines):
        document.drawString(72, 760 - 24 * index, line)
    document.showPage()
    document.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawImage(ImageReader(Image.fromarray(render_page(KAZAKH, dpi=100))), 0, 0, 595, 842)
    document.showPage()
    document.save()
    return buffer.getvalue()


def test_words_to_lines_reading_order() -> None:
    words = [
        {"text": "0012345", "x0": 300, "x1": 350, "top": 101, "bottom": 113},
        {"text": "Куәлік", "x0": 72, "x1": 120, "top": 100, "bottom": 112},
        {"text": "№", "x0": 280, "x1": 290, "top": 100.5, "bottom": 112},
        {"text": "108", "x0": 72, "x1": 90, "top": 130, "bottom": 142},
        {"text": " ", "x0": 95, "x1": 97, "top": 130, "bottom": 142},
    ]
    lines = words_to_lines(words)
    assert [line.text for line in lines] == ["Куәлік № 0012345", "108"]
    assert lines[0].words[0].confidence == 1.0
    assert lines[0].words[0].box.left == 72 and lines[0].words[0].box.width == 48


def test_born_digital_text_layer_read_without_ocr() -> None:
    pages = pdf_text_layer(born_digital_pdf(KAZAKH), max_pages=30)
    assert pages is not None and pages[0] is not None
    page = pages[0]
    assert page.source == "text_layer" and page.page_no == 1 and page.width == 595
    assert page.text.splitlines() == list(KAZAKH)


def test_image_only_pdf_has_no_text_layer_and_renders() -> None:
    data = image_only_pdf()
    assert pdf_text_layer(data, max_pages=30) is None
    rendered = list(render_pdf_pages(data, dpi=72))
    assert [number for number, _ in rendered] == [1]
    height, width = rendered[0][1].shape
    assert abs(height - 842) <= 1 and abs(width - 595) <= 1 and rendered[0][1].min() < 50


def test_no_document_is_held_open_while_a_page_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium keeps what it decoded of a scan while its document is open (40 MB of a 3788 x 2760 page), so each
    page is handed on only after its document was closed."""
    import pypdfium2 as pdfium

    import extractors.pdf

    opened: list[object] = []
    real = pdfium.PdfDocument

    class Counted(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

        def close(self) -> None:
            opened.remove(self)
            super().close()

    monkeypatch.setattr(extractors.pdf.pdfium, "PdfDocument", Counted)
    data = image_only_pdf()
    pages = []
    for number, gray in render_pdf_pages(data, dpi=72, lighten_stamps=True):
        assert opened == []
        pages.append((number, gray.shape))
    assert pages and pages[0][0] == 1


def test_encrypted_pdf_refused() -> None:
    source = pikepdf.open(io.BytesIO(born_digital_pdf(("secret",))))
    buffer = io.BytesIO()
    source.save(buffer, encryption=pikepdf.Encryption(user="user", owner="owner"))
    with pytest.raises(UnreadableDocument, match="encrypted PDF"):
        check_pdf(buffer.getvalue(), 30)


@pytest.mark.parametrize(("data", "reason"), [
    (b"hello, this is not a PDF", "header is missing"),
    (b"%PDF-1.7\n" + b"\x00garbage" * 50, "damaged PDF"),
])
def test_bad_files_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        check_pdf(data, 30)


def test_truncated_pdf_refused_or_still_readable() -> None:
    data = born_digital_pdf(KAZAKH)
    with pytest.raises(UnreadableDocument, match="damaged PDF"):
        check_pdf(data[: len(data) // 3], 30)


def test_page_limit() -> None:
    with pytest.raises(UnreadableDocument, match="limit 0"):
        check_pdf(born_digital_pdf(("a",)), 0)


def _pdf_with_blue_stamp_over_black_print() -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=(200, 100))
    document.setFillColorRGB(0.2, 0.3, 0.8)
    document.rect(90, 0, 20, 100, stroke=0, fill=1)  # a blue stamp stroke
    document.setFillColorRGB(0, 0, 0)
    document.rect(20, 40, 160, 20, stroke=0, fill=1)  # black print crossing it (a scan shows the darker ink)
    document.showPage()
    document.save()
    return buffer.getvalue()


def test_a_scanned_pdf_has_its_stamps_lightened_like_an_image_scan() -> None:
    data = _pdf_with_blue_stamp_over_black_print()
    plain = dict(render_pdf_pages(data, 72))[1]
    lightened = dict(render_pdf_pages(data, 72, lighten_stamps=True))[1]
    assert plain[10, 100] < 130  # grayscale rendering: the stamp is as dark as faint print
    assert lightened[10, 100] > 180  # the stamp on the paper is light
    assert lightened[50, 100] < 40 and lightened[50, 50] < 40  # black print stays black, under the stamp too
