"""Fraud detection of `tekser batch` on a generated corpus of every fraud family mixed with genuine documents.

Usage: python -m benchmarks.fraud [--seed 31337] [--scale 1.0] [--workdir bench-out/fraud] [--reuse]
       [--score-only | --reverify]
Builds the corpus (or reuses it), runs the real `tekser batch` in a subprocess with its own TEKSER_DATA_DIR,
compares OUT with the truth and prints the targets, a per-family table and every miss (also WORKDIR/misses.jsonl).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.accuracy import fold_text
from samples.fraud_corpus import build_fraud_corpus

UNIT_FIELDS = ("doc_type", "hours", "start_date", "end_date", "issue_date")
READ_FIELDS = ("holder_name", "cert_number", "issuer_org_id", *UNIT_FIELDS)
TARGETS = {"fraud recall": (0.97, True), "expected flag present": (0.95, True), "genuine flagged": (0.03, False),
           "document units exact": (0.98, True), "submission units exact": (0.98, True)}


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def misread_fields(truth: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The fields that decide flags and units which were read otherwise than printed."""
    wrong = []
    for name in READ_FIELDS:
        want = truth.get(name)
        got = record.get("doc_type") if name == "doc_type" else record.get("fields", {}).get(name)
        if name == "holder_name":
            same = fold_text(want) == fold_text(got)
        elif name == "hours":
            same = (want is None and got is None) or (
                want is not None and got is not None and abs(float(want) - float(got)) < 1e-6)
        else:
            same = want == got
        if not same:
            wrong.append(name)
    return wrong


def _units_match(expected: float | None, record: dict[str, Any]) -> bool:
    got = (record.get("credit_units") or {}).get("units")
    return got is not None and abs(float(got) - float(expected or 0.0)) < 0.01


def score_documents(truths: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    by_key = {(r["submission_id"], r["file"]): r for r in records}
    tally: Counter[str] = Counter()
    families: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for truth in truths:
        record = by_key.get((truth["submission_id"], truth["file"]), {"status": "missing", "flags": []})
        codes = sorted({f["code"] for f in record.get("flags", [])})
        fraud = truth["expected_status"] == "flagged"
        status_ok = record["status"] == truth["expected_status"]
        flags_ok = all(code in codes for code in truth["expected_flags"])
        units_ok = _units_match(truth["expected_units"], record)
        wants_flags = bool(truth["expected_flags"])
        tally.update({"fraud": fraud, "fraud_flagged": fraud and status_ok, "genuine": not fraud,
                      "genuine_flagged": not fraud and record["status"] != "verified", "with_flags": wants_flags,
                      "flags_ok": wants_flags and flags_ok, "units_ok": units_ok, "documents": 1})
        family = families[truth["variant"]]
        family.update({"documents": 1, "status_ok": status_ok, "flags_ok": flags_ok, "units_ok": units_ok})
        if not (status_ok and flags_ok and units_ok):
            misses.append({"file": f"{truth['submission_id']}/{truth['file']}", "family": truth["variant"],
                           "fmt": truth["fmt"], "expected": [truth["expected_status"], *truth["expected_flags"]],
                           "got": [record["status"], *codes], "units": [truth["expected_units"],
                                                                       (record.get("credit_units") or {}).get("units")],
                           "misread": misread_fields(truth, record) if "fields" in record else ["(no record)"]})
    return {"tally": tally, "families": families, "misses": misses}


def score_submissions(truths: list[dict[str, Any]], records: list[dict[str, Any]],
                      document_misses: list[dict[str, Any]]) -> Counter[str]:
    by_id = {r["submission_id"]: r for r in records}
    misread = {m["file"].split("/")[0] for m in document_misses if set(m["misread"]) & set(UNIT_FIELDS)
               or m["expected"][0] != m["got"][0]}
    tally: Counter[str] = Counter()
    for truth in truths:
        record = by_id.get(truth["submission_id"], {})
        got = record.get("credit_units") or {}
        units_ok = all(abs(float(got.get(k, -1)) - float(v)) < 0.01 for k, v in truth["expected_units"].items())
        eligible_ok = record.get("eligible") == truth["expected_eligible"]
        clean = truth["submission_id"] not in misread
        tally.update({"submissions": 1, "units_ok": units_ok, "eligible_ok": eligible_ok, "clean": clean,
                      "clean_eligible_ok": clean and eligible_ok})
    return tally


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def report(docs: dict[str, Any], subs: Counter[str]) -> bool:
    t = docs["tally"]
    figures = {"fraud recall": (t["fraud_flagged"], t["fraud"]),
               "expected flag present": (t["flags_ok"], t["with_flags"]),
               "genuine flagged": (t["genuine_flagged"], t["genuine"]),
               "document units exact": (t["units_ok"], t["documents"]),
               "submission units exact": (subs["units_ok"], subs["submissions"])}
    all_met = True
    print(f"{'measure':28} {'count':>9} {'value':>7}  target")
    for name, (part, whole) in figures.items():
        value, (target, at_least) = _ratio(part, whole), TARGETS[name]
        met = value >= target if at_least else value <= target
        all_met &= met
        print(f"{name:28} {part:>4}/{whole:<4} {value:>7.1%}  {'≥' if at_least else '≤'}{target:.0%} "
              f"{'met' if met else 'MISSED'}")
    clean_met = subs["clean_eligible_ok"] == subs["clean"]
    all_met &= clean_met
    print(f"{'eligibility exact (all)':28} {subs['eligible_ok']:>4}/{subs['submissions']:<4}")
    print(f"{'eligibility exact (read ok)':28} {subs['clean_eligible_ok']:>4}/{subs['clean']:<4}  every one "
          f"{'met' if clean_met else 'MISSED'}")
    print(f"\n{'family':30} {'docs':>4} {'status':>6} {'flag':>5} {'units':>5}")
    for family, c in sorted(docs["families"].items()):
        print(f"{family:30} {c['documents']:>4} {c['status_ok']:>6} {c['flags_ok']:>5} {c['units_ok']:>5}")
    print("\nmisses (file, family, expected, got, units expected/got, misread fields):")
    for m in docs["misses"]:
        print(f"  {m['file']:18} {m['family']:28} {'+'.join(m['expected']):32} {'+'.join(m['got']):48} "
              f"{m['units']} {','.join(m['misread']) or '-'}")
    return all_met


def run_batch(corpus: Path, workdir: Path, workers: int | None) -> None:
    """The real command in a subprocess, with its own data directory; OUT is workdir/out."""
    shutil.rmtree(workdir / "data", ignore_errors=True)
    shutil.rmtree(workdir / "out", ignore_errors=True)
    env = {**os.environ, "TEKSER_DATA_DIR": str((workdir / "data").resolve())}
    command = ["uv", "run", "tekser", "batch", str(corpus / "inbox"), "--registry", str(corpus / "registry"),
               "--out", str(workdir / "out")] + (["--workers", str(workers)] if workers else [])
    subprocess.run(command, env=env, check=True)


def reverify(workdir: Path) -> None:
    """Re-run only the verification stage on the documents the last batch read (after a verifier change), and
    rewrite OUT; the OCR is not repeated."""
    from datetime import UTC, datetime

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from intake.db import open_database
    from intake.models import Batch
    from tekser.records import document_record, submission_record, write_jsonl
    from tekser.settings import Settings
    from workers.results import finish_submission
    from workers.verify import verify_batch

    engine = open_database(Settings(data_dir=(workdir / "data").resolve()).resolved_database_url)
    with Session(engine, expire_on_commit=False) as session:
        batch = session.scalars(select(Batch).order_by(Batch.id.desc())).first()
        assert batch is not None, "no batch to re-verify: run without --reverify first"
        verify_batch(session, batch, today=datetime.now(UTC).date())
        for submission in batch.submissions:
            finish_submission(submission)
        session.commit()
        subs = sorted(batch.submissions, key=lambda s: s.submission_id)
        out = workdir / "out"
        write_jsonl(out / "documents.jsonl", (document_record(s, d) for s in subs
                                              for d in sorted(s.documents, key=lambda d: d.file)))
        write_jsonl(out / "submissions.jsonl", (submission_record(s) for s in subs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=31337)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 gives about 160 documents")
    parser.add_argument("--workdir", type=Path, default=Path("bench-out/fraud"))
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reuse", action="store_true", help="reuse the corpus already generated in WORKDIR")
    parser.add_argument("--score-only", action="store_true", help="score WORKDIR/out without running the batch")
    parser.add_argument("--reverify", action="store_true",
                        help="re-run only the verification of the last batch's reads, then score")
    args = parser.parse_args(argv)
    corpus = args.workdir / "corpus"
    if not ((args.reuse or args.score_only or args.reverify) and (corpus / "truth").exists()):
        shutil.rmtree(args.workdir, ignore_errors=True)
        build_fraud_corpus(corpus, seed=args.seed, scale=args.scale)
    if args.reverify:
        reverify(args.workdir)
    elif not args.score_only:
        run_batch(corpus, args.workdir, args.workers)
    docs = score_documents(_load(corpus / "truth" / "documents.jsonl"), _load(args.workdir / "out" / "documents.jsonl"))
    subs = score_submissions(_load(corpus / "truth" / "submissions.jsonl"),
                             _load(args.workdir / "out" / "submissions.jsonl"), docs["misses"])
    (args.workdir / "misses.jsonl").write_text(
        "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in docs["misses"]), encoding="utf-8")
    met = report(docs, subs)
    print("all targets met" if met else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
