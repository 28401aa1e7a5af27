"""Kazakh letters the Russian model cannot produce (Ә Ғ Қ Ң Ө Ұ Ү Һ І): recovering them from a Kazakh re-read."""

from __future__ import annotations

import re

KAZAKH_ONLY = frozenset("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
# each Kazakh letter and what a Russian-first OCR model reads in its place, folded to one key
_LOOK_ALIKES = str.maketrans({
    "Ә": "э", "ә": "э", "Э": "э", "э": "э", "А": "а", "а": "а",
    "Ғ": "г", "ғ": "г", "Г": "г", "г": "г",
    "Қ": "к", "қ": "к", "К": "к", "к": "к",
    "Ң": "н", "ң": "н", "Н": "н", "н": "н",
    "Ө": "о", "ө": "о", "О": "о", "о": "о",
    "Ұ": "у", "ұ": "у", "Ү": "у", "ү": "у", "У": "у", "у": "у",
    "Һ": "х", "һ": "х", "Х": "х", "х": "х",
    "І": "и", "і": "и", "И": "и", "и": "и", "I": "и", "i": "и",
})
_SPACES = re.compile(r"\s+")


def fold_kazakh(text: str) -> str:
    """Text with each Kazakh letter and its Russian look-alike mapped to one key, case and spacing folded."""
    return _SPACES.sub(" ", text.translate(_LOOK_ALIKES)).strip().casefold()


def with_kazakh_letters(value: str, kazakh_reading: str) -> str | None:
    """The Kazakh re-read when it is the same text as `value` except for Kazakh letters; None otherwise.

    Only letters that the Russian model has no glyph for may change, so a garbled re-read can never
    replace a good value, and a Russian name stays as it was (its re-read has no Kazakh-only letter)."""
    reading = _SPACES.sub(" ", kazakh_reading).strip()
    original = _SPACES.sub(" ", value).strip()
    if not KAZAKH_ONLY.intersection(reading) or len(reading) != len(original):
        return None
    if fold_kazakh(reading) != fold_kazakh(original):
        return None
    if any(old in KAZAKH_ONLY and new.casefold() != old.casefold() for new, old in zip(reading, original, strict=True)):
        return None  # never trade a Kazakh letter already read for its Russian look-alike
    restored = _keep_case(reading, original)
    return restored if restored != original else None


def _keep_case(reading: str, original: str) -> str:
    """The re-read's letters in the value's case (the field extractor may have normalised the case)."""
    return "".join(new.upper() if old.isupper() else new.lower() if old.islower() else new
                   for new, old in zip(reading, original, strict=True))
