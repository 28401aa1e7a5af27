"""Is the holder on a document the applicant? Names compared across Kazakh, Russian and Latin spellings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors.fields.normalize import fold_kazakh, is_cyrillic, strip_diacritics_kk
from verifiers.flags import HOLDER_MISMATCH, Flag, make_flag
from verifiers.text import collapse_doubles, skeleton, words

# One OCR slip in a 6+ letter name still passes (2*5/12 = 83 %); one changed letter in a 5-letter name
# (Marat / Murat = 80 %) does not, since that is more often another person than a misread.
TOKEN_MATCH_THRESHOLD = 82.0
# Patronymic endings (Kazakh -ұлы/-қызы, Russian -ович/-евич/-овна/-евна) after skeleton folding.
_PATRONYMIC_SUFFIX = re.compile(r"(?:kizi|uli|ovic|evic|ovna|evna|icna|inicna)$")


@dataclass(frozen=True)
class NameMatch:
    """Outcome of comparing two names: 0..100 score, decision, and which tokens were paired."""

    score: float
    is_match: bool
    pairs: tuple[tuple[str, str, float], ...]
    reason: str
    contradicts: bool = False  # some word pair disagrees (not merely too little of the name)


def _tokens(name: str) -> list[str]:
    out = []
    for word in words(name):
        if word.isdigit():
            continue
        key = skeleton(word, collapse=False)
        stem = _PATRONYMIC_SUFFIX.sub("", key)
        out.append(collapse_doubles(stem if len(stem) >= 3 else key))
    return out


# Two letters OCR read as one glyph, as printed and in skeleton spelling: «ік» read «ж» («Сержбай» for
# «Серікбай», fraud seeds 39090 and 56767).
_MERGED_LETTERS = (("ік", "ж"), ("ik", "j"))


def _ratio(a: str, b: str) -> float:
    """fuzz.ratio of two words, forgiving two letters OCR merged into one glyph."""
    score = fuzz.ratio(a, b)
    for letters, glyph in _MERGED_LETTERS:
        if letters in a or letters in b:
            score = max(score, fuzz.ratio(a.replace(letters, glyph), b.replace(letters, glyph)))
    return float(score)


def _token_score(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:  # an initial: "A." against "Aigerim"
        return 90.0 if a[0] == b[0] else 0.0
    return _ratio(a, b)


def _pair_tokens(short: list[str], long: list[str]) -> list[tuple[str, str, float]]:
    """Greedy one-to-one pairing, best scores first."""
    scored = sorted(
        ((_token_score(s, t), i, j) for i, s in enumerate(short) for j, t in enumerate(long)), reverse=True
    )
    used_s: set[int] = set()
    used_l: set[int] = set()
    pairs: list[tuple[str, str, float]] = []
    for score, i, j in scored:
        if i in used_s or j in used_l:
            continue
        used_s.add(i)
        used_l.add(j)
        pairs.append((short[i], long[j], score))
    return pairs


def _compare_tokens(doc: list[str], app: list[str]) -> NameMatch:
    short, long = (doc, app) if len(doc) <= len(app) else (app, doc)
    pairs = _pair_tokens(short, long)
    score = sum(p[2] for p in pairs) / len(short)
    weak = [p for p in pairs if p[2] < TOKEN_MATCH_THRESHOLD]
    full_words = sum(1 for a, b, _ in pairs if len(a) > 1 and len(b) > 1)
    if weak:
        return NameMatch(score, False, tuple(pairs), f"'{weak[0][0]}' does not match '{weak[0][1]}'", True)
    if full_words == 0 or len(short) < min(2, len(long)):
        return NameMatch(score, False, tuple(pairs), "too little of the name to identify the person")
    return NameMatch(score, True, tuple(pairs), "all words of the shorter name match")


def _pairs_joined(parts: list[str]) -> list[list[str]]:
    """`parts` with one pair of neighbouring words joined, for each such pair of words longer than a letter: OCR
    splits a word at a wide letter gap ("ADI LET" for "ADILET", «ЖЕН СУЛЫ» for «ЖЕҢІСҰЛЫ»)."""
    return [[*parts[:i], parts[i] + parts[i + 1], *parts[i + 2:]] for i in range(len(parts) - 1)
            if len(parts[i]) > 1 and len(parts[i + 1]) > 1]


def _one_split_mended(name: str) -> list[list[str]]:
    """The read name's tokens with one split word joined; joined before they are spelled, so that a patronymic's
    ending is still told once joined."""
    return [_tokens(" ".join(joined)) for joined in _pairs_joined(words(name))]


def _glyph_tokens(name: str) -> list[str]:
    """The name's words in Cyrillic with each Kazakh letter and the Russian letter OCR reads for it folded to one
    key; in capitals first, so that a serif capital І read as Т («ТЕМТРЛАН» for «ТЕМІРЛАН») folds too."""
    return [collapse_doubles(fold_kazakh(word.upper())) for word in words(name) if not word.isdigit()]


def compare_names(document_name: str, applicant_name: str) -> NameMatch:
    """Every word of the shorter name must pair with a word of the longer one (initials pair with a word that
    starts with them); a lone surname is not enough. A word of the read name split in two by OCR is joined. Two
    Cyrillic names are compared again with the Kazakh letters and their Russian look-alikes folded: spelled in
    Latin, «ЭБЛТРАИМОВ» (Ә read Э, Д read Л, І read Т) is three letters from «Әбдіраимов», folded only one."""
    doc, app = _tokens(document_name), _tokens(applicant_name)
    if not doc or not app:
        return NameMatch(0.0, False, (), "a name is empty")
    match = _compare_tokens(doc, app)
    if match.is_match or not match.contradicts:
        return match
    mended = (_compare_tokens(variant, app) for variant in _one_split_mended(document_name))
    match = next((m for m in mended if m.is_match), match)
    if match.is_match or _script(document_name) != "cyrillic" or _script(applicant_name) != "cyrillic":
        return match
    folded = _compare_tokens(_glyph_tokens(document_name), _glyph_tokens(applicant_name))
    return folded if folded.is_match else match


def best_name_match(document_name: str, applicant_names: Sequence[str]) -> NameMatch:
    """Compare with each of the applicant's spellings (full_name, latin_name) in the document's script, or each
    when none is: a match needs one spelling to agree and none to contradict (a shorter Latin name must not hide a
    different patronymic). A name read in Cyrillic is not held to the Latin spelling when a Cyrillic one is
    given: the Latin one only transliterates it, and a Kazakh letter misread («ЭБДЛРАИМОВА») is one slip from
    the Cyrillic spelling but two from "ABDIRAIMOVA"."""
    given = [n for n in applicant_names if n and n.strip()]
    in_script = [n for n in given if _script(n) == _script(document_name)]
    results = [compare_names(document_name, n) for n in in_script or given]
    if not results:
        return NameMatch(0.0, False, (), "no applicant name given")
    contradictions = [m for m in results if m.contradicts]
    if contradictions:
        return min(contradictions, key=lambda m: m.score)
    return max(results, key=lambda m: (m.is_match, m.score))


def holder_flag(document_name: str | None, applicant_names: Sequence[str]) -> Flag | None:
    """HOLDER_MISMATCH when the holder is not the applicant; None when it is or nothing was read."""
    if not document_name or not document_name.strip():
        return None
    match = best_name_match(document_name, applicant_names)
    if match.is_match:
        return None
    return make_flag(
        HOLDER_MISMATCH,
        f"the document is issued to {document_name!r}, the applicant is {applicant_names[0]!r}",
        {
            "document": document_name,
            "applicant": list(applicant_names),
            "score": round(match.score, 1),
            "reason": match.reason,
        },
    )


MAX_SLIPS_PER_WORD = 2  # letters OCR may have misread in one word for the applicant's spelling to stand in


def _script(text: str) -> str:
    return "cyrillic" if any(is_cyrillic(ch) for ch in text) else "latin"


def _as_applicant_word(read: str, declared: str) -> str | None:
    """The applicant's word in the read word's case when the two differ by a few misread letters (a Kazakh letter
    read as its Russian look-alike is no slip); None when they differ more, or only by Kazakh letters' marks (the
    print may well spell «Жаксыбекова» the Russian way)."""
    a, b = read.casefold(), declared.casefold()
    folded_a, folded_b = fold_kazakh(read.upper()), fold_kazakh(declared.upper())
    slips = min(Levenshtein.distance(a, b), Levenshtein.distance(folded_a, folded_b))
    if slips > MAX_SLIPS_PER_WORD or max(_ratio(a, b), _ratio(folded_a, folded_b)) < TOKEN_MATCH_THRESHOLD:
        return None
    if a != b and strip_diacritics_kk(a) == strip_diacritics_kk(b):
        return None
    return declared.upper() if read.isupper() else declared


def _word_for_word(read: list[str], declared: list[str]) -> str | None:
    """`read` spelled as `declared` when each read word pairs with a declared one a few slips away."""
    if len(declared) != len(read):
        return None
    pairs = _pair_tokens(read, declared)  # greedy best pairs; the order of the words as printed is kept
    words_as_applicant = {r: _as_applicant_word(r, d) for r, d, _ in pairs}
    if len(pairs) != len(read) or not all(words_as_applicant.values()):
        return None
    return " ".join(words_as_applicant[word] or word for word in read)


def spelled_as_applicant(document_name: str | None, applicant_names: Sequence[str]) -> str | None:
    """The read holder name in the applicant's spelling when it is the applicant's name, word for word in the same
    script, with a few letters misread («Кузнеиова» for «Кузнецова») or one word split in two («ЖЕН СУЛЫ» for
    «ЖЕҢІСҰЛЫ»); None when nothing would change."""
    if not document_name or not best_name_match(document_name, applicant_names).is_match:
        return None
    read = document_name.split()
    joined = _pairs_joined(read)
    for declared in (n.split() for n in applicant_names if n and _script(n) == _script(document_name)):
        spelled = next((found for words_read in (read, *joined)
                        if (found := _word_for_word(words_read, declared)) is not None), None)
        if spelled is not None:
            return spelled if spelled != document_name else None
    return None


def read_as_applicant(document_name: str | None, applicant_names: Sequence[str]) -> bool:
    """Whether the read holder name is, word for word and letter for letter (case aside), made of one of the
    applicant's spellings, at least two words of it: the applicant's own name then vouches for an unsure reading."""
    read = [word.casefold() for word in (document_name or "").split()]
    return len(read) >= 2 and any(set(read) <= {word.casefold() for word in name.split()}
                                  for name in applicant_names if name)
