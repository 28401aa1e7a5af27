"""Check digit of the Kazakh individual identification number (IIN), for generating valid ones."""

from __future__ import annotations

import random
from datetime import date

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first11: str) -> int | None:
    """The 12th digit for the first 11 digits, or None when no valid check digit exists."""
    digits = [int(c) for c in first11]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def is_valid_iin(iin: str) -> bool:
    """True when `iin` is 12 digits whose last one is the check digit of the first 11."""
    return len(iin) == 12 and iin.isascii() and iin.isdigit() and iin_check_digit(iin[:11]) == int(iin[11])


def make_iin(rnd: random.Random, birth: date, female: bool) -> str:
    """A valid IIN for a birth date and sex (7th digit: 3/4 for the 1900s, 5/6 for the 2000s)."""
    century_digit = (3 if birth.year < 2000 else 5) + (1 if female else 0)
    while True:
        first11 = f"{birth:%y%m%d}{century_digit}{rnd.randint(0, 9999):04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return f"{first11}{check}"
