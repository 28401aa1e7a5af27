"""Parse the organization and certificate registers (CSV text) into frozen rows, collecting bad rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

ORGANIZATION_COLUMNS: tuple[str, ...] = (
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
CERTIFICATE_COLUMNS: tuple[str, ...] = (
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
RowT = TypeVar("RowT")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})


class RegistryHeaderError(ValueError):
    """The header row of a register is not the one the contract fixes."""


@dataclass(frozen=True)
class Organization:
    org_id: str
    name: str
    aliases: tuple[str, ...]
    bin: str
    country: str
    city: str
    accredited_from: date | None
    accredited_to: date | None
    reports_to_register: bool

    def accredited_on(self, day: date) -> bool:
        """True when the organization was accredited on `day` (open-ended when accredited_to is empty)."""
        if self.accredited_from is not None and day < self.accredited_from:
            return False
        return self.accredited_to is None or day <= self.accredited_to


@dataclass(frozen=True)
class CertificateRecord:
    cert_number: str
    org_id: str
    holder_iin: str
    holder_name: str
    program: str
    hours: float | None
    start_date: date | None
    end_date: date | None
    issue_date: date | None
    status: str  # "valid" | "revoked"


@dataclass(frozen=True)
class RowProblem:
    """A register row that could not be used: its 1-based line number in the file and why."""

    line: int
    reason: str


def _check_header(header: list[str] | None, expected: tuple[str, ...], register: str) -> None:
    found = [h.strip().lstrip("\ufeff") for h in (header or [])]
    missing = [c for c in expected if c not in found]
    if missing:
        raise RegistryHeaderError(
            f"{register}: missing column(s) {', '.join(missing)}; expected {','.join(expected)}"
        )
    extra = [c for c in found if c not in expected]
    if extra or tuple(found) != expected:
        raise RegistryHeaderError(
            f"{register}: header must be exactly {','.join(expected)}; found {','.join(found)}"
        )


def _date(text: str, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{column}: not an ISO date: {text!r}") from exc


def _rows(text: str, expected: tuple[str, ...], register: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    _check_header(next(reader, None), expected, register)
    rows = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        rows.append((reader.line_num, record))
    return rows


# The longest value each column may hold (an IIN/BIN has 12 digits); longer ones are refused as row problems
# instead of being cut short or breaking a strict database in the middle of an import.
MAX_LENGTHS = {"org_id": 64, "bin": 12, "country": 64, "city": 128, "cert_number": 64, "holder_iin": 12,
               "status": 16}


def _values(columns: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    values = dict(zip(columns, (c.strip() for c in cells), strict=True))
    for column, value in values.items():
        if len(value) > MAX_LENGTHS.get(column, len(value)):
            raise ValueError(f"{column}: {len(value)} characters, at most {MAX_LENGTHS[column]} allowed")
    return values


def _organization(cells: list[str]) -> Organization:
    v = _values(ORGANIZATION_COLUMNS, cells)
    if not v["org_id"] or not v["name"]:
        raise ValueError("org_id and name are required")
    flag = v["reports_to_register"].lower()
    if flag not in _TRUE | _FALSE:
        raise ValueError(f"reports_to_register: expected true/false, got {v['reports_to_register']!r}")
    aliases = tuple(a.strip() for a in v["aliases"].split("|") if a.strip())
    return Organization(
        v["org_id"],
        v["name"],
        aliases,
        v["bin"],
        v["country"],
        v["city"],
        _date(v["accredited_from"], "accredited_from"),
        _date(v["accredited_to"], "accredited_to"),
        flag in _TRUE,
    )


def _certificate(cells: list[str]) -> CertificateRecord:
    v = _values(CERTIFICATE_COLUMNS, cells)
    if not v["cert_number"] or not v["org_id"]:
        raise ValueError("cert_number and org_id are required")
    status = v["status"].lower()
    if status not in ("valid", "revoked"):
        raise ValueError(f"status: expected valid or revoked, got {v['status']!r}")
    try:
        hours = float(v["hours"].replace(",", ".")) if v["hours"] else None
    except ValueError as exc:
        raise ValueError(f"hours: not a number: {v['hours']!r}") from exc
    return CertificateRecord(
        v["cert_number"],
        v["org_id"],
        v["holder_iin"],
        v["holder_name"],
        v["program"],
        hours,
        _date(v["start_date"], "start_date"),
        _date(v["end_date"], "end_date"),
        _date(v["issue_date"], "issue_date"),
        status,
    )


def parse_organizations_csv(text: str) -> tuple[tuple[Organization, ...], tuple[RowProblem, ...]]:
    """Parse organizations.csv text; RegistryHeaderError for a wrong header, bad rows become problems."""
    return _parse(text, ORGANIZATION_COLUMNS, "organizations.csv", _organization)


def parse_certificates_csv(text: str) -> tuple[tuple[CertificateRecord, ...], tuple[RowProblem, ...]]:
    """Parse certificates.csv text; RegistryHeaderError for a wrong header, bad rows become problems."""
    return _parse(text, CERTIFICATE_COLUMNS, "certificates.csv", _certificate)


def _parse(
    text: str, expected: tuple[str, ...], register: str, build: Callable[[list[str]], RowT]
) -> tuple[tuple[RowT, ...], tuple[RowProblem, ...]]:
    parsed: list[RowT] = []
    problems: list[RowProblem] = []
    for line, cells in _rows(text, expected, register):
        if len(cells) != len(expected):
            problems.append(RowProblem(line, f"expected {len(expected)} columns, found {len(cells)}"))
            continue
        try:
            parsed.append(build(cells))
        except ValueError as exc:
            problems.append(RowProblem(line, str(exc)))
    return tuple(parsed), tuple(problems)
