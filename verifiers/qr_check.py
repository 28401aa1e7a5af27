"""QR_MISMATCH: the data carried by a QR code (URL query, key=value, JSON, plain text) against the printed fields."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from rapidfuzz import fuzz

from verifiers.flags import QR_MISMATCH, Flag, make_flag
from verifiers.text import skeleton, words

# Payload keys (lower-cased, separators dropped) naming each comparable field.
_KEY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "cert_number": ("n", "no", "nr", "num", "number", "cert", "certno", "certnumber", "certificate",
                    "certificateno", "certificatenumber", "certnum", "serial", "regno", "regnumber",
                    "номер", "нөмір", "№", "сертификат", "certid"),
    "holder_name": ("name", "fio", "holder", "holdername", "fullname", "student", "listener", "фио",
                    "аты-жөні", "атыжөні", "слушатель", "фамилия", "owner"),
    "hours": ("hours", "h", "hrs", "часов", "часы", "сағат", "volume", "объем", "объём", "credits_hours"),
    "start_date": ("start", "startdate", "from", "datefrom", "begin", "datestart", "начало"),
    "end_date": ("end", "enddate", "to", "dateto", "finish", "dateend", "окончание"),
    "issue_date": ("date", "issuedate", "issued", "dateissue", "дата", "датавыдачи", "берілгенкүні"),
}
_KEY_TO_FIELD: Mapping[str, str] = {alias: name for name, aliases in _KEY_ALIASES.items() for alias in aliases}
# After a "№"/"No." label: an optional short letter prefix, then a token with digits ("№ 0012345 от 26.02.2024").
_NUMBER_IN_TEXT = re.compile(r"(?:№|\bN[oº°]?\.?|\bNr\.?)\s*((?:[A-Za-zА-Яа-я]{1,4}[-\s]?)?\d[\dA-Za-z\-/]*)")
_HOURS_IN_TEXT = re.compile(r"(\d{1,4})\s*(?:ак\.?\s*)?(?:час|сағ|hours?\b|hrs?\b|h\b)", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_NAME_LINE = re.compile(r"^\s*([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі'-]+(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'.-]*){1,3})\s*$",
                        re.MULTILINE)
# A plain-text line is taken for a person's name only with a surname or patronymic ending.
_PERSON_ENDING = re.compile(
    r"(?:ов|ев|ёв|ова|ева|ин|ина|ич|вна|ұлы|қызы|улы|кызы|ov|ev|ova|eva|in|ina|ich|vna|uly|kyzy)$", re.IGNORECASE
)
# OCR / typing look-alikes folded before comparing numbers.
_NUMBER_FOLD = str.maketrans({"O": "0", "О": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "l": "1",
                              "S": "5", "B": "8", "Z": "2"})
_NUMBER_LABEL = re.compile(r"^(?:№|N[oº°]?\.?|NR\.?|НОМЕР|NUMBER|CERT(?:IFICATE)?)\s*", re.IGNORECASE)


def _norm_key(key: str) -> str:
    return re.sub(r"[\s_\-.]", "", key.strip().lower())


def _put(found: dict[str, str], key: str, value: object) -> None:
    name = _KEY_TO_FIELD.get(_norm_key(key))
    text = str(value).strip() if value is not None else ""
    if name and text and name not in found:
        found[name] = text


def _from_pairs(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in pairs:
        _put(found, key, value)
    return found


def _from_json(payload: str) -> dict[str, str] | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    found: dict[str, str] = {}
    stack: list[Mapping[str, object]] = [data]
    while stack:
        current = stack.pop()
        for key, value in current.items():
            if isinstance(value, dict):
                stack.append(value)
            elif not isinstance(value, list):
                _put(found, str(key), value)
    return found


def _from_plain_text(payload: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if m := _NUMBER_IN_TEXT.search(payload):
        found["cert_number"] = m.group(1).strip()
    if m := _HOURS_IN_TEXT.search(payload):
        found["hours"] = m.group(1)
    for line in payload.splitlines():
        m = _NAME_LINE.match(line)
        if m and not any(ch.isdigit() for ch in line) and any(_PERSON_ENDING.search(w) for w in words(line)):
            found["holder_name"] = m.group(1)
            break
    return found


def parse_qr_payload(payload: str) -> dict[str, str]:
    """The comparable fields (cert_number, holder_name, hours, *_date) a QR payload carries, as raw strings."""
    text = payload.strip()
    if text.startswith("{"):
        parsed = _from_json(text)
        if parsed is not None:
            return parsed
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        return _from_pairs(parse_qsl(urlsplit(text).query, keep_blank_values=False))
    separated = [p for p in re.split(r"[;&\n|]", text) if re.match(r"^\s*[^=:]{1,30}[=:]", p)]
    if separated:
        pairs = [re.split(r"\s*[=:]\s*", p.strip(), maxsplit=1) for p in separated]
        found = _from_pairs([(pair[0], pair[1]) for pair in pairs if len(pair) == 2])
        if found:
            for name, value in _from_plain_text(text).items():
                found.setdefault(name, value)
            return found
    return _from_plain_text(text)


def normalize_number(text: str) -> str:
    """Certificate number key: label and punctuation dropped, look-alikes folded, leading zeros dropped."""
    cleaned = _NUMBER_LABEL.sub("", text.strip().upper())
    key = re.sub(r"[^0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", "", cleaned).translate(_NUMBER_FOLD)
    return key.lstrip("0") or key


def _parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None


def _name_tokens(name: str) -> list[str]:
    return [skeleton(w) for w in words(name) if not w.isdigit()]


def names_agree(first: str, second: str) -> bool:
    """Every word of the shorter name matches a word (or, for an initial, the first letter) of the longer."""
    a, b = _name_tokens(first), _name_tokens(second)
    if not a or not b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    for token in short:
        if len(token) == 1:
            ok = any(t.startswith(token) for t in long)
        else:
            ok = any(fuzz.ratio(token, t) >= 80 for t in long)
        if not ok:
            return False
    return True


def _printed(value: object) -> object:
    return getattr(value, "value", value)


def values_agree(field: str, qr_value: str, printed: object) -> bool | None:
    """True/False when both sides can be compared for `field`; None when either is unusable."""
    printed_text = str(printed).strip()
    if not printed_text:
        return None
    if field == "cert_number":
        qr_key, printed_key = normalize_number(qr_value), normalize_number(printed_text)
        return None if not qr_key or not printed_key else qr_key == printed_key
    if field == "holder_name":
        return names_agree(qr_value, printed_text)
    if field == "hours":
        qr_hours, printed_hours = re.search(r"\d+(?:[.,]\d+)?", qr_value), re.search(r"\d+(?:[.,]\d+)?", printed_text)
        if not qr_hours or not printed_hours:
            return None
        return float(qr_hours.group().replace(",", ".")) == float(printed_hours.group().replace(",", "."))
    qr_date, printed_date = _parse_date(qr_value), _parse_date(printed_text)
    return None if qr_date is None or printed_date is None else qr_date == printed_date


def qr_findings(payloads: Sequence[str], fields: Mapping[str, object]) -> tuple[Flag, ...]:
    """QR_MISMATCH flags, one per field on which a QR payload disagrees with the printed (extracted) value."""
    flags: list[Flag] = []
    for payload in payloads:
        for field, qr_value in parse_qr_payload(payload).items():
            printed = _printed(fields.get(field))
            if printed is None or values_agree(field, qr_value, printed) is not False:
                continue
            flags.append(make_flag(
                QR_MISMATCH,
                f"the QR code gives {field} {qr_value!r}, the document shows {printed!r}",
                {"field": field, "qr_value": qr_value, "printed_value": printed, "payload": payload},
            ))
    return tuple(flags)
