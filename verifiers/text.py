"""Script folding shared by the verifiers: Kazakh/Russian Cyrillic to a Latin skeleton, OCR look-alikes."""

from __future__ import annotations

import re
import unicodedata

_CYR_TO_LAT: dict[str, str] = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "і": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
# Latin letters that OCR reads inside Cyrillic words (and the reverse): same glyph, other script.
_LAT_LOOKALIKE_TO_CYR = str.maketrans("aeopcxykmthbABEKMHOPCTXY", "аеорсхукмтнвАВЕКМНОРСТХУ")
_CYR_LOOKALIKE_TO_LAT = str.maketrans("аеорсхукмтнвАВЕКМНОРСТХУіІ", "aeopcxykmthbABEKMHOPCTXYiI")


def lookalikes_as_latin(text: str) -> str:
    """Cyrillic letters that print like Latin ones written as Latin («Мауо» -> "Mayo")."""
    return text.translate(_CYR_LOOKALIKE_TO_LAT)


# Beyond the exact look-alikes, small Cyrillic letters whose print differs from a Latin one's by a serif or a
# stroke: Tesseract, let loose with Russian and Kazakh too, reads a Latin word in them («Ешгореап» for "European").
_CYR_SHAPE_TO_LAT = str.maketrans("гпшиьѕјһЅЈҺ", "rnuubsjhSJH")


def cyrillic_shapes_as_latin(text: str) -> str:
    """Every Cyrillic letter written as the Latin letter it is printed most like: a reading of Latin print that
    went to the wrong script, to try when the reading as it stands names nothing."""
    return lookalikes_as_latin(text).translate(_CYR_SHAPE_TO_LAT)


# Latin phonetic variants folded to one spelling (official passports, 2021 Kazakh Latin, English habits).
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("zh", "j"),
    ("kh", "h"),
    ("ts", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("q", "k"),
    ("w", "u"),
    ("x", "h"),
    ("y", "i"),
    ("ñ", "n"),
)
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def fix_mixed_script(word: str) -> str:
    """Map look-alike letters of the minority script in `word` to the majority script."""
    cyr = sum(_is_cyrillic(c) for c in word)
    lat = sum(c.isascii() and c.isalpha() for c in word)
    if cyr and lat:
        return word.translate(_LAT_LOOKALIKE_TO_CYR if cyr >= lat else _CYR_LOOKALIKE_TO_LAT)
    return word


def transliterate(word: str) -> str:
    """Cyrillic (Kazakh and Russian letters) to plain lowercase Latin; diacritics dropped."""
    out = "".join(_CYR_TO_LAT.get(c, c) for c in fix_mixed_script(word).lower())
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def skeleton(word: str, collapse: bool = True) -> str:
    """A spelling-insensitive Latin key: transliterated, phonetic variants folded, doubles collapsed."""
    key = transliterate(word)
    for source, target in _SKELETON_RULES:
        key = key.replace(source, target)
    return collapse_doubles(key) if collapse else key


def collapse_doubles(key: str) -> str:
    """Doubled letters to one ("Serikkyzy" and "Serikyzy" agree)."""
    return re.sub(r"(.)\1+", r"\1", key)


def words(text: str) -> list[str]:
    """Letter runs and digit runs of `text` (punctuation and quotes dropped)."""
    return _WORD.findall(text)
