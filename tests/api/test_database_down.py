"""The database (a real PostgreSQL server) goes away: the API answers 503, never 500; retried uploads land once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from api.app import create_app
from intake.access_models import create_token
from intake.db import open_database
from intake.models import Document, Submission
from tests.api.conftest import meta_json, png_bytes, small_settings
from tests.api.served import add_token, tekser_env, tekser_serve
from tests.realservices.postgres import PostgresServer

URL = "/api/v1/submissions"


def _upload(client: TestClient, headers: dict[str, str], submission_id: str) -> httpx.Response:
    return client.post(URL, headers=headers, data={"submission": meta_json(submission_id)},
                       files=[("files", ("scan.png", png_bytes(text=submission_id), "image/png"))])


def _recorded(engine: Engine, submission_id: str) -> tuple[int, int]:
    with Session(engine) as session:
        submissions = session.scalar(select(func.count()).select_from(Submission)
                                     .where(Submission.submission_id == submission_id))
        documents = session.scalar(select(func.count()).select_from(Document).join(Submission)
                                   .where(Submission.submission_id == submission_id))
    return submissions or 0, documents or 0


def _assert_503(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"].isdigit()
    assert response.json()["error"]["code"] == "unavailable"


def test_database_down_is_503_and_retry_records_once(postgres_server: PostgresServer, postgres_url: str,
                                                     tmp_path: Path) -> None:
    postgres = postgres_server
    settings = small_settings(tmp_path / "data", database_url=postgres_url)
    engine = open_database(postgres_url)  # migrations 0001→head on PostgreSQL
    with Session(engine) as session:
        token = create_token(session, "operator", "SC-PG", name="pg-desk")[1]
    headers = {"Authorization": f"Bearer {token}"}
    app = create_app(settings, engine, process=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert _upload(client, headers, "S-BEFORE").status_code == 201
        postgres.stop("fast")
        try:
            _assert_503(_upload(client, headers, "S-DURING"))
            _assert_503(client.get(URL, headers=headers))
            _assert_503(client.get(f"{URL}/S-BEFORE", headers=headers))
            _assert_503(client.get("/api/v1/health"))
        finally:
            postgres.start()
        retried = _upload(client, headers, "S-DURING")
        assert retried.status_code == 201 and retried.json()["created"] is True
        again = _upload(client, headers, "S-DURING")  # the client retries once more: still one record
        assert again.status_code == 200
        assert client.get("/api/v1/health").status_code == 200
    assert _recorded(engine, "S-DURING") == (1, 1)
    assert _recorded(engine, "S-BEFORE") == (1, 1)
    engine.dispose()


def test_uploads_zip_and_reads_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    from tests.api.test_zip import make_zip

    settings = small_settings(tmp_path / "data", database_url=postgres_url)
    engine = open_database(postgres_url)
    with Session(engine) as session:
        tokens = {role: create_token(session, role, "SC-Z" if role == "operator" else None, name=f"pg2-{role}")[1]
                  for role in ("operator", "reviewer")}
    operator = {"Authorization": f"Bearer {tokens['operator']}"}
    archive = make_zip({"S-PZ1/submission.json": meta_json().encode(), "S-PZ1/scan.png": png_bytes(),
                        "S-PZ2/submission.json": meta_json().encode(), "S-PZ2/scan.png": png_bytes(text="2")})
    with TestClient(create_app(settings, engine, process=False)) as client:
        zipped = client.post(URL, headers=operator, files=[("archive", ("in.zip", archive, "application/zip"))])
        assert zipped.status_code == 201 and len(zipped.json()["submissions"]) == 2
        conflict = client.post(URL, headers=operator, data={"submission": meta_json("S-PZ1")},
                               files=[("files", ("other.png", png_bytes(text="x"), "image/png"))])
        assert conflict.status_code == 409
        listed = client.get(URL, headers={"Authorization": f"Bearer {tokens['reviewer']}"},
                            params={"status": "received"}).json()
        assert {"S-PZ1", "S-PZ2"} <= {item["submission_id"] for item in listed["items"]}
        document_id = zipped.json()["submissions"][0]["documents"][0]["document_id"]
        image = client.get(f"{URL}/S-PZ1/documents/{document_id}/pages/1/image", headers=operator)
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    engine.dispose()


async def _post(client: httpx.AsyncClient, submission_id: str) -> int:
    response = await client.post(URL, data={"submission": meta_json(submission_id)},
                                 files=[("files", ("scan.png", png_bytes(text=submission_id), "image/png"))])
    return response.status_code


def _client(base_url: str, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=120)


async def _upload_all(base_url: str, token: str, ids: list[str]) -> dict[str, int]:
    async with _client(base_url, token) as client:
        statuses = await asyncio.gather(*(_post(client, submission_id) for submission_id in ids))
    return dict(zip(ids, statuses, strict=True))


async def _upload_and_kill(base_url: str, token: str, ids: list[str], postgres: PostgresServer,
                           kill_after: int) -> dict[str, int]:
    """Upload 4 at a time; once `kill_after` uploads succeeded, kill the database while others are in flight."""
    results: dict[str, int] = {}
    killed = asyncio.Event()
    slots = asyncio.Semaphore(4)
    async with _client(base_url, token) as client:
        async def one(submission_id: str) -> None:
            async with slots:
                results[submission_id] = await _post(client, submission_id)
            if not killed.is_set() and sum(status == 201 for status in results.values()) >= kill_after:
                killed.set()
                await asyncio.to_thread(postgres.stop, "immediate")

        await asyncio.gather(*(one(submission_id) for submission_id in ids))
    return results


def test_server_killed_during_uploads_loses_nothing(postgres_server: PostgresServer, postgres_url: str,
                                                    tmp_path: Path) -> None:
    """`tekser serve` on PostgreSQL; the database is killed while uploads are in flight, then comes back."""
    postgres = postgres_server
    # the test server runs with synchronous_commit off (speed); a crash may then drop acknowledged commits, which
    # PostgreSQL's default (on) never does: restore the default for this test's database
    database = postgres_url.rsplit("/", 1)[1]
    with psycopg.connect(postgres.dsn_for(database), autocommit=True) as connection:
        connection.execute(f'ALTER DATABASE "{database}" SET synchronous_commit = on')
    env = tekser_env(tmp_path / "data", TEKSER_DATABASE_URL=postgres_url)
    token = add_token(env, "operator", "SC-KILL", name="kill-desk")
    ids = [f"S-K{number:02d}" for number in range(24)]
    with tekser_serve(env, tmp_path / "serve.log") as base_url:
        try:
            first = asyncio.run(_upload_and_kill(base_url, token, ids, postgres, kill_after=6))
        finally:
            postgres.start()
        statuses = sorted(first.values())
        assert set(statuses) == {201, 503} and statuses.count(201) >= 6, statuses
        retried = asyncio.run(_upload_all(base_url, token, ids))  # every client retries (safe: same id, content)
        assert set(retried.values()) <= {200, 201}, retried
        assert all(retried[i] == 200 for i in ids if first[i] == 201)
    engine = open_database(postgres_url)
    for submission_id in ids:
        assert _recorded(engine, submission_id) == (1, 1), submission_id
    engine.dispose()
