"""Benchmark: server-side render time of each workspace page with 100,000 documents in the database.

    uv run python benchmarks/workspace.py [--documents 100000] [--database-url URL] [--repeat 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from intake.db import open_database
from intake.models import Batch, Document, Submission
from intake.workspace_models import AuditEvent
from tekser.settings import Settings
from web.accounts import create_user
from web.app import create_web_app

PASSWORD = "benchmark password"
CHUNK = 5000
FLAG_MIX = (("REGISTRY_MISMATCH", "high"), ("NOT_IN_REGISTRY", "high"), ("HOLDER_MISMATCH", "high"),
            ("ISSUER_UNKNOWN", "review"), ("LOW_CONFIDENCE", "review"), ("DUPLICATE", "high"),
            ("TAMPERED", "high"), ("TRANSLATION_MISSING", "review"))
DOCS_PER_SUBMISSION = 5


def _flags(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    if rng.random() < 0.7:
        return "verified", []
    code, severity = rng.choice(FLAG_MIX)
    evidence = {"field": "hours", "register": 72.0, "document": 108.0} if code == "REGISTRY_MISMATCH" else {}
    return "flagged", [{"code": code, "severity": severity, "message": f"{code.lower()} found", "evidence": evidence}]


def _document_row(rng: random.Random, submission_pk: int, number: int, start: datetime) -> dict[str, Any]:
    status, flags = _flags(rng)
    hours = rng.choice((8, 16, 36, 72, 108, 144))
    fields = {"holder_name": "Жақсыбекова Әйгерім Серікқызы", "cert_number": f"KZ-{number:07d}",
              "issuer": "НАО «Медицинский университет Караганды»", "issuer_org_id": f"ORG-{rng.randint(1, 300):03d}",
              "program": "Актуальные вопросы педиатрии", "hours": hours, "start_date": "2024-02-12",
              "end_date": "2024-02-24", "issue_date": "2024-02-26"}
    return {"submission_pk": submission_pk, "file": f"scan_{number % DOCS_PER_SUBMISSION:03d}.pdf",
            "sha256": None, "size_bytes": 100_000, "kind": "pdf", "state": "done", "status": status,
            "doc_type": "advanced_training", "language": "ru", "fields": fields,
            "issuer_org_id": fields["issuer_org_id"], "confidence": dict.fromkeys(fields, 0.95), "flags": flags,
            "credit_units": {"criterion": 1, "units": hours}, "extra": {"field_boxes": {}, "qr_payloads": []},
            "updated_at": start + timedelta(seconds=number)}


def fill(engine: Engine, documents: int, seed: int = 1) -> None:
    """Bulk-insert one batch of submissions with `documents` documents and as many audit events."""
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=30)
    with Session(engine) as session:
        batch = Batch(inbox="benchmark")
        session.add(batch)
        session.flush()
        submissions = [{"batch_id": batch.id, "submission_id": f"S-{i:06d}", "applicant_iin": f"88051445{i:04d}"[-12:],
                        "meta": {"full_name": "Жақсыбекова Әйгерім", "purpose": "qualification",
                                 "target_category": "first", "submitted_at": "2025-11-03"},
                        "status": "flagged", "service_center": f"SC{i % 20}",
                        "result": {"credit_units": {"additional_education": 96, "non_formal": 0,
                                                    "additional_competences": 0, "total": 96, "pending_review": 108},
                                   "eligible": False, "shortfalls": ["total: 96 of 210"]}}
                       for i in range(documents // DOCS_PER_SUBMISSION)]
        for offset in range(0, len(submissions), CHUNK):
            session.execute(insert(Submission), submissions[offset:offset + CHUNK])
        first = session.scalar(select(Submission.id).order_by(Submission.id)) or 1
        for offset in range(0, documents, CHUNK):
            rows = [_document_row(rng, first + n // DOCS_PER_SUBMISSION, n, start)
                    for n in range(offset, min(offset + CHUNK, documents))]
            session.execute(insert(Document), rows)
            session.execute(insert(AuditEvent), [{"actor": "user:1:bench", "action": "view_document",
                                                  "object_type": "document", "object_id": str(n),
                                                  "at": start + timedelta(seconds=n)}
                                                 for n in range(offset, offset + len(rows))])
        session.commit()


def _time(client: TestClient, path: str, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        answer = client.get(path, follow_redirects=False)
        times.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def run(database_url: str | None, documents: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), database_url=database_url)
        engine = open_database(settings.resolved_database_url)
        began = time.perf_counter()
        fill(engine, documents)
        print(f"filled {documents} documents in {time.perf_counter() - began:.1f} s ({engine.dialect.name})")
        with Session(engine) as session:
            create_user(session, "bench-admin", PASSWORD, "admin")
            flagged = session.scalars(select(Document.id).where(Document.status == "flagged").limit(repeat)).all()
            submission = session.scalar(select(Submission.id).order_by(Submission.id.desc()))
        client = TestClient(create_web_app(settings, engine))
        client.post("/login", data={"login": "bench-admin", "password": PASSWORD})
        pages = {"queue": "/queue", "queue, flag filter": "/queue?flag=TAMPERED",
                 "queue, issuer+center+date": "/queue?issuer=ORG-007&service_center=SC3&from=2020-01-01",
                 "queue, deep page": "/queue?offset=5000", "document view": f"/documents/{flagged[0]}",
                 "submission view": f"/submissions/{submission}", "submissions list": "/submissions",
                 "audit page": "/admin/audit", "audit, filtered": "/admin/audit?action=view_document&object_id=777"}
        print(f"{'page':30} {'median ms':>10} {'p95 ms':>10}")
        for name, path in pages.items():
            median, p95 = _time(client, path, repeat)
            print(f"{name:30} {median:10.1f} {p95:10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temp folder")
    parser.add_argument("--repeat", type=int, default=30)
    arguments = parser.parse_args()
    run(arguments.database_url, arguments.documents, arguments.repeat)


if __name__ == "__main__":
    main()
