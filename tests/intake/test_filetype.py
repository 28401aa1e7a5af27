"""File types come from the bytes, not the name; unknown files get a reason."""

import pytest

from intake.filetype import describe_unknown, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"%PDF-1.7\n", "pdf"), (b"\xef\xbb\xbf  %PDF-1.4", "pdf"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
     (b"\x89PNG\r\n\x1a\n\x00", "png"), (b"II*\x00\x08\x00", "tiff"), (b"MM\x00*\x00", "tiff")],
)
def test_known_signatures(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize(
    ("head", "words"),
    [(b"", "empty"), (b"PK\x03\x04rest", "ZIP"), (b"GIF89a", "GIF"), (b"hello world", "text"),
     (bytes(range(128, 256)), "not a PDF")],
)
def test_unknown_files_are_described(head: bytes, words: str) -> None:
    assert sniff(head) is None
    assert words in describe_unknown(head)
