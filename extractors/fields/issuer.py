"""The issuing organization as printed: a header line (or two) with a legal form or an organization word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.document import DocLine, DocText
from extractors.fields.names import SIGNATORY_WORDS

LEGAL_FORM = re.compile(
    r"(?<![^\W\d_])(НАО|АО|АҚ|ТОО|КЕАК|ШЖК|ЖШҚ|РГП|ГКП|КГП|ГУ|РГУ|РГКП|КЕАҚ|ШЖҚ|РМК|ЖШС|МКҚК|КМК|ЧУ|ЧУО|LLP|JSC|NJSC|NCJSC|Ltd|LLC"
    r"|Inc|PLC|GmbH)(?![^\W\d_])"
)
# «ШЖҚРМК»: two abbreviations read without the space between them (only the two-part forms, so a word that
# merely starts with a form's letters is never split)
GLUED_FORMS = re.compile(r"(?<![^\W\d_])(ШЖҚ|ШЖК)(РМК)(?![^\W\d_])")
LEGAL_FORM_WORDS = re.compile(
    r"(акционерное\s+общество|товарищество|предприятие|учреждение|акционерлік\s+қоғам|қоғамы|кәсіпорн|мекемес"
    r"|серіктестіг|joint[\s-]+stock|company|limited|partnership)",
    re.IGNORECASE,
)
ORG_WORD = re.compile(
    r"(?<![^\W\d_])(университет|universit|центр|орталығ|орталық|center|centre|академи(?!ческ\w*\s+ч)|academ(?!ic\s+h)|институт|institut"
    r"|колледж|college|больниц|клиник|clinic|hospital|ассоциаци|association|society|council|faculty|факультет|общество|school|школ|мектеб"
    r"|фонд|foundation|филиал|branch|оқу\s+орталығы|(?-i:НИИ|НЦ|ННЦ|НИЦ)(?![^\W\d_]))",
    re.IGNORECASE,
)
# Words that make an organization's name more likely but are common in course titles too.
WEAK_ORG_WORD = re.compile(r"(медицин|medical|medicine|научн|ғылыми|учебн|national|национальн|ұлттық)",
                           re.IGNORECASE)
ISSUER_LABEL = re.compile(
    r"(issued\s+by|организация|организатор|выдан[оа]?\s+организацией|ұйым|ұйымдастырушы|organi[sz]er|provider"
    r"|учебное\s+заведение|оқу\s+орны)\s*[:\-]\s*",
    re.IGNORECASE,
)
NOT_ISSUER = re.compile(
    r"(по\s+специальности|мамандығы|specialty|по\s+программе|по\s+циклу|на\s+тему|бағдарлама|program|course|курс"
    r"|сертификат\s+№|certificate\s+no|прош[её]л|прошла|completed|has\s+been|настоящ|this\s+is|подтвержда"
    r"|слушател|тыңдаушы|освоил|прослушал|программу|(?<![^\W\d_])ф\.?\s?и\.?\s?о(?![^\W\d_])|awarded\s+to|attended"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d\d\s*(?:г\.|ж\.|жыл)|\d\s*(?:час|hours|сағат)|(?<![^\W\d_])(?:тел|tel|ул|str)\.|телефон|phone"
    r"|улица|street|e-?mail|www\.|https?:|(?<![^\W\d_])(?:БИН|БСН|BIN)(?![^\W\d_])"
    # another field's label: «Объем: в объеме 216 академических» (its «академ…» is no academy)
    r"|^(?:объ[её]м|программа|сроки?\s+обучения|вид\s+обучения|дата\s+выдачи|көлемі|оқу\s+мерзімі|volume|duration"
    r"|регистрационный\s+номер|тіркеу\s+нөмірі|registration\s+number)\s*:)",
    re.IGNORECASE,
)
# A ministry heads many certificates above the real issuer; it is the issuer only with its own legal form.
MINISTRY = re.compile(r"(министерств|министрл|ministry)", re.IGNORECASE)  # «министрлі ігі»: split by OCR
# «… здравоохранения» с»: one lowercase letter after the closing quote is a stamp's edge or the next line's start
TRAILING_STRAY_LETTER = re.compile(r"(?<=»)\s+[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]$")
LEADING_STRAY_SIGNS = re.compile(r"^(?=[^\w«]*[^\w\s«\"“”„'])[^\w«]+\s+(?=[\w«\"“])")
# «5 «А.Н. Сызғанов … орталығы» ШЖҚ РМК |», «2” НАО «…»»: a stamp's digit before the name, a frame's bar in
# or after it, the document's title set on the same line after it
LEADING_STRAY_DIGIT = re.compile(r"^\d{1,2}[^\w\s«]?\s+(?=«|[A-ZА-ЯЁ]{2,4}\s+«)")
STRAY_BAR = re.compile(r"\s+[|¦]+(?=\s)")
TRAILING_STRAY_SIGNS = re.compile(r"\s+[|/\\_~=—-]+$")  # a frame's or rule's edge
TRAILING_TITLE = re.compile(r"(?<=[»\"”\w])\s+(?:СПРАВКА|СЕРТИФИКАТ|CERTIFICATE|КУӘЛІК|АНЫҚТАМА|ДИПЛОМ|DIPLOMA"
                            r"|СВИДЕТЕЛЬСТВО|УДОСТОВЕРЕНИЕ)$")
MAX_ISSUER_WORDS = 16  # a longer line is prose that mentions an organization, not its name
HEADER_DEPTH = 0.4  # the share of the first page where the issuer's name is normally printed
MAX_TITLE_WRAP = 3  # words of an English name carried over to the next line
_CONNECTORS = frozenset({"of", "and", "for", "the", "in", "on", "at", "de", "du", "der", "und", "für"})


@dataclass(frozen=True)
class IssuerMention:
    """The issuer's name taken from text[start:end]."""

    value: str
    start: int
    end: int
    certainty: float


def _score(line: DocLine) -> float:
    text = line.text
    score = 0.0
    if LEGAL_FORM.search(text) or LEGAL_FORM_WORDS.search(text):
        score += 0.35
    if ORG_WORD.search(text):
        score += 0.35
    if any(q in text for q in "«»\"“”"):
        score += 0.1
    if WEAK_ORG_WORD.search(text):
        score += 0.1
    if score == 0.0 or NOT_ISSUER.search(text) or len(line.words) > MAX_ISSUER_WORDS:
        return 0.0
    if score < 0.35 and text[:1].islower():  # the tail of a sentence, not the start of a name
        return 0.0
    if MINISTRY.search(text) and not (LEGAL_FORM.search(text) or any(q in text for q in "«\"“")):
        return 0.0
    if line.page_no == 1 and line.rel_top <= HEADER_DEPTH:
        score += 0.2
    return score


DOCUMENT_TITLE = re.compile(
    r"(сертификат|certificate|куәлік|диплом|diploma|свидетельство|удостоверение|№|\bno\.)", re.IGNORECASE
)


def _only_legal_forms(text: str) -> bool:
    """A line holding nothing but legal-form abbreviations («ТОО», «ШЖҚ РМК» set under a Kazakh name)."""
    tokens = GLUED_FORMS.sub(r"\1 \2", text).replace(",", " ").split()
    return bool(tokens) and all(LEGAL_FORM.fullmatch(token) for token in tokens)


def _quotes_open(text: str) -> bool:
    """Whether a quotation opened in text is still open («…» nest, so they are counted; "…" pair up)."""
    if text.count("«") != text.count("»"):
        return text.count("«") > text.count("»")
    return sum(text.count(q) for q in "\"“”„") % 2 == 1


def _continues(current: str, following: DocLine) -> bool:
    """Whether the next line carries on the organization's name."""
    text = following.text
    if NOT_ISSUER.search(text) or DOCUMENT_TITLE.search(text) or MINISTRY.search(text):
        return False
    if TRAILING_TITLE.search(current):  # «НАО «…» СПРАВКА»: the name ended before the title
        return False
    if SIGNATORY_WORDS.match(text) and not _quotes_open(current):  # "… Development" / "Director" signing under it
        return False
    if _quotes_open(current):
        return True
    if LEGAL_FORM.match(current) and current.rstrip().endswith(("»", '"', "”")):
        return bool(_only_legal_forms(text))  # «НАО «…»» is whole: «о повышении квалификации» below is the title's
    if _only_legal_forms(current) or (LEGAL_FORM_WORDS.search(current) and not ORG_WORD.search(current)):
        return True
    if text[:1].islower() or (text.startswith(("«", '"', "“")) and not _quotes_open(text)):
        return bool(ORG_WORD.search(text) or LEGAL_FORM.search(text) or text[:1].islower())
    # an English name broken before its last words ("… Continuous Professional" / "Development"); one that
    # already ends on its organization word ("… University Hospital") is whole, and a name may follow it
    ends_named = ORG_WORD.search(current.split()[-1]) is not None if current.split() else True
    return bool(_only_legal_forms(text)) or (not ends_named and _title_case_run(current)
                                             and _title_case_run(text, MAX_TITLE_WRAP))


def _title_case_run(text: str, max_words: int = MAX_ISSUER_WORDS) -> bool:
    """Latin words in title case (connectors small) with no digits or closing punctuation: an English name that
    may wrap onto the next line ("… Continuous Professional" / "Development")."""
    words = text.split()
    return 0 < len(words) <= max_words and text.rstrip()[-1:] not in ".,;:)»\"" and all(
        word.isascii() and word.isalpha() and (word[0].isupper() or word in _CONNECTORS) for word in words)


MIN_NAME_PIECE = 3  # letters a line needs to be the first part of an organization's name


def _starts_with_previous(previous: DocLine, line: DocLine) -> bool:
    """Whether the previous line holds the beginning of the name that this line ends."""
    text = previous.text
    if previous.page_no != line.page_no or NOT_ISSUER.search(text) or DOCUMENT_TITLE.search(text):
        return False
    if sum(char.isalpha() for char in text) < MIN_NAME_PIECE:  # «“т»: a stamp's or an emblem's edge read as signs
        return False
    if MINISTRY.search(text):
        return False
    if _only_legal_forms(text) or (LEGAL_FORM_WORDS.search(text) and not ORG_WORD.search(text)):
        return True
    return _quotes_open(text) or line.text[:1].islower()


def _extend(doc: DocText, line: DocLine) -> tuple[int, int]:
    first = line
    if line.index > 0 and _starts_with_previous(doc.lines[line.index - 1], line):
        first = doc.lines[line.index - 1]
    last = line
    text = doc.text[doc.starts[first.index]:doc.starts[last.index] + len(last.text)]
    while last.index + 1 < len(doc.lines) and last.index - first.index < 2:
        following = doc.lines[last.index + 1]
        if following.page_no != last.page_no or not _continues(text, following):
            break
        last = following
        text = text + " " + following.text
    return doc.starts[first.index], doc.starts[last.index] + len(last.text)


def _mention_of(doc: DocText, line: DocLine, score: float) -> IssuerMention:
    start, end = _extend(doc, line)
    value = re.sub(r"\s+", " ", doc.text[start:end]).strip(" ,;")
    stray = LEADING_STRAY_SIGNS.match(value)  # «“> НАО «…»»: a stamp's or frame's edge read before the name
    if stray:
        value = value[stray.end():]
    value = GLUED_FORMS.sub(r"\1 \2", STRAY_BAR.sub("", LEADING_STRAY_DIGIT.sub("", value)))
    value = TRAILING_TITLE.sub("", TRAILING_STRAY_SIGNS.sub("", TRAILING_STRAY_LETTER.sub("", value)))
    return IssuerMention(value, start, end, min(0.95, 0.4 + score * 0.75))


def find_issuer(doc: DocText) -> IssuerMention | None:
    """The best issuer candidate: a labelled one, else the best-scoring header line, extended over 2 lines."""
    for label in ISSUER_LABEL.finditer(doc.text):
        line = doc.line_at(label.end())
        end = doc.starts[line.index] + len(line.text)
        value = doc.text[label.end():end].strip()
        if len(value) > 3 and (ORG_WORD.search(value) or LEGAL_FORM.search(value)):
            return IssuerMention(value, label.end(), end, 0.9)
    scored = [(score, line) for line in doc.lines if (score := _score(line)) > 0.0]
    if not scored:
        return None
    best_score, best = max(scored, key=lambda item: (item[0], -item[1].index))
    return _mention_of(doc, best, best_score)


# An abbreviated name or brand: a short word with several capitals («РЦРЗ», «КазНМУ», "ERC", "MedSkills"),
# not a document title.
ACRONYM = re.compile(r"(?<![^\W\d_])(?=\w*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\w*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])[^\W\d_]{2,12}(?![^\W\d_])")
MAX_ALTERNATIVES = 6
# An abbreviation in capitals read partly as small letters («нцПдх» for «НЦПДХ»: most Cyrillic small letters are
# their capitals made small): a capital inside a short word, after a small letter
MIXED_CASE_ACRONYM = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]{2,12}(?![^\W\d_]))[^\W\d_]*[a-zа-яёәғқңөұүһі]"
                                r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]*")


def _alternative_score(line: DocLine) -> float:
    """How likely a line other than the chosen one names the issuer (0: not at all)."""
    score = _score(line)
    if score > 0.0:
        return score
    in_header = line.page_no == 1 and line.rel_top <= HEADER_DEPTH
    short = 0 < len(line.words) <= 4
    acronym = ACRONYM.search(line.text) or MIXED_CASE_ACRONYM.search(line.text)
    if in_header and short and acronym and not (DOCUMENT_TITLE.search(line.text) or NOT_ISSUER.search(line.text)):
        return 0.3
    return 0.0


def names_an_organization(text: str) -> bool:
    """Whether a line reads as an organization's name at all: a legal form, an organization word or an
    abbreviation («Программа: Доказательная медицина», taken for want of better, does not)."""
    return bool(LEGAL_FORM.search(text) or LEGAL_FORM_WORDS.search(text) or ORG_WORD.search(text)
                or ACRONYM.search(text))


def issuer_alternatives(doc: DocText, chosen: IssuerMention | None) -> tuple[IssuerMention, ...]:
    """Other lines that may name the issuer (abbreviations, a second organization line), best first.

    The extractor cannot know which organizations exist; the verifier tries these against the register when
    the chosen name matches none.
    """
    scored = [(score, line) for line in doc.lines if (score := _alternative_score(line)) > 0.0]
    scored.sort(key=lambda item: (-item[0], item[1].index))
    found: list[IssuerMention] = []
    for score, line in scored:
        start = doc.starts[line.index]
        if chosen is not None and chosen.start <= start < chosen.end:
            continue
        mention = _mention_of(doc, line, score)
        if all(mention.value != other.value for other in found):
            found.append(mention)
        if len(found) == MAX_ALTERNATIVES:
            break
    return tuple(found)


# «БИН 020340156739», «БСН 030141519600» (Kazakh), "BIN …": the issuer's business identification number, printed
# in the header or round its stamp; its twelve digits may come with a space OCR put between them.
BUSINESS_ID = re.compile(r"(?<![^\W\d_])(?:БИН|БСН|BIN|B[I1l]N)\W{0,3}((?:\d\s?){11}\d)(?!\d)", re.IGNORECASE)


def find_business_ids(text: str) -> tuple[str, ...]:
    """The 12-digit business identification numbers printed with their label, in order, without repeats."""
    found = (re.sub(r"\s", "", m.group(1)) for m in BUSINESS_ID.finditer(text))
    return tuple(dict.fromkeys(found))

