"""Rendered pages carry a decodable QR code; broken files are what they claim to be."""

from __future__ import annotations

import random
import struct
import zipfile
from datetime import date
from pathlib import Path

import pikepdf
import pytest
import zxingcpp
from PIL import Image

from samples.broken import HUGE_SIDE, write_broken_files
from samples.damage import DAMAGES, random_damage, rotate
from samples.document import Content, compose
from samples.orgs import Organization, make_organizations
from samples.people import make_person
from samples.render import LAYOUTS, render_page


def _document(seed: int, language: str = "ru") -> tuple[random.Random, Content, Organization]:
    rnd = random.Random(seed)
    orgs = make_organizations(rnd)
    org = next(o for o in orgs if o.foreign) if language == "en" else orgs[seed % 10]
    person = make_person(rnd)
    for _ in range(50):
        content = compose(rnd, "advanced_training", language, person, org, date(2025, 5, 1))
        if content.qr_payload:
            return rnd, content, org
    raise AssertionError("no QR code drawn in 50 tries")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_qr_code_decodes_to_the_truth_payload(layout: str) -> None:
    rnd, content, org = _document(LAYOUTS.index(layout), "en" if layout == "english" else "ru")
    page = render_page(rnd, content, org, layout)
    assert page.info["dpi"] == (300, 300)
    decoded = [r.text for r in zxingcpp.read_barcodes(page)]
    assert decoded == [content.qr_payload]
    assert str(content.fields["cert_number"]) in (content.qr_payload or "")


def test_damage_keeps_the_page_and_records_names() -> None:
    rnd, content, org = _document(3)
    page = render_page(rnd, content, org, "formal").resize((1240, 1754))
    names_seen: set[str] = set()
    for seed in range(12):
        damaged, names = random_damage(page, random.Random(seed))
        names_seen |= set(names)
        assert damaged.width > 300 and damaged.height > 300
    assert names_seen - {"rotate_90", "rotate_180", "rotate_270"} <= set(DAMAGES)
    assert len(names_seen) >= 5
    assert rotate(page, rnd, 1).size == (page.height, page.width)


def test_broken_files_are_what_they_claim(tmp_path: Path) -> None:
    reasons = write_broken_files(tmp_path, random.Random(1))
    assert set(reasons) == {p.name for p in tmp_path.iterdir()}
    assert (tmp_path / "empty.pdf").stat().st_size == 0
    huge = (tmp_path / "huge.png").read_bytes()
    assert huge[:8] == b"\x89PNG\r\n\x1a\n" and huge[12:16] == b"IHDR"
    assert struct.unpack(">II", huge[16:24]) == (HUGE_SIDE, HUGE_SIDE) == (20000, 20000)
    assert len(huge) < 1_000_000
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(tmp_path / "encrypted.pdf")
    with pikepdf.open(tmp_path / "encrypted.pdf", password="secret") as pdf:
        assert pdf.is_encrypted
    with pytest.raises(OSError), Image.open(tmp_path / "truncated.jpg") as image:
        image.load()
    assert zipfile.is_zipfile(tmp_path / "document.jpg")
    assert not (tmp_path / "wrong_header.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "random.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_tesseract_reads_the_number_and_holder_of_a_clean_page(language: str) -> None:
    import pytesseract
    from rapidfuzz import fuzz

    rnd, content, org = _document(20 + len(language) + ord(language[0]), language)
    page = render_page(rnd, content, org)
    text = " ".join(pytesseract.image_to_string(page.convert("L"), lang="rus+kaz+eng").split()).casefold()
    # Tesseract may still confuse a letter or two (Қ/К, Z/7): "reasonably" means a close match
    assert fuzz.partial_ratio(str(content.fields["cert_number"]).casefold(), text) >= 80
    assert fuzz.partial_ratio(content.holder.casefold(), text) >= 85
