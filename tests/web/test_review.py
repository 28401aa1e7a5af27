"""Claims, decisions, corrections re-running credit units, appeals, and the append-only audit trail."""

from __future__ import annotations

import io
from datetime import timedelta

import pdfplumber
import pytest
from sqlalchemy import select, text

from intake.audit import AuditIsAppendOnly
from intake.models import Document, Submission
from intake.workspace_models import AuditEvent, Claim
from tests.web.workspace_db import Workspace, csrf_of, sign_in
from web.services.claims import claim
from web.services.queue import QueueFilter, queue_page


def _flagged(workspace: Workspace) -> Document:
    with workspace.session() as session:
        document = session.scalar(select(Document).where(Document.status == "flagged").order_by(Document.id))
        assert document is not None
        return document


def test_queue_lists_flagged_documents_with_counts(workspace: Workspace) -> None:
    sign_in(workspace.client, "rev1")
    page = workspace.client.get("/queue").text
    assert "REGISTRY_MISMATCH" in page and 'class="queue-row"' in page


def test_two_reviewers_never_hold_one_claim(workspace: Workspace) -> None:
    document = _flagged(workspace)
    with workspace.session() as first, workspace.session() as second:
        assert claim(first, document.id, 2, 15)
        assert not claim(second, document.id, 3, 15)
        first.execute(Claim.__table__.update().values(expires_at=Claim.expires_at - timedelta(hours=1)))
        first.commit()
        assert claim(second, document.id, 3, 15)  # the first claim expired


def test_approve_counts_units_and_lands_on_next(workspace: Workspace) -> None:
    document = _flagged(workspace)
    sign_in(workspace.client, "rev1")
    page = workspace.client.get(f"/documents/{document.id}").text
    answer = workspace.client.post(f"/documents/{document.id}/decide",
                                   data={"csrf": csrf_of(page), "outcome": "verified"})
    assert answer.status_code == 200 and f"/documents/{document.id}" not in str(answer.url)
    with workspace.session() as session:
        submission = session.get(Submission, document.submission_pk)
        assert submission is not None and submission.result is not None
        assert submission.result["credit_units"]["pending_review"] == 0 or submission.result["credit_units"]["total"]


def test_other_reviewer_cannot_decide_a_claimed_document(workspace: Workspace) -> None:
    document = _flagged(workspace)
    sign_in(workspace.client, "rev1")
    workspace.client.get(f"/documents/{document.id}")
    page = sign_in(workspace.client, "rev2")
    answer = workspace.client.post(f"/documents/{document.id}/decide", data={"csrf": page, "outcome": "verified"})
    assert "refused=claimed_by_other" in str(answer.url)


def _only_hours_mismatch(workspace: Workspace) -> Document:
    with workspace.session() as session:
        for document in session.scalars(select(Document).where(Document.status == "flagged")):
            codes = [f["code"] for f in document.flags or [] if f["severity"] != "info"]
            if codes == ["REGISTRY_MISMATCH"] and document.flags[0]["evidence"]["field"] == "hours":  # type: ignore[index]
                return document
    raise AssertionError("the sample has no document flagged only for its hours")


def test_correction_reruns_verification_and_units(workspace: Workspace) -> None:
    document = _only_hours_mismatch(workspace)
    mismatch = next(f for f in document.flags or [] if f["code"] == "REGISTRY_MISMATCH")
    register_hours = mismatch["evidence"]["register"]
    sign_in(workspace.client, "rev1")
    csrf = csrf_of(workspace.client.get(f"/documents/{document.id}").text)
    workspace.client.post(f"/documents/{document.id}/correct",
                          data={"csrf": csrf, "field": mismatch["evidence"]["field"], "value": str(register_hours)})
    with workspace.session() as session:
        corrected = session.get(Document, document.id)
        assert corrected is not None and corrected.status == "verified"
        assert corrected.credit_units is not None and corrected.credit_units["units"] == register_hours
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "correction" in actions and "recount" in actions


def test_a_document_type_is_corrected_and_units_counted_by_its_criterion(workspace: Workspace) -> None:
    document = _only_hours_mismatch(workspace)
    sign_in(workspace.client, "rev1")
    csrf = csrf_of(workspace.client.get(f"/documents/{document.id}").text)
    refused = workspace.client.post(f"/documents/{document.id}/correct",
                                    data={"csrf": csrf, "field": "doc_type", "value": "webinar"})
    assert "refused=bad_value" in str(refused.url)
    workspace.client.post(f"/documents/{document.id}/correct", data={"csrf": csrf, "field": "doc_type",
                                                                     "value": "seminar"})
    with workspace.session() as session:
        corrected = session.get(Document, document.id)
        assert corrected is not None and corrected.doc_type == "seminar"
        assert corrected.credit_units is not None and corrected.credit_units["criterion"] == 3  # Appendix 1, 3


def test_reject_then_appeal_by_another_reviewer(workspace: Workspace) -> None:
    document = _flagged(workspace)
    sign_in(workspace.client, "rev1")
    csrf = csrf_of(workspace.client.get(f"/documents/{document.id}").text)
    workspace.client.post(f"/documents/{document.id}/decide",
                          data={"csrf": csrf, "outcome": "discrepancy", "reason": "registry_mismatch"})
    refused = workspace.client.post(f"/documents/{document.id}/reopen", data={"csrf": csrf, "text": "x"})
    assert "appeal_needs_other_reviewer" in str(refused.url)
    csrf2 = sign_in(workspace.client, "rev2")
    workspace.client.post(f"/documents/{document.id}/reopen", data={"csrf": csrf2, "text": "new evidence"})
    assert "queue-row" in workspace.client.get("/queue").text
    answer = workspace.client.post(f"/documents/{document.id}/decide", data={"csrf": csrf2, "outcome": "verified"})
    assert "refused" not in str(answer.url)


def test_audit_events_cannot_be_changed(workspace: Workspace) -> None:
    sign_in(workspace.client, "rev1")
    with workspace.session() as session:
        event = session.scalars(select(AuditEvent)).first()
        assert event is not None
        event.action = "forged"
        with pytest.raises(AuditIsAppendOnly):
            session.commit()
        session.rollback()
        session.delete(event)
        with pytest.raises(AuditIsAppendOnly):
            session.commit()
        session.rollback()
    with workspace.engine.connect() as connection:
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(Exception, match="append-only"):
                connection.execute(text(statement))
            connection.rollback()


def test_appendix2_pdf_holds_the_units(workspace: Workspace) -> None:
    sign_in(workspace.client, "admin")
    with workspace.session() as session:
        submission = session.scalar(select(Submission).where(Submission.result.is_not(None)))
        assert submission is not None and submission.result is not None
        total = submission.result["credit_units"]["total"]
    answer = workspace.client.get(f"/submissions/{submission.id}/appendix2.pdf")
    assert answer.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(answer.content)) as pdf:
        content = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Confirmation of the results of continuous professional development" in content
    from verifiers.credit_units import format_units

    assert f"Total {format_units(total)}" in content


def test_csv_export_lists_every_document(workspace: Workspace) -> None:
    sign_in(workspace.client, "admin")
    answer = workspace.client.get("/batches/1/results.csv")
    lines = answer.text.lstrip("\ufeff").strip().splitlines()
    with workspace.session() as session:
        count = len(session.scalars(select(Document.id)).all())
    assert len(lines) == count + 1 and lines[0].startswith("batch,submission_id")


def test_queue_filtered_by_issuer_keeps_only_that_issuers_documents(workspace: Workspace) -> None:
    with workspace.session() as session:
        queued = list(session.scalars(select(Document).where(Document.status == "flagged",
                                                             Document.issuer_org_id.is_not(None))))
        assert queued, "the pipeline database has flagged documents of a registered issuer"
        issuer = queued[0].issuer_org_id
        assert all(d.issuer_org_id == (d.fields or {}).get("issuer_org_id") for d in queued)
        rows = queue_page(session, QueueFilter(issuer=issuer))
        assert {row["id"] for row in rows} == {d.id for d in queued if d.issuer_org_id == issuer}
        assert queue_page(session, QueueFilter(issuer="ORG-NONE")) == []
