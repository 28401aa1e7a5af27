"""Builds a fraud benchmark corpus: every fraud family mixed with genuine (and tricky genuine) documents."""

from __future__ import annotations

import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from samples.corpus import CorpusInfo, _text, _write_submission_json
from samples.document import Content, compose
from samples.fraud import FAMILIES, IMAGE_TAMPER, replace_text
from samples.fraud_files import FileJob, write_file
from samples.orgs import EXPIRED_ORG, Organization, make_organizations
from samples.people import Person, make_person
from samples.registry import register_row, write_registry
from samples.translation import translate
from samples.truth import DocumentTruth, SubmissionTruth, expected_submission, expected_units, write_jsonl
from samples.writer import EXTENSIONS

# how many documents (or duplicate/translation pairs) of each family one corpus holds
FAMILY_COUNTS = {
    "genuine": 38, "genuine_former_name": 5, "genuine_abbreviation": 3, "genuine_latin_holder": 5,
    "genuine_resubmitted": 4, "genuine_translated": 4, "out_of_window": 4, "not_in_registry": 5,
    "mismatch_holder": 3, "mismatch_hours": 3, "mismatch_dates": 3, "mismatch_issuer": 3, "revoked": 4,
    "holder_other": 5, "issuer_unknown": 4, "issuer_not_accredited": 4, "duplicate_number": 4,
    "duplicate_image": 4, "implausible_end_before_start": 3, "implausible_future": 3,
    "implausible_issue_before_end": 3, "implausible_hours": 3, "tampered_whiteout": 4, "tampered_paste": 4,
    "tampered_font": 4, "tampered_pdf_revision": 4, "tampered_pdf_editor": 4, "qr_mismatch": 4,
    "translation_missing": 4,
}
GENUINE_TYPES = ("advanced_training",) * 4 + ("seminar", "seminar", "online_course", "conference", "internship",
                                              "diploma", "specialist_certificate")
COURSE_TYPES = ("advanced_training", "advanced_training", "seminar", "internship", "online_course")
IMAGE_FORMATS = ("png", "jpg", "jpg", "pdf_image", "tiff")
FAKE_ORG = Organization("ORG-X99", "fake", "ТОО «Центр медицинского мастерства Шипагер»",
                        "«Шипагер медициналық шеберлік орталығы» ЖШС", "Shipager Medical Skills Center", "ЦММШ",
                        (), "", "KZ", "Алматы", "training", False, date(2010, 1, 1), None, "shipager.kz")


@dataclass
class _Applicant:
    person: Person
    submissions: list[str]  # submission ids (a second one for applicants who resubmit)


@dataclass
class _Plan:
    rnd: random.Random
    orgs: tuple[Organization, ...]
    today: date
    applicants: list[_Applicant] = field(default_factory=list)
    submitted: dict[str, date] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # submission id -> applicant IIN
    jobs: list[FileJob] = field(default_factory=list)
    truths: list[DocumentTruth] = field(default_factory=list)
    register: list[dict[str, str]] = field(default_factory=list)
    spans: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # applicant IIN -> courses' periods


def _orgs(plan: _Plan, *, reports: bool | None = None, foreign: bool = False) -> list[Organization]:
    return [o for o in plan.orgs if o.foreign == foreign and o.accredited_to is None and o.key != "fake"
            and (reports is None or o.reports_to_register == reports)]


def _overlaps(plan: _Plan, content: Content, iins: Sequence[str]) -> bool:
    """True when the course shares a day with a course already in one of these applicants' submissions:
    real applicants rarely attend two at once, and the checks rightly doubt them when they do."""
    start, end = content.fields["start_date"], content.fields["end_date"]
    if not (start and end):
        return False
    return any(str(start) <= b and a <= str(end) for iin in iins for a, b in plan.spans.get(iin, ()))


def _recent(plan: _Plan, doc_type: str, language: str, person: Person, org: Organization, sid: str,
            also: Sequence[str] = ()) -> Content:
    """A document composed until its dates fall well inside the 5-year window, clear of the applicant's (and
    `also` applicants') other courses, and (for an issuer whose accreditation ended) issued after it ended."""
    submitted = plan.submitted[sid]
    iins = (plan.owner[sid], *also)
    content = compose(plan.rnd, doc_type, language, person, org, submitted - timedelta(days=10))
    for _ in range(60):
        when = content.fields["end_date"] or content.fields["issue_date"]
        issued = content.fields["issue_date"] or when
        lapsed = org.key != EXPIRED_ORG or org.accredited_to is None or (
            issued is not None and date.fromisoformat(str(issued)) > org.accredited_to)
        if when and date.fromisoformat(str(when)) > submitted - timedelta(days=3 * 365) and lapsed and not _overlaps(
                plan, content, iins):
            break
        content = compose(plan.rnd, doc_type, language, person, org, submitted - timedelta(days=10))
    return content


def _fmt(plan: _Plan, family: str) -> str:
    if family.startswith("tampered_pdf") or (plan.rnd.random() < 0.4 and family not in IMAGE_TAMPER):
        return "pdf_text"
    if family == "duplicate_image" or family in IMAGE_TAMPER:
        return plan.rnd.choice(("png", "jpg"))
    return plan.rnd.choice(IMAGE_FORMATS)


def _add(plan: _Plan, sid: str, person: Person, content: Content, org: Organization, family: str, *,
         fmt: str | None = None, row: dict[str, str] | None = None, listed: bool = True,
         source: Path | None = None, altered: Content | None = None, translation_of: str | None = None) -> Path:
    rnd = plan.rnd
    fmt = fmt or _fmt(plan, family)
    folder = Path(sid)
    path = folder / f"doc_{len([j for j in plan.jobs if j.path.parent == folder]) + 1:02d}{EXTENSIONS[fmt]}"
    plan.jobs.append(FileJob(path, content, org, fmt, rnd.randrange(2**32), family, rnd.random() < 0.85,
                             source, altered))
    if listed and org.reports_to_register and content.fields["cert_number"] and content.doc_type != "translation":
        plan.register.append(row or register_row(org, person, content))
    codes, fraud = FAMILIES[family]
    f = content.fields
    if f["start_date"] and f["end_date"]:
        plan.spans.setdefault(person.iin, []).append((str(f["start_date"]), str(f["end_date"])))
    plan.truths.append(DocumentTruth(
        sid, path.name, content.doc_type, content.language, _text(f["holder_name"]), _text(f["cert_number"]),
        _text(f["issuer"]), None if org.key == "fake" else org.org_id, _text(f["program"]),
        f["hours"] if isinstance(f["hours"], int) else None, _text(f["start_date"]), _text(f["end_date"]),
        _text(f["issue_date"]), fmt=fmt, qr_payload=content.qr_payload, translation_of=translation_of,
        variant=family, expected_status="flagged" if fraud else "verified", expected_flags=codes))
    return path


def _other_applicant(plan: _Plan, person: Person) -> _Applicant:
    return plan.rnd.choice([a for a in plan.applicants if a.person.iin != person.iin])


def _register_variant(plan: _Plan, family: str, org: Organization, person: Person, content: Content) -> dict[str, str]:
    row = register_row(org, person, content)
    if family == "mismatch_holder":
        stranger = make_person(plan.rnd)
        row.update(holder_name=stranger.full_name, holder_iin=stranger.iin)
    elif family == "mismatch_hours":
        row["hours"] = str(int(row["hours"] or 36) * 2)
    elif family == "mismatch_dates":
        shift = timedelta(days=plan.rnd.randint(40, 400))
        for name in ("start_date", "end_date", "issue_date"):
            if row[name]:
                row[name] = (date.fromisoformat(row[name]) - shift).isoformat()
    elif family == "mismatch_issuer":
        row["org_id"] = plan.rnd.choice([o for o in _orgs(plan, reports=True) if o.org_id != org.org_id]).org_id
    elif family == "revoked":
        row["status"] = "revoked"
    return row


def _plan_register_family(plan: _Plan, family: str, applicant: _Applicant) -> None:
    sid, person = applicant.submissions[0], applicant.person
    org = plan.rnd.choice(_orgs(plan, reports=True))
    doc_type = plan.rnd.choice(("advanced_training", "advanced_training", "seminar", "internship"))
    content = _recent(plan, doc_type, plan.rnd.choice(("ru", "ru", "kk")), person, org, sid)
    if family == "not_in_registry":
        _add(plan, sid, person, content, org, family, listed=False)
    else:
        _add(plan, sid, person, content, org, family, row=_register_variant(plan, family, org, person, content))


def _plan_duplicate(plan: _Plan, family: str, applicant: _Applicant) -> None:
    """A document of `applicant` and the same document (number or image) in another applicant's submission."""
    other = _other_applicant(plan, applicant.person)
    org = plan.rnd.choice(_orgs(plan))
    doc_type = plan.rnd.choice(COURSE_TYPES)
    content = _recent(plan, doc_type, plan.rnd.choice(("ru", "kk")), applicant.person, org, applicant.submissions[0],
                      also=(other.person.iin,))
    fmt = plan.rnd.choice(("png", "jpg")) if family == "duplicate_image" else None
    first = _add(plan, applicant.submissions[0], applicant.person, content, org, "duplicate_source", fmt=fmt)
    if family == "duplicate_image":
        _add(plan, other.submissions[0], other.person, content, org, family, fmt="jpg", listed=False, source=first)
        return
    copy = replace_text(content, content.holder, _holder_like(content.holder, other.person))
    _add(plan, other.submissions[0], other.person, copy, org, family, listed=False)


def _holder_like(printed: str, person: Person) -> str:
    return person.full_name.upper() if printed.isupper() else person.full_name


def _plan_genuine(plan: _Plan, family: str, applicant: _Applicant) -> None:
    sid, person, rnd = applicant.submissions[0], applicant.person, plan.rnd
    doc_type = rnd.choice(GENUINE_TYPES)
    language = rnd.choice(("ru", "ru", "kk", "kk"))
    org = rnd.choice(_orgs(plan))
    if family == "genuine_translated":
        org = rnd.choice(_orgs(plan, foreign=True))
        original = _recent(plan, rnd.choice(COURSE_TYPES[:3]), "en", person, org, sid)
        first = _add(plan, sid, person, original, org, family)
        _add(plan, sid, person, translate(rnd, original, rnd.choice(("ru", "kk")), person), org, family,
             translation_of=first.name)
        return
    if family == "out_of_window":
        old = plan.submitted[sid] - timedelta(days=rnd.randint(6 * 365, 8 * 365))
        _add(plan, sid, person, compose(rnd, rnd.choice(COURSE_TYPES), language, person, org, old), org, family)
        return
    content = _recent(plan, doc_type, language, person, org, sid)
    if family == "genuine_former_name":
        org = rnd.choice([o for o in _orgs(plan) if o.former_names] or [org])
        content = _recent(plan, doc_type, language, person, org, sid)
        content = replace_text(content, content.issuer, rnd.choice(org.former_names) if org.former_names else "")
    elif family == "genuine_abbreviation" and org.abbreviation:
        content = replace_text(content, content.issuer, org.abbreviation)
    elif family == "genuine_latin_holder":
        content = replace_text(content, content.holder, person.latin_name)
    resubmitted = family == "genuine_resubmitted"
    path = _add(plan, sid, person, content, org, family, fmt=rnd.choice(("png", "jpg")) if resubmitted else None)
    if resubmitted and len(applicant.submissions) > 1:
        _add(plan, applicant.submissions[1], person, content, org, family, fmt="jpg", listed=False, source=path)


def _plan_content_family(plan: _Plan, family: str, applicant: _Applicant) -> None:
    """Families whose fraud is in what the document prints: holder, issuer, dates, QR, tampering, language."""
    from samples.fraud import implausible_dates, mismatched_qr, other_number

    sid, person, rnd = applicant.submissions[0], applicant.person, plan.rnd
    org = rnd.choice(_orgs(plan))
    holder = person
    if family == "holder_other":
        holder = make_person(rnd)
    elif family == "issuer_unknown":
        org = FAKE_ORG
    elif family == "issuer_not_accredited":
        org = next(o for o in plan.orgs if o.key == EXPIRED_ORG)
    elif family == "translation_missing":
        org = rnd.choice(_orgs(plan, foreign=True))
    language = "en" if family == "translation_missing" else rnd.choice(("ru", "ru", "kk"))
    doc_type = "advanced_training" if family.startswith("implausible") else rnd.choice(COURSE_TYPES[:4])
    content = _recent(plan, doc_type, language, holder, org, sid)
    altered = None
    if family.startswith("implausible"):
        content = implausible_dates(content, rnd, family, plan.today)
    elif family == "qr_mismatch":
        content = mismatched_qr(content, rnd)
    elif family in IMAGE_TAMPER or family == "tampered_pdf_revision":
        number = str(content.fields["cert_number"])
        # the forger edits the printed number; a QR code printed with the page keeps the old one
        altered = replace(replace_text(content, number, other_number(rnd, number)), qr_payload=content.qr_payload)
    _add(plan, sid, person, content, org, family, row=register_row(org, holder, content), altered=altered)


def _plan_family(plan: _Plan, family: str) -> None:
    applicant = plan.rnd.choice(plan.applicants)
    if family.startswith("genuine") or family == "out_of_window":
        if family == "genuine_resubmitted":
            applicant = plan.rnd.choice([a for a in plan.applicants if len(a.submissions) > 1])
        _plan_genuine(plan, family, applicant)
    elif family in ("not_in_registry", "revoked") or family.startswith("mismatch_"):
        _plan_register_family(plan, family, applicant)
    elif family.startswith("duplicate"):
        _plan_duplicate(plan, family, applicant)
    else:
        _plan_content_family(plan, family, applicant)


def _plan_applicants(plan: _Plan, count: int, resubmitting: int) -> list[SubmissionTruth]:
    submissions: list[SubmissionTruth] = []
    for index in range(count):
        person = make_person(plan.rnd)
        applicant = _Applicant(person, [])
        for repeat in range(2 if index < resubmitting else 1):
            sid = f"S-{len(submissions) + 1:04d}"
            # a resubmission comes later than the first submission, which its documents were composed for
            submitted = date(2025, 3, 1) + timedelta(days=plan.rnd.randint(0, 560)) if repeat == 0 else \
                plan.submitted[applicant.submissions[0]] + timedelta(days=plan.rnd.randint(30, 200))
            foreign = plan.rnd.random() < 0.15
            submissions.append(SubmissionTruth(
                sid, person.iin, person.full_name, person.latin_name if plan.rnd.random() < 0.8 else None,
                "foreign_admission" if foreign else "qualification",
                None if foreign else plan.rnd.choice(("second", "first", "highest")), submitted.isoformat(),
                plan.rnd.choice(("service_center", "hr_upload"))))
            plan.submitted[sid] = submitted
            plan.owner[sid] = person.iin
            applicant.submissions.append(sid)
        plan.applicants.append(applicant)
    return submissions


def build_fraud_corpus(out_dir: Path, *, seed: int = 31337, scale: float = 1.0, today: date | None = None,
                       workers: int | None = None, families: Sequence[str] | None = None) -> CorpusInfo:
    """Writes out_dir/inbox, registry and truth (with expected status, flags, units and eligibility);
    `scale` multiplies FAMILY_COUNTS (each family at least once), `families` keeps only those named."""
    rnd = random.Random(seed)
    plan = _Plan(rnd, (*make_organizations(rnd), FAKE_ORG), today or date.today())
    submissions = _plan_applicants(plan, max(3, round(28 * scale)), max(1, round(5 * scale)))
    planned = [f for f, n in FAMILY_COUNTS.items() for _ in range(max(1, round(n * scale)))
               if families is None or f in families]
    rnd.shuffle(planned)
    for family in planned:
        _plan_family(plan, family)
    for truth in submissions:
        _write_submission_json(out_dir / "inbox" / truth.submission_id, truth)
    real_orgs = [o for o in plan.orgs if o.key != "fake"]
    write_registry(out_dir / "registry", rnd, real_orgs, plan.register, ())
    jobs = sorted(plan.jobs, key=lambda j: j.source is not None)
    # copies are made from files written before them
    plain = [j for j in jobs if j.source is None]
    if workers == 1:
        for job in plain:
            write_file(job, out_dir / "inbox")
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(write_file, plain, [out_dir / "inbox"] * len(plain)))
    for job in jobs[len(plain):]:
        write_file(job, out_dir / "inbox")
    truths = expected_units(plan.truths, submissions)
    write_jsonl(out_dir / "truth" / "documents.jsonl", truths)
    write_jsonl(out_dir / "truth" / "submissions.jsonl", expected_submission(truths, submissions))
    return CorpusInfo(out_dir, out_dir / "inbox", out_dir / "registry", out_dir / "truth", len(submissions),
                      len(truths), 0)
