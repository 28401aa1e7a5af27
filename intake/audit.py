"""The append-only audit trail: one writer, and guards that refuse any update or delete of an event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from intake.workspace_models import AuditEvent


class AuditIsAppendOnly(RuntimeError):
    """Raised when anything tries to change or remove an audit event."""


def record(session: Session, actor: str, action: str, object_type: str | None = None,
           object_id: object = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None) -> AuditEvent:
    """Add one audit event to the session (the caller commits with the change it describes)."""
    row = AuditEvent(actor=actor, action=action, object_type=object_type,
                     object_id=None if object_id is None else str(object_id), before=before, after=after)
    session.add(row)
    return row


def _refuse(_mapper: object, _connection: object, target: AuditEvent) -> None:
    raise AuditIsAppendOnly(f"audit event {target.id} cannot be changed or deleted")


event.listen(AuditEvent, "before_update", _refuse)
event.listen(AuditEvent, "before_delete", _refuse)

