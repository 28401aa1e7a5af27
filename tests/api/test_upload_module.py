"""intake.upload without HTTP (as the browser workspace calls it): one batch per upload, refusals typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from intake.db import open_database
from intake.storage import ContentStore
from intake.upload import (
    InvalidMetadata,
    SubmissionConflict,
    UnsupportedFileType,
    UploadedFile,
    UploadRejected,
    UploadTooLarge,
    record_upload,
    record_zip_upload,
)
from tests.api.conftest import meta_json, png_bytes, small_settings
from tests.api.test_zip import make_zip


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with Session(engine, expire_on_commit=False) as opened:
        yield opened
    engine.dispose()


def test_record_upload_makes_one_batch_with_one_submission(session: Session, tmp_path: Path) -> None:
    settings = small_settings(tmp_path)
    store = ContentStore(tmp_path / "objects")
    batch = record_upload(session, store, settings, meta_json("S-W1").encode(),
                          [UploadedFile("scan.png", png_bytes())], uploaded_by="user:anna", service_center="SC-3")
    (submission,) = batch.submissions
    assert (submission.submission_id, submission.uploaded_by, submission.service_center) == ("S-W1", "user:anna",
                                                                                             "SC-3")
    (document,) = submission.documents
    assert document.state == "received" and document.kind == "png"
    assert store.get(document.sha256 or "") == png_bytes()
    again = record_upload(session, store, settings, meta_json("S-W1").encode(),
                          [UploadedFile("scan.png", png_bytes())], uploaded_by="user:anna", service_center="SC-3")
    assert again.id == batch.id
    other_user = record_upload(session, store, settings, meta_json("S-W1").encode(),
                               [UploadedFile("scan.png", png_bytes())], uploaded_by="user:bob", service_center=None)
    assert other_user.id != batch.id


@pytest.mark.parametrize(("files", "meta", "kind", "status"), [
    ([UploadedFile("a.txt", b"hello")], meta_json(), UnsupportedFileType, 415),
    ([UploadedFile("a.png", png_bytes() + bytes(3_100_000))], meta_json(), UploadTooLarge, 413),
    ([], meta_json(), InvalidMetadata, 422),
    ([UploadedFile("a.png", png_bytes())], meta_json(purpose=None), InvalidMetadata, 422),
])
def test_refusals_carry_their_http_status(session: Session, tmp_path: Path, files: list[UploadedFile], meta: str,
                                          kind: type[UploadRejected], status: int) -> None:
    with pytest.raises(kind) as refused:
        record_upload(session, ContentStore(tmp_path / "o"), small_settings(tmp_path), meta.encode(), files,
                      uploaded_by="u", service_center=None)
    assert refused.value.status == status and refused.value.message


def test_conflicting_reupload_and_zip_upload(session: Session, tmp_path: Path) -> None:
    settings = small_settings(tmp_path)
    store = ContentStore(tmp_path / "objects")
    record_upload(session, store, settings, meta_json("S-C").encode(), [UploadedFile("a.png", png_bytes())],
                  uploaded_by="u", service_center=None)
    with pytest.raises(SubmissionConflict):
        record_upload(session, store, settings, meta_json("S-C").encode(),
                      [UploadedFile("b.png", png_bytes())], uploaded_by="u", service_center=None)
    archive = make_zip({"submission.json": meta_json("S-ROOT").encode(), "a.png": png_bytes()})
    batch = record_zip_upload(session, store, settings, archive, uploaded_by="u", service_center=None)
    assert [s.submission_id for s in batch.submissions] == ["S-ROOT"]
