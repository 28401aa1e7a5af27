"""Match an issuer name as read from a document to a registered organization, and check its accreditation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from extractors.fields.normalize import strip_diacritics_kk
from verifiers.flags import ISSUER_NOT_ACCREDITED, ISSUER_UNKNOWN, Flag, make_flag
from verifiers.registry import Organization
from verifiers.text import cyrillic_shapes_as_latin, lookalikes_as_latin, skeleton, words

# token_sort_ratio on normalised names; below this an issuer is unknown, not forced onto the nearest name.
MATCH_THRESHOLD = 88.0
# A BIN printed on the document that belongs to one registered organization identifies it when the read name
# agrees this far with one of its names: OCR garbled a word («MedSkills» → «МеЯ$КИ$»), the BIN stayed exact. A
# forger who prints a real BIN under another name stays below it and gets ISSUER_UNKNOWN.
BUSINESS_ID_AGREEMENT = 70.0
# A short abbreviation one letter apart from the read name agrees with it when something else (a printed BIN, the
# certificate register) singles the organization out: at 3 letters one letter is a third of the ratio.
MIN_ABBREVIATION_LETTERS = 3
# A name cut at a line break still matches when this many of its words, and this share of them, were read.
MIN_TRUNCATED_TOKENS = 3
MIN_TRUNCATED_SHARE = 0.6
# A space OCR added inside a word may stand for this many letters it lost there (a thin stroke, a fold).
LETTERS_PER_ADDED_SPACE = 2
# Query tokens found in more names than this do not narrow the search ("university", "clinic").
_COMMON_TOKEN_POSTINGS = 400
# Legal forms and naming words, as skeleton keys (Russian, Kazakh, English; with OCR-folded spellings).
_NOISE_WORDS = frozenset(
    skeleton(w)
    for w in (
        "нао",
        "ао",
        "ргп",
        "на",
        "пхв",
        "тоо",
        "гкп",
        "гкkп",
        "ркп",
        "кгп",
        "ип",
        "коммерческое",
        "некоммерческое",
        "акционерное",
        "общество",
        "товарищество",
        "ограниченной",
        "ответственностью",
        "государственное",
        "коммунальное",
        "казенное",
        "республиканское",
        "предприятие",
        "праве",
        "хозяйственного",
        "ведения",
        "кеақ",
        "шжқ",
        "рмк",
        "жшс",
        "ақ",
        "мкк",
        "шжқ",
        "кмк",
        "коммерциялық",
        "емес",
        "акционерлік",
        "қоғамы",
        "njsc",
        "jsc",
        "llp",
        "rse",
        "on",
        "rem",
        "ltd",
        "llc",
        "of",
        "the",
        "named",
        "after",
        "имени",
        "им",
        "атындағы",
        "г",
        "город",
        "қ",
        "қаласы",
        "and",
        "и",
        "және",
    )
)


@dataclass(frozen=True)
class IssuerMatch:
    """The organization an issuer text was matched to, the score and the registered name it matched."""

    org_id: str
    score: float
    matched_name: str
    business_id: str | None = None  # the printed BIN that identified the organization, when the name alone did not
    register_number: str | None = None  # the certificate number the register holds under it for the holder, ditto


def normalize_issuer(text: str) -> str:
    """Case, quotes, punctuation, scripts and legal forms folded away: a key for fuzzy comparison."""
    keys = [skeleton(w) for w in words(text)]
    return " ".join(k for k in keys if k and k not in _NOISE_WORDS)


def _digits(key: str) -> frozenset[str]:
    return frozenset(re.findall(r"\d+", key))


# Digits glued after a letter other than N («т900» for «ТОО», «Мед1цина») are letters OCR misread, not a number
# of the name («N5» is «№5»).
_GLUED_DIGITS = re.compile(r"(?<=[^\W\dNn_])\d+")


class IssuerIndex:
    """Organizations' official names and aliases, normalised once, with a token prefilter for fast lookups."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self.organizations: Mapping[str, Organization] = MappingProxyType(
            {o.org_id: o for o in organizations}
        )
        keys: dict[str, str] = {}
        shown: dict[str, str] = {}
        for org in self.organizations.values():
            for name in (org.name, *org.aliases):
                key = normalize_issuer(name)
                if key and key not in keys:
                    keys[key] = org.org_id
                    shown[key] = name
        self._exact = keys
        self._shown = shown
        self._names: tuple[str, ...] = tuple(keys)
        postings: dict[str, list[int]] = {}
        for position, key in enumerate(self._names):
            for token in set(key.split()):
                postings.setdefault(token, []).append(position)
        self._postings = {t: tuple(p) for t, p in postings.items()}
        owners: dict[str, set[str]] = {}
        for org in self.organizations.values():
            if org.bin:
                owners.setdefault(org.bin, set()).add(org.org_id)
        self._by_business_id = {bin_: next(iter(ids)) for bin_, ids in owners.items() if len(ids) == 1}
        self._keys_of: dict[str, list[str]] = {}
        for key, org_id in keys.items():
            self._keys_of.setdefault(org_id, []).append(key)

    def _candidates(self, key: str) -> list[str] | tuple[str, ...]:
        found = [self._postings[t] for t in set(key.split()) if t in self._postings]
        if not found:
            return self._names
        rare = [p for p in found if len(p) <= _COMMON_TOKEN_POSTINGS] or sorted(found, key=len)[:2]
        positions = sorted({i for p in rare for i in p})
        return [self._names[i] for i in positions]

    def match(self, issuer_text: str | None) -> IssuerMatch | None:
        """The best registered organization for `issuer_text`, or None when nothing is close enough; failing
        the reading as it stands, its Cyrillic letters read as the Latin ones they print like."""
        if not issuer_text:
            return None
        found = self._match_text(issuer_text)
        as_latin = cyrillic_shapes_as_latin(issuer_text)
        return found if found is not None or as_latin == issuer_text else self._match_text(as_latin)

    def _match_text(self, issuer_text: str) -> IssuerMatch | None:
        key = normalize_issuer(issuer_text)
        if not key:
            return None
        if key in self._exact:
            return IssuerMatch(self._exact[key], 100.0, self._shown[key])
        if _GLUED_DIGITS.search(issuer_text):
            key = normalize_issuer(_GLUED_DIGITS.sub("", issuer_text)) or key
        digits = _digits(key)
        candidates = [c for c in self._candidates(key) if _digits(c) == digits]
        best = process.extractOne(key, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=MATCH_THRESHOLD)
        if best is not None:
            name = best[0]
            return IssuerMatch(self._exact[name], float(best[1]), self._shown[name])
        return self._unspaced_match(key, candidates) or self._truncated_match(key, candidates)

    def owner_of(self, business_id: str) -> str | None:
        """The one organization registered with this BIN (None when none is, or several share it)."""
        return self._by_business_id.get(business_id)

    def match_by_business_id(self, issuer_text: str | None, business_ids: Iterable[str]) -> IssuerMatch | None:
        """The organization whose BIN is printed on the document, when the read name agrees with one of its names
        at BUSINESS_ID_AGREEMENT (a BIN alone, under a name that is not its owner's, identifies nothing)."""
        for business_id in business_ids:
            org_id = self._by_business_id.get(business_id)
            found = self.match_among(issuer_text, (org_id,)) if org_id is not None else None
            if found is not None:
                return replace(found, business_id=business_id)
        return None

    def match_among(self, issuer_text: str | None, org_ids: Iterable[str]) -> IssuerMatch | None:
        """The name of one of these organizations (singled out otherwise: by a printed BIN, by the certificate
        register) that the read name agrees with best, at BUSINESS_ID_AGREEMENT at least."""
        key = normalize_issuer(issuer_text or "")
        best: IssuerMatch | None = None
        for org_id in org_ids if key else ():
            found = _agreeing(key, self._keys_of.get(org_id, ()))
            if found is not None and (best is None or found[1] > best.score):
                best = IssuerMatch(org_id, found[1], self._shown[found[0]])
        return best

    def _unspaced_match(self, key: str, candidates: list[str] | tuple[str, ...]) -> IssuerMatch | None:
        """A word split by a space OCR added («Universitäts medizin») moves in a sorted-token comparison: the
        names compared without their spaces."""
        read = key.replace(" ", "")
        # only names as long as the read one: a split word keeps the length, a missing word does not
        # ("Continuing Medical Education" is not "Academy of Continuing Medical Education"); but a space OCR
        # put inside a word may stand where it lost letters («Қаза стан ме ина» for «Қазақстан медицина»)
        tolerance = max(2, len(read) // 20)
        unspaced = {u: c for c in candidates
                    if -tolerance <= len(u := c.replace(" ", "")) - len(read)
                    <= tolerance + LETTERS_PER_ADDED_SPACE * max(0, key.count(" ") - c.count(" "))}
        best = process.extractOne(read, tuple(unspaced), scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD)
        if best is None:
            return None
        name = unspaced[best[0]]
        return IssuerMatch(self._exact[name], float(best[1]), self._shown[name])

    def _truncated_match(self, key: str, candidates: Iterable[str]) -> IssuerMatch | None:
        """A long name cut at a line break: the read words begin exactly one organization's name and cover
        most of it ("Mayo Clinic School of Continuous Professional" / "… Development")."""
        tokens = key.split()
        if len(tokens) < MIN_TRUNCATED_TOKENS:
            return None
        found = {self._exact[c]: c for c in candidates if c.startswith(key + " ")}
        if len(found) != 1:  # the beginning of several organizations' names decides nothing
            return None
        org_id, name = next(iter(found.items()))
        if len(tokens) / len(name.split()) < MIN_TRUNCATED_SHARE:
            return None
        return IssuerMatch(org_id, round(100.0 * len(key) / len(name), 1), self._shown[name])


def _agreeing(key: str, names: Sequence[str]) -> tuple[str, float] | None:
    """The name `key` agrees with at BUSINESS_ID_AGREEMENT, or, among abbreviations too short for a ratio to
    forgive a letter, one letter apart from («ННМП» for «ННМЦ»)."""
    found = process.extractOne(key, names, scorer=fuzz.token_sort_ratio, score_cutoff=BUSINESS_ID_AGREEMENT)
    if found is not None:
        return found[0], float(found[1])
    near = [name for name in names if min(len(name), len(key)) >= MIN_ABBREVIATION_LETTERS
            and Levenshtein.distance(key, name, score_cutoff=1) <= 1]
    return (near[0], float(fuzz.ratio(key, near[0]))) if near else None


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
# quotes (any style, or none) and specks OCR reads as commas or stops
_MARKS = str.maketrans(dict.fromkeys("\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a'\",.;:", " "))


def _print_styles_removed(text: str) -> str:
    # Kazakh letters' marks dropped («КЕАК» for «КЕАҚ»), case folded («жшс» and «ЖШС» differ only in size)
    folded = lookalikes_as_latin(strip_diacritics_kk(text.translate(_DASHES).translate(_MARKS))).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())  # spaces OCR adds


# A long registered name read with this many letters wrong is still the print: a misread, not another spelling
MISREAD_LETTERS = 2
MIN_CORRECTED_LENGTH = 20


def spelled_as_registered(read: str, registered: str) -> bool:
    """Whether `read` is `registered` as OCR reads print: what it drops, adds or swaps without changing a letter
    (accents, Kazakh letters' marks, letter case, spaces, dash styles, quotes, stray commas or stops, letters of
    the other script that print the same: «Universitatsmedizin», «КЕАК» for «КЕАҚ», «жшс» for «ЖШС», «Асф
    ендиярова», "-" for "–", Cyrillic «Мауо» for "Mayo"), and in a name of 20 letters or more up to two letters
    misread («медицииский», «Universitaétsmedizin»). The register's spelling is then the print's; a name that
    differs more (a former name, an abbreviation, a word missing) is kept as read."""
    if read == registered:
        return False
    folded, registered_folded = _print_styles_removed(read), _print_styles_removed(registered)
    if len(registered_folded) < MIN_CORRECTED_LENGTH:
        return folded == registered_folded
    return Levenshtein.distance(folded, registered_folded, score_cutoff=MISREAD_LETTERS) <= MISREAD_LETTERS


def first_match(index: IssuerIndex, texts: Iterable[str | None], business_ids: Iterable[str] = ()
                ) -> tuple[int, IssuerMatch] | None:
    """The first of texts (the read issuer, then other lines that may name it) that matches an organization by
    name (with the BIN printed for it, when one is: «Меад$кИ!$ оқу орталығы» matched loosely, its BIN exactly);
    failing that, the first one whose name agrees with the owner of a printed BIN."""
    candidates = list(texts)
    business_ids = tuple(business_ids)
    for position, text in enumerate(candidates):
        found = index.match(text)
        if found is not None:
            printed = next((bin_ for bin_ in business_ids if index.owner_of(bin_) == found.org_id), None)
            return position, replace(found, business_id=printed)
    for position, text in enumerate(candidates if business_ids else ()):
        found = index.match_by_business_id(text, business_ids)
        if found is not None:
            return position, found
    return None


def issuer_flags(
    index: IssuerIndex, issuer_text: str | None, issue_date: date | None
) -> tuple[IssuerMatch | None, tuple[Flag, ...]]:
    """Match the issuer; ISSUER_UNKNOWN when nothing matches, ISSUER_NOT_ACCREDITED on the issue date."""
    if not issuer_text or not issuer_text.strip():
        return None, ()
    found = index.match(issuer_text)
    if found is None:
        return None, (
            make_flag(
                ISSUER_UNKNOWN, f"no registered organization matches {issuer_text!r}", {"issuer": issuer_text}
            ),
        )
    flag = accreditation_flag(index.organizations[found.org_id], issue_date)
    return found, (() if flag is None else (flag,))


def accreditation_flag(org: Organization, issue_date: date | None) -> Flag | None:
    """ISSUER_NOT_ACCREDITED when `org` was not accredited on `issue_date` (no check without a date)."""
    if issue_date is None or org.accredited_on(issue_date):
        return None
    period = f"{org.accredited_from or '…'} – {org.accredited_to or 'now'}"
    return make_flag(
        ISSUER_NOT_ACCREDITED,
        f"{org.name} was not accredited on {issue_date.isoformat()} (accredited {period})",
        {
            "org_id": org.org_id,
            "issue_date": issue_date.isoformat(),
            "accredited_from": org.accredited_from.isoformat() if org.accredited_from else None,
            "accredited_to": org.accredited_to.isoformat() if org.accredited_to else None,
        },
    )
