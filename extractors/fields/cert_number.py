"""The certificate's own number: after «№», "No.", «Рег. №», "Certificate No", "Serial", "ID"; QR cross-check."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from extractors.fields.normalize import CYRILLIC_TO_LATIN, fold_digits

_LABEL = (
    r"(?<![^\W\d_])(?P<label>рег(?:истрационный)?\.?\s*(?:номер|№|n[oо°º]?\.?)|регистрационный\s+номер|тіркеу\s+нөмірі"
    r"|тіркеу\s+(?:№|(?:[хxнn]|[мm][^\s\d]{1,2})(?![^\W\d_]))|тіркеу(?=\s+\d)|certificate\s+(?:no\.?|number|#|№)|registration\s+(?:no\.?|number)|serial\s+(?:no\.?|number)"
    r"|serial|reg\.?\s*no\.?|номер\s+сертификата|сертификат\s+нөмірі|нөмірі|номер|number|id"
    r"|№|(?<![^\W\d_])(?:[nхмкқ][oо°º9еe2sа>»%г]|n)(?![^\W\d_])\.?"  # «Х>», «М»», «М%», «Хг»: its o read as >, », %, г
    # «№» with its small «o» lost: a capital alone, without an initial's stop, before a number («М 445-25»)
    r"|(?<![^\W\d_])(?-i:[МХ])(?=\s+\d)"
    # «№» read "Ne", "Ко", "Хо", «Ме» glued to the series: "NeKZ-2021-…", «МеЖБ 6…», «МеЖБ-Б 7…», «ХеК?. 9…» (its
    # Z read "?")
    r"|(?-i:[NКХМ][eoº°2ое%](?=(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,3}(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,2})?|[KКҚ]\?\.?)[-/\s]?\d)))"
)
# A series prefix may stand apart from the digits («ЖБ-Б 0012345», "KZ 12345678"); «К7 …» and «К? …» are KZ; a
# speck after it may be read as a stop («К7. …», «КИ. 42325581»).
_SERIES = r"(?-i:(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,3}(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,2})?|[KКҚ][27З?])\.?\s(?=\d{4}))?"
# «СМЕ:70268»: the series' hyphen read as a colon
_SERIES_COLON = r"(?:(?-i:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,4}):(?=\d))?"
_BODY = r"[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ\-/.]{1,30}[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_VALUE = r"(?P<value>" + _SERIES + _SERIES_COLON + _BODY + r"|\d{1,2})"
LABELLED_NUMBER = re.compile(_LABEL + r"[\s:#№.\\|,;_]{0,4}" + _VALUE, re.IGNORECASE)
# Numbers that belong to something else than the certificate.
FOREIGN_CONTEXT = re.compile(
    r"(?<![^\W\d_])(приказ\w*|бұйрық\w*|order|протокол\w*|хаттама\w*|protocol|лиценз\w*|licen[cs]e|бин|бсн|иин|жсн|bin|iin"
    r"|тел\w*|phone|факс|fax|registered\s+\w*|under|зарегистрирован\w*|постановлени\w*|закон\w*|аккредитац\w*|accreditation|договор\w*|шарт)\W*(?:от\s+\S+\s+)?\S*\W*$",
    re.IGNORECASE,
)
# The country prefix «KZ-» read as «К7-», «K2-», «КZ-», «К27-», «К/-», «КЯ », «Қ7-», «К?. » (Cyrillic К or
# Kazakh Қ, Z taken for 7, 2, Я, a slash or a question mark).
# «К27-…», «К/-…»: Z read twice, as /; «К7. 9…»: a speck read as a dot after it
KZ_PREFIX_MISREAD = re.compile(r"^[KКҚ](?:[Z27ЗЯ/?]{1,2}\.?(?=[-/ ]\d)|[Z27З](?=\d))")
KZ_DOT_FOR_SPACE = re.compile(r"^([KКҚ][Z27З])\.(?=\d{6})")  # «К7.50216837»: the space read as a dot
COLON_FOR_HYPHEN = re.compile(r"^([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,4}):(?=\d)")
SERIES_SPECK = re.compile(r"^([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,3})\.(?= \d)")  # «КИ. 42325581»: a speck read after the series
# «СМЕ-2024…»: a prefix of three or more Cyrillic letters that all look Latin is an OCR reading of a Latin one.
LOOKALIKE_PREFIX = re.compile(r"^[АВСЕНКМОРТХ]{3,}(?=[-/]?\d)")
# «ПК-» (повышение квалификации) read by a Latin model: П as "II" or "N" ("IIK-39/362", "NK-53/403").
PK_PREFIX_MISREAD = re.compile(r"^(?:II|N)K(?=-\d)")
# «№1ПК-95/949»: the «№»'s underline or a speck read as a 1 glued before a letter series
STRAY_ONE_BEFORE_SERIES = re.compile(r"^[1l|](?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,3}-\d)")
QR_NUMBER_KEYS = ("n", "no", "num", "number", "cert", "cert_no", "certno", "certificate", "id", "nomer", "reg")


@dataclass(frozen=True)
class NumberMention:
    """A certificate number at text[start:end] with how sure the pattern is."""

    value: str
    start: int
    end: int
    certainty: float


def clean_number(raw: str) -> str | None:
    """Strip label remnants and trailing punctuation; fold digit look-alikes; None if it is no number."""
    value = re.sub(r"\s+", " ", raw.strip(" .,;:-/").lstrip("№#"))
    value = fold_digits(value)
    value = KZ_PREFIX_MISREAD.sub("KZ", SERIES_SPECK.sub(r"\1", KZ_DOT_FOR_SPACE.sub(r"\1 ", value)))
    value = COLON_FOR_HYPHEN.sub(r"\1-", value)
    value = LOOKALIKE_PREFIX.sub(lambda m: m.group(0).translate(CYRILLIC_TO_LATIN), value)
    value = PK_PREFIX_MISREAD.sub("ПК", STRAY_ONE_BEFORE_SERIES.sub("", value))
    if sum(ch.isdigit() for ch in value) < 1:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", value):  # a lone year is a date, not a number
        return None
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", value):
        return None
    return value


def _is_foreign(text: str, start: int) -> bool:
    return FOREIGN_CONTEXT.search(text[max(0, start - 40):start]) is not None


def find_numbers(text: str) -> list[NumberMention]:
    """All labelled certificate-number candidates, best first."""
    found: list[NumberMention] = []
    for match in LABELLED_NUMBER.finditer(text):
        value = clean_number(match.group("value"))
        if value is None or _is_foreign(text, match.start()):
            continue
        label = match.group("label").lower()
        sure = 0.95 if len(label) > 2 or label == "№" else 0.8
        if sum(ch.isdigit() for ch in value) < 3:
            sure -= 0.25
        if len(value) > 24:
            sure -= 0.3
        found.append(NumberMention(value, match.start("value"), match.start("value") + len(value), sure))
    return sorted(found, key=lambda m: (-m.certainty, m.start))


# A line that is nothing but a number («6967679» under the title, its «№» lost to a fold or a stamp): the number
# unsurely (a reviewer or the register confirms it). Not 11-12 digits (an IIN, a BIN or a phone), not a year.
UNLABELLED_LINE = re.compile(r"(?m)^[\s#№.,:;|]*(?P<value>(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,3}-)?\d[\d\-/]{3,13}\d)[\s.,;|]*$")
UNLABELLED_CERTAINTY = 0.5
_MAX_UNLABELLED_DIGITS = 10
_YEARS = re.compile(r"(?:19|20)\d\d[-/](?:19|20)?\d\d")  # «2023-2024», «2023/24»: an academic year


def unlabelled_numbers(text: str) -> list[NumberMention]:
    """Lines holding only a number-shaped token, first line first, for a document with no labelled number."""
    found = []
    for match in UNLABELLED_LINE.finditer(text):
        value = clean_number(match.group("value"))
        if value is None or sum(ch.isdigit() for ch in value) > _MAX_UNLABELLED_DIGITS \
                or _YEARS.fullmatch(value) or _is_foreign(text, match.start("value")):
            continue
        found.append(NumberMention(value, match.start("value"), match.start("value") + len(value),
                                   UNLABELLED_CERTAINTY))
    return found


def _json_numbers(payload: str) -> list[str]:
    try:
        data = json.loads(payload)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    return [str(v).strip() for k, v in data.items() if str(k).lower() in QR_NUMBER_KEYS and str(v).strip()]


def qr_numbers(payloads: Sequence[str]) -> tuple[str, ...]:
    """Certificate numbers carried by QR payloads ("…?n=0012345", "number=…", "No: …")."""
    numbers: list[str] = []
    for payload in payloads:
        numbers += _json_numbers(payload)
        query = urlsplit(payload.strip()).query or payload
        for key, value in parse_qsl(query.replace(";", "&")):
            if key.lower() in QR_NUMBER_KEYS and value.strip():
                numbers.append(value.strip())
        for mention in find_numbers(payload):
            numbers.append(mention.value)
    return tuple(dict.fromkeys(numbers))


def _comparable(value: str) -> str:
    return re.sub(r"[\s\-/.]", "", fold_digits(value)).upper()


def confirmed_by_qr(value: str, payloads: Sequence[str]) -> bool | None:
    """True if a QR payload carries this number, False if it carries another, None if it carries none."""
    numbers = qr_numbers(payloads)
    if not numbers:
        return None
    return any(_comparable(value) == _comparable(number) for number in numbers)


def _letters_and_digits(value: str) -> tuple[str, str]:
    key = _comparable(value).translate(CYRILLIC_TO_LATIN)  # a Cyrillic К is the same glyph as a Latin K
    return "".join(ch for ch in key if not ch.isdigit()), "".join(ch for ch in key if ch.isdigit())


def qr_spelling(value: str, payloads: Sequence[str]) -> str | None:
    """The QR code's number when the printed one, as read, differs from it by one letter of its series only
    («КИ 22341412» read for "KZ 22341412"): the same digits in the same order are the same number, its
    letter misread; a changed figure stays a disagreement."""
    letters, digits = _letters_and_digits(value)
    for number in qr_numbers(payloads):
        qr_letters, qr_digits = _letters_and_digits(number)
        if qr_digits != digits or len(digits) < 4 or len(qr_letters) != len(letters):
            continue
        if sum(a != b for a, b in zip(letters, qr_letters, strict=True)) == 1:
            return number
    return None
