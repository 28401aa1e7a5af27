"""The registry CSV files of the contract: organizations.csv and certificates.csv."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from samples.document import Content, compose
from samples.orgs import Organization, organization_row
from samples.people import Person, make_person

ORGANIZATION_COLUMNS = (
    "org_id",
    "name",
    "aliases",
    "bin",
    "country",
    "city",
    "accredited_from",
    "accredited_to",
    "reports_to_register",
)
CERTIFICATE_COLUMNS = (
    "cert_number",
    "org_id",
    "holder_iin",
    "holder_name",
    "program",
    "hours",
    "start_date",
    "end_date",
    "issue_date",
    "status",
)


def register_row(org: Organization, person: Person, content: Content) -> dict[str, str]:
    f = content.fields
    return {
        "cert_number": str(f["cert_number"]),
        "org_id": org.org_id,
        "holder_iin": person.iin,
        "holder_name": person.full_name,
        "program": str(f["program"] or ""),
        "hours": "" if f["hours"] is None else str(f["hours"]),
        "start_date": str(f["start_date"] or ""),
        "end_date": str(f["end_date"] or ""),
        "issue_date": str(f["issue_date"] or ""),
        "status": "valid",
    }


def write_registry(
    folder: Path,
    rnd: random.Random,
    orgs: Sequence[Organization],
    listed: list[dict[str, str]],
    unregistered: Sequence[str],
) -> None:
    """organizations.csv (all but `unregistered` keys) and certificates.csv (`listed` plus strangers' rows)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "organizations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ORGANIZATION_COLUMNS)
        writer.writeheader()
        writer.writerows(organization_row(o) for o in orgs if o.key not in unregistered)
    rows = list(listed)
    for _ in range(max(5, len(rows) // 2)):  # other people's certificates: the register is never just ours
        stranger = make_person(rnd)
        org = rnd.choice([o for o in orgs if o.reports_to_register])
        doc_type = rnd.choice(("advanced_training", "seminar", "internship"))
        rows.append(register_row(org, stranger, compose(rnd, doc_type, "ru", stranger, org, date(2025, 6, 1))))
    rnd.shuffle(rows)
    with (folder / "certificates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CERTIFICATE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
