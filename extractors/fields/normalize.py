"""Normalisation of OCR text: look-alike folding, digit fixes inside numbers, quotes, dashes, whitespace."""

from __future__ import annotations

import re
from types import MappingProxyType

LATIN_TO_CYRILLIC = str.maketrans(
    "aeopcxykmthbiABCEHKMOPTXYI", "аеорсхукмтнвіАВСЕНКМОРТХУІ"
)
CYRILLIC_TO_LATIN = str.maketrans(
    "аеорсхукмтнвіАВСЕНКМОРТХУІ", "aeopcxykmthbiABCEHKMOPTXYI"
)
CYRILLIC_LOOKALIKES = frozenset("аеорсхукмтнвіАВСЕНКМОРТХУІ")
LATIN_LOOKALIKES = frozenset("aeopcxykmthbiABCEHKMOPTXYI")
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Letters that OCR commonly returns for a digit when the surrounding characters are digits.
DIGIT_LOOKALIKES = MappingProxyType({
    "O": "0", "o": "0", "О": "0", "о": "0", "Ө": "0", "ө": "0", "D": "0", "Q": "0",
    "З": "3", "з": "3", "б": "6", "l": "1", "I": "1", "|": "1", "і": "1", "S": "5", "B": "8",
})
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
QUOTES = "«»“”„‟\"'‘’‚‹›`"
_DASH_TABLE = str.maketrans({ch: "-" for ch in DASHES})
# Letters of other Cyrillic alphabets that Tesseract's kaz model returns for Kazakh/Russian ones.
_FOREIGN_CYRILLIC = str.maketrans("ҡҠҙҘҫҪӊӈґҐїЇєЄўЎӏѐ", "кКзЗсСңңгГіІеЕуУіе")
_SEGMENT = re.compile(r"[^\W_]+|\|")
_SPACES = re.compile(r"\s+")
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
    "Т": "и",  # a serif capital І, its serifs read as Т's bar («ЭБДТРАИМОВА» for «ӘБДІРАИМОВА»)
})
MIN_SCRIPT_LETTERS = 4  # distinctive letters a line needs before its script decides for look-alike words


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def fold_script(word: str) -> str:
    """Fold look-alike letters of a mixed-script word into the script its other letters clearly use."""
    letters = [ch for ch in word if ch.isalpha()]
    cyr_only = [ch for ch in letters if is_cyrillic(ch) and ch not in CYRILLIC_LOOKALIKES]
    lat_only = [ch for ch in letters if is_latin(ch) and ch not in LATIN_LOOKALIKES]
    has_cyr = any(is_cyrillic(ch) for ch in letters)
    has_lat = any(is_latin(ch) for ch in letters)
    if not (has_cyr and has_lat):
        return word
    if cyr_only and not lat_only:
        return word.translate(LATIN_TO_CYRILLIC)
    if lat_only and not cyr_only:
        return word.translate(CYRILLIC_TO_LATIN)
    cyr_count = sum(1 for ch in letters if is_cyrillic(ch))
    if not lat_only and not cyr_only:
        # Only look-alikes on both sides: the majority decides.
        return word.translate(LATIN_TO_CYRILLIC if cyr_count * 2 >= len(letters) else CYRILLIC_TO_LATIN)
    return word


def _fold_digit_segment(segment: str) -> str:
    digits = sum(ch.isdigit() for ch in segment)
    others = [ch for ch in segment if not ch.isdigit()]
    if digits < 1 or not others or any(ch not in DIGIT_LOOKALIKES for ch in others):
        return segment
    if len(others) > digits or len(others) > 2:
        return segment
    return "".join(DIGIT_LOOKALIKES.get(ch, ch) for ch in segment)


def fold_digits(word: str) -> str:
    """Turn O/З/б/l… into digits inside alphanumeric runs that are otherwise digits (2О24 → 2024)."""
    return _SEGMENT.sub(lambda m: _fold_digit_segment(m.group(0)), word)


_KAZAKH_I_MISREAD = re.compile(r"(?<=[\u0400-\u04ff])[1!|](?=[\u0400-\u04ff]|[»\"”.,;:)]*$)")


def fold_kazakh_i(word: str) -> str:
    """«сәу1р», «университет!», «ӘБД!РАИМОВА» → «сәуір», «университеті», «ӘБДІРАИМОВА»: OCR reads the Kazakh і as
    1, ! or |; in capitals (the letter before a capital, none small after) it is the capital І."""
    letters = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    if letters < 3 or any(ch.isdigit() and ch != "1" for ch in word):
        return word

    def letter(found: re.Match[str]) -> str:
        after = word[found.end():found.end() + 1]
        return "І" if word[found.start() - 1].isupper() and not after.islower() else "і"

    return _KAZAKH_I_MISREAD.sub(letter, word)


_QUOTED_DAY = re.compile(r"^([«\"“])([^\W_]{1,2})([»\"”])$")


def _fold_quoted_day(word: str) -> str:
    """«Об» → «06»: a day in quotes («06» марта) read with letters only; two letters alone are never quoted."""
    match = _QUOTED_DAY.match(word)
    if match is None or not all(ch.isdigit() or ch in DIGIT_LOOKALIKES for ch in match.group(2)):
        return word
    return match.group(1) + "".join(DIGIT_LOOKALIKES.get(ch, ch) for ch in match.group(2)) + match.group(3)


def normalize_word(word: str) -> str:
    """Normalise one OCR word: dashes, script folding, digit folding. Quotes are kept as printed."""
    text = _fold_quoted_day(word.translate(_FOREIGN_CYRILLIC).replace("\u00a0", " ").strip())
    if any(ch.isalnum() for ch in text):  # a dash standing alone («Charité – Berlin») is kept as printed
        text = text.translate(_DASH_TABLE)
    text = fold_kazakh_i(fold_script(text))
    return fold_digits(text)


def fold_lookalike_words(words: list[str]) -> list[str]:
    """Words written only in Cyrillic letters that Latin shares («Мауо» in "Мауо Clinic School") put into Latin
    when the rest of the line is clearly Latin; words with digits (numbers) are left alone. (Not the other way:
    a Latin name such as "KIM" in a Russian sentence is printed in Latin.)"""
    latin = sum(1 for word in words for ch in word if is_latin(ch) and ch not in LATIN_LOOKALIKES)
    cyrillic = sum(1 for word in words for ch in word if is_cyrillic(ch) and ch not in CYRILLIC_LOOKALIKES)
    if latin < MIN_SCRIPT_LETTERS or cyrillic * 3 > latin:
        return words
    return [word.translate(CYRILLIC_TO_LATIN) if not any(ch.isdigit() for ch in word)
            and any(ch.isalpha() for ch in word) and all(ch in CYRILLIC_LOOKALIKES for ch in word if ch.isalpha())
            else word for word in words]


def normalize_text(text: str) -> str:
    """Normalise a line or block of text word by word and collapse whitespace."""
    return " ".join(normalize_word(w) for w in _SPACES.split(text.strip()) if w)


def rulings_as_spaces(text: str) -> str:
    """A table's rulings, which OCR reads as «|» or «_» («12 |\n| | академических часов», «6\n_ академических
    часов»), as spaces: the same length, so positions in `text` stay."""
    return text.replace("|", " ").replace("_", " ")


def unquote(text: str) -> str:
    """Replace every kind of quote by a space and every dash by "-" (same length), for matching."""
    return "".join(" " if ch in QUOTES else ch for ch in text).translate(_DASH_TABLE)


# Kazakh letters (and ё) whose marks OCR drops, or that a Russian spelling of the same word writes without them
_KAZAKH_MARKS = str.maketrans("әғқңөұүһіёӘҒҚҢӨҰҮҺІЁ", "агкноуухиеАГКНОУУХИЕ")


# Letters no Kazakh word has: a word holding one is Russian, and a Kazakh letter in it is a misreading
RUSSIAN_ONLY_LETTERS = frozenset("цщъьёЦЩЪЬЁ")
_KAZAKH_LETTERS_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def russian_spelling(word: str) -> str:
    """«Күзнецова» → «Кузнецова»: a word with a letter no Kazakh word has, its Kazakh letters as their Russian
    look-alikes (read with the Kazakh model too, a faded Russian name can come back with one)."""
    return word.translate(_KAZAKH_LETTERS_TO_RUSSIAN) if RUSSIAN_ONLY_LETTERS.intersection(word) else word


def strip_diacritics_kk(text: str) -> str:
    """Kazakh letters (and ё) as their closest Russian letters: «Жақсыбекова Әйгерім» -> «Жаксыбекова Айгерим»."""
    return text.translate(_KAZAKH_MARKS)


def clean_value(text: str) -> str:
    """Collapse whitespace and strip separators around an extracted value."""
    return _SPACES.sub(" ", text).strip(" \t,;:-")


def fold_kazakh(text: str) -> str:
    """Text with each Kazakh letter and its Russian look-alike mapped to one key, case and spacing folded."""
    return _SPACES.sub(" ", text.translate(_LOOK_ALIKES)).strip().casefold()
