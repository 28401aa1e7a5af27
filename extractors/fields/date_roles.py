"""Deciding which found date is the study period (start/end) and which is the issue date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.fields.dates import DateMention, find_dates, make_date
from extractors.fields.document import DocText, Span
from extractors.fields.months import month_of

ISSUE_LABEL = re.compile(  # «ыдано»: «Выдано» with its В lost
    r"(дата\s+выдачи|выдан[оа]?|(?<![^\W\d_])ыдан[оа]?|выдачи|берілген\s+күні|берілген(?:\s+[^\s\d]{2,5})?|берілді|date\s+of\s+issue"
    r"|issued(\s+on)?|issue\s+date|date\s+issued|дата\s+регистрации|тіркелген\s+күні|awarded\s+on)[\s:;.,?-]*$",
    re.IGNORECASE,
)
START_LABEL = re.compile(
    r"(дата\s*начала|начало\s*обучения|начало|start\s+date|басталған\s+күні|басталуы|date\s+of\s+start)[\s:;.,-]*$",
    re.IGNORECASE,
)
END_LABEL = re.compile(
    r"(дата\s*окончания|окончание\s*обучения|окончание|end\s+date|аяқталған\s+күні|аяқталуы"
    r"|completion\s+date|date\s+of\s+completion|completed\s+on)[\s:;.,-]*$",
    re.IGNORECASE,
)
EVENT_LABEL = re.compile(
    r"(дата\s+проведения|проведен[оа]?|состоял[аося]*|өткізілген\s+күні|өткізілді|өтті|held\s+on"
    r"|date\s+of\s+(the\s+)?(event|conference|seminar|webinar)|сроки\s*обучения|срок\s*обучения|период\s*обучения"
    r"|оқу\s+мерзімі|dates?\s+of\s+(?:study|training|course)|dates|(?<![^\W\d_])on)[\s:;.,-]*$",
    re.IGNORECASE,
)
# not the issue date: a validity end («Действителен до», «Действителен-дө;» with its «до» garbled) or a birth date
BIRTH_LABEL = re.compile(
    r"(действител\w*[\s-]+д\S{0,2}|valid\s+(?:until|till|to|through)|жарамды\w*(?:\s+м\w*)?|срок\s+действия\w*|дата\s+рождения|год\s+рождения|родил\w*|туған\s+(?:күні|жылы)|date\s+of\s+birth|born|d\.o\.b\.?)[\s:;.,-]*$",
    re.IGNORECASE,
)
GENERIC_LABEL = re.compile(r"(?<![^\W\d_])(дата|date|күні|dated|от)[\s:;.,-]*$", re.IGNORECASE)
PERIOD_WORDS = re.compile(
    r"(период|обучени|оқу|курс|проход|прошел|прошла|сроки|мерзім|аралығында|training|course|period|from|с\s*$)",
    re.IGNORECASE,
)
SIGN_OFF = re.compile(
    r"(?<![^\W\d_])(г\.\s*[A-ZА-ЯЁ]|город|қаласы|қ\.|city|ректор|директор|президент|председател|басшы|rector|director"
    r"|м\.\s?п\.|signature|подпись|қолы)",
    re.IGNORECASE,
)
# «Берілген 2018 ж. «19» желтоқсан», «Дата выдачи 10.04.2», «Берілген күні: 23,04» with the year lost,
# «Берілген күң2621 же Қы 22 ақпан» with the year misread before the day, «Астана, 18.08.2696 ж.» on the city
# line with a year no date has
YEARLESS_ISSUE = re.compile(
    r"(?:(?<![^\W\d_])(?:дата\s+выдачи|выдан[оа]?|берілген(?:\s+күні)?|date\s+of\s+issue|issued(?:\s+on)?)"
    r"|(?:^|(?<=\n))(?:г\.\s*)?[^\W\d_]{3,}[,;])"
    r"[^\d\n]{0,12}?(?:(?!(?:19|20)\d\d)\d{3,4}(?!\d)[^\d\n]{1,10}?)?«?(\d{1,2})"
    r"(?:»?\s*([^\W\d_]{3,})|[./,](\d{1,2})(?:[./,](?:\d{0,3}|(?!(?:19|20)\d\d)\d{4}))?(?!\d))([^\n]*)",
    re.IGNORECASE)
YEARLESS_CERTAINTY = 0.5  # below the LOW_CONFIDENCE threshold: the year is inferred, so a reviewer confirms it
PRINTED_YEAR_CERTAINTY = 0.8  # «22 августа 202332»: the inferred year stands printed, only digits run on after it
ONLY_DATE_CERTAINTY = 0.8  # a course document's one and only date, in its body: the day of the event
BOTTOM_OF_PAGE = 0.55  # a lone unlabelled date lower than this share of the page is taken as the issue date
LABEL_WINDOW = 48


@dataclass(frozen=True)
class DateFields:
    """The three dates of a document with their spans and pattern certainties."""

    start: tuple[str, float, Span] | None
    end: tuple[str, float, Span] | None
    issue: tuple[str, float, Span] | None


def _before(doc: DocText, mention: DateMention) -> str:
    """The text just before a mention: its own line, or the previous line when the date opens its line."""
    line = doc.line_at(mention.start)
    line_start = doc.starts[line.index]
    before = doc.text[line_start:mention.start]
    if not before.strip(" «»\"'“”(") and line.index > 0:
        before = doc.lines[line.index - 1].text + " " + before
    return before[-LABEL_WINDOW:].rstrip(" «»\"'“”(")


CITY_LINE = re.compile(r"^\s*(?:г[.,]\s*)?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]+(?:[\s-][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]+)?"
                       r"(?:\s+(?:қ\.|қаласы))?\s*[,;]\s*$")  # «;», «г,»: a comma misread, a stop read as one


def _near_sign_off(doc: DocText, mention: DateMention) -> bool:
    """A date on the city line («Астана, 12.02.2024») or next to the signature, where the issue date is printed."""
    line = doc.line_at(mention.start)
    if CITY_LINE.match(doc.text[doc.starts[line.index]:mention.start]):
        return True
    neighbours = [line.text]
    if line.index > 0:  # the line above, not one read before it from lower down («Ректор» in a column of its own)
        above = doc.lines[line.index - 1]
        if above.page_no == line.page_no and above.rel_top < line.rel_top:
            neighbours.append(above.text)
    return any(SIGN_OFF.search(text) for text in neighbours)


def _is_order_date(doc: DocText, mention: DateMention) -> bool:
    """«приказ № 12 от 01.02.2024»: the date of an order or protocol, not of the certificate."""
    return re.search(r"(приказ|бұйрық|order|протокол|хаттама)\w*\W+(?:№\s*\S+\s+)?от\W*$",
                     _before(doc, mention), re.IGNORECASE) is not None


def _ends_unread_range(doc: DocText, mention: DateMention) -> bool:
    """«0.01.2025 - 10.03.2025»: the date closes a period whose first date was misread into no date; it is the
    period's end, not a one-day event's day."""
    return re.search(r"\d[\d.,/]*\s*[-–—]\s*$", _before(doc, mention)) is not None


def _label_of(doc: DocText, mention: DateMention) -> str | None:
    before = _before(doc, mention)
    for name, pattern in (("issue", ISSUE_LABEL), ("start", START_LABEL), ("end", END_LABEL),
                          ("event", EVENT_LABEL), ("birth", BIRTH_LABEL), ("generic", GENERIC_LABEL)):
        if pattern.search(before):
            return name
    return None


def _pick_range(doc: DocText, ranges: list[DateMention]) -> DateMention | None:
    if not ranges:
        return None
    with_words = [m for m in ranges if PERIOD_WORDS.search(_before(doc, m))]
    return (with_words or ranges)[0]


def _entry(mention: DateMention, which: str, certainty: float, doc: DocText) -> tuple[str, float, Span]:
    value = mention.first if which == "first" or mention.last is None else mention.last
    return value.isoformat(), certainty * mention.certainty, doc.span(mention.start, mention.end)


def _labelled(doc: DocText, singles: list[DateMention]) -> dict[str, DateMention]:
    labelled: dict[str, DateMention] = {}
    for mention in singles:
        label = _label_of(doc, mention)
        if label is not None and label not in labelled:
            labelled[label] = mention
    return labelled


def assign_dates(doc: DocText, *, has_course: bool = True) -> DateFields:
    """Find the study period and the issue date of a document; `has_course` False for a diploma or a
    specialist certificate, which certify a qualification and carry no study period, only their issue date."""
    mentions = find_dates(doc.text)
    ranges = [m for m in mentions if m.is_range]
    singles = [m for m in mentions if not m.is_range]
    labelled = _labelled(doc, singles)
    period = _pick_range(doc, ranges)
    start = end = None
    if period is not None:
        sure = 0.95 if period.last is not None and period.last >= period.first else 0.6
        start, end = _entry(period, "first", sure, doc), _entry(period, "last", sure, doc)
    elif "start" in labelled or "end" in labelled:
        start = _entry(labelled["start"], "first", 0.9, doc) if "start" in labelled else None
        end = _entry(labelled["end"], "first", 0.9, doc) if "end" in labelled else None
    elif "event" in labelled:
        start = end = _entry(labelled["event"], "first", 0.8, doc)
    used = {id(m) for m in labelled.values()}
    lone = [m for m in singles if id(m) not in used]
    issue_mention = labelled.get("issue")
    sure = 0.95
    if issue_mention is None and "generic" in labelled and not _is_order_date(doc, labelled["generic"]):
        issue_mention, sure = labelled["generic"], 0.8
    if issue_mention is None:
        issue_mention, sure = _unlabelled_issue(doc, lone, period)
    if issue_mention is None and not has_course and period is None:
        dated = [m for m in lone if not _is_order_date(doc, m)]
        issue_mention, sure = (dated[-1], 0.7) if dated else (None, 0.0)
    if issue_mention is None and period is None and has_course and not ({"start", "end", "event"} & labelled.keys()):
        issue_mention, sure = _issue_after_event_day(doc, lone)
    if start is None and end is None and has_course:
        rest = [m for m in lone if m is not issue_mention and not _near_sign_off(doc, m)]
        # a one-day event printed as a lone date in the body; surer when it is the only date
        if len(rest) == 1 and not _ends_unread_range(doc, rest[0]):
            start = end = _entry(rest[0], "first", ONLY_DATE_CERTAINTY if len(mentions) == 1
                                 or _signed_after(doc, rest[0], issue_mention, len(mentions)) else 0.6, doc)
    issue = _entry(issue_mention, "first", sure, doc) if issue_mention is not None else None
    if issue is None and end is not None:
        issue = _yearless_issue(doc, date.fromisoformat(end[0]))
    return DateFields(start, end, issue)


def _signed_after(doc: DocText, event: DateMention, issue: DateMention | None, mentions: int) -> bool:
    """Whether the body's one date has beside it only the issue date at the signature, on or after it (a
    seminar's day and the city line it was signed on), and is no order's date."""
    return mentions == 2 and issue is not None and _near_sign_off(doc, issue) and event.first <= issue.first \
        and not _is_order_date(doc, event)


def _yearless_issue(doc: DocText, end: date) -> tuple[str, float, Span] | None:
    """An issue date printed with its day and month but read without its year: the first such day on or after
    the course's end (issuers date the document at or after the last day), at low certainty."""
    for found in YEARLESS_ISSUE.finditer(doc.text):
        month = month_of(found.group(2)) if found.group(2) else (int(found.group(3)), 1.0)
        if month is None or re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", found.group(4)):  # «202322»: no year
            continue
        day = int(found.group(1))
        issued = make_date(end.year, month[0], day)
        if issued is not None and issued < end:
            issued = make_date(end.year + 1, month[0], day)
        if issued is not None:
            sure = PRINTED_YEAR_CERTAINTY if _year_printed(issued.year, found.group(4)) else YEARLESS_CERTAINTY
            return issued.isoformat(), sure * month[1], doc.span(found.start(1), found.start(4))
    return None


def _year_printed(year: int, after: str) -> bool:
    """Whether the inferred year stands printed in the figures after the day and month, with one or two digits
    run on after it («202332») or one stray digit inside it (a speck of a stamp: «20723»)."""
    found = re.match(r"\D{0,4}(\d{5,6})(?!\d)", after)
    if found is None:
        return False
    figures, printed = found.group(1), str(year)
    return figures.startswith(printed) or (
        len(figures) == 5 and any(figures[:i] + figures[i + 1:] == printed for i in range(4)))


def _issue_after_event_day(doc: DocText, lone: list[DateMention]) -> tuple[DateMention | None, float]:
    """Two unlabelled dates and no period (a seminar's day in the body, the issue date above the signature with
    its city or signer misread): the later line, dated on or after the first, is the issue date."""
    if len(lone) != 2:
        return None, 0.0
    event, issued = lone
    if doc.line_at(issued.start).index <= doc.line_at(event.start).index or issued.first < event.first:
        return None, 0.0
    return issued, 0.6


def _unlabelled_issue(doc: DocText, lone: list[DateMention], period: DateMention | None
                      ) -> tuple[DateMention | None, float]:
    signed = [m for m in lone if _near_sign_off(doc, m)]
    if signed:
        return signed[-1], 0.8
    if period is None:  # without a printed period, a lone date away from the signature is the event's day
        return None, 0.0
    bottom = [m for m in lone if doc.line_at(m.start).rel_top >= BOTTOM_OF_PAGE]
    if bottom:
        return bottom[-1], 0.7
    if lone and (lone[-1].start > period.end or len(lone) == 1):
        return lone[-1], 0.6
    return None, 0.0
