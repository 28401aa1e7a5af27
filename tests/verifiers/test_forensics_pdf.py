"""PDF forensics: content-changing incremental updates and editor metadata are TAMPERED; signatures are not."""

from __future__ import annotations

import io
import re

import pikepdf
from reportlab.pdfgen import canvas

from verifiers.flags import TAMPERED
from verifiers.forensics_pdf import parse_pdf_date, pdf_tamper_findings, revision_ends


def make_pdf(producer: str | None = None, creator: str | None = None, created: str | None = None,
             modified: str | None = None) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=True)
    page.drawString(100, 700, "CERTIFICATE No 0012345")
    page.drawString(100, 680, "Ivanov Ivan, 72 hours")
    page.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    for key, value in (("/Producer", producer), ("/Creator", creator), ("/CreationDate", created),
                       ("/ModDate", modified)):
        if value is not None:
            pdf.docinfo[key] = value
    out = io.BytesIO()
    pdf.save(out, static_id=True)
    return out.getvalue()


def append_revision(data: bytes, page_extra: str, new_objects: dict[int, bytes], info: int | None = None) -> bytes:
    """An incremental update written by hand: new objects, the first page rewritten with `page_extra`."""
    pdf = pikepdf.open(io.BytesIO(data))
    page = pdf.pages[0].obj
    page_number = page.objgen[0]
    page_text = page.unparse(resolved=True).decode("latin-1")
    page_text = page_text.rstrip()[:-2] + f" {page_extra} >>"
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    objects = {page_number: page_text.encode("latin-1"), **new_objects}
    body, offsets = b"\n", {}
    for number, content in sorted(objects.items()):
        offsets[number] = len(data) + len(body)
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref_at = len(data) + len(body)
    xref = b"xref\n"
    for number in sorted(offsets):
        xref += f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode()
    size = max(int(pdf.trailer.Size), *(n + 1 for n in objects))
    root = pdf.Root.objgen[0]
    info_ref = f" /Info {info} 0 R" if info else ""
    trailer = f"trailer\n<< /Size {size} /Root {root} 0 R{info_ref} /Prev {startxref} >>\nstartxref\n{xref_at}\n%%EOF\n"
    return data + body + xref + trailer.encode()


def _next_number(data: bytes) -> int:
    return int(pikepdf.open(io.BytesIO(data)).trailer.Size)


def overlay_text_update(data: bytes) -> bytes:
    """A later revision that draws a new number over the page (a second content stream)."""
    number = _next_number(data)
    stream = b"1 1 1 rg 95 695 150 15 re f 0 0 0 rg BT /F1 12 Tf 100 700 Td (CERTIFICATE No 0099999) Tj ET"
    content = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
    pdf = pikepdf.open(io.BytesIO(data))
    contents = pdf.pages[0].obj["/Contents"].objgen[0]
    return append_revision(data, f"/Contents [{contents} 0 R {number} 0 R]", {number: content})


def signature_update(data: bytes, mod_date: str | None = None) -> bytes:
    """A later revision that only adds a signature widget and a sticky note (and, if given, a new ModDate)."""
    number = _next_number(data)
    widget = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /F 132 >>"
    note = b"<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents (checked) >>"
    objects = {number: widget, number + 1: note}
    if mod_date:
        info = f"<< /Producer (ReportLab) /CreationDate (D:20240226100000) /ModDate ({mod_date}) >>"
        objects[number + 2] = info.encode()
    return append_revision(data, f"/Annots [{number} 0 R {number + 1} 0 R]", objects,
                           info=number + 2 if mod_date else None)


def test_plain_pdf_has_no_findings() -> None:
    assert pdf_tamper_findings(make_pdf(producer="ReportLab PDF Library")) == ()


def test_incremental_update_drawing_over_the_page_is_tampered() -> None:
    edited = overlay_text_update(make_pdf())
    assert len(revision_ends(edited)) == 2
    findings = pdf_tamper_findings(edited)
    assert [f.code for f in findings] == [TAMPERED]
    assert findings[0].evidence["kind"] == "incremental_update"
    assert findings[0].evidence["pages"] == [1]


def test_incremental_update_adding_only_a_signature_is_not_flagged() -> None:
    signed = signature_update(make_pdf())
    pdf = pikepdf.open(io.BytesIO(signed))
    assert len(pdf.pages[0].obj["/Annots"]) == 2
    assert pdf_tamper_findings(signed) == ()


def test_signature_added_months_later_does_not_count_as_late_modification() -> None:
    original = make_pdf(created="D:20240226100000+05'00'", modified="D:20240226100000+05'00'")
    signed = signature_update(original, mod_date="D:20250101000000")
    pdf = pikepdf.open(io.BytesIO(signed))
    assert str(pdf.docinfo["/ModDate"]) == "D:20250101000000"
    assert pdf_tamper_findings(signed) == ()


def test_image_editor_producer_is_tampered() -> None:
    findings = pdf_tamper_findings(make_pdf(producer="Adobe Photoshop 25.0"))
    assert [f.evidence["kind"] for f in findings] == ["editor_metadata"]
    assert findings[0].evidence["value"] == "Adobe Photoshop 25.0"


def test_online_pdf_editor_creator_is_tampered() -> None:
    assert pdf_tamper_findings(make_pdf(creator="Sejda PDF Editor"))
    assert pdf_tamper_findings(make_pdf(producer="GIMP 2.10.34"))


def test_ordinary_producers_are_not_editors() -> None:
    for producer in ("Microsoft Word 2019", "ABBYY FineReader", "Canvas PDF Toolkit", "Skia/PDF m120",
                     "iLovePDF"):
        assert pdf_tamper_findings(make_pdf(producer=producer)) == (), producer


def test_modified_long_after_creation_is_tampered_and_soon_after_is_not() -> None:
    late = make_pdf(created="D:20240226100000+05'00'", modified="D:20250903120000+05'00'")
    assert [f.evidence["kind"] for f in pdf_tamper_findings(late)] == ["late_modification"]
    soon = make_pdf(created="D:20240226100000+05'00'", modified="D:20240227090000+05'00'")
    assert pdf_tamper_findings(soon) == ()


def test_pdf_dates_parse() -> None:
    assert parse_pdf_date("D:20240226103000+05'00'") is not None
    assert parse_pdf_date("2024-02-26T10:30:00") == parse_pdf_date("D:20240226103000")
    assert parse_pdf_date("garbage") is None


def test_unreadable_bytes_give_no_findings() -> None:
    assert pdf_tamper_findings(b"%PDF-1.4 not really") == ()
