"""The credit-unit ledger of a submission per Appendix 1 criterion, with the target's Appendix 3 thresholds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from intake.models import Submission
from verifiers.credit_rules import CRITERIA_BY_NUMBER, FOREIGN_ADMISSION_MIN_HOURS, THRESHOLDS_BY_CATEGORY
from web.security import Viewer

CHAPTERS = ("additional_education", "non_formal", "additional_competences")


@dataclass
class LedgerRow:
    criterion: int
    name: str
    chapter: str
    counted: float = 0.0
    pending: float = 0.0
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Ledger:
    rows: list[LedgerRow]
    totals: dict[str, Any]
    thresholds: list[tuple[str, float, float]]  # (what, have, need)
    eligible: bool | None
    shortfalls: list[str]


def _counts(status: str | None, decision: str | None) -> str:
    if decision in ("discrepancy", "unable_to_verify"):
        return "rejected"
    if status == "verified" or (status == "flagged" and decision == "verified"):
        return "counted"
    return "pending" if status == "flagged" else "none"


def build_ledger(submission: Submission, decisions: dict[int, str]) -> Ledger:
    """Rows per criterion from the documents' units; totals and shortfalls from the stored result."""
    rows: dict[int, LedgerRow] = {}
    for document in submission.documents:
        units = document.credit_units or {}
        criterion = units.get("criterion")
        if criterion not in CRITERIA_BY_NUMBER or not units.get("units"):
            continue
        rule = CRITERIA_BY_NUMBER[criterion]
        row = rows.setdefault(criterion, LedgerRow(criterion, rule.name, rule.chapter))
        kind = _counts(document.status, decisions.get(document.id))
        if kind == "counted":
            row.counted += float(units["units"])
        elif kind == "pending":
            row.pending += float(units["units"])
        row.documents.append(document.file)
    result = submission.result or {}
    totals = dict(result.get("credit_units") or {})
    return Ledger(sorted(rows.values(), key=lambda r: r.criterion), totals, _thresholds(submission, totals),
                  result.get("eligible"), list(result.get("shortfalls") or []))


def _thresholds(submission: Submission, totals: dict[str, Any]) -> list[tuple[str, float, float]]:
    meta = submission.meta or {}
    if meta.get("purpose") == "foreign_admission":
        return [("advanced_training_hours", float(totals.get("additional_education", 0)),
                 FOREIGN_ADMISSION_MIN_HOURS)]
    need = THRESHOLDS_BY_CATEGORY.get(str(meta.get("target_category")))
    if need is None:
        return []
    other = float(totals.get("non_formal", 0)) + float(totals.get("additional_competences", 0))
    return [("additional_education", float(totals.get("additional_education", 0)), need.additional_education),
            ("non_formal_and_additional_competences", other, need.non_formal_and_additional_competences),
            ("total", float(totals.get("total", 0)), need.total)]


def visible(query: Select[Any], viewer: Viewer) -> Select[Any]:
    """Operators and HR see their own service center's submissions only."""
    if viewer.user.role in ("operator", "hr"):
        return query.where(Submission.service_center == viewer.user.service_center)
    return query


def find_submission(session: Session, viewer: Viewer, submission_pk: int) -> Submission | None:
    return session.scalar(visible(select(Submission).where(Submission.id == submission_pk), viewer))
