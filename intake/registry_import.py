"""Loads the register CSV files into the database (re-loading updates, never duplicates) and reads them back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.registry_files import check_registry
from intake.registry_models import Certificate, Organization, RegistryImport
from tekser.errors import RegistryError
from verifiers import registry as parsed
from verifiers.certificates import canonical_number


@dataclass(frozen=True)
class ImportReport:
    source: str
    organizations: int
    certificates: int
    added: int
    updated: int
    problems: tuple[str, ...]  # "file:line: reason"


_ORG_FIELDS = ("name", "aliases", "bin", "country", "city", "accredited_from", "accredited_to",
               "reports_to_register")
_CERT_FIELDS = ("holder_iin", "holder_name", "program", "hours", "start_date", "end_date", "issue_date",
                "status")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path} is not UTF-8 text; save it as CSV UTF-8") from exc


def _apply(row: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _upsert_organizations(session: Session, rows: tuple[parsed.Organization, ...]) -> tuple[int, int]:
    existing = {o.org_id: o for o in session.scalars(select(Organization))}
    added = updated = 0
    for row in rows:
        values = {name: getattr(row, name) for name in _ORG_FIELDS}
        values["aliases"] = list(row.aliases)
        current = existing.get(row.org_id)
        if current is None:
            current = existing[row.org_id] = Organization(org_id=row.org_id, **values)
            session.add(current)
            added += 1
        elif _apply(current, values):
            updated += 1
    return added, updated


def _upsert_certificates(session: Session, rows: tuple[parsed.CertificateRecord, ...]) -> tuple[int, int]:
    existing = {(c.org_id, c.cert_number): c for c in session.scalars(select(Certificate))}
    added = updated = 0
    for row in rows:
        values = {name: getattr(row, name) for name in _CERT_FIELDS}
        current = existing.get((row.org_id, row.cert_number))
        if current is None:
            current = Certificate(org_id=row.org_id, cert_number=row.cert_number,
                                  canonical_number=canonical_number(row.cert_number), **values)
            existing[(row.org_id, row.cert_number)] = current
            session.add(current)
            added += 1
        elif _apply(current, values):
            updated += 1
    return added, updated


def import_registry(session: Session, folder: Path) -> ImportReport:
    """Parse both registers, upsert them, record the import; bad rows are reported, not fatal."""
    files = check_registry(folder)
    try:
        orgs, org_problems = parsed.parse_organizations_csv(_read(files.organizations))
        certs, cert_problems = parsed.parse_certificates_csv(_read(files.certificates))
    except parsed.RegistryHeaderError as exc:
        raise RegistryError(str(exc)) from exc
    added_o, updated_o = _upsert_organizations(session, orgs)
    added_c, updated_c = _upsert_certificates(session, certs)
    problems = tuple(
        [f"{files.organizations}:{p.line}: {p.reason}" for p in org_problems]
        + [f"{files.certificates}:{p.line}: {p.reason}" for p in cert_problems]
    )
    report = ImportReport(str(folder), len(orgs), len(certs), added_o + added_c, updated_o + updated_c, problems)
    session.add(RegistryImport(source=str(folder), problems=list(problems),
                               counts={"organizations": len(orgs), "certificates": len(certs),
                                       "added": report.added, "updated": report.updated}))
    session.commit()
    return report


def load_organizations(session: Session) -> tuple[parsed.Organization, ...]:
    return tuple(
        parsed.Organization(o.org_id, o.name, tuple(o.aliases or ()), o.bin or "", o.country or "", o.city or "",
                            o.accredited_from, o.accredited_to, o.reports_to_register)
        for o in session.scalars(select(Organization))
    )


def load_certificates(session: Session) -> tuple[parsed.CertificateRecord, ...]:
    return tuple(
        parsed.CertificateRecord(c.cert_number, c.org_id, c.holder_iin or "", c.holder_name or "", c.program or "",
                                 c.hours, c.start_date, c.end_date, c.issue_date, c.status)
        for c in session.scalars(select(Certificate))
    )
