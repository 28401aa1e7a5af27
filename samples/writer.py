"""Writes one planned document file: renders, damages and saves it in its format; returns the damage applied."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from samples.damage import random_damage
from samples.document import Content
from samples.orgs import Organization
from samples.pdfgen import back_side, image_pdf, text_pdf, tiff_pages
from samples.render import render_page

FORMATS = ("png", "jpg", "tiff", "pdf_image", "pdf_text")
EXTENSIONS = {"png": ".png", "jpg": ".jpg", "tiff": ".tif", "pdf_image": ".pdf", "pdf_text": ".pdf"}


@dataclass(frozen=True)
class DocumentJob:
    """Everything needed to produce one file, decided up front so files can be written in parallel."""

    path: Path
    content: Content
    org: Organization
    fmt: str
    seed: int
    with_back_side: bool = False
    damaged: bool = True


def _save_image(image: Image.Image, path: Path, fmt: str, rnd: random.Random) -> None:
    dpi = image.info.get("dpi", (300, 300))
    if fmt == "jpg":
        image.convert("RGB").save(path, "JPEG", quality=rnd.randint(70, 92), dpi=dpi)
    else:
        grey = image.convert("L") if rnd.random() < 0.3 else image.convert("RGB")
        grey.save(path, "PNG", dpi=dpi, compress_level=3)


def write_document(job: DocumentJob) -> tuple[str, ...]:
    """Produces job.path; returns the names of the damage applied (empty for born-digital PDFs)."""
    rnd = random.Random(job.seed)
    job.path.parent.mkdir(parents=True, exist_ok=True)
    if job.fmt == "pdf_text":
        job.path.write_bytes(text_pdf(rnd, job.content, job.org))
        return ()
    page = render_page(rnd, job.content, job.org)
    damage: tuple[str, ...] = ()
    if job.damaged:
        page, damage = random_damage(page, rnd)
    pages = [page]
    if job.with_back_side:
        pages.append(back_side(rnd, job.content))
    if job.fmt == "pdf_image":
        job.path.write_bytes(image_pdf(pages))
    elif job.fmt == "tiff":
        tiff_pages(pages, job.path)
    else:
        _save_image(page, job.path, job.fmt, rnd)
    return damage
