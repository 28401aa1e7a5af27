"""Kazakh letters the Russian model cannot produce (Ә Ғ Қ Ң Ө Ұ Ү Һ І): recovering them from a Kazakh re-read."""

from __future__ import annotations

import dataclasses

import numpy as np

from extractors.fields.normalize import fold_kazakh, russian_spelling
from extractors.preprocess import field_crop
from extractors.tesseract import TesseractEngine
from extractors.types import FieldValue, PageText

KAZAKH_ONLY = frozenset("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
RUSSIAN_LOOK_ALIKES = frozenset("ЭэГгКкНнОоУуХхИиIТ")  # what the Russian model prints for a Kazakh letter
_NO_DOTS = str.maketrans("Ёё", "Ее")
_VOWELS = frozenset("АЕЁИОУЫЭЮЯӘӨҰҮІаеёиоуыэюяәөұүі")
MAX_DROPPED = 2  # Kazakh-only letters a field's first reading may have left out altogether


def _same_letter(printed: str, kazakh: str, first_syllable: bool) -> bool:
    """Whether the Russian model's letter may stand for the Kazakh model's one. Ө is read as О, and in a word's
    first syllable, the only one where Kazakh vowel harmony puts it in names («Төлеген»), as Е too."""
    return fold_kazakh(printed) == fold_kazakh(kazakh) or (kazakh in "Өө" and printed in "Ее" and first_syllable)


def _first_syllables(value: str) -> list[bool]:
    """For each letter of `value`, whether no vowel comes before it in its word."""
    flags, seen_vowel = [], False
    for char in value:
        if not char.isalpha():
            seen_vowel = False
            continue
        flags.append(not seen_vowel)
        seen_vowel = seen_vowel or char in _VOWELS
    return flags


def _doubled(letter: str, before: str, after: list[str]) -> bool:
    """Whether a letter to insert repeats its neighbour («Әәбдіраимова»): one glyph read twice, not one left out."""
    return any(fold_kazakh(letter) == fold_kazakh(other) for other in (before, *after) if other)


def _aligned(letters: list[str], kazakh: list[str], first: list[bool]) -> list[tuple[int, str]] | None:
    """(index into `letters` the Kazakh letter goes before or replaces, letter) pairs, or None when the two
    spell different words: each letter must match one of the re-read, which may hold Kazakh-only letters the
    first reading dropped («Эбдраимов» / «Әбдіраимов»)."""
    pairs: list[tuple[int, str]] = []
    position = 0
    for letter in kazakh:
        if position < len(letters) and _same_letter(letters[position], letter, first[position]):
            pairs.append((position, letter))
            position += 1
        elif letter in KAZAKH_ONLY and len(pairs) + 1 - position <= MAX_DROPPED \
                and not _doubled(letter, pairs[-1][1] if pairs else "", letters[position:position + 1]):
            pairs.append((-1 - position, letter))  # inserted before letters[position]
        else:
            return None
    return pairs if position == len(letters) else None


def with_kazakh_letters(value: str, kazakh_reading: str) -> str | None:
    """`value` with the Kazakh letters of the re-read put in, when both spell the same letters otherwise.

    Only letters that the Russian model has no glyph for may change or be added; spacing and punctuation stay as
    in `value`. A garbled re-read can never replace a good value, and a Russian name stays as it was."""
    where = [index for index, char in enumerate(value) if char.isalpha()]
    pairs = _aligned([value[i] for i in where], [char for char in kazakh_reading if char.isalpha()],
                     _first_syllables(value))
    if pairs is None or not where:
        return None
    restored, inserted = list(value), dict[int, str]()
    for slot, new in pairs:
        if slot < 0:  # a letter the first reading left out, before letters[-1 - slot] (or after the last)
            at = -1 - slot
            index = where[at] if at < len(where) else where[-1] + 1
            case_of = value[where[min(at, len(where) - 1)]]
            inserted[index] = inserted.get(index, "") + (new.upper() if case_of.isupper() else new.lower())
            continue
        old = value[where[slot]]
        if old in KAZAKH_ONLY and new.casefold() != old.casefold():
            return None  # never trade a Kazakh letter already read for its Russian look-alike
        if new in KAZAKH_ONLY:
            restored[where[slot]] = new.upper() if old.isupper() else new.lower()
    restored = [inserted.get(index, "") + char for index, char in enumerate(restored)]
    restored.append(inserted.get(len(value), ""))
    result = "".join(restored)
    return result if result != value else None


def with_yo(value: str, russian_reading: str) -> str | None:
    """`value` with «ё» where the Russian re-read has it and `value` has «е», when the re-read holds the same
    letters otherwise (a label the crop took in may come before): read with the Kazakh model too, a page drops
    the two dots («Соловьёв» read «Соловьев»), the Russian model alone on the name's crop keeps them."""
    letters = [index for index, char in enumerate(value) if char.isalpha()]
    reread = "".join(char for char in russian_reading if char.isalpha())
    folded_value = "".join(value[index] for index in letters).translate(_NO_DOTS)
    at = reread.translate(_NO_DOTS).find(folded_value)
    if not letters or at < 0:
        return None
    restored = list(value)
    for index, new in zip(letters, reread[at:at + len(letters)], strict=True):
        if new in "Ёё" and value[index] in "Ее":
            restored[index] = "Ё" if value[index].isupper() else "ё"
    result = "".join(restored)
    return result if result != value else None


def restore_field(value: FieldValue, page: PageText, image: np.ndarray, engine: TesseractEngine,
                  word_by_word: bool = True, yo: bool = False) -> FieldValue:
    """A field read on a Cyrillic OCR page, with the Kazakh letters a Kazakh-only re-read finds put back.

    The whole field is re-read first; when that re-read differs in other letters too (the Kazakh model misreads
    some Russian letters), each of the field's words is re-read on its own. With `yo` (names), the field is
    read again with the Russian model alone for the «ё» the page's reading took for «е»."""
    if not isinstance(value.value, str) or value.box is None or page.source != "ocr" \
            or "rus" not in (page.language_hint or ""):
        return value
    crop = field_crop(image, value.box)
    restored = with_kazakh_letters(value.value, engine.ocr_block_text(crop, "kaz"))
    if restored is None and word_by_word:
        restored = value.value
        for word in page.words_in(value.box):
            if word.text in restored and RUSSIAN_LOOK_ALIKES.intersection(word.text):
                better = with_kazakh_letters(word.text, engine.ocr_word(field_crop(image, word.box), "kaz")[0])
                restored = restored.replace(word.text, better, 1) if better else restored
    current = restored or value.value
    if yo and any(char in "Ее" for char in current):
        current = with_yo(current, engine.ocr_block_text(crop, "rus")) or current
    if yo:  # a Russian name gets no Kazakh letter («Кузнецова» must not become «Күзнецова»); a Kazakh title built
        # on a Russian root may («медициналық»)
        current = " ".join(russian_spelling(word) for word in current.split(" "))
    return value if current == value.value else dataclasses.replace(value, value=current)
