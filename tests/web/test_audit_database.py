"""Migration 0005 on SQLite and a real PostgreSQL: the audit trail refuses UPDATE and DELETE at the database."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from intake.audit import record
from intake.db import alembic_config, open_database
from intake.workspace_models import AuditEvent


def test_database_refuses_changes_to_audit_events(database_url: str) -> None:
    engine = open_database(database_url)
    with Session(engine) as session:
        record(session, "user:1:admin", "sign_in", "user", 1, None, {"ip": "127.0.0.1"})
        session.commit()
    for statement in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
        with engine.connect() as connection, pytest.raises(Exception, match="append-only"):
            connection.execute(text(statement))
    with Session(engine) as session:
        assert session.scalar(select(func.count(AuditEvent.id))) == 1
        assert session.scalar(select(AuditEvent.action)) == "sign_in"
    engine.dispose()


def test_migration_0005_goes_down_and_up(database_url: str) -> None:
    engine = open_database(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        tables = set(connection.dialect.get_table_names(connection))
    assert {"users", "web_sessions", "claims", "decisions", "audit_events"} <= tables
    engine.dispose()
