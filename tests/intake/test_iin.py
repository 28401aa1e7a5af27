"""IIN checksum: known-valid numbers pass, one changed digit fails."""

import pytest

from intake.iin import iin_check_digit, iin_problem


def _valid(first_eleven: str) -> str:
    digit = iin_check_digit(first_eleven)
    assert digit is not None
    return first_eleven + str(digit)


def test_check_digit_first_weights() -> None:
    # 8,8,0,5,1,4,4,5,0,1,2 with weights 1..11: 8+16+0+20+5+24+28+40+0+10+22 = 173; 173 % 11 = 8
    assert iin_check_digit("88051445012") == 8


def test_valid_iin_has_no_problem() -> None:
    assert iin_problem(_valid("88051445012")) is None


@pytest.mark.parametrize(
    ("iin", "words"),
    [("88051445012", "12 digits"), ("8805144501289", "12 digits"), ("88051445O128", "12 digits"),
     ("881314450128", "month"), ("880514450129", "check digit")],
)
def test_invalid_iins_say_why(iin: str, words: str) -> None:
    problem = iin_problem(iin)
    assert problem is not None and words in problem


def test_second_weights_used_when_first_gives_ten() -> None:
    found = 0
    for serial in range(10000):
        first = f"9001014{serial:04d}"
        digits = [int(c) for c in first]
        if sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11 == 10:
            second = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
            assert iin_check_digit(first) == (None if second == 10 else second)
            found += 1
    assert found > 0
