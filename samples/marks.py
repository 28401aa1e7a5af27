"""Marks drawn on documents: round blue stamp with ring text, handwritten signature, emblem, QR code, fonts."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype"


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    kazakh: bool  # has the Kazakh Cyrillic letters


FAMILIES = (
    FontFamily("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf", True),
    FontFamily("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf", True),
    FontFamily(
        "dejavu/DejaVuSansCondensed.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
        "dejavu/DejaVuSansCondensed-Oblique.ttf",
        True,
    ),
    FontFamily(
        "dejavu/DejaVuSerifCondensed.ttf",
        "dejavu/DejaVuSerifCondensed-Bold.ttf",
        "dejavu/DejaVuSerifCondensed-Italic.ttf",
        True,
    ),
    FontFamily("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf", "noto/NotoSans-Italic.ttf", True),
    FontFamily("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf", "noto/NotoSerif-Italic.ttf", True),
    FontFamily(
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
        "liberation/LiberationSans-Italic.ttf",
        False,
    ),
    FontFamily(
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
        "liberation/LiberationSerif-Italic.ttf",
        False,
    ),
)
STAMP_BLUE = (28, 58, 168)
INK_BLUE = (20, 30, 110)


def pick_family(rnd: random.Random, needs_kazakh: bool) -> FontFamily:
    return rnd.choice([f for f in FAMILIES if f.kazakh or not needs_kazakh])


def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(f"{FONT_DIR}/{path}", size)


def _ring_text(layer: Image.Image, text: str, center: int, radius: int, size: int, color: tuple[int, ...]) -> None:
    face = font(FAMILIES[0].bold, size)
    step = 360.0 / max(len(text), 1)
    for index, char in enumerate(text):
        angle = -90 + index * step
        glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size, size), char, font=face, fill=color, anchor="mm")
        glyph = glyph.rotate(-angle - 90, resample=Image.Resampling.BICUBIC)
        x = center + radius * math.cos(math.radians(angle)) - size
        y = center + radius * math.sin(math.radians(angle)) - size
        layer.alpha_composite(glyph, (int(x), int(y)))


def stamp(rnd: random.Random, ring_text: str, inner_text: str, diameter: int = 460) -> Image.Image:
    """A round blue seal (RGBA) with the organization's name around the rim."""
    alpha = rnd.randint(150, 225)
    color = (*STAMP_BLUE, alpha)
    layer = Image.new("RGBA", (diameter, diameter), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    c = diameter // 2
    draw.ellipse((4, 4, diameter - 4, diameter - 4), outline=color, width=7)
    draw.ellipse((c - int(c * 0.68), c - int(c * 0.68), c + int(c * 0.68), c + int(c * 0.68)), outline=color, width=4)
    text = ring_text.upper()[:64] + " * "
    size = max(18, min(40, int(2 * math.pi * c * 0.82 / max(len(text), 1) * 1.25)))
    _ring_text(layer, text, c, int(c * 0.84), size, color)
    inner = font(FAMILIES[0].bold, 30)
    for offset, line in zip((-26, 26), inner_text.split("\n"), strict=False):
        draw.text((c, c + offset), line[:18], font=inner, fill=color, anchor="mm")
    return layer.rotate(rnd.uniform(-25, 25), resample=Image.Resampling.BICUBIC)


def signature(rnd: random.Random, width: int = 420, height: int = 160) -> Image.Image:
    """A handwritten-looking flourish (RGBA, dark blue ink)."""
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    loops, radius = rnd.randint(4, 9), rnd.uniform(18, 34)
    slant, mid = rnd.uniform(0.2, 0.6), height * rnd.uniform(0.45, 0.6)
    points = []
    for step in range(400):
        t = step / 399
        phase = t * loops * 2 * math.pi
        y = mid - radius * math.sin(phase) * (1.2 - 0.6 * t) * rnd.uniform(0.9, 1.1)
        x = 30 + t * (width - 80) + radius * 0.8 * math.cos(phase) + slant * (mid - y)
        points.append((x, y))
    draw.line(points, fill=(*INK_BLUE, 235), width=rnd.randint(3, 5), joint="curve")
    draw.line([(points[0][0], points[-1][1] + 12), (points[-1][0], points[-1][1] - 4)], fill=(*INK_BLUE, 220), width=3)
    return layer


def emblem(size: int, color: tuple[int, int, int]) -> Image.Image:
    """A simple sun-and-rays emblem (RGBA) standing in for a state or university crest."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    c = size // 2
    draw.ellipse((4, 4, size - 4, size - 4), outline=(*color, 255), width=max(3, size // 60))
    for ray in range(32):
        angle = math.radians(ray * 360 / 32)
        inner, outer = size * 0.22, size * 0.40
        draw.line(
            (
                c + inner * math.cos(angle),
                c + inner * math.sin(angle),
                c + outer * math.cos(angle),
                c + outer * math.sin(angle),
            ),
            fill=(*color, 255),
            width=3,
        )
    draw.ellipse((c - size * 0.17, c - size * 0.17, c + size * 0.17, c + size * 0.17), fill=(*color, 255))
    return layer


def qr_image(payload: str, side: int) -> Image.Image:
    """A QR code of `payload`, about `side` pixels square, black on white."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    modules = image.width
    return image.resize(
        (side // modules * modules or modules, side // modules * modules or modules), Image.Resampling.NEAREST
    )
