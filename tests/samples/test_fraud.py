"""Fraud variants and the fraud corpus: altered content, tampered files, truth with expected status and units."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image

from samples.document import compose
from samples.fraud import (
    FAMILIES,
    implausible_dates,
    mismatched_qr,
    other_number,
    re_scanned,
    replace_text,
    tampered_page,
    with_editor_producer,
    with_overlay_revision,
)
from samples.fraud_corpus import FAMILY_COUNTS, build_fraud_corpus
from samples.orgs import make_organizations
from samples.pdfgen import text_pdf
from samples.people import make_person
from samples.truth import DocumentTruth, SubmissionTruth, read_jsonl
from verifiers.duplicates import hamming, perceptual_hash
from verifiers.forensics_pdf import pdf_tamper_findings, revision_ends
from verifiers.qr_check import qr_findings


def _course(seed: int = 3):
    rnd = random.Random(seed)
    org = next(o for o in make_organizations(rnd) if not o.foreign and o.accredited_to is None)
    person = make_person(rnd)
    return rnd, org, person, compose(rnd, "advanced_training", "ru", person, org, date(2025, 6, 1))


def test_every_planned_family_is_known_and_every_fraud_family_expects_a_flag() -> None:
    assert set(FAMILY_COUNTS) <= set(FAMILIES)
    assert all(codes for codes, fraud in FAMILIES.values() if fraud)


def test_replace_text_changes_print_and_truth_together() -> None:
    _, _, _, content = _course()
    number = str(content.fields["cert_number"])
    changed = replace_text(content, number, "X-1")
    assert changed.fields["cert_number"] == "X-1" and changed.number_line and "X-1" in changed.number_line
    assert other_number(random.Random(1), "KZ-2024-000123") != "KZ-2024-000123"
    assert len(other_number(random.Random(1), "KZ-2024-000123")) == len("KZ-2024-000123")


def test_implausible_variants_break_the_dates_they_name() -> None:
    rnd, _, _, content = _course()
    today = date(2026, 11, 23)
    reversed_ = implausible_dates(content, rnd, "implausible_end_before_start", today).fields
    assert str(reversed_["end_date"]) < str(reversed_["start_date"])
    future = implausible_dates(content, rnd, "implausible_future", today).fields
    assert date.fromisoformat(str(future["start_date"])) > today
    early = implausible_dates(content, rnd, "implausible_issue_before_end", today).fields
    assert str(early["issue_date"]) < str(early["end_date"])
    crammed = implausible_dates(content, rnd, "implausible_hours", today)
    assert int(crammed.fields["hours"] or 0) >= 144 and any(str(crammed.fields["hours"]) in b for b in crammed.body)


def test_mismatched_qr_raises_qr_mismatch_and_the_genuine_one_does_not() -> None:
    rnd, _, _, content = _course()
    fields = {k: v for k, v in content.fields.items()}
    bad = mismatched_qr(content, rnd)
    assert bad.qr_payload and any(f.code == "QR_MISMATCH" for f in qr_findings([bad.qr_payload], fields))
    good = json.dumps({"cert": content.fields["cert_number"]})
    assert not qr_findings([good], fields)


def test_tampered_page_differs_from_the_scan_only_around_the_number() -> None:
    rnd, org, _, content = _course(5)
    number = str(content.fields["cert_number"])
    altered = replace_text(content, number, other_number(rnd, number))
    for kind in ("tampered_whiteout", "tampered_paste", "tampered_font"):
        edited = np.asarray(tampered_page(random.Random(9), content, altered, org, kind, damaged=False))
        genuine = np.asarray(tampered_page(random.Random(9), content, content, org, kind, damaged=False))
        rows, _cols = np.nonzero(np.abs(edited.astype(int) - genuine.astype(int)) > 40)
        assert len(rows) > 0, kind
        assert rows.max() - rows.min() < edited.shape[0] * 0.1, kind


def test_pdf_tamper_variants_are_found_by_pdf_forensics() -> None:
    rnd, org, _, content = _course()
    genuine = text_pdf(rnd, content, org)
    assert not pdf_tamper_findings(genuine)
    revised = with_overlay_revision(genuine, "No 0099999")
    assert len(revision_ends(revised)) == 2
    assert any(f.evidence.get("kind") == "incremental_update" for f in pdf_tamper_findings(revised))
    edited = with_editor_producer(genuine, "Adobe Photoshop CC 2019")
    assert any(f.evidence.get("kind") == "editor_metadata" for f in pdf_tamper_findings(edited))


def test_re_scanned_copy_keeps_the_perceptual_hash_close() -> None:
    rnd, org, _, content = _course()
    page = tampered_page(random.Random(2), content, content, org, "tampered_whiteout", damaged=True)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    copy = re_scanned(buffer.getvalue(), rnd)
    first = perceptual_hash(np.asarray(page.convert("L")))
    second = perceptual_hash(np.asarray(Image.open(io.BytesIO(copy)).convert("L")))
    assert hamming(first, second) <= 10


def test_small_fraud_corpus_writes_files_and_a_complete_truth(tmp_path: Path) -> None:
    families = ("genuine", "not_in_registry", "revoked", "duplicate_number", "out_of_window")
    info = build_fraud_corpus(tmp_path, seed=12, scale=0.3, today=date(2026, 11, 23), workers=1, families=families)
    documents = read_jsonl(info.truth / "documents.jsonl", DocumentTruth)
    submissions = read_jsonl(info.truth / "submissions.jsonl", SubmissionTruth)
    assert {d.variant for d in documents} >= {"not_in_registry", "revoked", "duplicate_number", "duplicate_source"}
    for document in documents:
        assert (info.inbox / document.submission_id / document.file).is_file()
        assert document.expected_status == ("flagged" if FAMILIES[document.variant][1] else "verified")
        assert document.expected_units is not None
    assert all(s.expected_units is not None and s.expected_eligible is not None for s in submissions)
    register = (info.registry / "certificates.csv").read_text(encoding="utf-8")
    revoked = next(d for d in documents if d.variant == "revoked")
    assert f"{revoked.cert_number}," in register and ",revoked" in register
    missing = next(d for d in documents if d.variant == "not_in_registry")
    assert f"\n{missing.cert_number}," not in register


def test_documents_of_an_issuer_no_longer_accredited_are_issued_after_it_lapsed(tmp_path: Path) -> None:
    info = build_fraud_corpus(tmp_path, seed=23, scale=0.5, today=date(2023, 9, 1), workers=1,
                              families=("issuer_not_accredited",))
    with (info.registry / "organizations.csv").open(encoding="utf-8") as handle:
        lapsed = {row["org_id"]: date.fromisoformat(row["accredited_to"])
                  for row in csv.DictReader(handle) if row["accredited_to"]}
    documents = [d for d in read_jsonl(info.truth / "documents.jsonl", DocumentTruth)
                 if d.variant == "issuer_not_accredited"]
    assert documents
    for document in documents:
        ended = lapsed[str(document.issuer_org_id)]
        assert date.fromisoformat(str(document.issue_date or document.end_date)) > ended


def test_a_resubmission_comes_after_the_submission_whose_documents_it_repeats(tmp_path: Path) -> None:
    info = build_fraud_corpus(tmp_path, seed=7878, scale=1.0, today=date(2026, 11, 23), workers=1,
                              families=("genuine_resubmitted",))
    by_applicant: dict[str, list[SubmissionTruth]] = {}
    for submission in read_jsonl(info.truth / "submissions.jsonl", SubmissionTruth):
        by_applicant.setdefault(submission.iin, []).append(submission)
    pairs = [found for found in by_applicant.values() if len(found) == 2]
    assert len(pairs) >= 3
    for first, second in pairs:  # in the order they were planned: the documents are composed for the first
        assert date.fromisoformat(first.submitted_at) < date.fromisoformat(second.submitted_at)
