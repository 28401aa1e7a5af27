"""Composes one document's printed content (lines, label rows, QR payload) together with its truth fields."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from samples import wording as w
from samples.orgs import Organization
from samples.people import Person
from samples.programs import CONFERENCES, PROGRAMS, SPECIALTIES

MINISTRY = {
    "ru": "Министерство здравоохранения Республики Казахстан",
    "kk": "Қазақстан Республикасы Денсаулық сақтау министрлігі",
    "en": "",
}
# hours a course of each kind may have
_HOURS = {
    "advanced_training": (54, 60, 72, 108, 120, 144, 216),
    "internship": (36, 60, 72, 108, 144, 216),
    "seminar": (6, 8, 12, 16, 18, 24, 36),
    "online_course": (2, 4, 6, 8, 12, 16, 24, 36, 60),
    "conference": (6, 8, 12, 16, 24),
}


@dataclass(frozen=True)
class Content:
    """What a document prints, in reading order, and the truth of its fields."""

    doc_type: str
    language: str
    header: tuple[str, ...]
    title: tuple[str, ...]
    number_line: str | None
    intro: str | None
    name_label: str
    holder: str
    body: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]
    footer: tuple[str, ...]
    signer: str
    issuer: str
    qr_payload: str | None
    fields: dict[str, str | int | None]


def cert_number(rnd: random.Random, year: int, doc_type: str) -> str:
    """A certificate number in one of the forms organizations use."""
    if doc_type == "diploma":
        return rnd.choice(
            (
                f"ЖБ-Б {rnd.randint(0, 9999999):07d}",
                f"ЖБ {rnd.randint(0, 99999999):08d}",
                f"KZ {rnd.randint(10000000, 99999999)}",
            )
        )
    if doc_type == "specialist_certificate":
        return rnd.choice(
            (f"KZ{rnd.randint(10000000, 99999999)}", f"{rnd.randint(1, 99):02d}-{rnd.randint(1, 99999):05d}")
        )
    return rnd.choice(
        (
            f"{rnd.randint(1, 99999):07d}",
            f"KZ-{year}-{rnd.randint(1, 9999):06d}",
            f"ПК-{rnd.randint(1, 99)}/{rnd.randint(100, 999)}",
            f"{year}/{rnd.randint(1, 9999):04d}",
            f"{rnd.randint(100, 999)}-{year % 100}",
            f"CME-{year}{rnd.randint(100, 9999)}",
        )
    )


def study_period(rnd: random.Random, doc_type: str, latest_end: date) -> tuple[date, date, int]:
    """Start, end and hours that fit together (at most 8 academic hours a calendar day)."""
    hours = rnd.choice(_HOURS[doc_type])
    working_days = max(1, -(-hours // rnd.choice((6, 8))))
    if doc_type == "conference":
        working_days = min(working_days, 3)
        hours = min(hours, working_days * 8)
    calendar_days = working_days + 2 * ((working_days - 1) // 5)
    end = latest_end - timedelta(days=rnd.randint(0, 6 * 365))  # some fall outside the 5-year window
    return end - timedelta(days=calendar_days - 1), end, hours


def qr_payload(rnd: random.Random, org: Organization, number: str, holder: str) -> str:
    style = rnd.random()
    if style < 0.45:
        return f"https://{org.domain}/verify?n={number}"
    if style < 0.75:
        return json.dumps({"cert": number, "holder": holder, "org": org.abbreviation}, ensure_ascii=False)
    return f"cert={number};holder={holder}"


def _program_text(program: str, language: str, action: str) -> str:
    if language == "kk":
        return f"«{program}» {action}"
    if language == "en":
        return f"{action} “{program}”" if "“" not in action else f"{action} {program}"
    return f"{action} «{program}»"


def compose(
    rnd: random.Random,
    doc_type: str,
    language: str,
    person: Person,
    org: Organization,
    latest_end: date,
    *,
    variant: str = "genuine",
) -> Content:
    """The printed content of a genuine document of `doc_type` in `language` issued by `org` to `person`."""
    if variant != "genuine":
        raise ValueError(f"unknown variant {variant!r}")
    lang_index = {"ru": 0, "kk": 1, "en": 2}[language]
    holder = _holder_text(rnd, person, language)
    issuer = org.name(language)
    if doc_type in ("diploma", "specialist_certificate", "other"):
        return _credential(rnd, doc_type, language, holder, org, issuer, latest_end, lang_index)
    start, end, hours = study_period(rnd, doc_type, latest_end)
    source = CONFERENCES if doc_type == "conference" else PROGRAMS
    program = rnd.choice(source)[lang_index]
    issue = end + timedelta(days=rnd.choice((0, 0, 1, 2, 3, 7)))
    number = cert_number(rnd, issue.year, doc_type)
    show_hours = doc_type != "conference" or rnd.random() < 0.5
    show_issue = doc_type not in ("conference", "online_course") or rnd.random() < 0.4
    period, volume = w.format_range(start, end, language, rnd), w.format_hours(hours, language, rnd)
    action = rnd.choice(w.ACTION[doc_type][language])
    body = [_program_text(program, language, action), period] + ([volume] if show_hours else [])
    rows = [(w.PROGRAM_LABELS[language], program), (w.DATES_LABELS[language], period)]
    if show_hours:
        rows.append((w.HOURS_LABELS[language], volume))
    fields: dict[str, str | int | None] = {
        "holder_name": holder,
        "cert_number": number,
        "issuer": issuer,
        "program": program,
        "hours": hours if show_hours else None,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "issue_date": issue.isoformat() if show_issue else None,
    }
    return _assemble(
        rnd,
        doc_type,
        language,
        org,
        holder,
        issuer,
        number,
        tuple(body),
        tuple(rows),
        issue if show_issue else None,
        fields,
    )


def _holder_text(rnd: random.Random, person: Person, language: str) -> str:
    if language == "en":
        given = person.latin_given.title() if rnd.random() < 0.5 else person.latin_given
        surname = person.latin_surname.title() if given.istitle() else person.latin_surname
        return rnd.choice((f"{given} {surname}", f"{surname} {given}"))
    name = person.full_name
    return name.upper() if rnd.random() < 0.2 else name


def _credential(
    rnd: random.Random,
    doc_type: str,
    language: str,
    holder: str,
    org: Organization,
    issuer: str,
    latest_end: date,
    lang_index: int,
) -> Content:
    issue = latest_end - timedelta(days=rnd.randint(30, 12 * 365))
    specialty = rnd.choice(SPECIALTIES)[lang_index]
    if doc_type == "other":
        letter = {
            "ru": f"работает в должности врача-специалиста по направлению «{specialty}»",
            "kk": f"«{specialty}» бағыты бойынша дәрігер-маман лауазымында жұмыс істейді.",
            "en": f"has worked in our department of {specialty} and is highly recommended.",
        }[language]
        fields: dict[str, str | int | None] = {
            "holder_name": holder,
            "cert_number": None,
            "issuer": issuer,
            "program": None,
            "hours": None,
            "start_date": None,
            "end_date": None,
            "issue_date": issue.isoformat(),
        }
        return _assemble(rnd, doc_type, language, org, holder, issuer, None, (f"{letter}.",), (), issue, fields)
    number = cert_number(rnd, issue.year, doc_type)
    text = _credential_text(rnd, doc_type, language, specialty, issue)
    rows = ((w.PROGRAM_LABELS[language], specialty),)
    fields = {
        "holder_name": holder,
        "cert_number": number,
        "issuer": issuer,
        "program": specialty,
        "hours": None,
        "start_date": None,
        "end_date": None,
        "issue_date": issue.isoformat(),
    }
    return _assemble(rnd, doc_type, language, org, holder, issuer, number, text, rows, issue, fields)


def _credential_text(rnd: random.Random, doc_type: str, language: str, specialty: str, issue: date) -> tuple[str, ...]:
    if doc_type == "diploma":
        return {
            "ru": (
                f"окончил(а) в {issue.year} году полный курс по специальности «{specialty}»",
                "и присуждена квалификация врача",
            ),
            "kk": (f"{issue.year} жылы «{specialty}» мамандығы бойынша толық курсты бітірді",),
            "en": (f"has completed the full course of study in {specialty} in {issue.year}",),
        }[language]
    text: tuple[str, ...] = {
        "ru": (f"допускается к клинической практике по специальности «{specialty}»",),
        "kk": (f"«{specialty}» мамандығы бойынша клиникалық практикаға жіберіледі",),
        "en": (f"is certified to practise in {specialty}",),
    }[language]
    if rnd.random() < 0.4:
        valid_to = issue.replace(year=issue.year + 5) if not (issue.month == 2 and issue.day == 29) else issue
        until = {"ru": "Действителен до ", "kk": "Жарамдылық мерзімі ", "en": "Valid until "}[language]
        text = (*text, until + w.format_date(valid_to, language, rnd))
    return text


def _number_line(rnd: random.Random, language: str, title: str, number: str | None) -> str | None:
    """The number with a label; labels that name a document kind only on that kind of document."""
    if not number:
        return None
    label = rnd.choice(w.NUMBER_LABELS[language])
    named = label.split(" ")[0].rstrip(":").upper()
    if named in ("СЕРТИФИКАТ", "КУӘЛІК") and not title.upper().startswith(named):
        label = "№ {n}"
    return label.format(n=number)


def _intro(rnd: random.Random, language: str, title: str) -> str:
    intro = rnd.choice(w.INTRO[language])
    for word in ("свидетельство", "куәлік", "сертификат"):
        if word in intro.lower() and word not in title.lower():
            return w.INTRO[language][0]
    return intro


def _assemble(
    rnd: random.Random,
    doc_type: str,
    language: str,
    org: Organization,
    holder: str,
    issuer: str,
    number: str | None,
    body: tuple[str, ...],
    rows: tuple[tuple[str, str], ...],
    issue: date | None,
    fields: dict[str, str | int | None],
) -> Content:
    title = rnd.choice(w.TITLES[doc_type][language])
    number_line = _number_line(rnd, language, title[0], number)
    footer = []
    city = (
        org.city
        if org.foreign
        else w.CITY_PREFIX[language] + w.CITY_KK.get(org.city, org.city)
        if language == "kk"
        else w.CITY_PREFIX[language] + org.city
    )
    if issue is not None:
        issued = w.format_date(issue, language, rnd)
        footer.append(f"{rnd.choice(w.ISSUE_LABELS[language])} {issued}" if rnd.random() < 0.6 else f"{city}, {issued}")
    else:
        footer.append(city)
    header = tuple(x for x in ((MINISTRY[language] if not org.foreign and rnd.random() < 0.6 else ""), issuer) if x)
    rows = ((w.NAME_LABELS[language][0], holder), *rows)
    payload = qr_payload(rnd, org, number, holder) if number and rnd.random() < 0.55 else None
    return Content(
        doc_type=doc_type,
        language=language,
        header=header,
        title=title,
        number_line=number_line,
        intro=_intro(rnd, language, title[0]),
        name_label=rnd.choice(w.NAME_LABELS[language]),
        holder=holder,
        body=body,
        rows=rows,
        footer=tuple(footer),
        signer=rnd.choice(w.SIGNERS[language]),
        issuer=issuer,
        qr_payload=payload,
        fields=fields,
    )
