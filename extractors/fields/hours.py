"""Study hours: «108 часов», «108 сағат», "24 CME hours", credits converted to hours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.normalize import rulings_as_spaces

# 1 credit = 30 academic hours: the Kazakh ECTS-aligned equivalence used for credits of
# continuing education (one ECTS credit corresponds to 30 academic hours of student work).
ACADEMIC_HOURS_PER_CREDIT = 30
MAX_HOURS = 3000

# «продолжительностью-72-академических часов»: a hyphen after a word is a misread space; after a digit, a range
_NUMBER = r"(?<![\d.,/+])(?<![\d.,/+]-)(\d{1,4}(?:[.,]5)?)(?![\d/]|[.,]\d)"
_SPELLED = r"(?:\s*\([^()\d]{2,60}\))?"  # «108 (сто восемь) часов»
_QUALIFIER = (
    r"(?:\s*-?\s*(?:академических|академического|академ\.?|учебных|аудиторных|кредитных|академиялық|оқу"
    r"|CME|CPD|contact|academic|credit|training|teaching|study|(?-i:[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2,4})))*"
)
# «144-сағат», «72-часовой»: the number joined to its unit by a hyphen; «(216 «ч.)»: a speck before the unit read
# as a quote; "carat": «сағат» read by the English model, its «ғ» as "r"
_HOUR_WORD = (r"\s*[-«»\"“”„]?\s*(?:час(?:ов|а|ы)?|ч\.?(?![^\W\d_])|сағат(?:тық|қа|ты)?|сағ\.?|carat(?![^\W\d_])"
              r"|hours?|hrs?\.?|h\.?(?![^\W\d_]))")
# «(2. сағат)», «(60.ч.)»: a speck read as a stop after the figure, or the space before «ч» read as one
HOURS_AFTER_NUMBER = re.compile(_NUMBER + r"(?:\.(?=\s|ч))?" + _SPELLED + _QUALIFIER + _HOUR_WORD, re.IGNORECASE)
HOURS_AFTER_LABEL = re.compile(
    r"(?:объ[её]м(?:е)?|продолжительность|количество\s+часов|көлемі|көлемінде|сағат\s+саны|hours|duration"
    r"|total\s+hours|volume)\s*[:\-]?\s*" + _NUMBER
    + r"(?!\s*(?:\([^()]*\)\s*)?(?:кредит|credit|ects|дн|day|недел|week|ай|month|мес|%))",
    re.IGNORECASE,
)
CREDITS = re.compile(
    _NUMBER + r"\s*(?:\([^()\d]{2,40}\)\s*)?(?:ECTS\s*)?(?:кредит\w*|credits?|ECTS|CME\s+credits?)",
    re.IGNORECASE,
)
PER_DAY = re.compile(
    r"^\s*(?:в\s+день|в\s+сутки|ежедневно|per\s+day|a\s+day|daily|per\s+week|в\s+неделю|күніне|апта)",
    re.IGNORECASE,
)
PER_DAY_BEFORE = re.compile(r"(?:күніне|по|ежедневно|daily)\s*$", re.IGNORECASE)
TOTAL_CONTEXT = re.compile(r"(объем|көлем|volume|amount|total|всего|барлығы|итого)", re.IGNORECASE)


@dataclass(frozen=True)
class HoursMention:
    """An hours figure at text[start:end] with how sure the pattern is."""

    hours: float
    start: int
    end: int
    certainty: float


def _as_number(raw: str) -> float:
    return float(raw.replace(",", "."))


def _hour_mentions(text: str) -> list[HoursMention]:
    found: list[HoursMention] = []
    for pattern, base in ((HOURS_AFTER_NUMBER, 0.9), (HOURS_AFTER_LABEL, 0.8)):
        for match in pattern.finditer(text):
            value = _as_number(match.group(1))
            if not 0 < value <= MAX_HOURS:
                continue
            if PER_DAY.match(text[match.end():]) or PER_DAY_BEFORE.search(text[:match.start()]):
                continue
            sure = base
            if TOTAL_CONTEXT.search(text[max(0, match.start() - 40):match.start()]):
                sure = min(1.0, sure + 0.08)
            if any(m.start <= match.start(1) < m.end for m in found):
                continue
            found.append(HoursMention(value, match.start(1), match.end(), sure))
    return found


def _credit_mentions(text: str) -> list[HoursMention]:
    found = []
    for match in CREDITS.finditer(text):
        credits = _as_number(match.group(1))
        if 0 < credits <= 100:
            found.append(HoursMention(credits * ACADEMIC_HOURS_PER_CREDIT, match.start(1), match.end(), 0.75))
    return found


# «в объеме бакадемических часов»: the figure 6 read as the letter б, glued to its unit or alone before it (no word
# starts so); one character for one, so positions stay
_BE_AS_SIX = re.compile(r"(?<![^\W\d_])б(?=\s?(?:академ|час|сағат))")


def find_hours(text: str) -> HoursMention | None:
    """The document's study hours; printed hours win over hours derived from credits. A table's ruling between a
    figure and its unit on the next line is no obstacle."""
    text = _BE_AS_SIX.sub("6", rulings_as_spaces(text))
    hours = _hour_mentions(text)
    if hours:
        return max(hours, key=lambda m: (m.certainty, m.hours))
    credits = _credit_mentions(text)
    return credits[0] if credits else None


def hours_value(hours: float) -> int | float:
    """Whole hours as int, half hours kept as float."""
    return int(hours) if float(hours).is_integer() else hours
