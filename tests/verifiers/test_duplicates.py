"""Perceptual hashes survive re-scanning; the seen-before index finds near hashes and misread numbers;
DUPLICATE only across applicants."""

from __future__ import annotations

import random

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from verifiers.duplicates import (
    DEFAULT_RADIUS,
    DocumentRef,
    SeenIndex,
    duplicate_findings,
    hamming,
    perceptual_hash,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page(lines: list[str], frame: bool = True) -> npt.NDArray[np.uint8]:
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    if frame:
        draw.rectangle((60, 60, 1180, 1690), outline=0, width=6)
    for i, line in enumerate(lines):
        draw.text(
            (120 + 37 * (i % 3), 300 + 110 * i), line, font=ImageFont.truetype(FONT, 40 + 9 * i), fill=0
        )
    return np.array(image)


def _rescan(page: npt.NDArray[np.uint8], seed: int) -> npt.NDArray[np.uint8]:
    rng = np.random.default_rng(seed)
    h, w = page.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1, 1), rng.uniform(0.98, 1.02))
    moved = cv2.warpAffine(page, matrix, (w, h), borderValue=255)
    small = cv2.resize(moved, (int(w * 0.6), int(h * 0.6)), interpolation=cv2.INTER_AREA)
    noisy = np.clip(small * 0.9 + rng.normal(0, 6, small.shape) + 15, 0, 255).astype(np.uint8)
    cut = int(noisy.shape[0] * 0.015)
    _, jpeg = cv2.imencode(".jpg", noisy[cut:-cut, cut:-cut], [cv2.IMWRITE_JPEG_QUALITY, 45])
    return np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)


def test_rescans_stay_close_and_other_pages_are_far() -> None:
    page = _page(["СЕРТИФИКАТ", "Жаксыбекова Айгерим", "Педиатрия 108 часов", "№ 0012345"])
    other = _page(["ДИПЛОМ", "Ахметов Ерлан Болатович", "Лечебное дело"], frame=False)
    original = perceptual_hash(page)
    assert all(hamming(original, perceptual_hash(_rescan(page, s))) <= DEFAULT_RADIUS for s in range(5))
    assert hamming(original, perceptual_hash(other)) > DEFAULT_RADIUS


def test_index_finds_near_hashes_in_sealed_and_pending_parts() -> None:
    rng = random.Random(3)
    index = SeenIndex()
    values = [rng.getrandbits(64) for _ in range(10_000)]
    index.add_many((DocumentRef("S", "A", f"D{i}"), (v,), None) for i, v in enumerate(values))
    index.add(DocumentRef("S2", "B", "late"), (values[5] ^ 0b1011,))  # pending, not yet sealed
    hits = dict(index.near_hashes(values[5] ^ (1 << 63) ^ (1 << 7) ^ (1 << 30)))
    assert hits == {5: 3, 10_000: 6}
    assert index.near_hashes(values[7] ^ ((1 << 11) - 1), radius=11)[0][0] == 7
    assert dict(index.near_hashes(values[7] ^ ((1 << 11) - 1), radius=10)).get(7) is None


def test_duplicate_only_across_applicants() -> None:
    index = SeenIndex()
    first = DocumentRef("S-1", "880514450128", "S-1/scan.jpg", "ORG-007")
    index.add(first, (0x0F0F0F0F0F0F0F0F,), "0012345")
    same_person = DocumentRef("S-2", "880514450128", "S-2/scan.jpg", "ORG-007")
    findings = duplicate_findings(same_person, index.find((0x0F0F0F0F0F0F0F0E,), "0012345", "ORG-007"))
    assert findings.flags == () and findings.linked == (first,)
    other_person = DocumentRef("S-3", "900101400123", "S-3/a.pdf", "ORG-007")
    findings = duplicate_findings(other_person, index.find((), "OO12345", "ORG-007"))
    assert [f.code for f in findings.flags] == ["DUPLICATE"]
    assert findings.flags[0].evidence["submission_id"] == "S-1"
    ((counterpart, flag),) = findings.counterpart_flags
    assert counterpart == first and flag.evidence["submission_id"] == "S-3"


def test_same_template_with_another_number_is_not_a_duplicate() -> None:
    index = SeenIndex()
    index.add(DocumentRef("S-1", "A", "d1", "ORG-007"), (0x1234,), "0012345")
    assert index.find((0x1235,), "0012399", "ORG-007") == ()
    assert len(index.find((0x1235,), None, "ORG-007")) == 1
    assert index.find((), "0012345", "ORG-999") == ()  # same number from another issuer


def test_an_unread_number_matches_no_page_of_a_template_shared_by_other_certificates() -> None:
    index = SeenIndex()
    index.add(DocumentRef("S-1", "A", "d1"), (0x1234,), "0012345")
    index.add(DocumentRef("S-2", "B", "d2"), (0x1236,), "0054321")  # the same template, another certificate
    assert index.find((0x1235,), None) == ()  # the number unread: the page alone cannot say which one it is
    index.add(DocumentRef("S-3", "C", "d3"), (0x1237,), None)
    assert index.find((0x1235,), "0099999") == ()  # nor is a page whose number was unread the same as this one
    assert "d1" in [m.ref.document_id for m in index.find((0x1235,), "0012345")]  # the number still decides
    lone = SeenIndex()
    lone.add(DocumentRef("S-1", "A", "d1"), (0x1234,), "0012345")
    assert len(lone.find((0x1235,), None)) == 1  # one certificate near: a re-scan with its number unread


def test_one_template_filled_in_for_two_people_is_not_the_same_image() -> None:
    index = SeenIndex()
    index.add(DocumentRef("S-1", "A", "d1", holder="Смирнова Мария Владимировна"), (0x1234,), "KZ-2024-009902")
    other = index.find((0x1236,), None, holder="Өтемісова Айгүл Ерланқызы")  # number unread, another holder
    assert other == ()
    rescan = index.find((0x1236,), None, holder="Смирнова Мария Владимировиа")  # the same page, a letter misread
    assert [m.ref.document_id for m in rescan] == ["d1"]
    unread = index.find((0x1236,), None, holder=None)
    assert [m.ref.document_id for m in unread] == ["d1"]


def test_a_copy_with_its_name_changed_but_its_number_read_is_still_the_same_image() -> None:
    index = SeenIndex()
    index.add(DocumentRef("S-1", "A", "d1", holder="Смирнова Мария Владимировна"), (0x1234,), "KZ-2024-009902")
    found = index.find((0x1236,), "KZ-2024-009902", holder="Өтемісова Айгүл Ерланқызы")
    assert [(m.ref.document_id, m.by) for m in found] == [("d1", "image")]


def test_a_number_cut_short_on_one_copy_is_judged_like_an_unread_one() -> None:
    # fraud 47878: a re-scan's source read «KZ-202»; the numbers disagreed only by the end OCR lost
    index = SeenIndex()
    index.add(DocumentRef("S-1", "A", "d1", holder="ЕСЕНЖОЛОВА ГҮЛЖАН"), (0x1234,), "KZ-202")
    found = index.find((0x1236,), "KZ-2025-008663", holder="ЕСЕНЖОЛОВА ГҮЛЖАН")
    assert [(m.ref.document_id, m.by) for m in found] == [("d1", "image")]
    assert index.find((0x1236,), "KZ-2025-008663", holder="Өтемісова Айгүл Ерланқызы") == ()  # another person
    assert index.find((0x1236,), "KZ-2031-008663", holder="ЕСЕНЖОЛОВА ГҮЛЖАН") == ()  # another number
