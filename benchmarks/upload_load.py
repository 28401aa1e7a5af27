"""Load benchmark: N concurrent uploads of a 2 MB scan against a real `tekser serve` on loopback.

Measures intake only: the server runs with `--no-process` (uploads are recorded — checked, stored, committed —
but not handed to the OCR pipeline, which would otherwise compete for the same 2 cores). Prints errors, how
often each upload was recorded (from the database), and upload latency p50/p95/max.
Run: `uv run python -m benchmarks.upload_load [--uploads 200] [--megabytes 2] [--postgres]`.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
import numpy as np
import psycopg
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.db import make_engine
from intake.iin import iin_check_digit
from intake.models import Document, Submission
from tests.api.served import add_token, tekser_env, tekser_serve
from tests.realservices.postgres import PostgresServer

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
IIN = "88051445012" + str(iin_check_digit("88051445012"))


def scan_jpeg(target_bytes: int, seed: int = 3) -> bytes:
    """An A4 page at 300 dpi with certificate text and scanner noise, JPEG-compressed to about target_bytes."""
    rng = np.random.default_rng(seed)
    page = Image.new("L", (2480, 3508), 245)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 64)
    for row, line in enumerate(["СЕРТИФИКАТ № 0012345", "Жақсыбекова Әйгерім Серікқызы",
                                "Актуальные вопросы педиатрии, 108 часов", "12.02.2024 – 24.02.2024"]):
        draw.text((220, 600 + row * 160), line, fill=20, font=font)
    noisy = np.asarray(page, dtype=np.int16) + rng.normal(0, 9, (3508, 2480)).astype(np.int16)
    image = Image.fromarray(noisy.clip(0, 255).astype(np.uint8))
    best = b""
    for quality in range(50, 97, 3):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        best = buffer.getvalue()
        if len(best) >= target_bytes:
            break
    return best


def unique_copy(jpeg: bytes, number: int) -> bytes:
    """The same scan with a numbered JPEG comment, so each upload is stored as its own object."""
    comment = f"upload {number}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def meta(number: int) -> str:
    return json.dumps({"submission_id": f"LOAD-{number:04d}",
                       "applicant": {"iin": IIN, "full_name": "Жақсыбекова Әйгерім Серікқызы"},
                       "purpose": "qualification", "target_category": "first", "submitted_at": "2025-11-03",
                       "channel": "service_center"}, ensure_ascii=False)


async def one_upload(client: httpx.AsyncClient, number: int, scan: bytes) -> tuple[int, float, str]:
    started = time.perf_counter()
    try:
        response = await client.post("/api/v1/submissions", data={"submission": meta(number)},
                                     files=[("files", ("scan.jpg", scan, "image/jpeg"))])
        detail = "" if response.status_code == 201 else response.text[:200]
        return response.status_code, time.perf_counter() - started, detail
    except httpx.HTTPError as exc:
        return 0, time.perf_counter() - started, f"{exc.__class__.__name__}: {exc}"


async def load(base_url: str, token: str, scans: list[bytes]) -> tuple[list[tuple[int, float, str]], float]:
    limits = httpx.Limits(max_connections=len(scans), max_keepalive_connections=len(scans))
    async with httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"},
                                 timeout=httpx.Timeout(600), limits=limits) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(one_upload(client, n, scan) for n, scan in enumerate(scans)))
        return list(results), time.perf_counter() - started


def recorded_counts(database_url: str, uploads: int) -> Counter[int]:
    """How many times each upload's submission is in the database (1 for every one is the target)."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        query = (select(Submission.submission_id, func.count()).where(Submission.submission_id.like("LOAD-%"))
                 .group_by(Submission.submission_id))
        rows = {submission_id: count for submission_id, count in session.execute(query)}
        documents = session.scalar(select(func.count()).select_from(Document)) or 0
    engine.dispose()
    times = Counter(rows.get(f"LOAD-{n:04d}", 0) for n in range(uploads))
    times[-1] = documents  # documents in all, reported separately
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(results: list[tuple[int, float, str]], wall: float, scan_bytes: int, counts: Counter[int]) -> bool:
    statuses = Counter(status for status, _, _ in results)
    latencies = [seconds for _, seconds, _ in results]
    errors = [(status, detail) for status, _, detail in results if status != 201]
    documents = counts.pop(-1)
    print(f"uploads: {len(results)} concurrent × {scan_bytes / 1e6:.2f} MB JPEG; wall {wall:.1f} s, "
          f"{len(results) * scan_bytes / 1e6 / wall:.1f} MB/s, {len(results) / wall:.1f} uploads/s")
    print(f"statuses: {dict(statuses)}; errors: {len(errors)}")
    for status, detail in errors[:5]:
        print(f"  error {status}: {detail}")
    print(f"recorded: {counts.get(1, 0)} exactly once, {counts.get(0, 0)} missing, "
          f"{sum(v for k, v in counts.items() if k > 1)} more than once; {documents} documents")
    print(f"latency: p50 {percentile(latencies, 0.50):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
          f"max {max(latencies):.2f} s, mean {statistics.fmean(latencies):.2f} s")
    return not errors and counts.get(1, 0) == len(results)


def run(uploads: int, megabytes: float, database_url: str | None) -> bool:
    scan = scan_jpeg(int(megabytes * 1_000_000))
    scans = [unique_copy(scan, n) for n in range(uploads)]
    with tempfile.TemporaryDirectory(prefix="tekser-load-") as scratch:
        data_dir = Path(scratch) / "data"
        env = tekser_env(data_dir, **({"TEKSER_DATABASE_URL": database_url} if database_url else {}))
        token = add_token(env, "operator", "LOAD-CENTER", name=f"load-{time.time_ns()}")
        with tekser_serve(env, Path(scratch) / "serve.log", args=["--no-process"]) as base_url:
            results, wall = asyncio.run(load(base_url, token, scans))
        counts = recorded_counts(database_url or f"sqlite:///{data_dir / 'tekser.db'}", uploads)
        return report(results, wall, len(scan), counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--uploads", type=int, default=200)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--postgres", action="store_true", help="use a throw-away PostgreSQL 15 server, not SQLite")
    options = parser.parse_args()
    if options.postgres:
        with PostgresServer() as server:
            url = server.create_database("load")
            name = url.rsplit("/", 1)[1]
            with psycopg.connect(server.dsn_for(name), autocommit=True) as connection:
                connection.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
            print(f"database: PostgreSQL 15 on port {server.port} (synchronous_commit on; the throw-away server "
                  "runs with fsync off)")
            ok = run(options.uploads, options.megabytes, url)
    else:
        print("database: SQLite (embedded default)")
        ok = run(options.uploads, options.megabytes, None)
    print("target (no errors, every upload recorded once):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
