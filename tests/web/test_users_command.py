"""`tekser users add`: the first admin is created by the command, with the password asked or read from stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from intake.db import open_database
from intake.workspace_models import User
from tekser.cli import app
from web.accounts import check_password


def test_users_add_with_password_on_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEKSER_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["users", "add", "root", "--role", "admin", "--password-stdin"],
                                input="a long admin password\n")
    assert result.exit_code == 0, result.output
    engine = open_database(f"sqlite:///{tmp_path / 'tekser.db'}")
    with Session(engine) as session:
        user = session.scalar(select(User).where(User.login == "root"))
        assert user is not None and user.role == "admin" and user.password_hash.startswith("$argon2")
        assert check_password(session, "root", "a long admin password") is not None
        assert check_password(session, "root", "wrong") is None
    engine.dispose()


def test_users_add_asks_twice_and_refuses_a_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEKSER_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["users", "add", "rev", "--role", "reviewer"],
                                input="first password 1\nsecond password 2\n")
    assert result.exit_code != 0


def test_operator_needs_a_service_center(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEKSER_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["users", "add", "op", "--role", "operator", "--password-stdin"],
                                input="a long operator password\n")
    assert result.exit_code == 2 and "service-center" in result.output
