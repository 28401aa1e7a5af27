"""Checks that a REGISTRY folder holds the two register CSV files with the contract's headers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tekser.errors import RegistryError

ORGANIZATION_COLUMNS = (
    "org_id", "name", "aliases", "bin", "country", "city",
    "accredited_from", "accredited_to", "reports_to_register",
)
CERTIFICATE_COLUMNS = (
    "cert_number", "org_id", "holder_iin", "holder_name", "program",
    "hours", "start_date", "end_date", "issue_date", "status",
)
REGISTER_FILES = {"organizations.csv": ORGANIZATION_COLUMNS, "certificates.csv": CERTIFICATE_COLUMNS}


@dataclass(frozen=True)
class RegistryFiles:
    organizations: Path
    certificates: Path


def _check_header(path: Path, expected: tuple[str, ...]) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path} is not UTF-8 text ({exc.reason}); save it as CSV UTF-8") from exc
    if header is None:
        raise RegistryError(f"{path} is empty; it needs the header row {','.join(expected)}")
    missing = [column for column in expected if column not in [h.strip() for h in header]]
    if missing:
        raise RegistryError(
            f"{path} lacks the column(s) {', '.join(missing)}; the header row must be {','.join(expected)}"
        )


def check_registry(folder: Path) -> RegistryFiles:
    """The register files of REGISTRY; raises RegistryError saying what is missing and how to mend it."""
    if not folder.is_dir():
        raise RegistryError(
            f"REGISTRY {folder} is not a folder; pass the folder holding organizations.csv and certificates.csv"
        )
    for name, columns in REGISTER_FILES.items():
        path = folder / name
        if not path.is_file():
            raise RegistryError(f"REGISTRY {folder} has no {name}; add it with the header {','.join(columns)}")
        _check_header(path, columns)
    return RegistryFiles(folder / "organizations.csv", folder / "certificates.csv")
