"""Back to the nominative: full names printed in the dative after «выдан(о)» or before Kazakh «берілді»."""

from __future__ import annotations

import re

_RU_FEMALE_SURNAME = ((r"(ов|ев|ёв|ин|ын)ой$", r"\1а"), (r"(ск|цк)ой$", r"\1ая"))
_RU_MALE_SURNAME = ((r"(ов|ев|ёв|ин|ын)у$", r"\1"), (r"(ск|цк)ому$", r"\1ий"))
_RU_FEMALE_GIVEN = ((r"ии$", "ия"), (r"ье$", "ья"), (r"([^аеёиоуыэюяьй])е$", r"\1а"))
_RU_MALE_GIVEN = ((r"^Игорю$", "Игорь"), (r"ю$", "й"), (r"([^аеёиоуыэюяьй])у$", r"\1"))
_RU_FEMALE_PATRONYMIC = ((r"(вн|чн)е$", r"\1а"),)
_RU_MALE_PATRONYMIC = ((r"(ич)у$", r"\1"),)
# Kazakh: the case ending goes on the last word only; after the possessive «қызы/ұлы» the dative is «-на/-не».
_KK_PATRONYMIC_DATIVE = re.compile(r"(қызы|кызы|ұлы|улы|uly|kyzy)(на|не|na)$", re.IGNORECASE)
# -қа/-ке follow voiceless consonants, -ға/-ге vowels and voiced ones (so «Назерке» is not a dative).
_KK_DATIVE = re.compile(
    r"(?<=[^\W\d_]{2})(?:(?<=[кқпстфхшщцч])(?:қа|ке)|(?<=[аәеиоөуұүыіэюяйлмнңрзжвбгдғ])(?:ға|ге))$", re.IGNORECASE
)


def _apply(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in rules:
        changed = re.sub(pattern, replacement, word)
        if changed != word:
            return changed
    return word


def _gender(words: list[str]) -> str | None:
    text = " ".join(words).lower()
    if re.search(r"(вне|чне)$", text) or re.search(r"^\S*(ой)\s", text + " "):
        return "female"
    if re.search(r"(вичу|ичу)$", text) or re.search(r"^\S*(ову|еву|ину|ому)\s", text + " "):
        return "male"
    return None


def russian_dative_to_nominative(words: list[str]) -> list[str]:
    """«Ивановой Анне Петровне» → «Иванова Анна Петровна»; unchanged when the gender is not evident."""
    gender = _gender(words)
    if gender is None:
        return words
    surname_rules, given_rules, patronymic_rules = (
        (_RU_FEMALE_SURNAME, _RU_FEMALE_GIVEN, _RU_FEMALE_PATRONYMIC) if gender == "female"
        else (_RU_MALE_SURNAME, _RU_MALE_GIVEN, _RU_MALE_PATRONYMIC)
    )
    result = [_apply(words[0], surname_rules)]
    if len(words) > 1:
        result.append(_apply(words[1], given_rules))
    result += [_apply(word, patronymic_rules) for word in words[2:]]
    return result


def kazakh_dative_to_nominative(words: list[str]) -> list[str]:
    """«Жақсыбекова Әйгерім Серікқызына» → «… Серікқызы»; a plain dative ending on the last word is dropped."""
    if not words:
        return words
    last = words[-1]
    fixed = _KK_PATRONYMIC_DATIVE.sub(r"\1", last)
    if fixed == last:
        fixed = _KK_DATIVE.sub("", last)
    return [*words[:-1], fixed]


def is_all_caps(words: list[str]) -> bool:
    return all(word.isupper() for word in words)


def to_nominative(words: list[str], kazakh: bool) -> list[str]:
    """The nominative of a dative full name (Russian or Kazakh grammar); case of letters is kept."""
    caps = is_all_caps(words)
    titled = [word.capitalize() if caps else word for word in words]
    converted = kazakh_dative_to_nominative(titled) if kazakh else russian_dative_to_nominative(titled)
    return [word.upper() for word in converted] if caps else converted
