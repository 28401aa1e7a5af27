"""`tekser batch` end to end on a generated inbox with broken files: one record per file, the batch finishes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samples.corpus import build_demo
from tekser.settings import Settings
from workers.batch import run_batch


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("demo")
    build_demo(root / "corpus", seed=11)
    settings = Settings(data_dir=root / "data", workers=2)
    run_batch(root / "corpus" / "inbox", root / "corpus" / "registry", root / "out", settings)
    return root / "corpus", root / "out"


@pytest.mark.slow
def test_every_input_file_has_exactly_one_record(demo_run: tuple[Path, Path]) -> None:
    corpus, out = demo_run
    inputs = sorted(
        (p.parent.name, p.name) for p in (corpus / "inbox").glob("*/*") if p.name != "submission.json"
    )
    records = sorted((r["submission_id"], r["file"]) for r in _jsonl(out / "documents.jsonl"))
    assert records == inputs


@pytest.mark.slow
def test_broken_files_fail_with_a_reason(demo_run: tuple[Path, Path]) -> None:
    corpus, out = demo_run
    truth = {(t["submission_id"], t["file"]): t for t in _jsonl(corpus / "truth" / "documents.jsonl")}
    for record in _jsonl(out / "documents.jsonl"):
        expected = truth.get((record["submission_id"], record["file"]))
        if expected is not None and not expected["readable"]:
            assert record["status"] == "failed", record
            assert [f["code"] for f in record["flags"]] == ["UNREADABLE"]
            assert record["error"] and "\n" not in record["error"]


@pytest.mark.slow
def test_submissions_file_has_every_folder(demo_run: tuple[Path, Path]) -> None:
    corpus, out = demo_run
    folders = sorted(p.name for p in (corpus / "inbox").iterdir() if p.is_dir())
    records = _jsonl(out / "submissions.jsonl")
    assert sorted(r["submission_id"] for r in records) == folders
    failed = [r for r in records if r["status"] == "failed"]
    assert failed and all(r["error"] for r in failed)
