"""Bad input files: empty, truncated, wrong header, random bytes, encrypted, huge, unsupported type."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

import pikepdf
from PIL import Image

HUGE_SIDE = 20000


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_huge_png(path: Path, side: int = HUGE_SIDE) -> None:
    """A valid 1-bit PNG whose header says side×side, streamed row by row in little memory."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # bit depth 1, greyscale
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter byte + a white row
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row * 500) for _ in range(side // 500)]
    parts.append(compressor.compress(row * (side % 500)))
    parts.append(compressor.flush())
    with path.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.write(_png_chunk(b"IHDR", header))
        handle.write(_png_chunk(b"IDAT", b"".join(parts)))
        handle.write(_png_chunk(b"IEND", b""))


def _small_jpeg(rnd: random.Random) -> bytes:
    image = Image.new("RGB", (600, 400), (250, 250, 250))
    for _ in range(40):
        x, y = rnd.randint(0, 580), rnd.randint(0, 380)
        image.paste((rnd.randint(0, 80),) * 3, (x, y, x + 20, y + 8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    buffer = io.BytesIO()
    pdf.save(buffer, encryption=pikepdf.Encryption(user="secret", owner="owner-secret", R=6))
    return buffer.getvalue()


def _docx_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document>Сертификат № 0012345</w:document>")
    return buffer.getvalue()


def write_broken_files(folder: Path, rnd: random.Random) -> dict[str, str]:
    """Writes one file of every kind into `folder`; returns file name -> what is wrong with it."""
    folder.mkdir(parents=True, exist_ok=True)
    jpeg = _small_jpeg(rnd)
    files: dict[str, tuple[bytes | None, str]] = {
        "empty.pdf": (b"", "zero-byte file"),
        "truncated.jpg": (jpeg[: len(jpeg) // 3], "JPEG cut off after a third of its bytes"),
        "wrong_header.pdf": (b"%PFD-1.4\n" + b"0 obj << >> endobj\n" * 20, "PDF with a wrong header"),
        "random.pdf": (rnd.randbytes(4096), "random bytes named .pdf"),
        "encrypted.pdf": (_encrypted_pdf(), "PDF encrypted with a user password"),
        "huge.png": (None, f"PNG of {HUGE_SIDE}x{HUGE_SIDE} pixels"),
        "document.jpg": (_docx_bytes(), "a .docx (zip) renamed .jpg"),
        "notes.png": ("Сертификат будет позже.\n".encode(), "a text file renamed .png"),
    }
    for name, (payload, _reason) in files.items():
        if payload is None:
            write_huge_png(folder / name)
        else:
            (folder / name).write_bytes(payload)
    return {name: reason for name, (_payload, reason) in files.items()}
