"""A small stand-in generator of certificates with known truth (PDF with a text layer, or a damaged image)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")
MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
NAMES = ("Жақсыбекова Әйгерім Серікқызы", "Иванова Анна Петровна", "Серікбаев Нұрлан Асқарұлы",
         "Ахметов Ерлан Болатович", "Ким Виктория Сергеевна", "Оспанова Гүлнар Маратқызы")
NAMES_EN = ("AIGERIM ZHAKSYBEKOVA", "Nurlan Serikbayev", "Dana Abenova", "Viktoriya Kim")
ISSUERS_RU = ("НАО «Медицинский университет Караганды»", "АО «Научный центр педиатрии и детской хирургии»",
              "ТОО «Учебный центр MedSkills»", "РГП на ПХВ «Национальный научный центр хирургии»")
ISSUERS_KK = ("«Астана медицина университеті» КЕАҚ", "«Ұлттық ғылыми кардиохирургия орталығы» АҚ")
ISSUERS_EN = ("Kazakh National Medical University", "Nazarbayev University School of Medicine")
PROGRAMS_RU = ("Актуальные вопросы педиатрии", "Неотложная кардиология", "Инфекционный контроль")
PROGRAMS_KK = ("Педиатрияның өзекті мәселелері", "Жедел жәрдем")
PROGRAMS_EN = ("Clinical Pharmacology", "Basic Life Support")


@dataclass(frozen=True)
class MadeDocument:
    lines: tuple[str, ...]
    truth: dict[str, Any]


def _ru_date(day: date) -> str:
    return f"«{day.day:02d}» {MONTHS_RU[day.month - 1]} {day.year} г."


def _number(rnd: random.Random) -> str:
    return rnd.choice([f"{rnd.randint(1, 99999):07d}", f"KZ-{rnd.randint(2019, 2025)}-{rnd.randint(1, 9999):06d}",
                       f"ПК-{rnd.randint(1, 99)}/{rnd.randint(100, 999)}"])


def _russian(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date) -> list[str]:
    return [
        "Министерство здравоохранения Республики Казахстан", truth["issuer"], "СЕРТИФИКАТ",
        "о повышении квалификации", f"№ {truth['cert_number']}", "Настоящим подтверждается, что",
        truth["holder_name"], f"прошел(ла) обучение по программе «{truth['program']}»",
        f"в объеме {truth['hours']} академических часов",
        f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}" if rnd.random() < 0.5 else
        f"с {start.day} {MONTHS_RU[start.month - 1]} по {end.day} {MONTHS_RU[end.month - 1]} {end.year} г.",
        "Ректор ____________ Сейтқалиев Б.Б.", f"г. Караганда {_ru_date(issue)}",
    ]


def _kazakh(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date) -> list[str]:
    return [
        truth["issuer"], "КУӘЛІК", f"Тіркеу нөмірі {truth['cert_number']}", "Осы куәлік",
        truth["holder_name"], "біліктілікті арттыру курсынан өткені туралы берілді",
        f"{start.year} жылғы {start.day} {MONTHS_KK[start.month - 1]}нан {end.day} {MONTHS_KK[end.month - 1]}ға дейін",
        f"«{truth['program']}» бағдарламасы бойынша", f"{truth['hours']} академиялық сағат",
        f"Берілген күні: {issue:%d.%m.%Y}", "Басшы ____________ Б. Әбенов",
    ]


def _english(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date) -> list[str]:
    return [
        truth["issuer"], "CERTIFICATE OF ADVANCED TRAINING", f"Certificate No. {truth['cert_number']}",
        "This is to certify that", truth["holder_name"], f"has completed the course \"{truth['program']}\"",
        f"from {start.day} {MONTHS_EN[start.month - 1]} {start.year} to {end.day} {MONTHS_EN[end.month - 1]} "
        f"{end.year} ({truth['hours']} hours)",
        f"Date of issue: {MONTHS_EN[issue.month - 1]} {issue.day}, {issue.year}",
        "Director ____________ John Smith",
    ]


DATIVE = {"Иванова Анна Петровна": "Ивановой Анне Петровне", "Ахметов Ерлан Болатович": "Ахметову Ерлану Болатовичу",
          "Ким Виктория Сергеевна": "Ким Виктории Сергеевне"}


def _russian_seminar(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date) -> list[str]:
    return [
        truth["issuer"], "СЕРТИФИКАТ УЧАСТНИКА СЕМИНАРА", f"Рег. № {truth['cert_number']}",
        f"Выдан {DATIVE[truth['holder_name']]}", f"в том, что он(а) с {start.day} по {end.day} "
        f"{MONTHS_RU[end.month - 1]} {end.year} года принял(а) участие в семинаре", f"на тему: «{truth['program']}»",
        f"Объем: {truth['hours']} ч.", f"Дата выдачи: {issue:%d.%m.%Y}", "Директор ____________ Абдуллаев А.А.",
    ]


def _kazakh_conference(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date
                       ) -> list[str]:
    return [
        "ҚР Денсаулық сақтау министрлігі", truth["issuer"], "СЕРТИФИКАТ", f"№ {truth['cert_number']}",
        f"Аты-жөні: {truth['holder_name']}", f"«{truth['program']}» тақырыбында өткен",
        "республикалық ғылыми-практикалық конференцияға қатысқаны үшін",
        f"{start.year} жылғы {start.day}-{end.day} {MONTHS_KK[start.month - 1]}",
        f"{truth['hours']} сағат", f"Астана қ., {issue.year} жылғы {issue.day} {MONTHS_KK[issue.month - 1]}",
    ]


def _english_online(rnd: random.Random, truth: dict[str, Any], start: date, end: date, issue: date) -> list[str]:
    return [
        truth["issuer"], "CERTIFICATE OF COMPLETION", "Online course", f"Name: {truth['holder_name']}",
        f"Course: {truth['program']}", f"Dates: {start:%d.%m.%Y} - {end:%d.%m.%Y}",
        f"Total: {truth['hours'] // 30} credits", f"ID: {truth['cert_number']}",
        f"Issued on {issue.day} {MONTHS_EN[issue.month - 1]} {issue.year}",
    ]


def make_document(seed: int) -> MadeDocument:
    """One certificate in ru, kk or en with randomly chosen fields, in one of six wordings."""
    rnd = random.Random(seed)
    language = ("ru", "kk", "en")[seed % 3]
    variant = seed % 6 >= 3
    start = date(2020, 1, 1) + timedelta(days=rnd.randint(0, 1800))
    end = start + timedelta(days=rnd.randint(4, 25))
    issue = end + timedelta(days=rnd.randint(0, 5))
    issuers, programs = {"ru": (ISSUERS_RU, PROGRAMS_RU), "kk": (ISSUERS_KK, PROGRAMS_KK),
                         "en": (ISSUERS_EN, PROGRAMS_EN)}[language]
    names = NAMES_EN if language == "en" else tuple(DATIVE) if variant and language == "ru" else NAMES
    if variant and language == "kk":
        end = start + timedelta(days=rnd.randint(1, 2))
        end = end if end.month == start.month else start
    variant_type = {"ru": "seminar", "kk": "conference", "en": "online_course"}[language]
    doc_type = variant_type if variant else "advanced_training"
    truth: dict[str, Any] = {
        "doc_type": doc_type, "language": language, "cert_number": _number(rnd),
        "holder_name": rnd.choice(names), "issuer": rnd.choice(issuers),
        "program": rnd.choice(programs), "hours": rnd.choice((36, 54, 60, 108, 120, 216)),
        "start_date": start.isoformat(), "end_date": end.isoformat(), "issue_date": issue.isoformat(),
    }
    if variant and language == "ru":
        end = start + timedelta(days=rnd.randint(1, 3))
        end = end if end.month == start.month else start
    truth["end_date"] = end.isoformat()
    if variant and language == "en":
        truth["hours"] = rnd.choice((30, 60, 120))
    build = ({"ru": _russian_seminar, "kk": _kazakh_conference, "en": _english_online} if variant
             else {"ru": _russian, "kk": _kazakh, "en": _english})[language]
    return MadeDocument(tuple(build(rnd, truth, start, end, issue)), truth)


def write_pdf(document: MadeDocument, path: Path) -> Path:
    """A born-digital A4 PDF with the lines centred, in DejaVu Serif."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "FieldsTestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FieldsTestSerif", FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 80
    for line in document.lines:
        size = 16 if line.isupper() else 11
        pdf.setFont("FieldsTestSerif", size)
        pdf.drawCentredString(width / 2, y, line)
        y -= size * 2.2
    pdf.save()
    return path


def damaged_image(pdf_path: Path, seed: int) -> Any:
    """The PDF rendered at 200 dpi, tilted, blurred, noised and JPEG-compressed like a poor scan."""
    import numpy as np
    import pypdfium2
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    page = pypdfium2.PdfDocument(str(pdf_path))[0]
    image = page.render(scale=200 / 72).to_pil().convert("RGB")
    image = image.rotate(rnd.uniform(-2.0, 2.0), fillcolor=(255, 255, 255), resample=Image.Resampling.BICUBIC)
    image = image.filter(ImageFilter.GaussianBlur(rnd.uniform(0.4, 1.0)))
    pixels = np.asarray(image).astype(float)
    pixels += np.random.default_rng(seed).normal(0.0, rnd.uniform(4.0, 14.0), pixels.shape)
    image = Image.fromarray(pixels.clip(0, 255).astype("uint8"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rnd.randint(35, 70))
    return Image.open(io.BytesIO(buffer.getvalue()))
