"""Fraud variants of generated documents: altered content, register rows, and tampered page images and PDFs."""

from __future__ import annotations

import io
import json
import random
import re
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pikepdf
from PIL import Image

from samples import wording as w
from samples.damage import random_damage
from samples.document import Content
from samples.orgs import Organization
from samples.render import render_page

# family -> (expected flag codes, is it fraud); fraud documents must end `flagged`
FAMILIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "genuine": ((), False),
    "genuine_former_name": ((), False),
    "genuine_abbreviation": ((), False),
    "genuine_latin_holder": ((), False),
    "genuine_resubmitted": ((), False),
    "genuine_translated": ((), False),
    "out_of_window": (("OUT_OF_WINDOW",), False),
    "not_in_registry": (("NOT_IN_REGISTRY",), True),
    "mismatch_holder": (("REGISTRY_MISMATCH",), True),
    "mismatch_hours": (("REGISTRY_MISMATCH",), True),
    "mismatch_dates": (("REGISTRY_MISMATCH",), True),
    "mismatch_issuer": (("REGISTRY_MISMATCH",), True),
    "revoked": (("REVOKED",), True),
    "holder_other": (("HOLDER_MISMATCH",), True),
    "issuer_unknown": (("ISSUER_UNKNOWN",), True),
    "issuer_not_accredited": (("ISSUER_NOT_ACCREDITED",), True),
    "duplicate_number": (("DUPLICATE",), True),
    "duplicate_image": (("DUPLICATE",), True),
    "duplicate_source": (("DUPLICATE",), True),
    "implausible_end_before_start": (("IMPLAUSIBLE",), True),
    "implausible_future": (("IMPLAUSIBLE",), True),
    "implausible_issue_before_end": (("IMPLAUSIBLE",), True),
    "implausible_hours": (("IMPLAUSIBLE",), True),
    "tampered_whiteout": (("TAMPERED",), True),
    "tampered_paste": (("TAMPERED",), True),
    "tampered_font": (("TAMPERED",), True),
    "tampered_pdf_revision": (("TAMPERED",), True),
    "tampered_pdf_editor": (("TAMPERED",), True),
    "qr_mismatch": (("QR_MISMATCH",), True),
    "translation_missing": (("TRANSLATION_MISSING",), True),
}
IMAGE_TAMPER = ("tampered_whiteout", "tampered_paste", "tampered_font")
EDITOR_PRODUCERS = ("Adobe Photoshop CC 2019 (Windows)", "GIMP 2.10.34", "Paint.NET 5.0")


def replace_text(content: Content, old: str, new: str) -> Content:
    """`old` replaced by `new` everywhere the document prints it and in its truth fields."""

    def swap(text: str) -> str:
        return text.replace(old, new)

    fields = {k: swap(v) if isinstance(v, str) else v for k, v in content.fields.items()}
    return replace(
        content,
        header=tuple(swap(x) for x in content.header),
        title=tuple(swap(x) for x in content.title),
        number_line=swap(content.number_line) if content.number_line else None,
        holder=swap(content.holder),
        body=tuple(swap(x) for x in content.body),
        rows=tuple((a, swap(b)) for a, b in content.rows),
        issuer=swap(content.issuer),
        qr_payload=swap(content.qr_payload) if content.qr_payload else None,
        fields=fields,
    )


def restate_dates(
    content: Content, rnd: random.Random, start: date, end: date, hours: int | None, issue: date | None
) -> Content:
    """A course document whose period, hours and issue date are reprinted as given (any consistency lost)."""
    lang = content.language
    period = w.format_range(start, end, lang, rnd)
    volume = w.format_hours(hours, lang, rnd) if hours is not None else None
    body = list(content.body)
    body[1] = period
    if volume is not None and len(body) > 2:
        body[2] = volume
    rows = [
        (label, period if label == w.DATES_LABELS[lang] else volume if label == w.HOURS_LABELS[lang] and volume else v)
        for label, v in content.rows
    ]
    footer = content.footer
    if issue is not None:
        footer = (f"{w.ISSUE_LABELS[lang][0]} {w.format_date(issue, lang, rnd)}", *content.footer[1:])
    fields = dict(content.fields)
    fields.update(
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        hours=hours if volume is not None and len(body) > 2 else fields["hours"],
        issue_date=issue.isoformat() if issue is not None else None,
    )
    return replace(content, body=tuple(body), rows=tuple(rows), footer=footer, fields=fields)


def other_number(rnd: random.Random, number: str) -> str:
    """The same number with its digits changed (same length and form, so the layout does not move)."""
    changed = list(number)
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    for index in rnd.sample(digits, min(3, len(digits))):
        changed[index] = str((int(number[index]) + rnd.randint(1, 9)) % 10)
    return "".join(changed)


def _changed_box(first: np.ndarray, second: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the pixels that differ between two same-size greyscale images."""
    rows, cols = np.nonzero(np.abs(first.astype(np.int16) - second.astype(np.int16)) > 40)
    if len(rows) == 0:
        return None
    return int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1


def _paper_level(region: np.ndarray) -> int:
    return int(np.percentile(region, 90))


def _whiteout(page: np.ndarray, altered: np.ndarray, box: tuple[int, int, int, int], scale: float) -> np.ndarray:
    """The box painted over with flat paper and the altered text retyped (scaled by `scale`) on it."""
    top, bottom, left, right = box
    pad = max(4, (bottom - top) // 4)
    top, left = max(0, top - pad), max(0, left - pad)
    bottom, right = min(page.shape[0], bottom + pad), min(page.shape[1], right + pad)
    result = page.copy()
    paper = _paper_level(page[top:bottom, left:right])
    result[top:bottom, left:right] = paper
    ink = altered[top:bottom, left:right]
    if scale != 1.0:
        grown = Image.fromarray(ink).resize((round(ink.shape[1] * scale), round(ink.shape[0] * scale)))
        ink = np.asarray(grown)[: page.shape[0] - top, : page.shape[1] - left]
        bottom, right = top + ink.shape[0], left + ink.shape[1]
        result[top:bottom, left:right] = np.minimum(result[top:bottom, left:right], paper)
    target = result[top:bottom, left:right]
    dark = ink < paper - 40
    target[dark] = ink[dark]
    return result


def _paste(page: np.ndarray, altered: np.ndarray, box: tuple[int, int, int, int], rnd: random.Random) -> np.ndarray:
    """The box replaced by the altered page's pixels with another image's (much coarser) grain."""
    top, bottom, left, right = box
    pad = max(4, (bottom - top) // 4)
    top, left = max(0, top - pad), max(0, left - pad)
    bottom, right = min(page.shape[0], bottom + pad), min(page.shape[1], right + pad)
    generator = np.random.default_rng(rnd.randrange(2**31))
    patch = altered[top:bottom, left:right].astype(np.float32)
    patch += generator.normal(0, rnd.uniform(14, 22), patch.shape).astype(np.float32)
    result = page.copy()
    result[top:bottom, left:right] = np.clip(patch, 0, 255).astype(np.uint8)
    return result


def tampered_page(
    rnd: random.Random, genuine: Content, altered: Content, org: Organization, kind: str, damaged: bool
) -> Image.Image:
    """A scan of `genuine` digitally edited so that it shows `altered`'s differing text (whiteout, paste, font).

    Both are drawn and damaged with the same seeds so that they differ only where the text differs."""
    render_seed, damage_seed = rnd.randrange(2**32), rnd.randrange(2**32)
    altered = replace(altered, qr_payload=genuine.qr_payload)  # a QR code keeps what was printed first
    pages = []
    for content in (genuine, altered):
        page = render_page(random.Random(render_seed), content, org)
        if damaged:
            page, _ = random_damage(page, random.Random(damage_seed))
        pages.append(np.asarray(page.convert("L")))
    first, second = pages
    box = _changed_box(first, second) if first.shape == second.shape else None
    if box is None:
        return Image.fromarray(second)
    if kind == "tampered_paste":
        edited = _paste(first, second, box, rnd)
    else:
        edited = _whiteout(first, second, box, 1.3 if kind == "tampered_font" else 1.0)
    image = Image.fromarray(edited)
    image.info["dpi"] = (300, 300)
    return image


def with_editor_producer(data: bytes, producer: str) -> bytes:
    """The PDF re-saved as an image editor would, naming itself as the producer."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.docinfo["/Producer"] = producer
        pdf.docinfo["/Creator"] = producer
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def with_overlay_revision(data: bytes, text: str) -> bytes:
    """An incremental update appended by hand: a second content stream that whites out a strip and prints `text`."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        width, height = float(page.MediaBox[2]), float(page.MediaBox[3])
        contents = page.get("/Contents")
        parts = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])
        old = [c.objgen[0] for c in parts]
        page_number, size, root = page.objgen[0], int(pdf.trailer.Size), pdf.Root.objgen[0]
        info = pdf.trailer.get("/Info")
        info_ref = f" /Info {info.objgen[0]} 0 R" if info is not None else ""
        page_text = page.unparse(resolved=True).decode("latin-1")
    y = height * 0.55
    safe = text.encode("ascii", "replace").decode().replace("(", "").replace(")", "")
    stream = (f"1 1 1 rg {width * 0.3:.0f} {y - 4:.0f} {width * 0.4:.0f} 18 re f "
              f"0 0 0 rg BT /F1 12 Tf {width * 0.32:.0f} {y:.0f} Td ({safe}) Tj ET").encode()
    stream_number = size
    refs = " ".join(f"{n} 0 R" for n in (*old, stream_number))
    page_text = re.sub(r"/Contents\s+(\[[^\]]*\]|\d+ \d+ R)", f"/Contents [{refs}]", page_text)
    objects = {
        page_number: page_text.encode("latin-1"),
        stream_number: f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    }
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    body, offsets = b"\n", {}
    for number, obj in sorted(objects.items()):
        offsets[number] = len(data) + len(body)
        body += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref_at = len(data) + len(body)
    xref = b"xref\n" + b"".join(f"{n} 1\n{offsets[n]:010d} 00000 n \n".encode() for n in sorted(offsets))
    trailer = (f"trailer\n<< /Size {size + 1} /Root {root} 0 R{info_ref} /Prev {startxref} >>\n"
               f"startxref\n{xref_at}\n%%EOF\n")
    return data + body + xref + trailer.encode()


def re_scanned(data: bytes, rnd: random.Random) -> bytes:
    """The same page image saved again: slightly cropped, resized and re-compressed as JPEG."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = image.size
    crop = rnd.uniform(0.005, 0.02)
    box = (round(width * crop), round(height * crop), round(width * (1 - crop)), round(height * (1 - crop)))
    image = image.crop(box)
    factor = rnd.uniform(0.7, 0.95)
    image = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rnd.randint(60, 85), dpi=(round(300 * factor), round(300 * factor)))
    return out.getvalue()


def mismatched_qr(content: Content, rnd: random.Random) -> Content:
    """A QR code that names another certificate number than the one printed."""
    number = str(content.fields["cert_number"])
    payload = json.dumps({"cert": other_number(rnd, number), "holder": content.holder}, ensure_ascii=False)
    return replace(content, qr_payload=payload)


def implausible_dates(content: Content, rnd: random.Random, family: str, today: date) -> Content:
    """Reprinted dates/hours that no real course can have: the family names which impossibility."""
    start = date.fromisoformat(str(content.fields["start_date"]))
    end = date.fromisoformat(str(content.fields["end_date"]))
    hours = content.fields["hours"] if isinstance(content.fields["hours"], int) else None
    issue = date.fromisoformat(str(content.fields["issue_date"])) if content.fields["issue_date"] else end
    if family == "implausible_end_before_start":
        start, end = end + timedelta(days=rnd.randint(10, 40)), start
        issue = max(issue, start)
    elif family == "implausible_future":
        shift = (today - start).days + rnd.randint(120, 400)
        start, end, issue = start + timedelta(days=shift), end + timedelta(days=shift), issue + timedelta(days=shift)
    elif family == "implausible_issue_before_end":
        issue = start - timedelta(days=rnd.randint(10, 60))
    else:
        start = end - timedelta(days=1)
        hours = rnd.choice((144, 216, 240))
    return restate_dates(content, rnd, start, end, hours, issue)
