"""A minimal OCR of an image into PageText with tesserocr, for the slow field-extraction tests."""

from __future__ import annotations

from PIL import Image

from extractors.types import Box, Line, PageText, Word

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"


def ocr_page(image: Image.Image, page_no: int = 1, languages: str = "rus+kaz+eng") -> PageText:
    """OCR one page image; words grouped into Tesseract's text lines, in its reading order, confidences 0..1."""
    import tesserocr

    rows: list[list[Word]] = []
    with tesserocr.PyTessBaseAPI(path=TESSDATA, lang=languages) as api:
        api.SetImage(image.convert("L"))
        api.Recognize()
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(api.GetIterator(), level):
            text = word.GetUTF8Text(level)
            bbox = word.BoundingBox(level)
            if not text or not text.strip() or bbox is None:
                continue
            if not rows or word.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
                rows.append([])
            x0, y0, x1, y1 = bbox
            rows[-1].append(Word(text.strip(), word.Confidence(level) / 100.0, Box(x0, y0, x1 - x0, y1 - y0)))
    lines = tuple(Line(tuple(words)) for words in rows if words)
    return PageText(page_no, image.width, image.height, lines, "ocr", language_hint=languages)
