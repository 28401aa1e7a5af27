"""One document's checks together: the accreditation date when no issue date is printed."""

from __future__ import annotations

from datetime import date

import pytest

from verifiers.document_checks import Applicant, Registers, verify_document
from verifiers.registry import Organization

from .helpers import extraction

ORG = Organization("ORG-1", "ТОО «Учебный центр MedSkills»", (), "123456789012", "KZ", "Алматы",
                   date(2015, 1, 1), date(2020, 12, 31), False)


@pytest.mark.parametrize(("end", "flagged"), [("2022-03-04", True), ("2019-03-04", False)])
def test_a_seminar_without_issue_date_is_checked_on_its_last_day(end: str, flagged: bool) -> None:
    seminar = extraction("seminar", holder_name="Иванова Анна", cert_number="S-1", issuer=ORG.name, hours=8,
                         start_date=end[:-2] + "03", end_date=end)
    verdict = verify_document(seminar, Applicant(("Иванова Анна",), date(2023, 1, 10)), Registers([ORG], []),
                              today=date(2023, 1, 10))
    assert verdict.issuer_org_id == "ORG-1"
    assert any(flag.code == "ISSUER_NOT_ACCREDITED" for flag in verdict.flags) is flagged
