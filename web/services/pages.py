"""Page images of a stored original, rendered on demand as PNG (PDF via pdfium, images decoded upright)."""

from __future__ import annotations

import io
from itertools import islice

from PIL import Image

from extractors.pdf import render_pdf_pages
from extractors.raster import decode_image_pages
from intake.models import Document
from intake.storage import ContentStore

DPI = 110


def page_png(store: ContentStore, document: Document, page_no: int, max_pixels: int) -> bytes:
    """PNG of one page (1-based); ValueError when the page or the original is missing."""
    if not document.sha256:
        raise ValueError("no stored original")
    data = store.get(document.sha256)
    if document.kind == "pdf":
        pixels = next(iter(render_pdf_pages(data, DPI, [page_no], max_pixels)))[1]
    else:
        pages = decode_image_pages(data, document.kind or "png", max_pixels, page_no)
        found = next(islice(pages, page_no - 1, None), None)
        if found is None:
            raise ValueError("no such page")
        pixels = found
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG", optimize=False)
    return out.getvalue()
