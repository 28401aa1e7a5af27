"""Walking INBOX: every file of every submission folder, and clear errors for an unusable INBOX."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.inbox import scan_inbox
from tekser.errors import ExitCode, InboxError


def test_scan_lists_submissions_and_files(inbox: Path) -> None:
    scanned = scan_inbox(inbox)
    assert [s.submission_id for s in scanned.submissions] == ["S-1", "S-2"]
    first, second = scanned.submissions
    assert first.meta is not None and first.error is None
    assert [f.rel_path for f in first.files] == ["scan.png", "sub/letter.txt"]
    assert second.meta is None and second.error is not None and "applicant.iin" in second.error
    assert [f.rel_path for f in second.files] == ["empty.pdf"]
    assert scanned.ignored == ("README.txt",)


def test_symlinked_file_is_refused_not_followed(inbox: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"x")
    (inbox / "S-1" / "link.png").symlink_to(secret)
    files = {f.rel_path: f for f in scan_inbox(inbox).submissions[0].files}
    assert files["link.png"].refused is not None and "link" in files["link.png"].refused


def test_missing_submission_json_is_reported(tmp_path: Path) -> None:
    (tmp_path / "inbox" / "S-9").mkdir(parents=True)
    (tmp_path / "inbox" / "S-9" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    folder = scan_inbox(tmp_path / "inbox").submissions[0]
    assert folder.error is not None and "missing" in folder.error
    assert len(folder.files) == 1


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_unusable_inbox_is_a_usage_error(tmp_path: Path, make: str) -> None:
    target = tmp_path / "inbox"
    if make == "file":
        target.write_text("x")
    elif make == "empty":
        target.mkdir()
    with pytest.raises(InboxError) as caught:
        scan_inbox(target)
    assert caught.value.exit_code == ExitCode.USAGE
    assert str(target) in str(caught.value)
