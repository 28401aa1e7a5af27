"""`tekser batch` usage errors: exit status 2 and one line saying how to mend it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake.registry_files import CERTIFICATE_COLUMNS, ORGANIZATION_COLUMNS


def _tekser(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TEKSER_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "tekser", *args], capture_output=True, text=True, env=env,
                          check=False)


def _registry(root: Path, orgs_header: str = ",".join(ORGANIZATION_COLUMNS)) -> Path:
    root.mkdir(parents=True)
    (root / "organizations.csv").write_text(orgs_header + "\n", encoding="utf-8")
    (root / "certificates.csv").write_text(",".join(CERTIFICATE_COLUMNS) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def one_submission(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox" / "S-1"
    inbox.mkdir(parents=True)
    (inbox / "submission.json").write_text("{}", encoding="utf-8")
    return tmp_path / "inbox"


def test_missing_inbox(tmp_path: Path) -> None:
    result = _tekser("batch", str(tmp_path / "nope"), "--registry", str(_registry(tmp_path / "reg")),
                     "--out", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "INBOX" in result.stderr


def test_missing_registry(tmp_path: Path, one_submission: Path) -> None:
    result = _tekser("batch", str(one_submission), "--registry", str(tmp_path / "nope"),
                     "--out", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "REGISTRY" in result.stderr and "organizations.csv" in result.stderr


def test_malformed_registry(tmp_path: Path, one_submission: Path) -> None:
    registry = _registry(tmp_path / "reg", orgs_header="id,title")
    result = _tekser("batch", str(one_submission), "--registry", str(registry), "--out", str(tmp_path / "out"),
                     data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "org_id" in result.stderr


def test_out_inside_inbox_refused(tmp_path: Path, one_submission: Path) -> None:
    result = _tekser("batch", str(one_submission), "--registry", str(_registry(tmp_path / "reg")),
                     "--out", str(one_submission / "out"), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "inside INBOX" in result.stderr


def test_missing_option_is_usage_error(tmp_path: Path, one_submission: Path) -> None:
    result = _tekser("batch", str(one_submission), data_dir=tmp_path / "data")
    assert result.returncode == 2
