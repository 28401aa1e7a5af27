"""Writes the files of the fraud corpus: ordinary renders, tampered scans and PDFs, re-scanned copies."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from samples.document import Content
from samples.fraud import (
    EDITOR_PRODUCERS,
    IMAGE_TAMPER,
    re_scanned,
    tampered_page,
    with_editor_producer,
    with_overlay_revision,
)
from samples.orgs import Organization
from samples.pdfgen import image_pdf, text_pdf
from samples.writer import DocumentJob, write_document


@dataclass(frozen=True)
class FileJob:
    """One file of the fraud corpus; `source` (relative to the inbox) is the file a copy is made from."""

    path: Path
    content: Content
    org: Organization
    fmt: str
    seed: int
    family: str
    damaged: bool
    source: Path | None = None
    altered: Content | None = None  # what a tampered document is edited to show


def _save_page(job: FileJob, target: Path, rnd: random.Random) -> None:
    assert job.altered is not None
    image = tampered_page(rnd, job.content, job.altered, job.org, job.family, job.damaged)
    if job.fmt == "pdf_image":
        target.write_bytes(image_pdf([image]))
    elif job.fmt == "jpg":
        image.convert("RGB").save(target, "JPEG", quality=rnd.randint(88, 95), dpi=(300, 300))
    else:
        image.save(target, "PNG", dpi=(300, 300))


def write_file(job: FileJob, inbox: Path) -> None:
    """Produces inbox/job.path."""
    rnd = random.Random(job.seed)
    target = inbox / job.path if not job.path.is_absolute() else job.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if job.source is not None:
        target.write_bytes(re_scanned((inbox / job.source).read_bytes(), rnd))
    elif job.family in IMAGE_TAMPER and job.altered is not None:
        _save_page(job, target, rnd)
    elif job.family == "tampered_pdf_revision" and job.altered is not None:
        number = str(job.altered.fields["cert_number"])
        target.write_bytes(with_overlay_revision(text_pdf(rnd, job.content, job.org), f"No {number}"))
    elif job.family == "tampered_pdf_editor":
        target.write_bytes(with_editor_producer(text_pdf(rnd, job.content, job.org), rnd.choice(EDITOR_PRODUCERS)))
    else:
        write_document(DocumentJob(target, job.content, job.org, job.fmt, job.seed, damaged=job.damaged))
