"""The database layer on SQLite and on a real PostgreSQL 15 server: migrations, registers, intake, a whole batch."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from intake.db import alembic_config, make_engine, migrate, open_database
from intake.inbox import scan_inbox
from intake.models import Batch, Document, Page, Submission
from intake.recorder import IntakeLimits, record_inbox
from intake.registry_files import CERTIFICATE_COLUMNS, ORGANIZATION_COLUMNS
from intake.registry_import import import_registry
from intake.registry_models import Certificate, Organization
from intake.storage import ContentStore
from samples.corpus import build_corpus
from tekser.errors import ConfigurationError
from tekser.settings import Settings
from tests.realservices.postgres import PostgresServer, free_port
from workers.batch import run_batch
from workers.verify import verify_batch

ORG = ("ORG-1,НАО «Медицинский университет Караганды»,Karaganda Medical University|КМУ,"
       "123456789012,KZ,Караганда,2015-01-01,,true")
CERT = "0012345,ORG-1,{iin},Жақсыбекова Әйгерім Серікқызы,Педиатрия,{hours},2024-02-12,2024-02-24,2024-02-26,valid"
IIN = "880514450128"


def _write_registry(folder: Path, hours: int = 36, extra_certs: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organizations.csv").write_text(",".join(ORGANIZATION_COLUMNS) + "\n" + ORG + "\n", encoding="utf-8")
    rows = [CERT.format(iin=IIN, hours=hours), *extra_certs]
    (folder / "certificates.csv").write_text(",".join(CERTIFICATE_COLUMNS) + "\n" + "\n".join(rows) + "\n",
                                             encoding="utf-8")
    return folder


def test_migrations_run_from_empty_to_head_and_back(database_url: str) -> None:
    engine = open_database(database_url)
    tables = set(inspect(engine).get_table_names())
    assert {"batches", "submissions", "documents", "pages", "organizations", "certificates"} <= tables
    config = alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == head
    migrate(engine)  # a second start changes nothing
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert set(inspect(engine).get_table_names()) == tables
    engine.dispose()


def test_processes_starting_together_migrate_once(database_url: str) -> None:
    """Workers and servers on several machines start at once against one new database."""
    code = "import sys; from intake.db import open_database; open_database(sys.argv[1]).dispose()"
    processes = [subprocess.Popen([sys.executable, "-c", code, database_url], stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    errors = [process.communicate(timeout=300)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    engine.dispose()


def test_postgresql_url_uses_psycopg_3() -> None:
    engine = make_engine("postgresql://someone@127.0.0.1:5/tekser")
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    assert engine.pool._pre_ping


def test_password_with_url_encoded_characters(postgres_server: PostgresServer) -> None:
    with psycopg.connect(postgres_server.dsn_for("postgres"), autocommit=True) as connection:
        connection.execute("CREATE ROLE \"user@tekser\" LOGIN SUPERUSER PASSWORD 'p@ss%w/rd'")
    url = postgres_server.create_database().replace("postgresql+psycopg://postgres@", "postgresql://")
    engine = open_database(url.replace("://", "://user%40tekser:p%40ss%25w%2Frd@", 1))
    assert alembic_config(engine).get_main_option("sqlalchemy.url", "").endswith(url.rsplit("/", 1)[1])
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT current_user")) == "user@tekser"
    engine.dispose()


@pytest.mark.parametrize("url", ["postgresql://postgres@127.0.0.1:{port}/tekser", "not a url", "mysql://x@h/db",
                                 "postgresql://postgres@127.0.0.1:notaport/db"])
def test_unusable_database_url_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError, match="TEKSER_DATABASE_URL"):
        open_database(url.format(port=free_port()))


def test_registry_reload_updates_never_duplicates(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    registry = _write_registry(tmp_path / "registry")
    with Session(engine) as session:
        first = import_registry(session, registry)
        assert (first.organizations, first.certificates, first.added) == (1, 1, 2)
        again = import_registry(session, registry)
        assert (again.added, again.updated) == (0, 0)
        changed = import_registry(session, _write_registry(registry, hours=72))
        assert (changed.added, changed.updated) == (0, 1)
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1
        assert session.scalar(select(Certificate.hours)) == 72
        organization = session.scalars(select(Organization)).one()
        assert organization.name.startswith("НАО «Медицинский") and "КМУ" in organization.aliases
    engine.dispose()


def test_record_inbox(database_url: str, inbox: Path, tmp_path: Path) -> None:
    engine = open_database(database_url)
    store = ContentStore(tmp_path / "objects")
    with Session(engine) as session:
        batch = record_inbox(session, inbox, None, scan_inbox(inbox), store, IntakeLimits(max_file_bytes=1000))
        by_file = {d.file: d for s in batch.submissions for d in s.documents}
        assert set(by_file) == {"scan.png", "sub/letter.txt", "empty.pdf"}
        assert by_file["scan.png"].state == "received" and by_file["empty.pdf"].state == "failed"
        ids = [s.submission_id for s in batch.submissions]
    with Session(engine) as session:  # read back through a new connection
        assert session.scalars(select(Submission.submission_id).order_by(Submission.submission_id)).all() == ids
        assert session.scalar(select(func.count()).select_from(Document)) == 3
        assert session.scalar(select(func.count()).select_from(Batch)) == 1
    engine.dispose()


def test_page_text_with_nul_characters_is_stored(database_url: str) -> None:
    """PDF text layers can hold NUL characters, which PostgreSQL text columns refuse."""
    engine = open_database(database_url)
    with Session(engine) as session:
        batch = Batch(inbox="x")
        submission = Submission(submission_id="S-1", status="received")
        document = Document(file="a.pdf", state="done", error="bad\x00byte", fields={"program": "A\x00B"})
        document.pages = [Page(page_no=1, width=10, height=10, source="pdf", text="Сертификат\x00 №1")]
        submission.documents = [document]
        batch.submissions.append(submission)
        session.add(batch)
        session.commit()
        page = session.scalars(select(Page)).one()
        assert page.text.replace("\x00", "") == "Сертификат №1"
    engine.dispose()


def _read_document(file: str, number: str, holder: str) -> Document:
    fields = {"holder_name": holder, "cert_number": number, "issuer": "НАО «Медицинский университет Караганды»",
              "program": "Педиатрия", "hours": 36, "start_date": "2024-02-12", "end_date": "2024-02-24",
              "issue_date": "2024-02-26"}
    return Document(file=file, state="done", status="verified", doc_type="advanced_training", language="ru",
                    fields=fields, confidence={k: 0.9 for k in fields}, flags=[], image_hash="0f" * 8,
                    extra={"read_flags": [], "qr_payloads": [], "field_boxes": {}})


def _applicant_batch(sid: str, iin: str, name: str, document: Document) -> Batch:
    meta = {"iin": iin, "full_name": name, "latin_name": None, "purpose": "qualification", "target_category": "first",
            "submitted_at": "2025-11-03", "channel": "service_center"}
    return Batch(inbox=sid, submissions=[Submission(submission_id=sid, applicant_iin=iin, meta=meta,
                                                    status="received", documents=[document])])


def test_duplicate_across_batches_flags_the_earlier_row_too(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    other_iin = "900101400129"
    with Session(engine, expire_on_commit=False) as session:
        import_registry(session, _write_registry(tmp_path / "registry"))
        earlier = _read_document("a.pdf", "0012345", "Жақсыбекова Әйгерім Серікқызы")
        session.add(_applicant_batch("S-1", IIN, "Жақсыбекова Әйгерім Серікқызы", earlier))
        session.commit()
        verify_batch(session, earlier.submission.batch, today=date(2025, 11, 22))
        session.commit()
        later = _read_document("b.pdf", "0012345", "Петров Иван")
        session.add(_applicant_batch("S-2", other_iin, "Петров Иван", later))
        session.commit()
        verify_batch(session, later.submission.batch, today=date(2025, 11, 22))
        session.commit()
    with Session(engine) as session:
        codes = {d.file: [f["code"] for f in d.flags or []] for d in session.scalars(select(Document))}
    assert "DUPLICATE" in codes["a.pdf"] and "DUPLICATE" in codes["b.pdf"]
    engine.dispose()


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_writes_the_same_results_on_sqlite_and_postgresql(tmp_path: Path, postgres_url: str) -> None:
    corpus = build_corpus(tmp_path / "corpus", seed=5, documents=2, formats=["pdf_text"], workers=1)
    outputs = {}
    for name, url in (("sqlite", None), ("postgresql", postgres_url)):
        settings = Settings(data_dir=tmp_path / name, database_url=url, workers=1)
        report = run_batch(corpus.inbox, corpus.registry, tmp_path / f"out-{name}", settings)
        assert report.documents == 2 and report.by_status["failed"] == 0
        outputs[name] = [_jsonl(tmp_path / f"out-{name}" / file) for file in ("documents.jsonl", "submissions.jsonl")]
    assert outputs["sqlite"] == outputs["postgresql"]
    documents, submissions = outputs["postgresql"]
    assert len(documents) == 2 and all(d["fields"] for d in documents)
    assert {s["submission_id"] for s in submissions} == {d["submission_id"] for d in documents}
