"""Queued `tekser batch`: real redis-server, real dramatiq worker processes, the same OUT files as embedded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tekser.settings import Settings
from tests.realservices.redis import RedisServer
from tests.workers.queue_support import REPO, broken_pdf, make_inbox, running_worker, service_env, text_pdf


def test_queued_batch_writes_one_record_per_file(tmp_path: Path, redis_server: RedisServer) -> None:
    files = {f"cert-{n}.pdf": text_pdf(n) for n in range(3)} | {"broken.pdf": broken_pdf(1), "empty.pdf": b""}
    inbox, registry = make_inbox(tmp_path, files)
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_server.url)
    with running_worker(settings, processes=2):
        finished = subprocess.run(
            [sys.executable, "-m", "tekser", "batch", str(inbox), "--registry", str(registry),
             "--out", str(tmp_path / "out")], cwd=REPO, env=service_env(settings), capture_output=True, timeout=300)
    assert finished.returncode == 0, finished.stderr.decode()
    records = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert sorted(r["file"] for r in records) == sorted(files)
    by_file = {r["file"]: r for r in records}
    assert by_file["broken.pdf"]["status"] == "failed" and by_file["empty.pdf"]["status"] == "failed"
    assert all(by_file[f"cert-{n}.pdf"]["status"] != "failed" for n in range(3))
    submissions = (tmp_path / "out" / "submissions.jsonl").read_text().splitlines()
    assert [json.loads(line)["submission_id"] for line in submissions] == ["S-1"]


def test_worker_needs_redis_and_reconciles_once(tmp_path: Path, redis_server: RedisServer) -> None:
    settings = Settings(data_dir=tmp_path / "data", redis_url=redis_server.url)
    env = service_env(settings)
    once = subprocess.run([sys.executable, "-m", "tekser", "worker", "--reconcile-once"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert once.returncode == 0 and "re-sent 0 messages" in once.stdout, once.stderr
    env.pop("TEKSER_REDIS_URL")
    refused = subprocess.run([sys.executable, "-m", "tekser", "worker"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "TEKSER_REDIS_URL" in refused.stderr
