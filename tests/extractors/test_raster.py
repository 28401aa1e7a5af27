"""Image decoding: limits checked from the header, damaged files refused, modes and EXIF handled."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from extractors.errors import UnreadableDocument
from extractors.raster import decode_image_pages, without_coloured_ink

LIMIT = 60_000_000


def _png_claiming(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_body = b"IDAT" + zlib.compress(b"\x00" * 64)
    idat = struct.pack(">I", len(idat_body) - 4) + idat_body + struct.pack(">I", zlib.crc32(idat_body))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(("side", "shown"), [(20000, "400 MP"), (9000, "81 MP")])
def test_png_bomb_refused_from_header(side: int, shown: str) -> None:
    with pytest.raises(UnreadableDocument) as refused:
        list(decode_image_pages(_png_claiming(side, side), "png", LIMIT, 30))
    assert shown in refused.value.reason and "limit 60 MP" in refused.value.reason


def test_truncated_jpeg() -> None:
    noise = np.random.default_rng(1).integers(0, 255, (400, 600), dtype=np.uint8)
    data = _encode(Image.fromarray(noise), "JPEG")
    with pytest.raises(UnreadableDocument, match="truncated JPEG"):
        list(decode_image_pages(data[: len(data) // 2], "jpeg", LIMIT, 30))


def test_garbage_refused() -> None:
    with pytest.raises(UnreadableDocument, match="damaged PNG"):
        list(decode_image_pages(b"\x89PNG\r\n\x1a\n" + b"junk" * 10, "png", LIMIT, 30))


def test_multipage_tiff_yields_each_page() -> None:
    frames = [Image.new("L", (100 + 10 * i, 50), 40 * i) for i in range(3)]
    data = _encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    pages = list(decode_image_pages(data, "tiff", LIMIT, 30))
    assert [page.shape for page in pages] == [(50, 100), (50, 110), (50, 120)]
    assert [int(page[0, 0]) for page in pages] == [0, 40, 80]
    with pytest.raises(UnreadableDocument, match="more than 2 pages"):
        list(decode_image_pages(data, "tiff", LIMIT, 2))


def test_modes_become_gray_over_white() -> None:
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert int(next(decode_image_pages(_encode(rgba, "PNG"), "png", LIMIT, 1))[0, 0]) == 255
    wide = Image.fromarray(np.full((4, 4), 65535, dtype=np.uint16))
    assert int(next(decode_image_pages(_encode(wide, "PNG"), "png", LIMIT, 1))[0, 0]) == 255
    cmyk = Image.new("CMYK", (8, 8), (0, 0, 0, 255))
    assert int(next(decode_image_pages(_encode(cmyk, "JPEG"), "jpeg", LIMIT, 1))[0, 0]) < 30
    palette = Image.new("P", (8, 8), 0)
    palette.putpalette([200, 200, 200] * 256)
    assert abs(int(next(decode_image_pages(_encode(palette, "PNG"), "png", LIMIT, 1))[0, 0]) - 200) <= 1


def test_exif_orientation_honoured() -> None:
    image = Image.new("L", (200, 100), 255)
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    page = next(decode_image_pages(_encode(image, "JPEG", exif=exif), "jpeg", LIMIT, 1))
    assert page.shape == (200, 100)


def test_a_blue_stamp_over_black_print_is_lightened_and_the_print_kept() -> None:
    page = np.full((40, 40, 3), 250, np.uint8)
    page[10:20, :] = (20, 20, 20)  # a black printed line
    page[:, 25:30] = np.minimum(page[:, 25:30], (60, 80, 190))  # a blue stamp stroke crossing it, inks add up
    gray = without_coloured_ink(page)
    assert gray[15, 5] < 40  # the print stays black
    assert gray[5, 27] > 180  # the stamp on the paper is light
    assert gray[15, 27] < 40  # where black print and stamp overlap the pixel is black, not blue
