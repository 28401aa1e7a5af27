"""Field accuracy of `tekser batch` on generated, damaged documents with known truth (a seed the tests never use).

Usage: python -m benchmarks.accuracy [--documents 150] [--seed 20261122] [--workdir bench-out/accuracy]
Prints accuracy per field against the target (97 %) and writes every miss to WORKDIR/misses.jsonl.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from samples.corpus import build_corpus
from tekser.settings import Settings
from workers.batch import run_batch

FIELDS = ("cert_number", "hours", "start_date", "end_date", "issue_date", "holder_name", "issuer", "doc_type")
TARGET = 0.97
_QUOTES = re.compile(r"[«»\"“”„'`]")


def fold_text(value: object) -> str | None:
    """Case, whitespace and quote style folded: what 'the same text' means for names and issuers."""
    if value is None:
        return None
    text = _QUOTES.sub('"', str(value)).casefold()
    return re.sub(r"\s+", " ", text).strip()


def same(field: str, truth: object, read: object) -> bool:
    if field == "hours":
        return (truth is None and read is None) or (
            truth is not None and read is not None and abs(float(truth) - float(read)) < 1e-6)  # type: ignore[arg-type]
    if field in ("holder_name", "issuer"):
        return fold_text(truth) == fold_text(read)
    return truth == read


def _load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _read_value(record: dict[str, Any] | None, field: str) -> object:
    if record is None:
        return None
    return record["doc_type"] if field == "doc_type" else record["fields"].get(field)


def score(truth_rows: list[dict[str, Any]], records: list[dict[str, Any]]) -> tuple[dict[str, Counter[str]], list]:
    by_key = {(r["submission_id"], r["file"]): r for r in records}
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for truth in truth_rows:
        if not truth.get("readable", True):
            continue
        record = by_key.get((truth["submission_id"], truth["file"]))
        for field in FIELDS:
            expected = truth.get(field)
            got = _read_value(record, field)
            ok = record is not None and same(field, expected, got)
            tally[field]["ok" if ok else "miss"] += 1
            if not ok:
                misses.append({"field": field, "expected": expected, "got": got, "file": truth["file"],
                               "submission_id": truth["submission_id"], "fmt": truth.get("fmt"),
                               "damage": truth.get("damage"), "language": truth.get("language"),
                               "doc_type": truth.get("doc_type")})
    return tally, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--workdir", type=Path, default=Path("bench-out/accuracy"))
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reuse", action="store_true", help="reuse a corpus already generated in WORKDIR")
    args = parser.parse_args(argv)
    console = Console()
    corpus = args.workdir / "corpus"
    if not (args.reuse and corpus.exists()):
        shutil.rmtree(args.workdir, ignore_errors=True)
        build_corpus(corpus, seed=args.seed, documents=args.documents)
    settings = Settings(data_dir=args.workdir / "data")
    if args.workers:
        settings.workers = args.workers
    report = run_batch(corpus / "inbox", corpus / "registry", args.workdir / "out", settings)
    tally, misses = score(_load_jsonl(corpus / "truth" / "documents.jsonl"),
                          _load_jsonl(args.workdir / "out" / "documents.jsonl"))
    (args.workdir / "misses.jsonl").write_text(
        "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")
    table = Table(title=f"field accuracy, {report.documents} documents, seed {args.seed}")
    for column in ("field", "correct", "of", "accuracy", f"target {TARGET:.0%}"):
        table.add_column(column, justify="right")
    all_met = True
    for field in FIELDS:
        ok, total = tally[field]["ok"], tally[field]["ok"] + tally[field]["miss"]
        accuracy = ok / total if total else 0.0
        all_met &= accuracy >= TARGET
        table.add_row(field, str(ok), str(total), f"{accuracy:.1%}", "met" if accuracy >= TARGET else "MISSED")
    console.print(table)
    console.print(f"pages per minute {report.pages_per_minute:.1f}; worker peak memory "
                  f"{report.worker_peak_rss_mb:.0f} MB; misses in {args.workdir / 'misses.jsonl'}")
    console.print("all targets met" if all_met else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
