"""The generated corpus: inbox layout, registry CSV files, truth files, determinism and what the files hold."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from intake.submission import InvalidSubmission, parse_submission
from samples.corpus import CorpusInfo, build_corpus, build_demo
from samples.registry import CERTIFICATE_COLUMNS, ORGANIZATION_COLUMNS
from samples.truth import DocumentTruth, SubmissionTruth, read_jsonl


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusInfo:
    return build_corpus(tmp_path_factory.mktemp("corpus"), seed=5, documents=12, broken=True, workers=2)


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    first = build_corpus(
        tmp_path / "a", seed=42, documents=3, formats=("png", "pdf_text", "jpg", "pdf_image"), workers=1
    )
    second = build_corpus(
        tmp_path / "b", seed=42, documents=3, formats=("png", "pdf_text", "jpg", "pdf_image"), workers=2
    )
    assert _digest(first.root) == _digest(second.root)
    other = build_corpus(tmp_path / "c", seed=43, documents=3, formats=("png",), workers=1)
    assert (other.truth / "documents.jsonl").read_bytes() != (first.truth / "documents.jsonl").read_bytes()


def test_registry_headers_are_exactly_the_contract(corpus: CorpusInfo) -> None:
    for name, columns in (("organizations.csv", ORGANIZATION_COLUMNS), ("certificates.csv", CERTIFICATE_COLUMNS)):
        with (corpus.registry / name).open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    assert ",".join(ORGANIZATION_COLUMNS) == (
        "org_id,name,aliases,bin,country,city,accredited_from,accredited_to,reports_to_register"
    )
    assert ",".join(CERTIFICATE_COLUMNS) == (
        "cert_number,org_id,holder_iin,holder_name,program,hours,start_date,end_date,issue_date,status"
    )


def test_every_file_in_the_inbox_has_truth_and_back(corpus: CorpusInfo) -> None:
    documents = read_jsonl(corpus.truth / "documents.jsonl", DocumentTruth)
    files = sorted((p.parent.name, p.name) for p in corpus.inbox.glob("*/*") if p.name != "submission.json")
    assert sorted((d.submission_id, d.file) for d in documents) == files
    assert sum(d.readable for d in documents) == 12
    assert sum(not d.readable for d in documents) == corpus.broken_files > 0


def test_submissions_parse_and_documents_predate_them(corpus: CorpusInfo) -> None:
    submissions = {s.submission_id: s for s in read_jsonl(corpus.truth / "submissions.jsonl", SubmissionTruth)}
    for sid, truth in submissions.items():
        meta = parse_submission((corpus.inbox / sid / "submission.json").read_bytes())
        assert meta.iin == truth.iin and meta.full_name == truth.full_name
    for doc in read_jsonl(corpus.truth / "documents.jsonl", DocumentTruth):
        submitted = date.fromisoformat(submissions[doc.submission_id].submitted_at)
        dates = [date.fromisoformat(d) for d in (doc.start_date, doc.end_date, doc.issue_date) if d]
        assert all(d <= submitted for d in dates)
        if doc.start_date and doc.end_date:
            assert doc.start_date <= doc.end_date


def test_certificates_of_reporting_organizations_are_in_the_register(corpus: CorpusInfo) -> None:
    with (corpus.registry / "organizations.csv").open(encoding="utf-8") as handle:
        reporting = {r["org_id"] for r in csv.DictReader(handle) if r["reports_to_register"] == "true"}
    with (corpus.registry / "certificates.csv").open(encoding="utf-8") as handle:
        register = {(r["org_id"], r["cert_number"]): r for r in csv.DictReader(handle)}
    checked = 0
    for doc in read_jsonl(corpus.truth / "documents.jsonl", DocumentTruth):
        if doc.issuer_org_id in reporting and doc.cert_number and doc.doc_type != "translation":
            row = register[(doc.issuer_org_id, doc.cert_number)]
            assert row["hours"] == ("" if doc.hours is None else str(doc.hours))
            assert (row["start_date"] or None, row["issue_date"] or None) == (doc.start_date, doc.issue_date)
            assert row["status"] == "valid"
            checked += 1
    assert checked > 0


def test_born_digital_pdfs_have_the_truth_in_their_text_layer(tmp_path: Path) -> None:
    info = build_corpus(tmp_path, seed=8, documents=6, formats=("pdf_text",), workers=1)
    for doc in read_jsonl(info.truth / "documents.jsonl", DocumentTruth):
        with pdfplumber.open(info.inbox / doc.submission_id / doc.file) as pdf:
            text = " ".join((page.extract_text() or "") for page in pdf.pages)
        text = " ".join(text.split())
        for value in (doc.holder_name, doc.cert_number, doc.issuer):
            if value:
                assert value in text, (value, text)


def test_demo_has_a_broken_submission_and_an_invalid_one(tmp_path: Path) -> None:
    info = build_demo(tmp_path)
    submissions = read_jsonl(info.truth / "submissions.jsonl", SubmissionTruth)
    invalid = [s for s in submissions if not s.valid_json]
    assert len(invalid) == 1
    with pytest.raises(InvalidSubmission, match="check digit"):
        parse_submission((info.inbox / invalid[0].submission_id / "submission.json").read_bytes())
    documents = read_jsonl(info.truth / "documents.jsonl", DocumentTruth)
    assert {d.fmt for d in documents if d.readable} >= {"pdf_text", "jpg"}
    assert info.broken_files >= 7
    assert json.loads((info.truth / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])["variant"] == (
        "genuine"
    )
