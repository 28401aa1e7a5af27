"""REGISTRY folder checks: both files with the contract's headers, else a usage error saying how to mend it."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.registry_files import CERTIFICATE_COLUMNS, ORGANIZATION_COLUMNS, check_registry
from tekser.errors import RegistryError


def _registry(tmp_path: Path, orgs: str | None = None, certs: str | None = None) -> Path:
    root = tmp_path / "registry"
    root.mkdir()
    if orgs is not None:
        (root / "organizations.csv").write_text(orgs, encoding="utf-8")
    if certs is not None:
        (root / "certificates.csv").write_text(certs, encoding="utf-8")
    return root


def test_good_registry(tmp_path: Path) -> None:
    root = _registry(tmp_path, ",".join(ORGANIZATION_COLUMNS) + "\n", ",".join(CERTIFICATE_COLUMNS) + "\n")
    assert check_registry(root).organizations.name == "organizations.csv"


@pytest.mark.parametrize(
    ("orgs", "certs", "words"),
    [
        (None, "x", "no organizations.csv"),
        (",".join(ORGANIZATION_COLUMNS), None, "no certificates.csv"),
        ("org_id,name", ",".join(CERTIFICATE_COLUMNS), "aliases"),
        ("", ",".join(CERTIFICATE_COLUMNS), "empty"),
    ],
)
def test_bad_registry_says_what_is_missing(tmp_path: Path, orgs: str | None, certs: str | None,
                                          words: str) -> None:
    with pytest.raises(RegistryError, match=words):
        check_registry(_registry(tmp_path, orgs, certs))


def test_registry_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not a folder"):
        check_registry(tmp_path / "nowhere")
