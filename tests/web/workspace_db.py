"""A workspace database filled by the real pipeline on generated born-digital PDFs, some of them flagged."""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from intake.db import open_database
from tekser.settings import Settings
from web.accounts import create_user

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]
USERS = (("admin", "admin", None), ("rev1", "reviewer", None), ("rev2", "reviewer", None),
         ("op1", "operator", "SC1"), ("hr1", "hr", "SC2"))


def _shift_register_hours(registry: Path) -> None:
    """Every register record one hour off: the documents that report to it become REGISTRY_MISMATCH."""
    path = registry / "certificates.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["hours"] = str(int(float(row["hours"])) + 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def build_pipeline_database(folder: Path, documents: int = 8, seed: int = 3) -> tuple[Path, Path]:
    """(sqlite file, storage dir) after `run_batch` on a generated sample with a shifted register."""
    sample = folder / "sample"
    subprocess.run([sys.executable, "-m", "samples", str(sample), "--seed", str(seed), "--documents", str(documents),
                    "--formats", "pdf_text", "--workers", "1"], check=True, cwd=ROOT, capture_output=True)
    _shift_register_hours(sample / "registry")
    settings = Settings(data_dir=folder / "data", workers=1)
    from workers.batch import run_batch

    run_batch(sample / "inbox", sample / "registry", folder / "out", settings)
    database = folder / "data" / "tekser.db"
    engine = open_database(f"sqlite:///{database}")
    with Session(engine) as session:
        for login, role, center in USERS:
            create_user(session, login, PASSWORD, role, center, "en")
        session.execute(text("UPDATE submissions SET service_center = 'SC1' "
                             "WHERE id = (SELECT MIN(id) FROM submissions)"))
        session.commit()
    engine.dispose()
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database, settings.resolved_storage_dir


@dataclass
class Workspace:
    settings: Settings
    engine: Engine
    client: TestClient

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


def copy_workspace(source: tuple[Path, Path], folder: Path) -> tuple[Settings, Engine]:
    """A private copy of the pipeline database with the test users; page images read from the shared store."""
    database = folder / "tekser.db"
    shutil.copyfile(source[0], database)
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{database}", storage_dir=source[1])
    return settings, open_database(settings.resolved_database_url)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def sign_in(client: TestClient, login: str) -> str:
    """Sign in and return the session's CSRF token."""
    client.cookies.clear()
    answer = client.post("/login", data={"login": login, "password": PASSWORD, "next": "/submissions"})
    assert answer.status_code == 200, answer.text[:300]
    return csrf_of(answer.text)
