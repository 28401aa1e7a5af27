"""The course, seminar or conference title: after «по программе», "course:"…, or before «бағдарламасы бойынша»."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from extractors.fields.document import DocText
from extractors.fields.normalize import rulings_as_spaces

OPEN_QUOTES = "«“„\""
CLOSE_QUOTES = MappingProxyType({"«": "»", "“": "”", "„": "“", '"': '"'})
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
LABEL_BEFORE = re.compile(
    _NOT_AFTER_LETTER
    + r"(?:(?:по|в\s+рамках)\s+(?:образовательной\s+|учебной\s+|дополнительной\s+)?(?:программ[еы]|цикл[ау]"
    r"|теме|дисциплине|курсу|специальности)|на\s+тему|(?:in\s+the\s+)?specialty|on\s+the\s+topic(?:\s+of)?|entitled|in\s+the\s+(?:course|program(?:me)?"
    r"|conference|seminar|webinar|training|internship)|seminars?\s+on|course\s+on|training\s+on"
    r"|(?:тема|название|наименование|title|topic)(?:\s+[^\W\d_]+){1,2}\s*:"
    r"|(?:тема|программа|цикл|наименование\s+(?:программы|курса|цикла)|course\s+title|programme|program|course"
    r"|topic|title|бағдарлама|тақырыбы|курстың\s+атауы)\s*:"
    r"|(?:курс\w*|семинар\w*|вебинар\w*|тренинг\w*|конференци\w*|конгресс\w*|цикл\w*|программ\w*|мастер-класс\w*"
    r"|course|seminar|webinar|training|conference|congress|workshop|program(?:me)?)(?=\s*[«“\"]))"
    r"\s*[:\-—]?\s*",
    re.IGNORECASE,
)
# Kazakh puts the label after the title.
LABEL_AFTER = re.compile(
    r"\s*(?:(?P<strong>бағдарламасы|тақырыбы|тақырыбында|мамандығы)|циклы|курсы|семинары|конференциясы)"
    r"(?![^\W\d_])(?:\s+бойынша)?",
    re.IGNORECASE,
)
STOP = re.compile(
    r"(?:[,;.]?\s+(?:в\s+объ[её]ме|объ[её]мом|в\s+количестве|продолжительностью|с\s+\d|from\s+\d|по\s+\d"
    r"|held|проведенн|өткізілген|in\s+the\s+amount|which\s+was|in\s+(?:the\s+)?volume)|\s+\(?\d+\s*(?:час|ч\.|hours"
    r"|сағат)|\s*[,;]?\s*\(?\d{1,2}[./]\d{1,2}[./]\d{2,4})",
    re.IGNORECASE,
)
ORG_HINT = re.compile(r"(университет|universit|центр|орталығ|center|академи|институт|колледж|НАО|АО|ТОО|КЕАҚ)")
MAX_TITLE = 220
NOT_CONTINUATION = re.compile(r"^(?:г\.|ул\.|тел|қ\.)|\d")
QUOTED = re.compile(r"[«“\"]([^«»“”\"\n]{4,200}(?:\n[^«»“”\"\n]{1,200})?)[»”\"]")
ORG_LINE = re.compile(r"(?<![^\W\d_])(НАО|АО|АҚ|ТОО|КЕАҚ|ЖШС|РМК|ПХВ|РГП|LLP|JSC|NCJSC)(?![^\W\d_])")


@dataclass(frozen=True)
class ProgramMention:
    """A programme title found at text[start:end]."""

    value: str
    start: int
    end: int
    certainty: float


def _quoted_after(text: str, pos: int) -> tuple[int, int] | None:
    """The inside of a quotation that opens at pos (after spaces), across at most one line break."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos >= len(text) or text[pos] not in OPEN_QUOTES:
        return None
    close = CLOSE_QUOTES[text[pos]]
    end = text.find(close, pos + 1)
    if close != '"':
        end_alt = text.find('"', pos + 1)
        end = end if end != -1 else end_alt
    if end == -1 or end - pos > MAX_TITLE or text.count("\n", pos, end) > 2:
        return None
    return pos + 1, end


def _plain_after(text: str, pos: int) -> tuple[int, int] | None:
    while pos < len(text) and text[pos] in " |":  # a table's ruling between the label's cell and the title's
        pos += 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    end = line_end
    # A title continued on the next line starts in lower case (after the table's ruling, in a table).
    following = text[line_end + 1:text.find("\n", line_end + 1) if "\n" in text[line_end + 1:] else len(text)]
    following = following.lstrip("| ")
    if following[:1].islower() and not NOT_CONTINUATION.search(following):
        next_end = text.find("\n", line_end + 1)
        end = len(text) if next_end == -1 else next_end
    stop = STOP.search(text, pos, end)
    end = stop.start() if stop else end
    if end - pos < 4:
        return None
    return pos, end


def _clean(value: str) -> str:
    value = rulings_as_spaces(value)
    value = re.sub(r"(?<=[^\W\d_])-\n(?=[a-zа-яёәғқңөұүһі])", "", value)  # a word hyphenated over a line break
    return re.sub(r"\s+", " ", value).strip(" ,.;:-«»\"“”")


def _before_label(doc: DocText, label: re.Match[str]) -> ProgramMention | None:
    head = doc.text[:label.start()].rstrip()
    if head.endswith(("»", '"', "”")):
        opener = max(head.rfind("«"), head.rfind('"', 0, len(head) - 1), head.rfind("“"))
        if opener != -1 and len(head) - opener <= MAX_TITLE and head.count("\n", opener) <= 2:
            return ProgramMention(_clean(head[opener + 1:-1]), opener + 1, len(head) - 1, 0.9)
        return None
    line_start = head.rfind("\n") + 1
    if len(head) - line_start < 6 or ORG_HINT.search(head[line_start:]):
        return None
    return ProgramMention(_clean(head[line_start:]), line_start, len(head), 0.6)


def find_program(doc: DocText) -> ProgramMention | None:
    """The best programme-title candidate."""
    text = doc.text
    for label in LABEL_BEFORE.finditer(text):
        quoted = _quoted_after(text, label.end())
        if quoted is not None:
            return ProgramMention(_clean(text[quoted[0]:quoted[1]]), quoted[0], quoted[1], 0.95)
        plain = _plain_after(text, label.end())
        if plain is not None and not ORG_HINT.search(text[plain[0]:plain[1]]):
            value = _clean(text[plain[0]:plain[1]])
            if len(value) >= 4 and not value[:1].isdigit():
                return ProgramMention(value, plain[0], plain[1], 0.75)
    after = [(label, _before_label(doc, label)) for label in LABEL_AFTER.finditer(text)]
    labelled_after = _best_after(after)
    return labelled_after if labelled_after is not None else _first_quoted(doc)


def _best_after(after: list[tuple[re.Match[str], ProgramMention | None]]) -> ProgramMention | None:
    found = [(mention, label.group("strong") is not None) for label, mention in after
             if mention is not None and len(mention.value) >= 4]
    # Weak labels («курсы», «семинары») name the kind of event; only a quoted title before them counts.
    usable = [mention for mention, strong in found if strong or mention.certainty >= 0.9]
    return max(usable, key=lambda m: m.certainty) if usable else None


def _first_quoted(doc: DocText) -> ProgramMention | None:
    """Unlabelled: the first quoted title in the body that does not name an organization."""
    for match in QUOTED.finditer(doc.text):
        line = doc.line_at(match.start())
        inside = match.group(1)
        if ORG_LINE.search(line.text) or ORG_HINT.search(inside) or len(inside) < 4:
            continue
        return ProgramMention(_clean(inside), match.start(1), match.end(1), 0.7)
    return None
