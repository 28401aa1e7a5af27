"""The review queue: flagged, undecided documents by severity then age, with filters and counts per flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from time import monotonic
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, exists, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from intake.models import Document, Submission
from intake.workspace_models import Claim, Decision
from verifiers.flags import SEVERITIES
from web.security import now

PAGE_SIZE = 50
COUNTS_TTL_S = 30.0  # counts over every queued document are the one full scan of the page: kept briefly
_counts_cache: dict[tuple[str, QueueFilter], tuple[float, dict[str, int]]] = {}
FLAG_CODES = tuple(code for code, severity in SEVERITIES.items() if severity in ("high", "review"))


@dataclass(frozen=True)
class QueueFilter:
    flag: str | None = None
    issuer: str | None = None
    service_center: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _flags_text() -> ColumnElement[str]:
    return cast(Document.flags, String)


def _has_flag(code: str) -> ColumnElement[bool]:
    return _flags_text().like(f'%"code": "{code}"%')


def undecided() -> ColumnElement[bool]:
    """No decision stands: none yet, or the last one is an appeal's re-opening."""
    later = aliased(Decision)
    standing = select(Decision.id).where(
        Decision.document_id == Document.id, Decision.outcome != "reopened",
        ~exists(select(later.id).where(later.document_id == Decision.document_id, later.id > Decision.id)))
    return ~exists(standing)


def _conditions(chosen: QueueFilter) -> list[ColumnElement[bool]]:
    conditions = [Document.status == "flagged", undecided()]
    if chosen.flag:
        conditions.append(_has_flag(chosen.flag))
    if chosen.issuer:
        conditions.append(Document.issuer_org_id == chosen.issuer)
    if chosen.service_center:
        conditions.append(Submission.service_center == chosen.service_center)
    if chosen.date_from:
        conditions.append(Document.updated_at >= datetime.combine(chosen.date_from, time()))
    if chosen.date_to:
        conditions.append(Document.updated_at < datetime.combine(chosen.date_to + timedelta(days=1), time()))
    return conditions


def _is_high() -> ColumnElement[bool]:
    return _flags_text().like('%"severity": "high"%')


def _page_query(chosen: QueueFilter, high: bool) -> Select[Any]:
    """Rows of one severity in age order: the (status, id) index is walked in order and stops at the limit."""
    return (select(Document.id, Document.file, Document.flags, Document.fields, Document.updated_at,
                   Submission.submission_id, Submission.service_center, Claim.reviewer_id, Claim.expires_at)
            .join(Submission, Submission.id == Document.submission_pk)
            .outerjoin(Claim, and_(Claim.document_id == Document.id, Claim.expires_at >= now()))
            .where(*_conditions(chosen), _is_high() if high else ~_is_high()).order_by(Document.id))


def queue_page(session: Session, chosen: QueueFilter, offset: int = 0,
               high_count: int | None = None) -> list[dict[str, Any]]:
    """One page of the queue, high-severity documents first, each group oldest first."""
    rows = [dict(r._mapping) for r in session.execute(_page_query(chosen, True).offset(offset).limit(PAGE_SIZE))]
    if len(rows) < PAGE_SIZE:
        if high_count is None:
            high_count = offset + len(rows) if rows or offset == 0 else _count_high(session, chosen)
        review_offset = max(0, offset - high_count)
        rows += [dict(r._mapping) for r in session.execute(
            _page_query(chosen, False).offset(review_offset).limit(PAGE_SIZE - len(rows)))]
    return rows


def _count_high(session: Session, chosen: QueueFilter) -> int:
    query = (select(func.count(Document.id)).join(Submission, Submission.id == Document.submission_pk)
             .where(*_conditions(chosen), _is_high()))
    return int(session.scalar(query) or 0)


def next_document(session: Session, chosen: QueueFilter, reviewer_id: int, after: int | None = None) -> int | None:
    """The first queued document nobody else holds (skipping `after`), high severity first."""
    other_claim = exists(select(Claim.id).where(Claim.document_id == Document.id, Claim.reviewer_id != reviewer_id,
                                                Claim.expires_at >= now()))
    for high in (True, False):
        query = (select(Document.id).join(Submission, Submission.id == Document.submission_pk)
                 .where(*_conditions(chosen), ~other_claim, _is_high() if high else ~_is_high(),
                        Submission.uploaded_by.is_distinct_from(f"user:{reviewer_id}"))
                 .order_by(Document.id).limit(1))
        if after is not None:
            query = query.where(Document.id != after)
        found = session.scalar(query)
        if found is not None:
            return found
    return None


def flag_counts(session: Session, chosen: QueueFilter) -> dict[str, int]:
    """How many queued documents carry each flag code; one scan, remembered for COUNTS_TTL_S per filter."""
    key = (str(session.get_bind().engine.url), chosen)
    cached = _counts_cache.get(key)
    if cached is not None and cached[0] > monotonic():
        return cached[1]
    counts = _flag_counts(session, chosen)
    _counts_cache[key] = (monotonic() + COUNTS_TTL_S, counts)
    return counts


def forget_counts() -> None:
    """After a decision: the next queue page counts afresh."""
    _counts_cache.clear()


def _flag_counts(session: Session, chosen: QueueFilter) -> dict[str, int]:
    columns = [func.sum(case((_has_flag(code), 1), else_=0)).label(code) for code in FLAG_CODES]
    query = (select(func.count(Document.id).label("all"), *columns)
             .join(Submission, Submission.id == Document.submission_pk)
             .where(*_conditions(QueueFilter(None, chosen.issuer, chosen.service_center, chosen.date_from,
                                             chosen.date_to))))
    row = session.execute(query).one()
    return {key: int(value or 0) for key, value in row._mapping.items()}
