"""The holder's full name: after a label («ФИО», «выдан», «Аты-жөні», "awarded to"…) or a name-shaped line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.declension import to_nominative
from extractors.fields.document import DocLine, DocText
from extractors.fields.normalize import russian_spelling

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"
TITLE_WORD = re.compile(rf"[{_UP}](?:'[{_UP}])?[{_LOW}]+(?:[-'][{_UP}]?[{_LOW}]+)?")
CAPS_WORD = re.compile(rf"[{_UP}]{{2,}}(?:[-'][{_UP}]+)?")
INITIALS = re.compile(rf"[{_UP}]\.\s?(?:[{_UP}]\.)?")
_TOKEN = re.compile(r"\S+")
_RULING = re.compile(r"\|+")
PUNCTUATION_TOKEN = re.compile(r"[^\w]+")
STRAY_TOKEN = re.compile(r"[^\w\s]{1,2}|\d")  # a speck or a dash, read between a name's label and the name
MAX_STRAYS = 2
LOWER_L_FOR_I = re.compile(r"l[a-z]{2,}")
LOWER_KAZAKH_I = re.compile(r"і[а-яёәғқңөұүһі]{2,}")  # «іңкәр»: the capital І read as і (a dot of noise)
LATIN_CAPS_WITH_BANG = re.compile(r"[A-Z]+[!\]][A-Z]*")  # "ALEKSE!", "SERGE]": a capital I read as "!" or "]"
AT_FOR_KAZAKH_O = re.compile(r"@[а-яёәғқңөұүһі]{2,}")  # «@ркен»: the Kazakh capital Ө read as "@"
# «фабдуллина»: the Kazakh capital Ғ read as a small ф, in a word with a surname's ending (never a word of the text)
LOWER_F_FOR_KAZAKH_GH = re.compile(r"ф[а-яёәғқңөұүһі]{3,}")
# «РАУГОМА 5УЕТГАМА»: a name in Latin capitals read by a Cyrillic model, S taken for 5; kept (unsurely) after a
# first name word so that the holder's crop is read again in English
CAPS_WITH_A_DIGIT = re.compile(rf"(?=[^\d]*\d[^\d]*$)[{_UP}\d]{{5,}}")
DIGIT_IN_NAME_CERTAINTY = 0.5

# Name labels after which the name follows (and the table ruling read as "|", "(" or "[" between label and name);
# «Фо:» is «ФИО:» with its И lost, only before a colon or a table's rule («телефон» holds «фо» too).
LABEL_BEFORE_NAME = re.compile(
    r"((?:ф\.?\s?и\.?\s?о\.?|(?<![^\W\d_])фо(?=\s*[:|])|фамилия,?\s+имя,?\s+отчество|аты-?\s?ж[өоеіи]ні?(?![^\W\d_])|тегі,?\s+аты,?\s+(?:әкесінің\s+(?:аты|[^\W\d_]{2,6}(?=\s*:)))?)"
    r"(?:\s+(?:слушател\w*|участник\w*|выпускник\w*|специалист\w*|врач\w*|қатысушы\w*|т[ыи][ңн]даушы\w*))?"
    r"|surname,?\s+(?:first\s+)?name|full\s+name|name\s+of\s+(?:the\s+)?(?:participant|holder)|name|holder|participant|слушател[ьюяы]|участник[ау]?"
    r"|выдан(?:[оа]|\([оа]\))?|выдается|настоящим\s+подтверждается,?\s+что|подтверждает(?:ся)?,?\s+что"
    r"|удостоверяет(?:ся)?,?\s+что|осымен\s+расталады|(?:^|(?<=\n))берілді|т[ыи][ңн]даушы|this\s+certifies\s+that"
    r"|this\s+is\s+to\s+certify\s+that|certifies\s+that|certify\s+that|awarded\s+to|presented\s+to|granted\s+to"
    r"|issued\s+to|осы\s+(?:сертификат|куәлік)\w*|куәлік|сертификат\s+берілді)\s*[:;\-—]?\s*(?:[|(\[]\s*)?",
    re.IGNORECASE,
)
DATIVE_LABEL = re.compile(r"выда[нё]", re.IGNORECASE)  # «выдан(о) Ивановой Анне» governs the dative
CAPTION = re.compile(
    r"\(\s*(?:ф\.?\s?и\.?\s?о\.?[^)]*|фамилия[^)]*|аты-?\s?ж[өо]ні[^)]*|тегі[^)]*|full\s+name|name|surname[^)]*)\)",
    re.IGNORECASE,
)
KAZAKH_DATIVE_FOLLOWS = re.compile(r"[^.]{0,80}?беріл(?:ді|ген(?!\s+күн))", re.IGNORECASE | re.DOTALL)
# Kazakh wording puts the name before «берілді» («… Жақсыбековаға берілді»).
LABEL_AFTER_NAME = re.compile(r"\s*(?:-?\s?(?:ға|ге|қа|ке))?\s+(?:берілді|берілген|беріледі)", re.IGNORECASE)

NOT_NAME_STEMS = (
    "сертификат", "свидетельств", "удостоверен", "certificat", "диплом", "diplom", "куәлік", "университет",
    "universit", "центр", "center", "centre", "орталығ", "академи", "academ", "институт", "institut", "колледж",
    "college", "министерств", "ministr", "республик", "republic", "казахстан", "қазақстан", "kazakhstan",
    "ректор", "rector", "директор", "director", "президент", "president", "проректор", "декан", "dean",
    "председател", "chair", "руководител", "head", "басшы", "төраға", "подпись", "signature", "қолы", "семинар",
    "seminar", "курс", "course", "программ", "program", "бағдарлам", "тема", "конференц", "conferen", "конгресс",
    "congress", "повышени", "квалификац", "біліктілік", "арттыру", "advanced", "training", "медицин", "medic",
    "national", "национальн", "ұлттық", "participat", "attendance", "achievement", "completion", "award",
    "internship", "стажировк", "тағылымдама", "webinar", "вебинар", "тренинг", "мастер", "секретар",
    "secretar", "город", "алматы", "almaty", "астана", "astana", "караганд", "шымкент", "актобе", "павлодар",
    "настоящ", "this", "that", "certif", "health", "здравоохран", "денсаулық", "клиник", "clinic", "hospital",
    "больниц", "school", "школ", "mektep", "general", "дата", "date", "итог", "total", "hours", "часов", "сағат",
    "перевод", "translat", "аударма", "нотариус", "notary", "оқу", "обучени", "education", "образован", "білім",
    "сестринск", "nursing", "accredit", "аккредит", "лицензи", "licen", "фамилия", "имя", "аты", "name",
    "қазақ", "русск", "english", "тестирован", "экзамен", "exam", "специалист", "specialist", "маман",
    "высш", "highest", "первой", "второй", "категори", "category", "санат", "chief", "physician", "doctor",
    "professor", "профессор", "доцент", "заведующ", "кафедр", "член", "комисси", "committee", "organiz",
    "организац", "scientific", "coordinator", "координатор", "manager", "менеджер", "главн", "врач", "дәрігер",
    "проф", "dr.", "phd", "md", "kazakh", "казах", "republic", "city", "қаласы", "university",
    "регистрац", "номер", "нөмір", "number", "серия", "series", "valid", "действител", "qr", "курстар", "участ",
    "слушател", "выдан", "берілді", "свидетел", "подтвержд", "удостовер", "настоящ", "осы", "данн", "мөр", "печать",
    "stamp", "seal", "place", "место", "орны", "тіркеу", "тыңдауш", "тындауш", "қатысуш", "катысуш",
)
HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "miss", "sir", "dame"})  # before a name, not of it
LABEL_WORDS = frozenset({"фио", "фамилия", "имя", "отчество"})  # «ФИО;» with its colon misread is no name
LEGAL_FORMS = frozenset(
    {"нао", "ао", "тоо", "ргп", "гкп", "гу", "кгп", "кеақ", "шжқ", "рмк", "жшс", "мкк", "llp", "jsc", "llc",
     "ltd", "inc", "ncjsc", "пхв", "ип", "жк", "мм"}
)
SIGNATORY_WORDS = re.compile(
    r"(ректор|директор|президент|декан|председател|руководител|басшы|төраға|rector|director|president|dean"
    r"|chair|head|signature|подпись|қолы|м\.\s?п\.|секретар|secretary|проректор|vice)",
    re.IGNORECASE,
)
SURNAME_ENDINGS = re.compile(
    r"(ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|ук|юк|ян|ұлы|улы|қызы|кызы|вич|вна|ична"
    r"|бек|бай|бекова|баева|ov|ova|ev|eva|in|ina|sky|skaya|enko|uly|kyzy|ovich|ovna|bek|bay|yan)$",
    re.IGNORECASE,
)


SIGNATORY_TITLE_WORDS = 3  # "Dean", «Директор», "Head of School" under a signatory's name


# A patronymic often wraps onto the line below the surname and given name.
PATRONYMIC = re.compile(
    r"(?:вичу?|вн[ае]|ичн[ае]|[ұу]лы(?:на)?|[қк]ызы(?:на)?|ovich|evich|ovna|evna|uly|ugly|kyzy|qyzy)[,.;]?$",
    re.IGNORECASE)


@dataclass(frozen=True)
class NameMention:
    """A name at text[start:end] with how sure the pattern is."""

    value: str
    start: int
    end: int
    certainty: float


def is_name_word(token: str) -> bool:
    bare = token.strip(",.;:")
    if not (TITLE_WORD.fullmatch(bare) or CAPS_WORD.fullmatch(bare)):
        return False
    lowered = bare.lower()
    if lowered in LEGAL_FORMS or lowered in HONORIFICS or lowered in LABEL_WORDS:
        return False
    return not any(lowered.startswith(stem) for stem in NOT_NAME_STEMS)


def is_honorific(token: str) -> bool:
    return token.strip(",.;:").casefold() in HONORIFICS


def with_mended_capital(word: str) -> str:
    """«lurii» → «Iurii», "ALEKSE!" → "ALEKSEI", «іңкәр» → «Іңкәр», «@ркен» → «Өркен», «фабдуллина» → «Ғабдуллина»:
    a name's capital I read as a lower-case l or "!", a Kazakh capital І as its dotted lower case, Ө as "@", Ғ as a
    small ф before a surname's ending (a name never starts in lower case)."""
    bare = word.strip(",.;:")
    if LOWER_L_FOR_I.fullmatch(bare):
        return "I" + word[1:]
    if LATIN_CAPS_WITH_BANG.fullmatch(bare):
        return word.replace("!", "I").replace("]", "I")
    if AT_FOR_KAZAKH_O.fullmatch(bare):
        return "Ө" + word[1:]
    if LOWER_F_FOR_KAZAKH_GH.fullmatch(bare) and SURNAME_ENDINGS.search(bare):
        return "Ғ" + word[1:]
    return "І" + word[1:] if LOWER_KAZAKH_I.fullmatch(bare) else word


def _stray(token: re.Match[str], gap: str, strays: int) -> bool:
    """A speck or a dash read between a name's label and the name, on the label's line («Аты-жөні: 2 Райымбекова»,
    «Аты-жөн: — | МОРОЗОВ»)."""
    return strays < MAX_STRAYS and STRAY_TOKEN.fullmatch(token.group(0)) is not None and "\n" not in gap


def _name_tokens(text: str, start: int, limit: int = 4) -> list[re.Match[str]]:
    """Consecutive name-shaped tokens from start on (line breaks allowed), up to limit."""
    tokens: list[re.Match[str]] = []
    strays = 0
    for token in _TOKEN.finditer(text, start):
        if _RULING.fullmatch(token.group(0)):
            continue  # a table's ruling between the cells a name wraps over («Құралай |\n| | Болатқызы»)
        if not tokens and is_honorific(token.group(0)):
            continue  # "awarded to Dr. Dana Abenova"
        if not tokens and _stray(token, text[start:token.start()], strays):
            strays += 1
            continue
        gap = text[tokens[-1].end() if tokens else start:token.start()]
        breaks = gap.count("\n") if tokens else 0
        if breaks and len(tokens) >= 2 and not (breaks == 1 and len(tokens) == 2 and PATRONYMIC.search(token.group(0))):
            break
        # «l» for «I» only on the line where the name began: a lower-case word below it is the text's, not a name
        if not (is_name_word(token.group(0)) or ("\n" not in gap and is_name_word(with_mended_capital(token.group(0))))
                or (tokens and CAPS_WITH_A_DIGIT.fullmatch(token.group(0).strip(",.;:")))):
            break
        tokens.append(token)
        if len(tokens) == limit or token.group(0).endswith((",", ".", ";")):
            break
    return tokens


def _mention(text: str, tokens: list[re.Match[str]], certainty: float, dative: str | None = None
             ) -> NameMention | None:
    if not 2 <= len(tokens) <= 4:
        return None
    start, end = tokens[0].start(), tokens[-1].end()
    words = [russian_spelling(with_mended_capital(t.group(0).strip(",.;:"))) for t in tokens]
    if dative is not None:
        words = to_nominative(words, kazakh=dative == "kk")
    value = " ".join(words)
    if any(ending for t in tokens if (ending := SURNAME_ENDINGS.search(t.group(0).strip(",.;:")))):
        certainty = min(1.0, certainty + 0.05)
    if any(ch.isdigit() for ch in value):
        certainty = min(certainty, DIGIT_IN_NAME_CERTAINTY)
    return NameMention(value, start, end, certainty)


def labelled_names(doc: DocText) -> list[NameMention]:
    """Names that follow a name label, or precede Kazakh «берілді»."""
    found: list[NameMention] = []
    for label in LABEL_BEFORE_NAME.finditer(doc.text):
        tokens = _name_tokens(doc.text, label.end())
        dative = "ru" if DATIVE_LABEL.match(label.group(0)) else None
        if tokens and KAZAKH_DATIVE_FOLLOWS.match(doc.text, tokens[-1].end()):
            dative = "kk"
        mention = _mention(doc.text, tokens, 0.9, dative)
        # a signatory's title before the label on its line («Ректор, ФИО: …»); one on the line above is another
        # line's (a scan's lines may come out of order: «Ректор» over the holder's line, accuracy 51616)
        line_start = doc.text.rfind("\n", 0, label.start()) + 1
        if mention is not None and not SIGNATORY_WORDS.search(doc.text[max(line_start, label.start() - 30):
                                                                        label.start()]):
            found.append(mention)
    for label in LABEL_AFTER_NAME.finditer(doc.text):
        head = doc.text[:label.start()]
        words = list(_TOKEN.finditer(head))[-3:]
        while words and not is_name_word(words[0].group(0)):
            words = words[1:]
        if len(words) >= 2 and all(is_name_word(w.group(0)) for w in words):
            mention = _mention(doc.text, words, 0.85, "kk")
            if mention is not None:
                found.append(mention)
    return found


def captioned_names(doc: DocText) -> list[NameMention]:
    """A name line printed over its caption «(фамилия, имя, отчество)»."""
    found: list[NameMention] = []
    for caption in CAPTION.finditer(doc.text):
        line = doc.line_at(caption.start())
        if line.index == 0 or doc.text[doc.starts[line.index]:caption.start()].strip():
            continue
        above = doc.lines[line.index - 1]
        start = doc.starts[above.index]
        tokens = [t for t in _TOKEN.finditer(doc.text, start, start + len(above.text))
                  if not PUNCTUATION_TOKEN.fullmatch(t.group(0))]
        if all(is_name_word(t.group(0)) for t in tokens):
            mention = _mention(doc.text, tokens, 0.85)
            if mention is not None:
                found.append(mention)
    return found


def standalone_names(doc: DocText) -> list[NameMention]:
    """Lines that consist only of 2–4 name-shaped words, away from signatures."""
    found: list[NameMention] = []
    for line, line_start in zip(doc.lines, doc.starts, strict=True):
        spans = [t for t in _TOKEN.finditer(doc.text, line_start, line_start + len(line.text))
                 if not PUNCTUATION_TOKEN.fullmatch(t.group(0))]
        spans = spans[1:] if spans and is_honorific(spans[0].group(0)) else spans
        if not 2 <= len(spans) <= 4 or not all(is_name_word(t.group(0)) for t in spans) or _signatory(doc, line):
            continue
        certainty = 0.7 if 0.15 <= line.rel_top <= 0.75 else 0.5
        mention = _mention(doc.text, spans, certainty)
        if mention is not None:
            found.append(mention)
    return found


def _signatory(doc: DocText, line: DocLine) -> bool:
    """A name under a signatory's title low on the page, or over a short line holding one ("Dean")."""
    previous = doc.lines[line.index - 1].text if line.index > 0 else ""
    following = doc.lines[line.index + 1].text if line.index + 1 < len(doc.lines) else ""
    return bool(SIGNATORY_WORDS.search(previous) and line.rel_top > 0.6) \
        or bool(len(following.split()) <= SIGNATORY_TITLE_WORDS and SIGNATORY_WORDS.search(following))


def find_holder_name(doc: DocText) -> NameMention | None:
    """The best holder-name candidate."""
    labelled = labelled_names(doc) + captioned_names(doc)
    if labelled:
        return max(labelled, key=lambda m: (m.certainty, -m.start))
    standalone = standalone_names(doc)
    return max(standalone, key=lambda m: (m.certainty, -m.start)) if standalone else None
