"""Document type from titles and wording, and the language of the main text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from extractors.fields.document import DocLine
from extractors.fields.issuer import LEGAL_FORM
from extractors.fields.normalize import LATIN_TO_CYRILLIC, strip_diacritics_kk

# Checked in this order: the first type with a hit in the title area wins, then the first with a hit anywhere.
# A translation carries the wording of the translated document, so it goes first; a specialist certificate
# mentions courses, so it precedes them; a diploma's word can appear on other awards, so it comes late.
TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("translation", re.compile(
        r"(перевод\s+с\s+\w+|перевод\s+(?:документа|с\s+|на\s+)|переводчик|аударма|аудармашы|аударған"
        r"|translation\s+from|translated\s+(?:from|by)|translator|certified\s+translation)", re.I)),
    ("specialist_certificate", re.compile(
        r"(сертификат\w*\s+специалиста|маман\s+сертификаты|допуск\w*\s+к\s+клинической\s+практике"
        r"|клиникалық\s+практикаға\s+жібер\w*|specialist\s+certificate|admission\s+to\s+clinical\s+practice"
        r"|certified\s+to\s+practi[sc]e|саласындағы\s+маман)", re.I)),
    ("conference", re.compile(
        r"(конференци|конгресс|съезд|симпозиум|форум|конференциясы|congress|conference|symposium|summit)", re.I)),
    ("internship", re.compile(r"(стажировк|тағылымдама|internship|стажер|fellowship|observership)", re.I)),
    ("online_course", re.compile(
        r"(вебинар|онлайн|дистанционн|қашықтықтан|webinar|online|on-line|e-learning|distance\s+learning"
        r"|massive\s+open|coursera|mooc)", re.I)),
    ("seminar", re.compile(r"(семинар|тренинг|мастер-класс|workshop|seminar|training\s+session|master\s+class)",
                           re.I)),
    ("advanced_training", re.compile(
        r"(повышени\w*\s+квалифика|біліктілі\w*\s+арттыр|advanced\s+training"
        r"|professional\s+development\s+course|continuing\s+medical\s+education|refresher\s+course"
        r"|qualification\s+improvement|профессиональн\w+\s+переподготовк|қайта\s+даярла|retraining)", re.I)),
    ("diploma", re.compile(
        r"(диплом|diploma|бакалавр|магистр|резидентур|интернатур|bachelor|master\s+of|residency|degree)", re.I)),
    ("publication", re.compile(
        r"(публикаци|статья|журнал|мақала|article|journal|published|monograph|монографи)", re.I)),
    # Last: a bare participant's certificate names no event; in CPD such certificates come from conferences.
    ("conference", re.compile(
        r"(сертификат\w*\s+участник|участник\w*\s+сертификат|қатысушы\w*\s+сертификат|сертификат\w*\s+қатысушы"
        r"|certificate\s+of\s+participation)", re.I)),
)
# Matched with Kazakh letters folded to their Russian look-alikes on both sides: OCR often drops the marks
# («КАТЫСУШЫ СЕРТИФИКАТЫ» for «ҚАТЫСУШЫ СЕРТИФИКАТЫ»).
FOLDED_PATTERNS = tuple((name, re.compile(strip_diacritics_kk(pattern.pattern), pattern.flags))
                        for name, pattern in TYPE_PATTERNS)
# «о повышении кв алификации»: a space OCR put inside a word; tried last, on the lines with their spaces taken out
DESPACED_PATTERNS = tuple((name, re.compile(re.sub(r"\\s[+*?]?", "", pattern.pattern), pattern.flags))
                          for name, pattern in FOLDED_PATTERNS)
# Latin look-alikes read for Cyrillic letters («CemuHap» for «Семинар»; an italic и comes out as u)
_AS_CYRILLIC = {**LATIN_TO_CYRILLIC, ord("u"): ord("и")}
TITLE_DEPTH = 0.45  # share of the first page where the document's title normally sits
# Lines naming an organization («Online Academy» LLP) say nothing about the document's type.
ORGANIZATION_LINE = re.compile(
    r"(?<![^\W\d_])(НАО|АО|АҚ|ТОО|КЕАҚ|ЖШС|РМК|LLP|JSC|NCJSC|Ltd|LLC|Inc)(?![^\W\d_])"
    r"|(?i:academy|академия|университет|university|institute|институт|center|centre|центр|орталығы|college"
    r"|колледж|school|council|society|clinic|hospital)"
)

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_WORDS = re.compile(
    r"(?<![^\W\d_])(және|бойынша|берілді|берілген|жылғы|сағат\w*|куәлік\w*|осы|туралы|бағдарлама\w*|арттыру"
    r"|біліктілік\w*|ұйым\w*|орталығы|университеті|тақырыбы\w*|мен|үшін|қатысқаны|аяқтады)(?![^\W\d_])",
    re.I,
)


def _earliest_hit(lines: Sequence[DocLine], *, despaced: bool = False) -> tuple[str, int] | None:
    """The type whose wording appears on the earliest line, alone or with the next (ties: TYPE_PATTERNS order);
    `despaced`: the lines compared without their spaces."""
    patterns = DESPACED_PATTERNS if despaced else FOLDED_PATTERNS
    best: tuple[int, int, str] | None = None
    for order, (name, pattern) in enumerate(patterns[1:]):
        for line, following in zip(lines, [*lines[1:], None], strict=True):
            joined = f"{line.text} {following.text}" if following is not None and following.page_no == line.page_no \
                else line.text  # titles are often set over two lines («БІЛІКТІЛІКТІ / АРТТЫРУ ТУРАЛЫ КУӘЛІК»)
            folded = strip_diacritics_kk("".join(joined.split()) if despaced else joined)
            if pattern.search(folded) or pattern.search(folded.translate(_AS_CYRILLIC)):
                if best is None or (line.index, order) < best[:2]:
                    best = (line.index, order, name)
                break
    return None if best is None else (best[2], best[0])


def classify_doc_type(lines: Sequence[DocLine]) -> tuple[str, float]:
    """The document type and a confidence (title hits are surer than body hits)."""
    if not lines:
        return "other", 0.0
    body = "\n".join(line.text for line in lines)
    if TYPE_PATTERNS[0][1].search(body):
        return "translation", 0.85
    title = [line for line in lines if line.page_no == lines[0].page_no and line.rel_top <= TITLE_DEPTH
             and not ORGANIZATION_LINE.search(line.text)]
    hit = _earliest_hit(title)
    if hit is not None:
        return hit[0], 0.9
    # an issuer's name («… біліктілікті арттыру институты») says what it teaches, not what this document is
    unnamed = [line for line in lines if not LEGAL_FORM.search(line.text)]
    hit = _earliest_hit(unnamed) or _earliest_hit(title, despaced=True)
    if hit is not None:
        return hit[0], 0.7
    misread = _title_misread(title)
    return (misread, 0.7) if misread is not None else ("other", 0.4)


# A title whose wording OCR misread by a letter («о повыщении квалификации», fraud 64545): long phrases only, at
# most one letter off (a substitution costs 2 of partial_ratio's Indel distance: 1 - 2/44 = 95.5 on 22 letters)
TITLE_PHRASES: tuple[tuple[str, str], ...] = (
    ("specialist_certificate", "сертификат специалиста"), ("specialist_certificate", "маман сертификаты"),
    ("specialist_certificate", "specialist certificate"),
    ("advanced_training", "повышении квалификации"), ("advanced_training", "повышения квалификации"),
    ("advanced_training", "біліктілікті арттыру"), ("advanced_training", "advanced training"),
    ("conference", "сертификат участника"), ("conference", "қатысушы сертификаты"),
    ("conference", "certificate of participation"), ("internship", "тағылымдамадан өткені"),
    ("internship", "прохождении стажировки"), ("internship", "прохождения стажировки"),
)
MIN_TITLE_SIMILARITY = 93.0


def _title_misread(title: Sequence[DocLine]) -> str | None:
    """The type whose title phrase one title line, alone or with the next, holds with one letter misread, if any
    (earliest line first; «ТАРЫЛЫМДАМАДАН / ӨТКЕНІ ТУРАЛЫ КУӘЛІК» with its Ғ read Р, fraud 70101)."""
    for line, following in zip(title, [*title[1:], None], strict=True):
        joined = f"{line.text} {following.text}" if following is not None else line.text
        text = strip_diacritics_kk(" ".join(joined.lower().split()))
        for name, phrase in TITLE_PHRASES:
            if len(text) < len(phrase):  # partial_ratio would find the line inside the phrase
                continue
            if fuzz.partial_ratio(strip_diacritics_kk(phrase), text) >= MIN_TITLE_SIMILARITY:
                return name
    return None


def _line_language(text: str) -> str | None:
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyrillic + latin < 3:
        return None
    if latin > cyrillic:
        return "en"
    kazakh = sum(1 for ch in text if ch in KAZAKH_LETTERS) + 3 * len(KAZAKH_WORDS.findall(text))
    return "kk" if kazakh >= 2 else "ru"


def detect_language(lines: Sequence[DocLine]) -> tuple[str | None, float]:
    """ISO 639-1 code of the main text, weighted by the number of words per line, with its share."""
    weights: dict[str, int] = {}
    for line in lines:
        language = _line_language(line.text)
        if language is not None:
            weights[language] = weights.get(language, 0) + len(line.words)
    if not weights:
        return None, 0.0
    total = sum(weights.values())
    language, weight = max(weights.items(), key=lambda item: item[1])
    return language, round(weight / total, 3)
