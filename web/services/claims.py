"""Claims: one reviewer holds one document for a while; the unique document_id decides races in the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.workspace_models import Claim
from web.security import now


def claim(session: Session, document_id: int, reviewer_id: int, minutes: int) -> bool:
    """Take or extend the claim on a document; False when another reviewer holds a live claim. Commits."""
    until = now() + timedelta(minutes=minutes)
    session.execute(delete(Claim).where(Claim.document_id == document_id, Claim.expires_at < now()))
    extended = session.execute(update(Claim).where(Claim.document_id == document_id,
                                                   Claim.reviewer_id == reviewer_id).values(expires_at=until))
    if extended.rowcount:  # type: ignore[attr-defined]
        session.commit()
        return True
    try:
        with session.begin_nested():
            session.add(Claim(document_id=document_id, reviewer_id=reviewer_id, expires_at=until))
    except IntegrityError:
        session.commit()
        return False
    session.commit()
    return True


def holder(session: Session, document_id: int) -> int | None:
    """The reviewer holding a live claim on the document, if any."""
    row = session.scalar(select(Claim).where(Claim.document_id == document_id, Claim.expires_at >= now()))
    return row.reviewer_id if row else None


def release(session: Session, document_id: int, reviewer_id: int) -> None:
    session.execute(delete(Claim).where(Claim.document_id == document_id, Claim.reviewer_id == reviewer_id))
