"""Flag codes, severities and the document status rule of the public contract."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Severity = Literal["error", "review", "high", "info"]
DocumentStatus = Literal["verified", "flagged", "failed"]

UNREADABLE = "UNREADABLE"
LOW_CONFIDENCE = "LOW_CONFIDENCE"
NOT_IN_REGISTRY = "NOT_IN_REGISTRY"
REGISTRY_MISMATCH = "REGISTRY_MISMATCH"
REVOKED = "REVOKED"
HOLDER_MISMATCH = "HOLDER_MISMATCH"
ISSUER_UNKNOWN = "ISSUER_UNKNOWN"
ISSUER_NOT_ACCREDITED = "ISSUER_NOT_ACCREDITED"
DUPLICATE = "DUPLICATE"
IMPLAUSIBLE = "IMPLAUSIBLE"
OUT_OF_WINDOW = "OUT_OF_WINDOW"
TAMPERED = "TAMPERED"
QR_MISMATCH = "QR_MISMATCH"
TRANSLATION_MISSING = "TRANSLATION_MISSING"

# The contract's flag table: code -> severity.
SEVERITIES: Mapping[str, Severity] = MappingProxyType(
    {
        UNREADABLE: "error",
        LOW_CONFIDENCE: "review",
        NOT_IN_REGISTRY: "high",
        REGISTRY_MISMATCH: "high",
        REVOKED: "high",
        HOLDER_MISMATCH: "high",
        ISSUER_UNKNOWN: "review",
        ISSUER_NOT_ACCREDITED: "high",
        DUPLICATE: "high",
        IMPLAUSIBLE: "high",
        OUT_OF_WINDOW: "info",
        TAMPERED: "high",
        QR_MISMATCH: "high",
        TRANSLATION_MISSING: "review",
    }
)


@dataclass(frozen=True)
class Flag:
    """One finding about a document: code, its contract severity, a human message and evidence."""

    code: str
    severity: Severity
    message: str
    evidence: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # a read-only evidence view cannot be pickled; flags cross process boundaries from the workers
        return _rebuild_flag, (self.code, self.severity, self.message, dict(self.evidence))


def _rebuild_flag(code: str, severity: Severity, message: str, evidence: dict[str, object]) -> Flag:
    return Flag(code, severity, message, MappingProxyType(evidence))


def make_flag(code: str, message: str, evidence: Mapping[str, object] | None = None) -> Flag:
    """A flag with the severity the contract assigns to `code` (KeyError for an unknown code)."""
    return Flag(code, SEVERITIES[code], message, MappingProxyType(dict(evidence or {})))


def document_status(flags: Iterable[Flag]) -> DocumentStatus:
    """`failed` when UNREADABLE, `flagged` with any review/high flag, else `verified`."""
    flag_list = list(flags)
    if any(f.code == UNREADABLE or f.severity == "error" for f in flag_list):
        return "failed"
    if any(f.severity in ("review", "high") for f in flag_list):
        return "flagged"
    return "verified"


def field_confirmed(flags: Iterable[Flag], name: str) -> tuple[Flag, ...]:
    """The flags with `name` taken out of LOW_CONFIDENCE (a register confirmed what was read there); a
    LOW_CONFIDENCE left with no field is dropped."""
    kept: list[Flag] = []
    for flag in flags:
        fields = flag.evidence.get("fields") if flag.code == LOW_CONFIDENCE else None
        if not isinstance(fields, list) or name not in fields:
            kept.append(flag)
            continue
        rest = [f for f in fields if f != name]
        if rest:
            kept.append(make_flag(LOW_CONFIDENCE, "not read with confidence: " + ", ".join(rest),
                                  {**flag.evidence, "fields": rest}))
    return tuple(kept)
