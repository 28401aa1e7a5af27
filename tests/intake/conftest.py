"""Small INBOX and REGISTRY folders built on disk for intake tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.iin import iin_check_digit

VALID_IIN = "88051445012" + str(iin_check_digit("88051445012"))
PNG_HEAD = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def write_submission(folder: Path, iin: str = VALID_IIN) -> None:
    folder.mkdir(parents=True)
    meta = {"applicant": {"iin": iin, "full_name": "Иванова Анна Сергеевна"}, "purpose": "qualification",
            "target_category": "second", "submitted_at": "2025-11-03", "channel": "service_center"}
    (folder / "submission.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    write_submission(root / "S-1")
    (root / "S-1" / "scan.png").write_bytes(PNG_HEAD)
    (root / "S-1" / "sub").mkdir()
    (root / "S-1" / "sub" / "letter.txt").write_text("hello")
    (root / "S-1" / ".hidden").write_text("x")
    write_submission(root / "S-2", iin="123")
    (root / "S-2" / "empty.pdf").write_bytes(b"")
    (root / "README.txt").write_text("not a submission")
    return root
