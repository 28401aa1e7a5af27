"""`tekser watch` as a real subprocess: a dropped folder of born-digital PDFs read once, OUT checks, Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from samples.corpus import CorpusInfo, build_corpus


def _env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {**os.environ, "TEKSER_DATA_DIR": str(data_dir), "COLUMNS": "200", "PYTHONUNBUFFERED": "1",
           "TEKSER_WORKERS": "1", "PYTHONFAULTHANDLER": "1"}
    env.pop("TEKSER_REDIS_URL", None)
    env.pop("TEKSER_DATABASE_URL", None)
    if database_url:
        env["TEKSER_DATABASE_URL"] = database_url.replace("postgresql+psycopg://", "postgresql://")
    return env


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _watch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tekser", "watch", *args], capture_output=True, text=True, env=env,
                          check=False, timeout=600)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusInfo:
    return build_corpus(tmp_path_factory.mktemp("corpus"), seed=21, documents=2, formats=["pdf_text"], workers=1)


def test_dropped_folder_is_read_once_and_results_land_in_out(corpus: CorpusInfo, database_url: str,
                                                             tmp_path: Path) -> None:
    watched, out = tmp_path / "scans", tmp_path / "out"
    shutil.copytree(corpus.inbox, watched)
    args = (str(watched), "--registry", str(corpus.registry), "--out", str(out), "--settle", "0", "--once")
    env = _env(tmp_path / "data", None if database_url.startswith("sqlite") else database_url)
    first = _watch(*args, env=env)
    assert first.returncode == 0, first.stderr
    submissions, documents = _lines(out / "submissions.jsonl"), _lines(out / "documents.jsonl")
    folders = sorted(p.name for p in watched.iterdir())
    assert sorted(str(s["submission_id"]) for s in submissions) == folders
    truth = {(t["submission_id"], t["file"]): t for t in _lines(corpus.truth / "documents.jsonl")}
    assert sorted((d["submission_id"], d["file"]) for d in documents) == sorted(truth)
    for document in documents:
        assert document["status"] in ("verified", "flagged"), document
        fields = document["fields"]
        assert isinstance(fields, dict)
        assert fields["cert_number"] == truth[(document["submission_id"], document["file"])]["cert_number"]
    again = _watch(*args, env=env)  # a restart: nothing is taken twice, nothing written twice
    assert again.returncode == 0 and "taken before" in again.stdout
    assert len(_lines(out / "submissions.jsonl")) == len(submissions)
    assert len(_lines(out / "documents.jsonl")) == len(documents)


def test_out_inside_the_watched_folder_is_a_usage_error(corpus: CorpusInfo, tmp_path: Path) -> None:
    (tmp_path / "scans").mkdir()
    result = _watch(str(tmp_path / "scans"), "--registry", str(corpus.registry), "--out",
                    str(tmp_path / "scans" / "results"), "--once", env=_env(tmp_path / "data"))
    assert result.returncode == 2
    assert "inside the watched folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "scans" / "results").exists()


def test_missing_registry_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "scans").mkdir()
    result = _watch(str(tmp_path / "scans"), "--registry", str(tmp_path / "nope"), "--out", str(tmp_path / "out"),
                    "--once", env=_env(tmp_path / "data"))
    assert result.returncode == 2 and "REGISTRY" in result.stderr


def _read_until(process: subprocess.Popen[str], words: str) -> list[str]:
    seen: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line)
        if words in line:
            return seen
    raise AssertionError(f"tekser watch ended before printing {words!r}: {seen}")


def test_running_watcher_takes_a_new_folder_and_stops_cleanly_on_ctrl_c(corpus: CorpusInfo, tmp_path: Path) -> None:
    watched, out = tmp_path / "scans", tmp_path / "out"
    watched.mkdir()
    command = [sys.executable, "-m", "tekser", "watch", str(watched), "--registry", str(corpus.registry),
               "--out", str(out), "--settle", "0.5"]
    # Ctrl-C as in a terminal: a test run started in the background (`make test &` from a script) has SIGINT
    # ignored, the child would inherit that and rightly never see Ctrl-C (this made the test hang)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=_env(tmp_path / "data"), preexec_fn=_interruptible) as process:
        try:
            _read_until(process, "Ctrl-C stops")
            first = sorted(p for p in corpus.inbox.iterdir())[0]
            shutil.copytree(first, watched / ".copying")  # scanners write under a hidden name, then rename
            (watched / ".copying").rename(watched / first.name)
            _read_until(process, f"wrote {first.name}")
            process.send_signal(signal.SIGINT)
            try:
                rest, errors = process.communicate(timeout=120)
            except subprocess.TimeoutExpired:  # faulthandler (PYTHONFAULTHANDLER) prints every thread on SIGABRT
                process.send_signal(signal.SIGABRT)
                pytest.fail("the watcher did not stop on Ctrl-C; its threads:\n" + process.communicate()[1][-6000:])
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, errors
    assert "stopped" in rest
    assert [s["submission_id"] for s in _lines(out / "submissions.jsonl")] == [first.name]
