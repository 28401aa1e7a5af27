"""Decodes QR codes on a page image with zxing-cpp; retries on a binarised copy when nothing is found."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp


def _read(image: np.ndarray) -> list[str]:
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=only_qr, try_rotate=True)
    return [code.text for code in found if code.valid and code.text]


def _binarised(gray: np.ndarray) -> np.ndarray:
    block = max(31, (min(gray.shape) // 40) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 10)


def decode_qr(gray: np.ndarray) -> tuple[str, ...]:
    """Payloads of the QR codes on a grayscale page, in the order found, without duplicates."""
    image = np.ascontiguousarray(gray, dtype=np.uint8)
    payloads = _read(image)
    if not payloads:
        payloads = _read(_binarised(image))
    return tuple(dict.fromkeys(payloads))
