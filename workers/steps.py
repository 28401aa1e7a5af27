"""The per-document pipeline as an explicit list of steps, each taking and returning a DocumentState."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from extractors.confirm import confirm_field
from extractors.errors import UnreadableDocument
from extractors.fields import extract_fields, low_confidence_fields
from extractors.kazakh_letters import restore_field
from extractors.mixed_script import latin_name
from extractors.reader import ReadLimits, read_document_pages
from extractors.tesseract import TesseractEngine
from extractors.types import Box, Extraction, FieldValue, PageText
from verifiers.duplicates import perceptual_hash
from verifiers.flags import Flag, document_status
from verifiers.forensics_edges import edge_findings
from verifiers.forensics_image import image_tamper_findings
from verifiers.forensics_paper import paper_findings
from verifiers.forensics_pdf import pdf_tamper_findings


@dataclass(frozen=True)
class DocumentInput:
    """What a step chain needs: the original bytes and what intake learnt of them."""

    document_id: int
    data: bytes
    kind: str


@dataclass(frozen=True)
class DocumentState:
    """Accumulated result; each step returns a new one. `error` set means the chain stops."""

    pages: tuple[PageText, ...] = ()
    extraction: Extraction | None = None
    flags: tuple[Flag, ...] = ()
    error: str | None = None
    image_hash: str | None = None  # 64-bit perceptual hash of page 1, hex
    # page_no -> prepared pixels of the first pages; dropped before the state leaves the worker
    images: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    # page_no -> (upright pixels before deskew and resize, the resize) of the same OCR pages; dropped with them
    uprights: dict[int, tuple[np.ndarray, float]] = field(default_factory=dict, compare=False, repr=False)
    papers: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)  # as scanned, halved

    @property
    def status(self) -> str:
        return document_status(self.flags)


@dataclass(frozen=True)
class StepContext:
    engine: TesseractEngine
    limits: ReadLimits


Step = Callable[[DocumentInput, DocumentState, StepContext], DocumentState]


def unreadable(reason: str) -> Flag:
    return Flag(code="UNREADABLE", severity="error", message=reason, evidence={})


def read_pages(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    try:
        read = read_document_pages(doc.data, doc.kind, ctx.engine, ctx.limits)
    except UnreadableDocument as exc:
        return dataclasses.replace(state, error=exc.reason, flags=(*state.flags, unreadable(exc.reason)))
    if not read:
        reason = "the document has no pages"
        return dataclasses.replace(state, error=reason, flags=(*state.flags, unreadable(reason)))
    images = {page.text.page_no: page.image for page in read if page.image is not None}
    uprights = {page.text.page_no: (page.upright, page.scale) for page in read if page.upright is not None}
    papers = {page.text.page_no: page.paper for page in read if page.paper is not None}
    return dataclasses.replace(state, pages=tuple(page.text for page in read), images=images, uprights=uprights,
                               papers=papers)


def extract(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    return dataclasses.replace(state, extraction=extract_fields(state.pages))


_KAZAKH_FIELDS = {"holder_name": True, "issuer": True, "program": False}  # field -> re-read word by word too


def _read_again(state: DocumentState, names: Iterable[str],
                read: Callable[[str, FieldValue, PageText, np.ndarray], FieldValue]) -> DocumentState:
    """The extraction with the named fields passed through `read` with the page and pixels they were read from."""
    if state.extraction is None:
        return state
    pages = {page.page_no: page for page in state.pages}
    fields = dict(state.extraction.fields)
    for name in names:
        value = fields.get(name)
        page = pages.get(value.page_no) if value is not None and value.page_no is not None else None
        image = state.images.get(page.page_no) if page is not None else None
        if value is not None and page is not None and image is not None:
            fields[name] = read(name, value, page, image)
    return dataclasses.replace(state, extraction=dataclasses.replace(state.extraction, fields=fields))


def read_latin_holder(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """A holder in Latin capitals read as Cyrillic ones on a Cyrillic page, read again with the English model."""
    return _read_again(state, ("holder_name",), lambda name, value, page, image: latin_name(
        value, page, image, ctx.engine))


def restore_kazakh_letters(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """Re-read names and titles on Cyrillic pages with the Kazakh model alone, for the letters Russian lacks."""
    return _read_again(state, _KAZAKH_FIELDS, lambda name, value, page, image: restore_field(
        value, page, image, ctx.engine, _KAZAKH_FIELDS[name], yo=name == "holder_name"))


def confirm_weak_fields(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """Fields that would go to a reviewer for low OCR confidence, read a second time from their crop."""
    weak = low_confidence_fields(state.extraction) if state.extraction is not None else ()
    return _read_again(state, weak, lambda name, value, page, image: confirm_field(value, page, image, ctx.engine))


def flag_low_confidence(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    if state.extraction is None:
        return state
    weak = low_confidence_fields(state.extraction)
    if not weak:
        return state
    flag = Flag(
        code="LOW_CONFIDENCE",
        severity="review",
        message="not read with confidence: " + ", ".join(weak),
        evidence={"fields": list(weak)},
    )
    return dataclasses.replace(state, flags=(*state.flags, flag))


def fingerprint(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """Perceptual hash of the first page, so a re-scanned copy is found in another applicant's submission."""
    first = state.images.get(1)
    if first is None:
        return state
    return dataclasses.replace(state, image_hash=f"{perceptual_hash(first):016x}")


# What forgers retype: one-line values. Titles and issuer names span several lines, whose boxes take in the
# gaps between lines and so cannot be compared with the single-line pieces the check measures the page by.
FORGED_FIELDS = ("cert_number", "holder_name", "hours", "start_date", "end_date", "issue_date")


def _field_boxes_on(extraction: Extraction, page_no: int) -> dict[str, Box]:
    return {name: value.box for name in FORGED_FIELDS if (value := extraction.fields.get(name)) is not None
            and value.box is not None and value.page_no == page_no and value.value is not None}


def _unflagged(boxes: dict[str, Box], found: list[Flag]) -> dict[str, Box]:
    flagged = {flag.evidence.get("field") for flag in found}
    return {name: box for name, box in boxes.items() if name not in flagged}


def detect_tampering(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """TAMPERED from the original bytes (PDF revisions, editors) and from the pixels around read fields."""
    found: list[Flag] = list(pdf_tamper_findings(doc.data)) if doc.kind == "pdf" else []
    if state.extraction is not None:
        for page in state.pages:
            image = state.images.get(page.page_no)
            if image is None or page.source != "ocr":
                continue
            boxes = _field_boxes_on(state.extraction, page.page_no)
            found.extend(image_tamper_findings(image, page, boxes))
            if page.page_no in state.uprights:
                upright, scale = state.uprights[page.page_no]
                found.extend(edge_findings(upright, page, _unflagged(boxes, found), scale))
                if page.page_no in state.papers:
                    found.extend(paper_findings(state.papers[page.page_no], page, _unflagged(boxes, found), scale))
    if not found:
        return state
    return dataclasses.replace(state, flags=(*state.flags, *found))


def drop_images(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    """Pixels stay in the worker: the result that crosses processes carries text, boxes and flags only."""
    return dataclasses.replace(state, images={}, uprights={}, papers={})


READ_STEPS: tuple[Step, ...] = (read_pages, extract, read_latin_holder, restore_kazakh_letters, confirm_weak_fields,
                                flag_low_confidence, fingerprint, detect_tampering, drop_images)


def run_steps(doc: DocumentInput, ctx: StepContext, steps: Sequence[Step] = READ_STEPS) -> DocumentState:
    state = DocumentState()
    for step in steps:
        state = step(doc, state, ctx)
        if state.error is not None:
            break
    return dataclasses.replace(state, images={}, uprights={}, papers={}) if state.images or state.uprights else state

