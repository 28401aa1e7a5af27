"""The per-document pipeline as an explicit list of steps, each taking and returning a DocumentState."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors.errors import UnreadableDocument
from extractors.fields import extract_fields, low_confidence_fields
from extractors.reader import ReadLimits, read_document
from extractors.tesseract import TesseractEngine
from extractors.types import Extraction, PageText
from verifiers.flags import Flag, document_status


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
        pages = read_document(doc.data, doc.kind, ctx.engine, ctx.limits)
    except UnreadableDocument as exc:
        return dataclasses.replace(state, error=exc.reason, flags=(*state.flags, unreadable(exc.reason)))
    if not pages:
        reason = "the document has no pages"
        return dataclasses.replace(state, error=reason, flags=(*state.flags, unreadable(reason)))
    return dataclasses.replace(state, pages=pages)


def extract(doc: DocumentInput, state: DocumentState, ctx: StepContext) -> DocumentState:
    return dataclasses.replace(state, extraction=extract_fields(state.pages))


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


READ_STEPS: tuple[Step, ...] = (read_pages, extract, flag_low_confidence)


def run_steps(doc: DocumentInput, ctx: StepContext, steps: Sequence[Step] = READ_STEPS) -> DocumentState:
    state = DocumentState()
    for step in steps:
        state = step(doc, state, ctx)
        if state.error is not None:
            break
    return state

