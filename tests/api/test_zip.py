"""ZIP uploads: submission folders recorded as one batch; traversal, links, bombs and nesting refused unopened."""

from __future__ import annotations

import io
import stat
import zipfile

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.zipsafe import UnsafeZip, ZipLimits, ZipTooLarge, read_zip
from tests.api.conftest import Api, meta_json, pdf_bytes, png_bytes

URL = "/api/v1/submissions"
LIMITS = ZipLimits(max_entries=10, max_total_bytes=1_000_000, max_ratio=50)


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_link(name: str, target: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("S-1/submission.json", meta_json())
        info = zipfile.ZipInfo(name)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, target)
    return buffer.getvalue()


def _upload_zip(api: Api, label: str, data: bytes, meta: str | None = None) -> httpx.Response:
    fields = {"submission": meta} if meta is not None else None
    return api.client.post(URL, headers=api.auth(label), data=fields,
                           files=[("archive", ("batch.zip", data, "application/zip"))])


def test_zip_of_submission_folders_is_one_batch(api: Api) -> None:
    data = make_zip({
        "inbox/S-Z1/submission.json": meta_json().encode(), "inbox/S-Z1/scan.png": png_bytes(),
        "inbox/S-Z2/submission.json": meta_json().encode(), "inbox/S-Z2/cert.pdf": pdf_bytes(1),
        "inbox/S-Z2/more/page.png": png_bytes(text="2"), "__MACOSX/._scan.png": b"junk",
        "inbox/S-Z1/.DS_Store": b"junk",
    })
    response = _upload_zip(api, "operator", data)
    assert response.status_code == 201, response.text
    body = response.json()
    ids = {s["submission_id"]: sorted(d["record"]["file"] for d in s["documents"]) for s in body["submissions"]}
    assert ids == {"S-Z1": ["scan.png"], "S-Z2": ["cert.pdf", "more/page.png"]}
    assert {s["batch_id"] for s in body["submissions"]} == {body["batch_id"]}
    again = _upload_zip(api, "operator", data)
    assert again.status_code == 200 and again.json()["batch_id"] == body["batch_id"]


def test_zip_of_bare_files_with_separate_meta(api: Api) -> None:
    data = make_zip({"scan.png": png_bytes(), "cert.pdf": pdf_bytes(1)})
    response = _upload_zip(api, "hr", data, meta=meta_json("S-BARE", channel="hr_upload"))
    assert response.status_code == 201
    (submission,) = response.json()["submissions"]
    assert submission["submission_id"] == "S-BARE" and submission["progress"]["documents"] == 2


@pytest.mark.parametrize(("name", "words"), [
    ("../evil.png", ".."), ("S-1/../../evil.png", ".."), ("/etc/evil.png", "absolute"),
    ("C:/Windows/evil.png", "absolute"), ("..\\..\\evil.png", ".."),
])
def test_path_traversal_is_refused(api: Api, name: str, words: str) -> None:
    data = make_zip({"S-1/submission.json": meta_json().encode(), name: png_bytes()})
    with pytest.raises(UnsafeZip, match=r"absolute|outside"):
        read_zip(data, LIMITS)
    response = _upload_zip(api, "operator", data)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_symlink_entries_are_refused(api: Api) -> None:
    data = _with_link("S-1/scan.png", "/etc/passwd")
    with pytest.raises(UnsafeZip, match="links"):
        read_zip(data, LIMITS)
    response = _upload_zip(api, "operator", data)
    assert response.status_code == 422 and "links" in response.json()["error"]["message"]


def test_compression_ratio_bomb_is_refused_before_unpacking(api: Api) -> None:
    small_bomb = make_zip({"S-1/scan.png": png_bytes() + b"\0" * 600_000})
    with pytest.raises(ZipTooLarge, match="compressed more than"):
        read_zip(small_bomb, LIMITS)
    bomb = make_zip({"S-1/submission.json": meta_json().encode(), "S-1/scan.png": png_bytes() + b"\0" * 3_000_000})
    assert len(bomb) < 50_000
    response = _upload_zip(api, "operator", bomb)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_too_many_entries_and_total_size_are_refused(api: Api) -> None:
    many = make_zip({f"S-1/{n}.png": png_bytes() for n in range(api.settings.zip_max_entries + 1)})
    assert _upload_zip(api, "operator", many).status_code == 413
    stored = make_zip({f"S-1/{n}.png": bytes(900_000) for n in range(5)}, method=zipfile.ZIP_STORED)
    with pytest.raises(ZipTooLarge, match="unpacks to more than"):
        read_zip(stored, LIMITS)


def test_lying_sizes_are_caught_while_reading() -> None:
    data = bytearray(make_zip({"S-1/a.png": b"A" * 5000}, method=zipfile.ZIP_STORED))
    # shrink the declared size in the central directory (offset 24 of its record) to 10 bytes
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(UnsafeZip):
        read_zip(bytes(data), ZipLimits(max_entries=10, max_total_bytes=1_000_000, max_ratio=1000))


def test_nested_archives_are_refused(api: Api) -> None:
    inner = make_zip({"x.png": png_bytes()})
    data = make_zip({"S-1/submission.json": meta_json().encode(), "S-1/inner.zip": inner})
    with pytest.raises(UnsafeZip, match="nested"):
        read_zip(data, LIMITS)
    assert _upload_zip(api, "operator", data).status_code == 422


def test_archive_that_is_not_a_zip_is_415(api: Api) -> None:
    response = _upload_zip(api, "operator", png_bytes())
    assert response.status_code == 415


def test_folder_without_meta_and_loose_files_are_422(api: Api) -> None:
    no_meta = make_zip({"S-1/scan.png": png_bytes(), "S-2/submission.json": meta_json().encode(),
                        "S-2/scan.png": png_bytes()})
    response = _upload_zip(api, "operator", no_meta)
    assert response.status_code == 422 and "S-1" in response.json()["error"]["message"]
    bad_meta = make_zip({"S-3/submission.json": b"{}", "S-3/scan.png": png_bytes()})
    message = _upload_zip(api, "operator", bad_meta).json()["error"]["message"]
    assert "S-3" in message and "applicant" in message


def test_folder_names_become_submission_ids_like_in_an_inbox(api: Api) -> None:
    data = make_zip({"Иванова А.С. 2025/submission.json": meta_json().encode(),
                     "Иванова А.С. 2025/скан.png": png_bytes()})
    response = _upload_zip(api, "operator", data)
    assert response.status_code == 201
    assert response.json()["submissions"][0]["submission_id"] == "Иванова А.С. 2025"
    got = api.client.get(f"{URL}/Иванова А.С. 2025", headers=api.auth("operator"))
    assert got.status_code == 200 and got.json()["documents"][0]["record"]["file"] == "скан.png"


def test_an_archive_of_an_unknown_zip_version_is_refused_not_crashed() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("S-1/a.png")
        info.extract_version = 99  # "zip file version 9.9": zipfile raises NotImplementedError on opening
        archive.writestr(info, png_bytes())
    with pytest.raises(UnsafeZip, match="version"):
        read_zip(buffer.getvalue(), LIMITS)


@given(data=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=2000),
       flip=st.integers(min_value=0, max_value=2000))
@settings(max_examples=150, deadline=None)
def test_damaged_archives_raise_only_unsafe_zip(data: bytes, cut: int, flip: int) -> None:
    valid = bytearray(make_zip({"S-1/submission.json": meta_json().encode(), "S-1/a.png": png_bytes()}))
    if flip < len(valid):
        valid[flip] ^= 0xFF
    for candidate in (b"PK\x03\x04" + data, bytes(valid[:cut] + valid[cut + 1:]), bytes(valid)):
        try:
            entries = read_zip(candidate, LIMITS)
        except UnsafeZip as refusal:
            assert str(refusal)
        else:
            assert all(entry.path and ".." not in entry.path.split("/") for entry in entries)
