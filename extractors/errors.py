"""The one error the page readers raise: the document cannot be read (mapped to the UNREADABLE flag)."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """A file that cannot be opened or decoded; `reason` is one human-readable line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
