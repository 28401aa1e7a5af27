"""Month names in Russian, Kazakh and English, tolerant of case endings and OCR damage."""

from __future__ import annotations

import re
from types import MappingProxyType

from rapidfuzz import fuzz

from extractors.fields.normalize import LATIN_TO_CYRILLIC, strip_diacritics_kk

# Stems that a Russian month word starts with (nominative, genitive, prepositional forms).
RU_STEMS: tuple[tuple[str, int], ...] = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5), ("мае", 5),
    ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
RU_FULL: tuple[tuple[str, int], ...] = (
    ("января", 1), ("февраля", 2), ("марта", 3), ("апреля", 4), ("мая", 5), ("июня", 6), ("июля", 7),
    ("августа", 8), ("сентября", 9), ("октября", 10), ("ноября", 11), ("декабря", 12),
    ("январь", 1), ("февраль", 2), ("апрель", 4), ("сентябрь", 9), ("октябрь", 10), ("ноябрь", 11),
    ("декабрь", 12),
)
# Kazakh month names; case endings (-нан, -ға, -дағы…) follow the stem.
KK_NAMES: tuple[tuple[str, int], ...] = (
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6),
    ("шілде", 7), ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11), ("желтоқсан", 12),
)
EN_NAMES: tuple[tuple[str, int], ...] = (
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
)
EN_ABBREVIATIONS = MappingProxyType({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
})
CASE_ENDING = re.compile(r"(?:[ндт][ае]н|[гқк][ае]|[дт][ае](?:ғы|гі)?|[ая]|е)")
MAX_ENDING = 6  # longest Kazakh/Russian case ending we accept after a month stem
FUZZY_MIN_SCORE = 80.0


def _exact(word: str) -> int | None:
    if word in EN_ABBREVIATIONS:
        return EN_ABBREVIATIONS[word]
    for name, month in EN_NAMES:
        if word.startswith(name) and len(word) <= len(name) + 2:
            return month
    bare = strip_diacritics_kk(word)
    for name, month in KK_NAMES:
        if bare.startswith(strip_diacritics_kk(name)) and len(word) <= len(name) + MAX_ENDING:
            return month
    for stem, month in RU_STEMS:
        if word.startswith(stem) and len(word) <= len(stem) + 4:
            return month
    return None


LONG_WORD, FUZZY_LONG_MIN_SCORE, FUZZY_LONG_MARGIN = 7, 72.0, 20.0


def _fuzzy(word: str) -> int | None:
    if len(word) < 4:
        return None
    cyrillic = word.translate(LATIN_TO_CYRILLIC)
    scores: dict[int, float] = {}
    candidates = [(cyrillic, name, m) for name, m in RU_FULL] + [(word, name, m) for name, m in EN_NAMES]
    candidates += [(strip_diacritics_kk(cyrillic), strip_diacritics_kk(name), m) for name, m in KK_NAMES]
    for probe, name, month in candidates:
        score = fuzz.ratio(probe, name)
        if CASE_ENDING.fullmatch(probe[len(name):]):
            score = max(score, fuzz.ratio(probe[: len(name)], name))
        scores[month] = max(scores.get(month, 0.0), score)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best_month, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= FUZZY_MIN_SCORE and best - runner_up >= 8:
        return best_month
    if len(word) >= LONG_WORD and best >= FUZZY_LONG_MIN_SCORE and best - runner_up >= FUZZY_LONG_MARGIN:
        return best_month  # two letters misread in a long name («behruary»), far from any other month
    return None


def month_of(word: str) -> tuple[int, float] | None:
    """The month a word names and how sure that is (1.0 exact, 0.8 fuzzy), or None."""
    cleaned = word.lower().strip(".,:;")
    if not cleaned.isalpha():
        return None
    exact = _exact(cleaned)
    if exact is not None:
        return exact, 1.0
    exact = _exact(cleaned.translate(LATIN_TO_CYRILLIC))
    if exact is not None:
        return exact, 0.95
    fuzzy = _fuzzy(cleaned)
    return (fuzzy, 0.8) if fuzzy is not None else None
