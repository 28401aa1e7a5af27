"""A Russian or Kazakh translation of an English document: same fields, translator's note, Cyrillic holder."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from samples import wording as w
from samples.document import Content
from samples.people import Person
from samples.programs import CONFERENCES, PROGRAMS, SPECIALTIES

HEADINGS = {
    "ru": ("Перевод с английского языка", "ПЕРЕВОД с английского языка на русский язык"),
    "kk": ("Ағылшын тілінен аударма", "Ағылшын тілінен қазақ тіліне аударма"),
}
TITLES = {"ru": ("СЕРТИФИКАТ", "СВИДЕТЕЛЬСТВО"), "kk": ("СЕРТИФИКАТ", "КУӘЛІК")}
NOTES = {
    "ru": (
        "Перевод выполнен переводчиком {t}",
        "Я, переводчик {t}, подтверждаю верность перевода.",
        "Перевод с английского языка на русский язык выполнен переводчиком {t}",
    ),
    "kk": ("Аударманы {t} аудармашы орындады.", "Мен, аудармашы {t}, аударманың дұрыстығын растаймын."),
}
TRANSLATORS = ("Иванова А.П.", "Сейтқали Д.Н.", "Ким О.В.", "Нұрланова Ж.Б.", "Петренко И.С.")


def _translated_program(english: str | None, language: str) -> str | None:
    if english is None:
        return None
    index = 0 if language == "ru" else 1
    for triple in (*PROGRAMS, *CONFERENCES, *SPECIALTIES):
        if triple[2] == english:
            return triple[index]
    return english


def translate(rnd: random.Random, original: Content, language: str, person: Person) -> Content:
    """The translation page of an English `original` into `language` ("ru" or "kk")."""
    holder = f"{person.surname} {person.given_name}"
    program = _translated_program(original.fields["program"], language)  # type: ignore[arg-type]
    fields = dict(original.fields, holder_name=holder, program=program)
    body: list[str] = []
    rows: list[tuple[str, str]] = [(w.NAME_LABELS[language][0], holder)]
    if program:
        body.append(f"«{program}»")
        rows.append((w.PROGRAM_LABELS[language], f"«{program}»"))
    start, end = fields["start_date"], fields["end_date"]
    if isinstance(start, str) and isinstance(end, str):
        period = w.format_range(date.fromisoformat(start), date.fromisoformat(end), language, rnd)
        body.append(period)
        rows.append((w.DATES_LABELS[language], period))
    if isinstance(fields["hours"], int):
        volume = w.format_hours(fields["hours"], language, rnd)
        body.append(volume)
        rows.append((w.HOURS_LABELS[language], volume))
    footer = []
    if isinstance(fields["issue_date"], str):
        issued = w.format_date(date.fromisoformat(fields["issue_date"]), language, rnd)
        footer.append(f"{rnd.choice(w.ISSUE_LABELS[language])} {issued}")
    footer.append(rnd.choice(NOTES[language]).format(t=rnd.choice(TRANSLATORS)))
    number = fields["cert_number"]
    return replace(
        original,
        doc_type="translation",
        language=language,
        header=(rnd.choice(HEADINGS[language]), original.issuer),
        title=("ДИПЛОМ",) if original.doc_type == "diploma" else (rnd.choice(TITLES[language]),),
        number_line=rnd.choice(w.NUMBER_LABELS[language]).format(n=number) if number else None,
        intro=rnd.choice(w.INTRO[language]),
        name_label=rnd.choice(w.NAME_LABELS[language]),
        holder=holder,
        body=tuple(body),
        rows=tuple(rows),
        footer=tuple(footer),
        signer={"ru": "Переводчик", "kk": "Аудармашы"}[language],
        qr_payload=None,
        fields=fields,
    )
