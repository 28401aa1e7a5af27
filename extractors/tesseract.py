"""The one adapter to Tesseract (tesserocr, the C API): engines loaded once per process and reused per page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import tesserocr

DEFAULT_LANGUAGES: tuple[str, ...] = ("rus+kaz+eng", "rus+kaz", "eng")


@dataclass(frozen=True)
class OsdResult:
    """Tesseract's orientation and script detection for one page."""

    rotation: int  # degrees the page content is turned clockwise (0, 90, 180, 270): undo counter-clockwise
    orientation_confidence: float
    script: str  # "Cyrillic", "Latin", …
    script_confidence: float


OSD_MIN_CHARACTERS = 20
# Tesseract's thresholding_method: one Otsu threshold for the whole image (its default), or one per tile
# (Leptonica's adaptive Otsu), which keeps a line beside a stamp's remains that the global one blanks («(60 ч.)»
# read as nothing by libtesseract 5.5 in its own crop, fraud 37878)
GLOBAL_OTSU, ADAPTIVE_OTSU = "0", "1"


class TesseractEngine:
    """One single-threaded Tesseract per language set, initialised on first use and kept for the process.

    tesserocr's libtesseract is built without OpenMP, so each engine runs on one thread (the OMP_THREAD_LIMIT=1
    behaviour); parallelism comes from running one engine per worker process.
    """

    def __init__(self, tessdata: str, languages: Iterable[str] = DEFAULT_LANGUAGES) -> None:
        self.tessdata = tessdata.rstrip("/") + "/"
        self._apis: dict[str, tesserocr.PyTessBaseAPI] = {}
        self._osd: tesserocr.PyTessBaseAPI | None = None
        for language in languages:
            self._api(language)

    def _api(self, languages: str) -> tesserocr.PyTessBaseAPI:
        api = self._apis.get(languages)
        if api is None:
            api = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=languages, psm=tesserocr.PSM.AUTO,
                                          oem=tesserocr.OEM.LSTM_ONLY)
            self._apis[languages] = api
        return api

    @staticmethod
    def _set_image(api: tesserocr.PyTessBaseAPI, image: np.ndarray, dpi: int) -> None:
        gray = np.ascontiguousarray(image, dtype=np.uint8)
        if gray.ndim != 2:
            raise ValueError("the engine reads 2-D grayscale pages")
        height, width = gray.shape
        api.SetImageBytes(gray.tobytes(), width, height, 1, width)
        api.SetSourceResolution(dpi)

    def ocr_tsv(self, image: np.ndarray, languages: str, dpi: int = 300, *, block: bool = False,
                column: bool = False, adaptive: bool = False) -> str:
        """Raw TSV (level…text columns, no header) of a grayscale page read with the given languages; `block`:
        a crop read as one block of lines, without the page layout analysis; `column`: a page read as one column
        of text of any sizes (when the layout analysis found no text block in it); `adaptive`: binarised by
        Otsu's threshold per tile rather than one for the whole image."""
        api = self._api(languages)
        if block or column:
            api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK if block else tesserocr.PSM.SINGLE_COLUMN)
        if adaptive:
            api.SetVariable("thresholding_method", ADAPTIVE_OTSU)
        self._set_image(api, image, dpi)
        try:
            api.Recognize()
            return str(api.GetTSVText(0))
        finally:
            api.Clear()
            api.SetPageSegMode(tesserocr.PSM.AUTO)
            if adaptive:
                api.SetVariable("thresholding_method", GLOBAL_OTSU)

    def ocr_block_tsv(self, image: np.ndarray, languages: str, dpi: int = 300, *, adaptive: bool = False) -> str:
        """Raw TSV of a crop read as one block of lines, without the page layout analysis."""
        return self.ocr_tsv(image, languages, dpi, block=True, adaptive=adaptive)

    def ocr_block_text(self, image: np.ndarray, languages: str, dpi: int = 300) -> str:
        """Plain text of a small crop read as one block of lines (a field re-read with other languages)."""
        api = self._api(languages)
        api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK)
        self._set_image(api, image, dpi)
        try:
            return str(api.GetUTF8Text())
        finally:
            api.Clear()
            api.SetPageSegMode(tesserocr.PSM.AUTO)

    def ocr_word(self, image: np.ndarray, languages: str, dpi: int = 300, *,
                 one_word: bool = True) -> tuple[str, float]:
        """(text, confidence 0..1) of a crop holding one word (or, with one_word=False, a few words on a line)."""
        api = self._api(languages)
        api.SetPageSegMode(tesserocr.PSM.SINGLE_WORD if one_word else tesserocr.PSM.SINGLE_LINE)
        self._set_image(api, image, dpi)
        try:
            text = str(api.GetUTF8Text()).strip()
            return text, max(0.0, float(api.MeanTextConf())) / 100
        finally:
            api.Clear()
            api.SetPageSegMode(tesserocr.PSM.AUTO)

    def detect_orientation_script(self, image: np.ndarray, dpi: int = 300) -> OsdResult | None:
        """Orientation and script of a page (best on a downscaled copy); None when too little text."""
        if self._osd is None:
            self._osd = tesserocr.PyTessBaseAPI(path=self.tessdata, lang="osd", psm=tesserocr.PSM.OSD_ONLY)
            # Tesseract classifies up to 5x this many blobs; measured on 70 damaged pages: 20 (not 50) halves OSD
            # time with the same orientation on every page and the same script on all but one (which then
            # falls back to reading with all three languages)
            self._osd.SetVariable("min_characters_to_try", str(OSD_MIN_CHARACTERS))
        self._set_image(self._osd, image, dpi)
        try:
            found = self._osd.DetectOrientationScript()
        except RuntimeError:
            found = None
        finally:
            self._osd.Clear()
        if not found:
            return None
        return OsdResult(rotation=int(found["orient_deg"]) % 360,
                         orientation_confidence=float(found["orient_conf"]),
                         script=str(found["script_name"]), script_confidence=float(found["script_conf"]))

    def close(self) -> None:
        for api in self._apis.values():
            api.End()
        self._apis.clear()
        if self._osd is not None:
            self._osd.End()
            self._osd = None
