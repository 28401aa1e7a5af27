"""Scanner and phone damage on page images: skew, rotation, blur, noise, JPEG, low dpi, shadows, warp, fading."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image

Damage = Callable[[Image.Image, random.Random], Image.Image]


def skew(image: Image.Image, rnd: random.Random) -> Image.Image:
    """A small rotation as from a crooked scan (0.5-7 degrees either way)."""
    angle = rnd.choice((-1, 1)) * rnd.uniform(0.5, 7.0 if rnd.random() < 0.3 else 3.0)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=_paper(image))


def rotate(image: Image.Image, rnd: random.Random, quarter_turns: int | None = None) -> Image.Image:
    """The page turned by 90, 180 or 270 degrees counter-clockwise."""
    turns = quarter_turns or rnd.choice((1, 2, 3))
    return image.transpose(
        (Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270)[turns - 1]
    )


def blur(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Out of focus: a Gaussian blur of sigma 0.8-2 pixels."""
    return Image.fromarray(cv2.GaussianBlur(np.asarray(image.convert("RGB")), (0, 0), rnd.uniform(0.8, 2.0)))


def motion_blur(image: Image.Image, rnd: random.Random) -> Image.Image:
    """A short straight smear, as from a hand moving while the phone shot."""
    length = rnd.randint(5, 11)
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    matrix = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rnd.uniform(0, 180), 1.0)
    rotated = cv2.warpAffine(kernel, matrix, (length, length))
    rotated = np.asarray(rotated, dtype=np.float32) / np.float32(max(float(rotated.sum()), 1e-6))
    return Image.fromarray(cv2.filter2D(np.asarray(image), -1, rotated))


def noise(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Sensor grain: Gaussian noise, the same on the three channels."""
    generator = np.random.default_rng(rnd.randint(0, 2**31))
    grain = generator.standard_normal((image.height, image.width), dtype=np.float32) * rnd.uniform(5, 14)
    grain3 = cv2.merge([grain.astype(np.int16)] * 3)
    return Image.fromarray(cv2.add(np.asarray(image.convert("RGB")), grain3, dtype=cv2.CV_8U))


def jpeg(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Re-compressed as JPEG at quality 35-80."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=rnd.randint(35, 80))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def low_dpi(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Downscaled to 150-200 dpi (the page keeps its new, smaller pixel size)."""
    dpi = rnd.randint(150, 200)
    factor = dpi / 300
    small = image.resize((int(image.width * factor), int(image.height * factor)), Image.Resampling.LANCZOS)
    small.info["dpi"] = (dpi, dpi)
    return small


def shadow(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Uneven lighting: a brightness gradient and a soft dark patch, as in a phone photo."""
    h, w = 64, 64  # the light field is smooth: compute it small, then stretch it over the page
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rnd.uniform(0, 2 * np.pi)
    ramp = xs / w * np.cos(angle) + ys / h * np.sin(angle)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    light = 1.0 - rnd.uniform(0.15, 0.4) * ramp
    cx, cy, radius = rnd.uniform(0, w), rnd.uniform(0, h), rnd.uniform(0.2, 0.5) * w
    light *= 1.0 - rnd.uniform(0.1, 0.25) * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2))
    full = cv2.resize(light.astype(np.float32), (image.width, image.height), interpolation=cv2.INTER_LINEAR)
    return Image.fromarray(cv2.multiply(np.asarray(image.convert("RGB")), cv2.merge([full] * 3), dtype=cv2.CV_8U))


def perspective(image: Image.Image, rnd: random.Random) -> Image.Image:
    """The page photographed at a slight angle, on a darker background."""
    w, h = image.width, image.height
    pad = int(0.04 * max(w, h))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    signs = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.float32)
    jitter = np.array([[rnd.uniform(0, 1) * pad, rnd.uniform(0, 1) * pad] for _ in range(4)], dtype=np.float32)
    corners = np.array([[pad, pad], [w + pad, pad], [w + pad, h + pad], [pad, h + pad]], dtype=np.float32)
    dst = corners + jitter * signs
    matrix = cv2.getPerspectiveTransform(src, dst)
    background = tuple(rnd.randint(60, 140) for _ in range(3))
    warped = cv2.warpPerspective(
        np.asarray(image.convert("RGB")),
        matrix,
        (w + 2 * pad, h + 2 * pad),
        flags=cv2.INTER_LINEAR,
        borderValue=background,
    )
    return Image.fromarray(warped)


def faded(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Low contrast: black becomes grey, as from a worn-out toner or an old copy."""
    floor = rnd.randint(60, 110)
    pixels = np.asarray(image.convert("RGB"))
    return Image.fromarray(cv2.convertScaleAbs(pixels, alpha=(255 - floor) / 255, beta=floor))


def _paper(image: Image.Image) -> tuple[int, ...] | int:
    corner = image.getpixel((5, 5))
    return corner if isinstance(corner, (tuple, int)) else 255


DAMAGES: dict[str, Damage] = {
    "skew": skew,
    "blur": blur,
    "motion_blur": motion_blur,
    "noise": noise,
    "low_dpi": low_dpi,
    "shadow": shadow,
    "perspective": perspective,
    "faded": faded,
    "jpeg": jpeg,
}
# Geometry first, then optics, then sensor and compression, as a real capture would stack them.
_ORDER = ("perspective", "skew", "rotate", "shadow", "faded", "blur", "motion_blur", "low_dpi", "noise", "jpeg")


def random_damage(image: Image.Image, rnd: random.Random) -> tuple[Image.Image, tuple[str, ...]]:
    """A random, human-readable combination (possibly none) applied; returns the image and the names."""
    roll = rnd.random()
    if roll < 0.15:
        return image, ()
    phone = roll > 0.7
    chosen: set[str] = set()
    if phone:
        chosen |= {"perspective", "shadow"} | ({"motion_blur"} if rnd.random() < 0.3 else set())
    elif rnd.random() < 0.6:
        chosen.add("skew")
    extras = ["blur", "noise", "low_dpi", "faded", "jpeg", "rotate"]
    weights = [25, 35, 30, 10 if phone else 15, 40, 12]
    for _ in range(rnd.choice((0, 1, 1, 2, 2) if phone else (0, 1, 1, 2, 2, 3))):
        chosen.add(rnd.choices(extras, weights=weights)[0])
    if {"blur", "motion_blur"} <= chosen:
        chosen.discard("blur")
    applied: list[str] = []
    dpi = image.info.get("dpi", (300, 300))
    for name in _ORDER:
        if name not in chosen:
            continue
        if name == "rotate":
            turns = rnd.choice((1, 2, 3))
            image = rotate(image, rnd, turns)
            applied.append(f"rotate_{turns * 90}")
        else:
            image = DAMAGES[name](image.convert("RGB"), rnd)
            applied.append(name)
        dpi = image.info.get("dpi", dpi)
    image.info["dpi"] = dpi
    return image, tuple(applied)
