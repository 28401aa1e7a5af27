"""TRANSLATION_MISSING: documents in a language other than Kazakh or Russian with no translation in the submission."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from verifiers.qr_check import names_agree, normalize_number
from verifiers.text import skeleton, words

OFFICIAL_LANGUAGES: frozenset[str] = frozenset({"kk", "ru"})
_TRANSLATION_WORDS = re.compile(r"перев[оеё]д|переведен|аударма|аударыл|нотариус", re.IGNORECASE)
_DATE_FIELDS: tuple[str, ...] = ("start_date", "end_date", "issue_date")


@dataclass(frozen=True)
class PageLanguage:
    """One page of a document: its detected language and its text."""

    language: str | None
    text: str


@dataclass(frozen=True)
class TranslationCandidate:
    """A document of the submission as the translation check needs it."""

    doc_id: str
    language: str | None
    doc_type: str
    fields: Mapping[str, object] = field(default_factory=dict)
    text: str = ""
    pages: tuple[PageLanguage, ...] = ()


def _value(fields: Mapping[str, object], name: str) -> str | None:
    raw = getattr(fields.get(name), "value", fields.get(name))
    text = str(raw).strip() if raw is not None else ""
    return text or None


def needs_translation(doc: TranslationCandidate) -> bool:
    """Documents with a known main language other than Kazakh or Russian (translations themselves never)."""
    return bool(doc.language) and doc.language not in OFFICIAL_LANGUAGES and doc.doc_type != "translation"


def _is_translation(doc: TranslationCandidate) -> bool:
    if doc.language not in OFFICIAL_LANGUAGES:
        return False
    return doc.doc_type == "translation" or bool(_TRANSLATION_WORDS.search(doc.text))


def _hours(text: str | None) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)?", text or "")
    return float(m.group().replace(",", ".")) if m else None


STRONG_MATCH = 2  # the same number, or the same dates and hours
NAME_MATCH = 1  # only the holder's name: every translation in an applicant's submission shares it


def match_strength(original: Mapping[str, object], translation: Mapping[str, object]) -> int:
    """STRONG_MATCH, NAME_MATCH, or 0 when the translation's fields do not repeat the original's."""
    number_a, number_b = _value(original, "cert_number"), _value(translation, "cert_number")
    if number_a and number_b and normalize_number(number_a) == normalize_number(number_b):
        return STRONG_MATCH
    shared_dates = [n for n in _DATE_FIELDS if _value(original, n) and _value(translation, n)]
    hours_a, hours_b = _hours(_value(original, "hours")), _hours(_value(translation, "hours"))
    if shared_dates and hours_a is not None and hours_a == hours_b and all(
        _value(original, n) == _value(translation, n) for n in shared_dates
    ):
        return STRONG_MATCH
    name_a, name_b = _value(original, "holder_name"), _value(translation, "holder_name")
    return NAME_MATCH if name_a and name_b and len(words(name_a)) >= 2 and names_agree(name_a, name_b) else 0


def fields_match(original: Mapping[str, object], translation: Mapping[str, object]) -> bool:
    """Same certificate number, or same dates and hours, or the same holder across scripts."""
    return match_strength(original, translation) > 0


def _page_translates(page: PageLanguage, original: Mapping[str, object]) -> bool:
    """A later Kazakh/Russian page that says it is a translation or repeats the number or the holder's name."""
    if page.language not in OFFICIAL_LANGUAGES:
        return False
    if _TRANSLATION_WORDS.search(page.text):
        return True
    number = _value(original, "cert_number")
    if number and normalize_number(number) in {normalize_number(w) for w in re.findall(r"\S+", page.text)}:
        return True
    name = _value(original, "holder_name")
    if not name:
        return False
    page_keys = {skeleton(w) for w in words(page.text)}
    name_keys = [skeleton(w) for w in words(name) if not w.isdigit()]
    return len(name_keys) >= 2 and all(k in page_keys for k in name_keys)


def _translated_within(doc: TranslationCandidate, pages: Sequence[PageLanguage]) -> bool:
    return any(_page_translates(page, doc.fields) for page in pages[1:])


def _pair_translations(originals: Sequence[TranslationCandidate],
                       translations: Sequence[TranslationCandidate]) -> set[str]:
    """Ids of originals that get a translation of their own: each translation covers one original, and a
    translation repeating an original's number or dates is given to it before any that only shares the name."""
    covered: set[str] = set()
    used: set[str] = set()
    for strength in (STRONG_MATCH, NAME_MATCH):
        for doc in originals:
            if doc.doc_id in covered:
                continue
            match = next((t for t in translations if t.doc_id not in used and t.doc_id != doc.doc_id
                          and match_strength(doc.fields, t.fields) == strength), None)
            if match is not None:
                covered.add(doc.doc_id)
                used.add(match.doc_id)
    return covered


def untranslated_documents(
    docs: Sequence[TranslationCandidate], pages: Mapping[str, Sequence[PageLanguage]] | None = None
) -> tuple[str, ...]:
    """Ids of foreign-language documents with no matching translation (another document or a later page).

    `pages` maps a document id to its pages (language and text) when not given on the candidate itself."""
    originals = [d for d in docs if needs_translation(d)
                 and not _translated_within(d, d.pages or tuple((pages or {}).get(d.doc_id, ())))]
    covered = _pair_translations(originals, [d for d in docs if _is_translation(d)])
    return tuple(d.doc_id for d in originals if d.doc_id not in covered)
