"""submission.json validation names the wrong field."""

import json
from datetime import date

import pytest

from intake.iin import iin_check_digit
from intake.submission import InvalidSubmission, parse_submission

VALID_IIN = "88051445012" + str(iin_check_digit("88051445012"))


def _raw(**changes: object) -> bytes:
    data: dict[str, object] = {
        "applicant": {"iin": VALID_IIN, "full_name": "Жақсыбекова Әйгерім Серікқызы",
                      "latin_name": "ZHAKSYBEKOVA AIGERIM"},
        "purpose": "qualification", "target_category": "first",
        "submitted_at": "2025-11-03", "channel": "service_center",
    }
    data.update(changes)
    return json.dumps(data, ensure_ascii=False).encode()


def test_valid_submission() -> None:
    meta = parse_submission(_raw())
    assert meta.iin == VALID_IIN
    assert meta.submitted_at == date(2025, 11, 3)
    assert meta.target_category == "first"


def test_foreign_admission_needs_no_category() -> None:
    meta = parse_submission(_raw(purpose="foreign_admission", target_category=None))
    assert meta.target_category is None


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{not json", "not valid UTF-8 JSON"),
        (b"[]", "JSON object"),
        (_raw(purpose="holiday"), "purpose"),
        (_raw(target_category=None), "target_category"),
        (_raw(submitted_at="03.11.2025"), "submitted_at"),
        (_raw(channel="fax"), "channel"),
        (_raw(applicant={"iin": VALID_IIN[:-1] + str((int(VALID_IIN[-1]) + 1) % 10), "full_name": "A B"}),
         "applicant.iin"),
        (_raw(applicant={"full_name": "Иванов Иван"}), "applicant.iin"),
    ],
)
def test_invalid_submission_names_the_field(raw: bytes, words: str) -> None:
    with pytest.raises(InvalidSubmission, match=words):
        parse_submission(raw)


def test_bad_checksum_is_explained() -> None:
    bad = VALID_IIN[:-1] + str((int(VALID_IIN[-1]) + 1) % 10)
    with pytest.raises(InvalidSubmission, match="check digit"):
        parse_submission(_raw(applicant={"iin": bad, "full_name": "Иванов Иван"}))
