"""Builds an INBOX of submissions, the REGISTRY CSV files and the truth files, deterministically for a seed."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from samples.broken import write_broken_files
from samples.document import Content, compose
from samples.orgs import Organization, make_organizations
from samples.people import Person, make_person
from samples.registry import register_row, write_registry
from samples.translation import translate
from samples.truth import DocumentTruth, SubmissionTruth, write_jsonl
from samples.writer import EXTENSIONS, FORMATS, DocumentJob, write_document

DOC_TYPE_WEIGHTS = {
    "advanced_training": 34,
    "seminar": 14,
    "online_course": 12,
    "conference": 12,
    "internship": 8,
    "diploma": 7,
    "specialist_certificate": 7,
    "other": 3,
}
FORMAT_WEIGHTS = {"png": 20, "jpg": 30, "tiff": 10, "pdf_image": 20, "pdf_text": 20}
UNREGISTERED_ORGS = ("hacettepe", "snu")  # foreign bodies absent from organizations.csv


@dataclass(frozen=True)
class CorpusInfo:
    root: Path
    inbox: Path
    registry: Path
    truth: Path
    submissions: int
    documents: int  # document files written, broken ones included
    broken_files: int


@dataclass
class _Plan:
    """Accumulates what the corpus will contain before any file is drawn."""

    rnd: random.Random
    orgs: tuple[Organization, ...]
    formats: tuple[str, ...]
    demo: bool  # every format in turn and an English document with its translation first
    jobs: list[DocumentJob]
    truths: list[DocumentTruth]
    submissions: list[SubmissionTruth]
    register: list[dict[str, str]]


def _pick_org(plan: _Plan, doc_type: str, foreign: bool) -> Organization:
    if foreign:
        return plan.rnd.choice([o for o in plan.orgs if o.foreign])
    kinds = {"diploma": ("university",), "specialist_certificate": ("university", "center")}.get(
        doc_type, ("university", "center", "training")
    )
    return plan.rnd.choice([o for o in plan.orgs if o.kind in kinds and not o.foreign and o.accredited_to is None])


def _file_name(rnd: random.Random, index: int, fmt: str, doc_type: str) -> str:
    ext = EXTENSIONS[fmt]
    style = rnd.random()
    if style < 0.35:
        return f"scan_{index:03d}{ext}"
    if style < 0.6 and fmt in ("jpg", "png"):
        return f"IMG_2025{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}_{rnd.randint(0, 235959):06d}{ext}"
    if style < 0.92:
        return f"{doc_type.replace('_', '-')}-{index}{ext}"
    return f"сертификат_{index}{ext}"


def _choose_format(plan: _Plan) -> str:
    allowed = [f for f in FORMATS if f in plan.formats]
    if plan.demo:
        return allowed[len(plan.jobs) % len(allowed)]
    return plan.rnd.choices(allowed, weights=[FORMAT_WEIGHTS[f] for f in allowed])[0]


def _add_document(
    plan: _Plan,
    sid: str,
    folder: Path,
    content: Content,
    org: Organization,
    person: Person,
    fmt: str,
    translation_of: str | None = None,
) -> str:
    rnd = plan.rnd
    index = len([j for j in plan.jobs if j.path.parent == folder]) + 1
    name = _file_name(rnd, index, fmt, content.doc_type)
    while (folder / name) in {j.path for j in plan.jobs}:
        name = f"doc_{index}_{rnd.randint(100, 999)}{EXTENSIONS[fmt]}"
    job = DocumentJob(
        path=folder / name,
        content=content,
        org=org,
        fmt=fmt,
        seed=rnd.randrange(2**32),
        with_back_side=fmt == "tiff" and rnd.random() < 0.3,
        damaged=rnd.random() < 0.9,
    )
    plan.jobs.append(job)
    f = content.fields
    registered = org.key not in UNREGISTERED_ORGS
    plan.truths.append(
        DocumentTruth(
            submission_id=sid,
            file=name,
            doc_type=content.doc_type,
            language=content.language,
            holder_name=_text(f["holder_name"]),
            cert_number=_text(f["cert_number"]),
            issuer=_text(f["issuer"]),
            issuer_org_id=org.org_id if registered else None,
            program=_text(f["program"]),
            hours=f["hours"] if isinstance(f["hours"], int) else None,
            start_date=_text(f["start_date"]),
            end_date=_text(f["end_date"]),
            issue_date=_text(f["issue_date"]),
            fmt=fmt,
            qr_payload=content.qr_payload,
            translation_of=translation_of,
        )
    )
    if org.reports_to_register and f["cert_number"] and content.doc_type != "translation":
        plan.register.append(register_row(org, person, content))
    return name


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _add_foreign_pair(plan: _Plan, sid: str, folder: Path, person: Person, latest_end: date) -> int:
    """An English document and its Russian or Kazakh translation, as two files."""
    rnd = plan.rnd
    doc_type = rnd.choice(("advanced_training", "advanced_training", "internship", "seminar", "conference"))
    org = _pick_org(plan, doc_type, foreign=True)
    original = compose(rnd, doc_type, "en", person, org, latest_end)
    original_name = _add_document(plan, sid, folder, original, org, person, _choose_format(plan))
    translated = translate(rnd, original, rnd.choice(("ru", "ru", "kk")), person)
    _add_document(
        plan,
        sid,
        folder,
        translated,
        org,
        person,
        rnd.choice(("pdf_text", "jpg", "pdf_image", "png")),
        translation_of=original_name,
    )
    return 2


def _plan_submission(plan: _Plan, inbox: Path, number: int, budget: int) -> int:
    """One submission with up to `budget` documents; returns how many documents it got."""
    rnd = plan.rnd
    sid = f"S-{number:04d}"
    folder = inbox / sid
    person = make_person(rnd)
    submitted = date(2025, 1, 1) + timedelta(days=rnd.randint(0, 680))
    foreign_admission = (rnd.random() < 0.15 or (plan.demo and number == 1)) and budget >= 2
    plan.submissions.append(
        SubmissionTruth(
            submission_id=sid,
            iin=person.iin,
            full_name=person.full_name,
            latin_name=person.latin_name if rnd.random() < 0.8 else None,
            purpose="foreign_admission" if foreign_admission else "qualification",
            target_category=None if foreign_admission else rnd.choice(("second", "first", "highest")),
            submitted_at=submitted.isoformat(),
            channel=rnd.choice(("service_center", "hr_upload")),
        )
    )
    wanted = min(budget, rnd.randint(1, 5))
    made = _add_foreign_pair(plan, sid, folder, person, submitted) if foreign_admission else 0
    while made < wanted:
        latest_end = submitted - timedelta(days=rnd.randint(5, 60))
        if wanted - made >= 2 and rnd.random() < 0.08:
            made += _add_foreign_pair(plan, sid, folder, person, latest_end)
            continue
        doc_type = rnd.choices(list(DOC_TYPE_WEIGHTS), weights=list(DOC_TYPE_WEIGHTS.values()))[0]
        org = _pick_org(plan, doc_type, foreign=False)
        content = compose(rnd, doc_type, rnd.choice(("ru", "ru", "ru", "kk", "kk")), person, org, latest_end)
        _add_document(plan, sid, folder, content, org, person, _choose_format(plan))
        made += 1
    return made


def _write_submission_json(folder: Path, truth: SubmissionTruth) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    applicant: dict[str, str] = {"iin": truth.iin, "full_name": truth.full_name}
    if truth.latin_name:
        applicant["latin_name"] = truth.latin_name
    body: dict[str, object] = {"applicant": applicant, "purpose": truth.purpose}
    if truth.target_category:
        body["target_category"] = truth.target_category
    body.update(submitted_at=truth.submitted_at, channel=truth.channel)
    (folder / "submission.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_all(plan: _Plan, out_dir: Path, workers: int | None) -> list[DocumentTruth]:
    for truth in plan.submissions:
        _write_submission_json(out_dir / "inbox" / truth.submission_id, truth)
    write_registry(out_dir / "registry", plan.rnd, plan.orgs, plan.register, UNREGISTERED_ORGS)
    if workers == 1 or len(plan.jobs) < 3:
        damages = [write_document(job) for job in plan.jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            damages = list(pool.map(write_document, plan.jobs))
    return [replace(t, damage=d) for t, d in zip(plan.truths, damages, strict=True)]


def _add_broken(plan: _Plan, out_dir: Path, number: int) -> int:
    """A submission whose files are all unreadable; returns how many files it holds."""
    sid = f"S-{number:04d}"
    person = make_person(plan.rnd)
    plan.submissions.append(
        SubmissionTruth(
            sid, person.iin, person.full_name, person.latin_name, "qualification", "second", "2025-09-15", "hr_upload"
        )
    )
    reasons = write_broken_files(out_dir / "inbox" / sid, plan.rnd)
    for name in reasons:
        plan.truths.append(
            DocumentTruth(
                sid,
                name,
                "other",
                "ru",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                readable=False,
                fmt="broken",
            )
        )
    return len(reasons)


def build_corpus(
    out_dir: Path,
    *,
    seed: int,
    documents: int,
    broken: bool = False,
    formats: Sequence[str] = FORMATS,
    workers: int | None = None,
) -> CorpusInfo:
    """Writes out_dir/inbox, out_dir/registry and out_dir/truth with `documents` readable documents."""
    return _build(out_dir, seed, documents, broken, tuple(formats), workers, demo=False)


def _build(
    out_dir: Path, seed: int, documents: int, broken: bool, formats: tuple[str, ...], workers: int | None, *, demo: bool
) -> CorpusInfo:
    rnd = random.Random(seed)
    plan = _Plan(rnd, make_organizations(rnd), formats, demo, [], [], [], [])
    inbox = out_dir / "inbox"
    made, number = 0, 1
    while made < documents:
        made += _plan_submission(plan, inbox, number, documents - made)
        number += 1
    truths = _write_all(plan, out_dir, workers)
    broken_count = 0
    if broken:
        plan.truths = []
        broken_count = _add_broken(plan, out_dir, number)
        _write_submission_json(inbox / plan.submissions[-1].submission_id, plan.submissions[-1])
        truths += plan.truths
    write_jsonl(out_dir / "truth" / "documents.jsonl", truths)
    write_jsonl(out_dir / "truth" / "submissions.jsonl", plan.submissions)
    return CorpusInfo(
        out_dir, inbox, out_dir / "registry", out_dir / "truth", len(plan.submissions), len(truths), broken_count
    )


def _add_invalid_submission(out_dir: Path, seed: int, number: int) -> None:
    """A submission folder whose submission.json carries an IIN with a wrong check digit, and one document."""
    rnd = random.Random(seed + 1)
    orgs = make_organizations(random.Random(seed))
    person, org = make_person(rnd), rnd.choice([o for o in orgs if not o.foreign and o.accredited_to is None])
    sid = f"S-{number:04d}"
    bad_iin = person.iin[:11] + str((int(person.iin[11]) + 1) % 10)
    truth = SubmissionTruth(
        sid,
        bad_iin,
        person.full_name,
        person.latin_name,
        "qualification",
        "first",
        "2025-10-01",
        "service_center",
        valid_json=False,
    )
    folder = out_dir / "inbox" / sid
    _write_submission_json(folder, truth)
    content = compose(rnd, "seminar", "ru", person, org, date(2025, 9, 1))
    job = DocumentJob(folder / "seminar-1.pdf", content, org, "pdf_text", rnd.randrange(2**32))
    write_document(job)
    f = content.fields
    document = DocumentTruth(
        sid,
        job.path.name,
        "seminar",
        "ru",
        _text(f["holder_name"]),
        _text(f["cert_number"]),
        _text(f["issuer"]),
        org.org_id,
        _text(f["program"]),
        f["hours"] if isinstance(f["hours"], int) else None,
        _text(f["start_date"]),
        _text(f["end_date"]),
        _text(f["issue_date"]),
        fmt="pdf_text",
        qr_payload=content.qr_payload,
    )
    for name, row in (("documents.jsonl", document), ("submissions.jsonl", truth)):
        with (out_dir / "truth" / name).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def build_demo(out_dir: Path, seed: int = 7) -> CorpusInfo:
    """A small inbox (about 4 submissions, 10 documents in mixed formats), a broken-files submission and one
    submission whose submission.json is invalid; with registry and truth."""
    info = _build(out_dir, seed, 10, True, FORMATS, None, demo=True)
    _add_invalid_submission(out_dir, seed, info.submissions + 1)
    return replace(info, submissions=info.submissions + 1, documents=info.documents + 1)
