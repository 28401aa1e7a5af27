"""Appendix 2 of the Rules filled in as a PDF: "Confirmation of the results of continuous professional development"."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from intake.models import Submission
from verifiers.credit_rules import CRITERIA, RULES
from verifiers.credit_units import format_units
from web.services.ledger import Ledger

FONT = "DejaVuSans"
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BLANK = "_" * 30
CHAPTER_TITLES = {"additional_education": "Chapter 1. Additional education",
                  "non_formal": "Chapter 2. Non-formal education",
                  "additional_competences": "Chapter 3. Additional competences"}


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE))
    return FONT


def _criteria_table(ledger: Ledger) -> Table:
    units = {row.criterion: row.counted for row in ledger.rows}
    data: list[list[str]] = [["№", "Name of criterion", "Result in credit units"]]
    styles = [("FONT", (0, 0), (-1, -1), FONT, 8), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
              ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    chapter = None
    for criterion in CRITERIA:
        if criterion.chapter != chapter:
            chapter = criterion.chapter
            styles.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([CHAPTER_TITLES[chapter], "", ""])
        data.append([str(criterion.number), criterion.name, format_units(units.get(criterion.number, 0.0))])
    totals = ledger.totals
    data.append(["", "Total", format_units(float(totals.get("total", 0)))])
    data.append(["", "Pending review (not counted)", format_units(float(totals.get("pending_review", 0)))])
    table = Table(data, colWidths=[12 * mm, 125 * mm, 35 * mm], repeatRows=1)
    table.setStyle(TableStyle(styles))
    return table


def appendix2_pdf(submission: Submission, ledger: Ledger, iin_shown: str, today: date) -> bytes:
    """The filled form; fields tekser does not know (length of service, employment) are left blank to fill in."""
    style = ParagraphStyle("body", fontName=_font(), fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=style, fontSize=11, leading=14, alignment=1)
    meta = submission.meta or {}
    applicant = meta.get("applicant") or {}
    name = applicant.get("full_name") or meta.get("full_name") or BLANK
    lines = [
        f"1. Surname, first name, patronymic (if any): {name}",
        f"2. Individual identification number: {iin_shown}",
        f"3. Total work length of service of the healthcare worker (years, months, days): {BLANK}",
        f"4. Length of service in the declared specialty (years, months, days): {BLANK}",
        f"5. Current place of employment: {BLANK}", f"6. Position held: {BLANK}",
        f"7. Labour activity in the declared specialty: {BLANK}",
        f"8. Level of sectoral qualifications framework: {BLANK}",
        f"9. Qualification category (if any); declared: {meta.get('target_category') or '—'}",
        f"10. Postgraduate education (if any): {BLANK}", "11. Results of the CPD:",
    ]
    story = [Paragraph("Appendix 2 to the Rules — Form", style),
             Paragraph("Confirmation of the results of continuous professional development of healthcare workers",
                       title), Spacer(1, 4 * mm)]
    story += [Paragraph(line, style) for line in lines]
    story += [Spacer(1, 2 * mm), _criteria_table(ledger), Spacer(1, 3 * mm)]
    verdict = "eligible" if ledger.eligible else "not eligible: " + "; ".join(ledger.shortfalls)
    story += [Paragraph(f"Submission {submission.submission_id}; result: {verdict}", style),
              Paragraph(f"Prepared by tekser on {today.strftime('%d.%m.%Y')}. {RULES}.", style)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title="Confirmation of the results of CPD").build(story)
    return out.getvalue()
