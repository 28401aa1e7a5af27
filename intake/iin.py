"""Checksum of the Kazakh individual identification number (IIN)."""

from __future__ import annotations

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first_eleven: str) -> int | None:
    """The 12th digit for the first 11, or None when the number can have no valid check digit."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def iin_problem(iin: str) -> str | None:
    """Why `iin` is not a valid IIN, or None when it is."""
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return "must be 12 digits"
    month, day = int(iin[2:4]), int(iin[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return "digits 3-6 must be a birth month and day"
    if iin_check_digit(iin[:11]) != int(iin[11]):
        return "check digit does not match (mistyped number?)"
    return None
