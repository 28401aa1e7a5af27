"""PDF and TIFF output: born-digital PDFs with an embedded-font text layer, image-only PDFs, multi-page TIFFs."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from samples import marks
from samples.document import Content
from samples.orgs import Organization
from samples.render import EN_SIGNERS, KK_SIGNERS

_PDF_FONTS = (
    ("DejaVuSans", "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("DejaVuSerif", "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    ("NotoSans", "noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("NotoSerif", "noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"),
)


def _register(rnd: random.Random) -> tuple[str, str]:
    name, regular, bold = rnd.choice(_PDF_FONTS)
    registered = pdfmetrics.getRegisteredFontNames()
    for face, path in ((name, regular), (f"{name}-Bold", bold)):
        if face not in registered:
            pdfmetrics.registerFont(TTFont(face, f"{marks.FONT_DIR}/{path}"))
    return name, f"{name}-Bold"


class _Writer:
    """Centered or left-aligned wrapped lines going down a reportlab canvas."""

    def __init__(self, canvas: Canvas, width: float, height: float, align: str) -> None:
        self.canvas, self.width, self.align = canvas, width, align
        self.margin, self.y = width * 0.11, height * 0.9

    def line(self, text: str, font: str, size: float, gap: float = 0.45) -> None:
        words, current, lines = text.split(), "", []
        for word in words:
            trial = f"{current} {word}".strip()
            if current and pdfmetrics.stringWidth(trial, font, size) > self.width - 2 * self.margin:
                lines.append(current)
                current = word
            else:
                current = trial
        self.canvas.setFont(font, size)
        for row in [*lines, current] if current else lines:
            if self.align == "center":
                self.canvas.drawCentredString(self.width / 2, self.y, row)
            else:
                self.canvas.drawString(self.margin, self.y, row)
            self.y -= size * 1.25
        self.y -= size * gap


def _image(canvas: Canvas, image: Image.Image, x: float, y: float, width: float) -> None:
    height = width * image.height / image.width
    canvas.drawImage(ImageReader(image), x, y, width=width, height=height, mask="auto")


def text_pdf(rnd: random.Random, content: Content, org: Organization) -> bytes:
    """A born-digital PDF of the document: real text (embedded TTF subset), stamp, signature and QR as images."""
    regular, bold = _register(rnd)
    size = landscape(A4) if rnd.random() < 0.35 else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=True)
    canvas.setTitle(content.title[0])
    width, height = size
    writer = _Writer(canvas, width, height, rnd.choice(("center", "center", "left")))
    if rnd.random() < 0.6:
        canvas.setLineWidth(rnd.uniform(1.5, 4))
        canvas.rect(24, 24, width - 48, height - 48)
    for line in content.header:
        writer.line(line, bold if line == content.issuer else regular, 10)
    writer.y -= 14
    for index, line in enumerate(content.title):
        writer.line(line, bold, 24 if index == 0 else 14)
    if content.number_line:
        writer.line(content.number_line, regular, 11)
    if content.intro and rnd.random() < 0.5:
        writer.line(content.intro, regular, 11)
        writer.line(content.holder, bold, 16)
    else:
        writer.line(f"{content.name_label} {content.holder}", bold, 12)
    for line in content.body:
        writer.line(line, regular, 11)
    for line in content.footer:
        writer.line(line, regular, 10)
    writer.y -= 30
    canvas.setFont(regular, 10)
    canvas.drawString(writer.margin, writer.y, content.signer)
    signer_name = rnd.choice(EN_SIGNERS if org.foreign and content.doc_type != "translation" else KK_SIGNERS)
    canvas.drawRightString(width - writer.margin, writer.y, signer_name)
    _image(canvas, marks.signature(rnd), width / 2 - 60, writer.y - 10, 110)
    if not org.foreign:
        ring = f"{org.name_kk if content.language == 'kk' else org.name_ru} {org.city}"
        _image(canvas, marks.stamp(rnd, ring, "Для\nдокументов"), width / 2 - 20, writer.y - 50, 110)
    if content.qr_payload:
        _image(canvas, marks.qr_image(content.qr_payload, 400), writer.margin, 40, 85)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def image_pdf(pages: list[Image.Image]) -> bytes:
    """Scanned pages wrapped in a PDF without any text layer."""
    buffer = io.BytesIO()
    rgb = [page.convert("RGB") for page in pages]
    dpi = rgb[0].info.get("dpi", (300, 300))[0]
    fixed = time.gmtime(1735689600)  # 2025-01-01: a constant date keeps the bytes the same for a seed
    rgb[0].save(
        buffer, "PDF", resolution=float(dpi), save_all=True, append_images=rgb[1:], creationDate=fixed, modDate=fixed
    )
    return buffer.getvalue()


def tiff_pages(pages: list[Image.Image], path: Path) -> None:
    """A (multi-page) TIFF, LZW-compressed, with the pages' dpi."""
    rgb = [page.convert("RGB") for page in pages]
    dpi = rgb[0].info.get("dpi", (300, 300))
    rgb[0].save(path, "TIFF", compression="tiff_lzw", dpi=dpi, save_all=True, append_images=rgb[1:])


def back_side(rnd: random.Random, content: Content) -> Image.Image:
    """The reverse of a certificate: a short note and the registration line, no new fields."""
    from samples.render import A4_PORTRAIT, DPI

    page = Image.new("RGB", A4_PORTRAIT, (252, 252, 250))
    from PIL import ImageDraw

    draw = ImageDraw.Draw(page)
    face = marks.font(rnd.choice(marks.FAMILIES[:6]).regular, 44)
    note = {
        "ru": ("Оборотная сторона", "Документ действителен при наличии печати организации."),
        "kk": ("Артқы беті", "Құжат ұйымның мөрі болған жағдайда жарамды."),
        "en": ("Reverse side", "This certificate is valid only with the seal of the organization."),
    }[content.language]
    for index, line in enumerate(note):
        draw.text((260, 400 + index * 90), line, font=face, fill=(40, 40, 40))
    page.info["dpi"] = (DPI, DPI)
    return page
