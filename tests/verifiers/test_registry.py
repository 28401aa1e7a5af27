"""Register CSV parsing: exact header, frozen rows, bad rows reported by line without stopping the parse."""

from __future__ import annotations

from datetime import date

import pytest

from verifiers.registry import RegistryHeaderError, parse_certificates_csv, parse_organizations_csv

ORG_HEADER = "org_id,name,aliases,bin,country,city,accredited_from,accredited_to,reports_to_register\n"
CERT_HEADER = (
    "cert_number,org_id,holder_iin,holder_name,program,hours,start_date,end_date,issue_date,status\n"
)


def test_organizations_parse_with_aliases_and_problems() -> None:
    text = ORG_HEADER + (
        "ORG-007,НАО «Медицинский университет Караганды»,КГМУ|Karaganda Medical University,123,KZ,Караганда,"
        "2019-01-01,,true\n"
        "ORG-008,Bad dates,,1,KZ,Астана,2020-13-01,,false\n"
        "ORG-009,Too few,columns\n"
        "ORG-010,Old name clinic,,2,KZ,Алматы,2015-01-01,2020-12-31,no\n"
    )
    orgs, problems = parse_organizations_csv(text)
    assert [o.org_id for o in orgs] == ["ORG-007", "ORG-010"]
    assert orgs[0].aliases == ("КГМУ", "Karaganda Medical University")
    assert orgs[0].reports_to_register and orgs[0].accredited_to is None
    assert orgs[1].accredited_on(date(2020, 6, 1)) and not orgs[1].accredited_on(date(2021, 1, 1))
    assert [(p.line, "accredited_from" in p.reason or "columns" in p.reason) for p in problems] == [
        (3, True),
        (4, True),
    ]


def test_certificates_parse_and_reject_bad_status_and_hours() -> None:
    text = CERT_HEADER + (
        "0012345,ORG-007,880514450128,Жақсыбекова Әйгерім,Педиатрия,108,"
        "2024-02-12,2024-02-24,2024-02-26,valid\n"
        "0012346,ORG-007,880514450128,X Y,P,abc,,,,valid\n"
        "0012347,ORG-007,880514450128,X Y,P,36,,,,cancelled\n"
    )
    records, problems = parse_certificates_csv(text)
    assert len(records) == 1 and records[0].hours == 108.0 and records[0].end_date == date(2024, 2, 24)
    assert [p.line for p in problems] == [3, 4]
    assert "hours" in problems[0].reason and "status" in problems[1].reason


def test_missing_column_is_named() -> None:
    with pytest.raises(RegistryHeaderError, match="reports_to_register"):
        parse_organizations_csv("org_id,name,aliases,bin,country,city,accredited_from,accredited_to\n")
    with pytest.raises(RegistryHeaderError, match="status"):
        parse_certificates_csv(CERT_HEADER.replace(",status", ""))


def test_values_longer_than_a_column_holds_are_row_problems() -> None:
    text = CERT_HEADER + (
        "0012345,ORG-1,880514450128,Иванова Анна,Педиатрия,108,2024-02-12,2024-02-24,2024-02-26,valid\n"
        + "9" * 80 + ",ORG-1,880514450128,Иванова Анна,Педиатрия,108,2024-02-12,2024-02-24,2024-02-26,valid\n"
        "0012346,ORG-1,8805144501289999,Иванова Анна,Педиатрия,108,2024-02-12,2024-02-24,2024-02-26,valid\n"
    )
    records, problems = parse_certificates_csv(text)
    assert [r.cert_number for r in records] == ["0012345"]
    assert [(p.line, p.reason.split(":")[0]) for p in problems] == [(3, "cert_number"), (4, "holder_iin")]
