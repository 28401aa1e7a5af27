"""Each refusal is a JSON error with the right status: 413, 415, 422, 401, 403, 404; nothing is recorded."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.models import Submission
from tests.api.conftest import Api, meta_json, png_bytes

URL = "/api/v1/submissions"


def _submissions(api: Api) -> int:
    with Session(api.app.state.tekser.engine) as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return str(body["error"]["message"])


def test_file_over_the_file_limit_is_413(api: Api) -> None:
    big = png_bytes() + b"\0" * (api.settings.max_file_bytes + 1)
    message = _error(api.upload("operator", meta_json("S-BIG"), [("big.png", big)]), 413, "too_large")
    assert "big.png" in message
    assert _submissions(api) == 0


def test_body_over_the_upload_limit_is_413_from_content_length(api: Api) -> None:
    body = b"x" * (api.settings.max_upload_bytes + 10)
    response = api.client.post(URL, headers={**api.auth("operator"), "content-type": "multipart/form-data; b=x"},
                               content=body)
    assert "TEKSER_MAX_UPLOAD_BYTES" in _error(response, 413, "too_large")


def test_body_over_the_limit_is_413_while_streaming_without_content_length(api: Api) -> None:
    chunk = b"y" * 1_000_000

    def chunks():  # a generator body is sent chunked, with no Content-Length
        for _ in range(api.settings.max_upload_bytes // len(chunk) + 2):
            yield chunk

    headers = {**api.auth("operator"), "content-type": "multipart/form-data; boundary=zzz"}
    response = api.client.post(URL, headers=headers, content=chunks())
    _error(response, 413, "too_large")
    assert _submissions(api) == 0


@pytest.mark.parametrize(("name", "data", "words"), [
    ("letter.png", b"Dear HR, please accept my certificate", "text"),
    ("anim.gif", b"GIF89a" + b"\0" * 40, "GIF"),
    ("empty.pdf", b"", "empty"),
    ("doc.docx", b"PK\x03\x04" + b"\0" * 40, "ZIP"),
])
def test_unsupported_type_judged_from_bytes_is_415(api: Api, name: str, data: bytes, words: str) -> None:
    response = api.upload("operator", meta_json("S-415"), [("scan.png", png_bytes()), (name, data)])
    message = _error(response, 415, "unsupported_type")
    assert name in message and words in message
    assert _submissions(api) == 0


def test_png_named_pdf_is_accepted_by_its_bytes(api: Api) -> None:
    response = api.upload("operator", meta_json("S-NAME"), [("scan.pdf", png_bytes())])
    assert response.status_code == 201
    assert response.json()["submissions"][0]["documents"][0]["record"]["file"] == "scan.pdf"


@pytest.mark.parametrize(("meta", "field"), [
    (meta_json(applicant={"iin": "123", "full_name": "Иванова Анна"}), "applicant.iin"),
    (meta_json(purpose="holiday"), "purpose"),
    (meta_json(target_category=None), "target_category"),
    (meta_json(submitted_at="yesterday"), "submitted_at"),
    (meta_json("../../etc"), "submission_id"),
    ("{not json", "not valid UTF-8 JSON"),
    (json.dumps([1, 2]), "JSON object"),
])
def test_invalid_metadata_is_422_naming_the_field(api: Api, meta: str, field: str) -> None:
    message = _error(api.upload("operator", meta, [("scan.png", png_bytes())]), 422, "invalid_metadata")
    assert field in message
    assert _submissions(api) == 0


def test_missing_parts_are_422(api: Api) -> None:
    no_meta = api.client.post(URL, headers=api.auth("operator"), files=[("files", ("a.png", png_bytes()))])
    assert "submission" in _error(no_meta, 422, "invalid_metadata")
    no_files = api.client.post(URL, headers=api.auth("operator"), data={"submission": meta_json("S-NF")},
                               files=[("other", ("a.png", png_bytes()))])
    assert "other" in _error(no_files, 422, "invalid_metadata")
    only_meta = api.client.post(URL, headers=api.auth("operator"), files={"submission": (None, meta_json())})
    assert "files" in _error(only_meta, 422, "invalid_metadata")


def test_duplicate_and_escaping_file_names_are_422(api: Api) -> None:
    twice = api.upload("operator", meta_json("S-DUP"), [("a.png", png_bytes()), ("a.png", png_bytes())])
    assert "a.png" in _error(twice, 422, "invalid_metadata")
    escaping = api.upload("operator", meta_json("S-ESC"), [("../a.png", png_bytes())])
    _error(escaping, 422, "invalid_metadata")


def test_not_multipart_is_415(api: Api) -> None:
    response = api.client.post(URL, headers=api.auth("operator"), json={"submission": "x"})
    assert "multipart/form-data" in _error(response, 415, "unsupported_type")


def test_auth_errors(api: Api) -> None:
    assert "Bearer" in _error(api.client.get(URL), 401, "unauthorized")
    assert api.client.get(URL).headers["www-authenticate"] == "Bearer"
    _error(api.client.get(URL, headers={"Authorization": "Bearer nope"}), 401, "unauthorized")
    reviewer_upload = api.upload("reviewer", meta_json("S-R"), [("scan.png", png_bytes())])
    assert "reviewer" in _error(reviewer_upload, 403, "forbidden")
    _error(api.client.get(f"{URL}/S-NONE", headers=api.auth("admin")), 404, "not_found")
    _error(api.client.get("/api/v1/nowhere", headers=api.auth("admin")), 404, "not_found")
