"""Decodes JPEG, PNG and TIFF bytes into 8-bit grayscale pages, refusing decompression bombs from the header."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Iterator

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from extractors.errors import UnreadableDocument
from extractors.grey_stamps import lift_grey_stamps
from extractors.stamps import coloured_mask, lift_stamp, stamp_boxes

_KIND_NAMES = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.0f} MP" if pixels >= 1e6 else f"{pixels / 1e6:.2f} MP"


def check_page_size(width: int, height: int, max_pixels: int) -> None:
    """Refuse a page whose header dimensions exceed the pixel limit (before anything is decoded)."""
    pixels = width * height
    if width <= 0 or height <= 0:
        raise UnreadableDocument(f"image has no pixels ({width}×{height})")
    if pixels > max_pixels:
        raise UnreadableDocument(
            f"image is {width}×{height} = {_megapixels(pixels)}, limit {_megapixels(max_pixels)}")


def _open(data: bytes, kind: str, max_pixels: int) -> Image.Image:
    name = _KIND_NAMES.get(kind, kind.upper())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(found.group(1)) if found else 0
        raise UnreadableDocument(
            f"image is {_megapixels(pixels)}, limit {_megapixels(max_pixels)}") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableDocument(f"damaged {name}: the header cannot be read") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnreadableDocument(f"damaged {name}: {exc}") from exc


def count_frames(image: Image.Image, max_pages: int) -> int:
    """Number of pages of a (multi-page) image, refusing more than `max_pages` without decoding any."""
    frames = 1
    while True:
        try:
            image.seek(frames)
        except EOFError:
            break
        frames += 1
        if frames > max_pages:
            raise UnreadableDocument(f"image has more than {max_pages} pages, limit {max_pages}")
    image.seek(0)
    return frames


def to_gray(image: Image.Image) -> np.ndarray:
    """8-bit grayscale of any mode: palette and alpha over white, 16/32-bit scaled down, CMYK via RGB."""
    mode = image.mode
    if mode == "P":
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image.convert("RGBA"))
        mode = "RGBA"
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        wide = np.asarray(image.convert("I"), dtype=np.float64)
        top = float(wide.max()) or 1.0
        return np.ascontiguousarray((wide * (255.0 / top)).clip(0, 255).astype(np.uint8))
    if mode == "F":
        wide = np.asarray(image, dtype=np.float64)
        low, high = float(wide.min()), float(wide.max())
        span = (high - low) or 1.0
        return np.ascontiguousarray(((wide - low) * (255.0 / span)).astype(np.uint8))
    if mode in ("CMYK", "RGBA", "YCbCr", "LAB", "HSV"):
        image = image.convert("RGB")
    if image.mode == "RGB":
        return _rgb_to_gray(image)
    return lift_grey_stamps(np.ascontiguousarray(np.asarray(image.convert("L"), dtype=np.uint8)))


_BAND_ROWS = 256  # colour is converted band by band: whole-page temporaries of a 10 MP scan cost ~100 MB


def _gray_by_bands(height: int, width: int, band: Callable[[int, int], np.ndarray]) -> np.ndarray:
    """without_coloured_ink of a page whose RGB rows top..bottom `band` returns, one band at a time; then the
    faded ink of the stamps found on it lifted off the print beneath (extractors.stamps), or when none is
    coloured, the grey stamps' (extractors.grey_stamps)."""
    gray = np.empty((height, width), np.uint8)
    masks = []
    for top in range(0, height, _BAND_ROWS):
        bottom = min(height, top + _BAND_ROWS)
        rgb = band(top, bottom)
        brightest = rgb.max(axis=2)
        spread = brightest - rgb.min(axis=2)
        gray[top:bottom] = _lightened(rgb, brightest, spread)
        masks.append(coloured_mask(spread))
    coloured = stamp_boxes(np.vstack(masks))
    if not coloured:  # a colour scan's stamp may be grey ink (fraud 65656: its ring hid the hours and the dates)
        return lift_grey_stamps(gray)
    for box in coloured:
        bottom, right = min(height, box.top + box.height), min(width, box.left + box.width)
        rgb = band(box.top, bottom)[:, box.left:right]
        gray[box.top:bottom, box.left:right] = lift_stamp(rgb, gray[box.top:bottom, box.left:right])
    return gray


def _rgb_to_gray(image: Image.Image) -> np.ndarray:
    width, height = image.size
    return _gray_by_bands(height, width, lambda top, bottom: np.asarray(
        image.crop((0, top, width, bottom)), dtype=np.uint8))


def gray_without_coloured_ink(rgb: np.ndarray) -> np.ndarray:
    """without_coloured_ink of an RGB array, band by band (no whole-page temporaries)."""
    return _gray_by_bands(rgb.shape[0], rgb.shape[1], lambda top, bottom: np.ascontiguousarray(rgb[top:bottom]))


COLOURED_INK = 60  # max - min channel spread above which a pixel is blue/violet/red ink rather than black print


def without_coloured_ink(rgb: np.ndarray) -> np.ndarray:
    """Gray page where strongly coloured ink (stamps, signatures in blue or violet) is lightened to its brightest
    channel, so a stamp over a printed line does not hide the line from OCR; black print keeps its luma."""
    brightest = rgb.max(axis=2)
    return _lightened(rgb, brightest, brightest - rgb.min(axis=2))


def _lightened(rgb: np.ndarray, brightest: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """without_coloured_ink from the channels' max and max - min, computed once per band by the caller."""
    luma = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(np.where(spread > COLOURED_INK, brightest, luma))


_EXIF_ORIENTATION = 0x0112


def _decode_frame(image: Image.Image, name: str, page_no: int) -> np.ndarray:
    try:
        image.load()
        if image.getexif().get(_EXIF_ORIENTATION, 1) in (1, None):
            return to_gray(image)  # exif_transpose would copy the full-colour page for nothing
        return to_gray(ImageOps.exif_transpose(image) or image)
    except OSError as exc:
        text = str(exc)
        if "truncated" in text or "broken data stream" in text or "end of file" in text.lower():
            raise UnreadableDocument(f"truncated {name} (page {page_no})" if page_no > 1
                                     else f"truncated {name}") from exc
        raise UnreadableDocument(f"damaged {name}: {text}") from exc
    except (ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnreadableDocument(f"damaged {name}: {exc}") from exc


def decode_image_pages(data: bytes, kind: str, max_pixels_per_page: int, max_pages: int) -> Iterator[np.ndarray]:
    """Yield each page of an image file as a 2-D uint8 array, one at a time, upright per EXIF orientation."""
    name = _KIND_NAMES.get(kind, kind.upper())
    if not data:
        raise UnreadableDocument(f"empty {name} file")
    image = _open(data, kind, max_pixels_per_page)
    with image:
        frames = count_frames(image, max_pages)
        for index in range(frames):
            image.seek(index)
            check_page_size(image.width, image.height, max_pixels_per_page)
            gray = _decode_frame(image, name, index + 1)
            if frames == 1:
                image.close()  # the decoded colour page (3 bytes a pixel) is not kept while the page is read
            yield gray
