"""TAMPERED for PDFs: incremental updates that change page content, editor producers, late modification dates."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pikepdf

from verifiers.flags import TAMPERED, Flag, make_flag

# Producer/creator names of image editors and of online "edit the PDF" tools (lower case, searched as substrings).
EDITOR_PATTERNS: tuple[str, ...] = (
    "photoshop", "gimp", "paint.net", "mspaint", "microsoft paint", "paintshop", "pixelmator", "canva",
    "affinity photo", "photo-paint", "pdfescape", "sejda", "ilovepdf edit", "phantompdf", "foxit pdf editor",
    "pdf editor", "pdffiller", "smallpdf edit", "pdf-xchange editor", "photopea",
)
_EDITOR = re.compile("|".join(rf"(?<![a-z]){re.escape(p)}(?![a-z])" for p in EDITOR_PATTERNS))
LATE_MODIFICATION = timedelta(days=30)
_EOF = re.compile(rb"%%EOF")


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets just after each %%EOF marker that closes a revision (a linearized file's first one dropped)."""
    ends = [m.end() for m in _EOF.finditer(data)]
    if len(ends) > 1 and b"/Linearized" in data[:2048]:
        ends = ends[1:]
    return ends


def _open(data: bytes) -> pikepdf.Pdf | None:
    try:
        return pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, OSError):
        return None


def _stream_digest(obj: object) -> str:
    try:
        return hashlib.sha256(obj.read_bytes()).hexdigest()  # type: ignore[attr-defined]
    except (pikepdf.PdfError, AttributeError, ValueError):
        return "unreadable"


def _page_signature(page: pikepdf.Page) -> tuple[str, ...]:
    """Digests of what draws the page: its content streams and the XObjects it uses (annotations left out)."""
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    parts = [_stream_digest(s) for s in streams]
    resources = page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(xobjects, pikepdf.Dictionary):
        parts.extend(f"{name}:{_stream_digest(xobjects[name])}" for name in sorted(xobjects.keys()))
    return tuple(parts)


def _content_changes(first: pikepdf.Pdf, last: pikepdf.Pdf) -> list[int]:
    """1-based numbers of pages whose drawing differs between two revisions (page count change: all pages)."""
    if len(first.pages) != len(last.pages):
        return list(range(1, len(last.pages) + 1))
    return [n for n, (a, b) in enumerate(zip(first.pages, last.pages, strict=True), start=1)
            if _page_signature(a) != _page_signature(b)]


def _incremental_update_findings(data: bytes) -> Iterator[Flag]:
    ends = revision_ends(data)
    if len(ends) < 2:
        return
    first, last = _open(data[: ends[0]]), _open(data)
    if first is None or last is None:
        return
    with first, last:
        changed = _content_changes(first, last)
    if changed:
        yield make_flag(
            TAMPERED,
            f"the PDF was edited after it was made: a later revision redraws page(s) {changed}",
            {"kind": "incremental_update", "revisions": len(ends), "pages": changed,
             "first_revision_bytes": ends[0]},
        )


def _metadata(pdf: pikepdf.Pdf) -> dict[str, str]:
    found: dict[str, str] = {}
    for key in ("/Producer", "/Creator", "/CreationDate", "/ModDate"):
        value = pdf.docinfo.get(key) if pdf.trailer.get("/Info") is not None else None
        if value is not None:
            found[key.lstrip("/")] = str(value)
    try:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            for key, name in (("pdf:Producer", "XmpProducer"), ("xmp:CreatorTool", "XmpCreatorTool")):
                if xmp.get(key):
                    found[name] = str(xmp.get(key))
    except (pikepdf.PdfError, ValueError, KeyError, AttributeError):
        pass
    return found


def parse_pdf_date(text: str) -> datetime | None:
    """A PDF date string (D:YYYYMMDDHHmmSS…) or an ISO one, to a naive datetime."""
    digits = re.sub(r"\D", "", text.removeprefix("D:"))[:14]
    if len(digits) < 8:
        return None
    digits = digits.ljust(14, "0")
    try:
        return datetime.strptime(digits, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _editor_findings(meta: dict[str, str]) -> Iterator[Flag]:
    for key in ("Producer", "Creator", "XmpProducer", "XmpCreatorTool"):
        value = meta.get(key, "")
        if _EDITOR.search(value.lower()):
            yield make_flag(TAMPERED, f"the PDF was produced by an editor: {key} is {value!r}",
                            {"kind": "editor_metadata", "key": key, "value": value})
            return


def _late_modification_findings(meta: dict[str, str]) -> Iterator[Flag]:
    created = parse_pdf_date(meta.get("CreationDate", ""))
    modified = parse_pdf_date(meta.get("ModDate", ""))
    if created and modified and modified - created > LATE_MODIFICATION:
        yield make_flag(
            TAMPERED,
            f"the PDF was modified {(modified - created).days} days after it was created",
            {"kind": "late_modification", "creation_date": meta["CreationDate"], "mod_date": meta["ModDate"]},
        )


def pdf_tamper_findings(data: bytes) -> tuple[Flag, ...]:
    """TAMPERED flags for a PDF file's bytes; an unreadable PDF gives none (that is UNREADABLE's business).

    Metadata of the first revision is used for the dates, so that a signature added later (which updates
    ModDate in its own revision) does not count as a late modification."""
    findings = list(_incremental_update_findings(data))
    ends = revision_ends(data)
    last = _open(data)
    if last is None:
        return tuple(findings)
    with last:
        meta = _metadata(last)
    first_meta = meta
    if len(ends) > 1 and (first := _open(data[: ends[0]])) is not None:
        with first:
            first_meta = _metadata(first)
    findings.extend(_editor_findings(meta))
    findings.extend(_late_modification_findings(first_meta))
    return tuple(findings)
