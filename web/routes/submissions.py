"""Submissions: the list, one submission with its ledger, the Appendix 2 PDF and a batch's CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from intake.audit import record
from intake.models import Document, Submission
from intake.workspace_models import Decision
from web.app import SessionDep, ViewerDep, render
from web.security import Forbidden, mask_iin
from web.services.appendix2 import appendix2_pdf
from web.services.ledger import build_ledger, find_submission, visible
from web.services.review import current_decision, decisions_of

router = APIRouter()
PAGE_SIZE = 50
CSV_COLUMNS = ("batch", "submission_id", "applicant_iin", "file", "status", "doc_type", "cert_number", "issuer",
               "issuer_org_id", "hours", "start_date", "end_date", "criterion", "units", "flags", "decision")


def _decisions(session: SessionDep, submission: Submission) -> dict[int, str]:
    found = {}
    for document in submission.documents:
        decision = current_decision(decisions_of(session, document.id))
        if decision is not None:
            found[document.id] = decision.outcome
    return found


def _submission(session: SessionDep, viewer: ViewerDep, submission_pk: int) -> Submission:
    submission = find_submission(session, viewer, submission_pk)
    if submission is None:
        raise Forbidden
    return submission


@router.get("/submissions")
def submissions_list(request: Request, session: SessionDep, viewer: ViewerDep, offset: int = 0) -> Response:
    query = visible(select(Submission), viewer).order_by(Submission.id.desc()).offset(max(offset, 0)).limit(PAGE_SIZE)
    return render(request, "submissions.html", {"rows": list(session.scalars(query)), "offset": offset})


@router.get("/submissions/{submission_pk}")
def submission_view(request: Request, session: SessionDep, viewer: ViewerDep, submission_pk: int) -> Response:
    submission = _submission(session, viewer, submission_pk)
    decisions = _decisions(session, submission)
    return render(request, "submission.html", {"sub": submission, "ledger": build_ledger(submission, decisions),
                                               "decisions": decisions})


@router.get("/submissions/{submission_pk}/appendix2.pdf")
def appendix2_pdf_route(session: SessionDep, viewer: ViewerDep, submission_pk: int) -> Response:
    submission = _submission(session, viewer, submission_pk)
    ledger = build_ledger(submission, _decisions(session, submission))
    pdf = appendix2_pdf(submission, ledger, mask_iin(submission.applicant_iin, viewer.user.role), date.today())
    record(session, viewer.actor, "export_appendix2", "submission", submission.id, None,
           {"credit_units": ledger.totals})
    session.commit()
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="appendix2-{submission.id}.pdf"'})


def _csv_row(batch_id: int, submission: Submission, document: Document, decision: str, role: str) -> list[object]:
    fields = document.fields or {}
    units = document.credit_units or {}
    return [batch_id, submission.submission_id, mask_iin(submission.applicant_iin, role), document.file,
            document.status, document.doc_type, fields.get("cert_number"), fields.get("issuer"),
            fields.get("issuer_org_id"), fields.get("hours"), fields.get("start_date"), fields.get("end_date"),
            units.get("criterion"), units.get("units"), " ".join(f["code"] for f in document.flags or []), decision]


@router.get("/batches/{batch_id}/results.csv")
def batch_csv(session: SessionDep, viewer: ViewerDep, batch_id: int) -> Response:
    submissions = list(session.scalars(visible(select(Submission).where(Submission.batch_id == batch_id), viewer)))
    if not submissions:
        raise Forbidden
    ids = [d.id for s in submissions for d in s.documents]
    decided = {d.document_id: d.outcome for d in session.scalars(
        select(Decision).where(Decision.document_id.in_(ids)).order_by(Decision.id))}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for submission in submissions:
        for document in submission.documents:
            outcome = decided.get(document.id, "")
            writer.writerow(_csv_row(batch_id, submission, document, "" if outcome == "reopened" else outcome,
                                     viewer.user.role))
    record(session, viewer.actor, "export_csv", "batch", batch_id, None, {"documents": len(ids)})
    session.commit()
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="batch-{batch_id}.csv"'})
