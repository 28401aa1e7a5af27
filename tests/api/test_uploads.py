"""Uploads over HTTP: recorded whole with their contract records, or refused with a clear JSON error."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.models import Document, Submission
from tests.api.conftest import Api, jpeg_bytes, meta_json, pdf_bytes, png_bytes

URL = "/api/v1/submissions"


def _count(api: Api, submission_id: str) -> int:
    with Session(api.app.state.tekser.engine) as session:
        query = select(func.count()).select_from(Submission).where(Submission.submission_id == submission_id)
        return session.scalar(query) or 0


def test_upload_records_submission_and_documents(api: Api) -> None:
    response = api.upload("operator", meta_json("S-100"), [("scan.png", png_bytes()), ("cert.pdf", pdf_bytes())])
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"{URL}/S-100"
    assert body["created"] is True and body["processing"] is False
    (submission,) = body["submissions"]
    assert submission["service_center"] == "SC-1" and submission["uploaded_by"] == "token:operator"
    assert submission["submission"]["submission_id"] == "S-100"
    assert submission["submission"]["documents"] == 2
    assert sorted(d["record"]["file"] for d in submission["documents"]) == ["cert.pdf", "scan.png"]
    assert {d["state"] for d in submission["documents"]} == {"received"}
    with Session(api.app.state.tekser.engine) as session:
        kinds = sorted(str(kind) for kind in session.scalars(select(Document.kind)))
    assert kinds == ["pdf", "png"]


def test_get_returns_status_and_contract_records(api: Api) -> None:
    api.upload("operator", meta_json("S-101"), [("scan.jpg", jpeg_bytes())])
    response = api.client.get(f"{URL}/S-101", headers=api.auth("operator"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "received"
    assert body["submission"]["applicant_iin"] == body["submission"]["applicant_iin"]
    assert body["progress"] == {"documents": 1, "finished": 0}
    record = body["documents"][0]["record"]
    assert record["submission_id"] == "S-101" and record["file"] == "scan.jpg"
    assert set(record) >= {"status", "doc_type", "language", "fields", "confidence", "credit_units", "flags"}


def test_generated_submission_id_when_meta_has_none(api: Api) -> None:
    response = api.upload("hr", meta_json(channel="hr_upload"), [("scan.png", png_bytes())])
    assert response.status_code == 201
    submission_id = response.json()["submissions"][0]["submission_id"]
    assert submission_id.startswith("U-")
    assert api.client.get(f"{URL}/{submission_id}", headers=api.auth("hr")).status_code == 200


def test_retry_of_the_same_upload_is_recorded_once(api: Api) -> None:
    files = [("scan.png", png_bytes())]
    first = api.upload("operator", meta_json("S-102"), files)
    again = api.upload("operator", meta_json("S-102"), files)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["created"] is False
    assert again.json()["batch_id"] == first.json()["batch_id"]
    assert _count(api, "S-102") == 1


def test_same_id_with_other_content_is_a_conflict(api: Api) -> None:
    api.upload("operator", meta_json("S-103"), [("scan.png", png_bytes())])
    response = api.upload("operator", meta_json("S-103"), [("scan.png", png_bytes(text="OTHER"))])
    assert response.status_code == 409
    assert "S-103" in response.json()["error"]["message"]
    assert _count(api, "S-103") == 1


def test_operator_sees_only_own_service_center(api: Api) -> None:
    api.upload("operator", meta_json("S-SC1"), [("scan.png", png_bytes())])
    api.upload("operator2", meta_json("S-SC2"), [("scan.png", png_bytes())])
    other = api.client.get(f"{URL}/S-SC2", headers=api.auth("operator"))
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    listed = api.client.get(URL, headers=api.auth("operator")).json()
    assert [item["submission_id"] for item in listed["items"]] == ["S-SC1"]
    assert listed["total"] == 1
    admin = api.client.get(URL, headers=api.auth("admin")).json()
    assert {item["submission_id"] for item in admin["items"]} == {"S-SC1", "S-SC2"}
    reviewer = api.client.get(f"{URL}/S-SC2", headers=api.auth("reviewer"))
    assert reviewer.status_code == 200


def test_hr_sees_only_its_own_uploads(api: Api) -> None:
    api.upload("hr", meta_json("S-HR", channel="hr_upload"), [("scan.png", png_bytes())])
    api.upload("operator", meta_json("S-OP"), [("scan.png", png_bytes())])
    assert api.client.get(f"{URL}/S-OP", headers=api.auth("hr")).status_code == 404
    items = api.client.get(URL, headers=api.auth("hr")).json()["items"]
    assert [item["submission_id"] for item in items] == ["S-HR"]


def test_list_is_paginated_and_filtered_by_status(api: Api) -> None:
    for number in range(5):
        api.upload("admin", meta_json(f"S-P{number}"), [("scan.png", png_bytes(text=str(number)))])
    page = api.client.get(URL, params={"limit": 2, "offset": 1}, headers=api.auth("admin")).json()
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 1
    assert [item["submission_id"] for item in page["items"]] == ["S-P3", "S-P2"]
    received = api.client.get(URL, params={"status": "received"}, headers=api.auth("admin")).json()
    assert received["total"] == 5
    verified = api.client.get(URL, params={"status": "verified"}, headers=api.auth("admin")).json()
    assert verified["total"] == 0
    bad = api.client.get(URL, params={"status": "nonsense"}, headers=api.auth("admin"))
    assert bad.status_code == 422 and bad.json()["error"]["message"].startswith("query.status")


def test_page_image_of_png_and_pdf(api: Api) -> None:
    body = api.upload("operator", meta_json("S-IMG"), [("scan.png", png_bytes(320, 200)),
                                                      ("cert.pdf", pdf_bytes(pages=2))]).json()
    documents = {d["record"]["file"]: d["document_id"] for d in body["submissions"][0]["documents"]}
    base = f"{URL}/S-IMG/documents"
    png = api.client.get(f"{base}/{documents['scan.png']}/pages/1/image", headers=api.auth("operator"))
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (320, 200)
    second = api.client.get(f"{base}/{documents['cert.pdf']}/pages/2/image", headers=api.auth("operator"))
    assert second.status_code == 200
    assert Image.open(io.BytesIO(second.content)).size == (625, 417)  # 300×200 pt at 150 dpi
    past = api.client.get(f"{base}/{documents['cert.pdf']}/pages/3/image", headers=api.auth("operator"))
    assert past.status_code == 404 and "2 page" in past.json()["error"]["message"]
    hidden = api.client.get(f"{base}/{documents['scan.png']}/pages/1/image", headers=api.auth("operator2"))
    assert hidden.status_code == 404
    missing = api.client.get(f"{base}/999999/pages/1/image", headers=api.auth("operator"))
    assert missing.status_code == 404
