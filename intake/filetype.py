"""Detects a document's file type from its first bytes, never from its name."""

from __future__ import annotations

from typing import Literal

FileKind = Literal["pdf", "jpeg", "png", "tiff"]

_SIGNATURES: tuple[tuple[bytes, FileKind], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_PDF_HEADER_WINDOW = 1024  # PDF readers accept junk before %PDF- within the first kilobyte


def sniff(head: bytes) -> FileKind | None:
    """The kind of document whose file starts with `head`, or None when it is none we read."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return "pdf"
    return None


def describe_unknown(head: bytes) -> str:
    """A one-line reason for a file `sniff` did not recognise."""
    if not head:
        return "empty file (0 bytes)"
    if head.startswith(b"PK\x03\x04"):
        return "unsupported file type: ZIP/Office document; send PDF, JPEG, PNG or TIFF"
    if head.startswith((b"GIF8", b"RIFF", b"BM")):
        return "unsupported image type (GIF/WebP/BMP); send PDF, JPEG, PNG or TIFF"
    if head.isascii():
        return "unsupported file type: text, not a scan; send PDF, JPEG, PNG or TIFF"
    return "unsupported or damaged file: not a PDF, JPEG, PNG or TIFF"
