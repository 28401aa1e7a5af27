"""QR codes found on a page, also faint and unevenly lit ones."""

from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image

from extractors.qr import decode_qr
from tests.extractors.rendering import RUSSIAN, render_page

PAYLOAD = "https://reestr.example.kz/verify?n=0012345"


def _page_with_qr(contrast_low: int = 0, contrast_high: int = 255) -> np.ndarray:
    page = Image.fromarray(render_page(RUSSIAN, dpi=150))
    code = qrcode.make(PAYLOAD).get_image().convert("L").resize((240, 240), Image.Resampling.NEAREST)
    page.paste(code, (900, 1400))
    pixels = np.asarray(page, dtype=np.float32)
    return (contrast_low + pixels * (contrast_high - contrast_low) / 255).astype(np.uint8)


def test_qr_payload_read() -> None:
    assert decode_qr(_page_with_qr()) == (PAYLOAD,)


def test_faint_shaded_qr_read() -> None:
    page = _page_with_qr(90, 170).astype(np.float32)
    page *= np.linspace(0.6, 1.0, page.shape[1], dtype=np.float32)[None, :]
    assert decode_qr(page.astype(np.uint8)) == (PAYLOAD,)


def test_no_qr() -> None:
    assert decode_qr(render_page(RUSSIAN, dpi=100)) == ()
