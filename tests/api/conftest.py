"""An API app on a temporary SQLite database and store, one token per role, and real document files."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

from api.app import create_app
from intake.access_models import create_token
from intake.db import open_database
from intake.iin import iin_check_digit
from tekser.settings import Settings

VALID_IIN = "88051445012" + str(iin_check_digit("88051445012"))


def meta_json(submission_id: str | None = None, **changes: object) -> str:
    meta: dict[str, object] = {
        "applicant": {"iin": VALID_IIN, "full_name": "Иванова Анна Сергеевна"}, "purpose": "qualification",
        "target_category": "second", "submitted_at": "2025-11-03", "channel": "service_center"}
    if submission_id is not None:
        meta["submission_id"] = submission_id
    meta.update(changes)
    return json.dumps(meta, ensure_ascii=False)


def png_bytes(width: int = 240, height: int = 160, text: str = "CERTIFICATE") -> bytes:
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).text((10, 10), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(width: int = 240, height: int = 160) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes(pages: int = 2) -> bytes:
    images = [Image.new("RGB", (300, 200), (255, 255, 255 - 40 * n)) for n in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


@dataclass
class Api:
    app: FastAPI
    client: TestClient
    settings: Settings
    tokens: dict[str, str]  # token label → clear token

    def auth(self, label: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[label]}"}

    def upload(self, label: str, meta: str, files: list[tuple[str, bytes]]) -> httpx.Response:
        parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
        return self.client.post("/api/v1/submissions", headers=self.auth(label), data={"submission": meta},
                                files=parts)


TOKEN_SPECS = {
    "operator": ("operator", "SC-1"),
    "operator2": ("operator", "SC-2"),
    "hr": ("hr", None),
    "reviewer": ("reviewer", None),
    "admin": ("admin", None),
}


def small_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "max_file_bytes": 3_000_000, "max_upload_bytes": 4_000_000,
                                 "zip_max_entries": 20, "zip_max_total_bytes": 3_500_000, "zip_max_ratio": 50}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_tokens(settings: Settings) -> dict[str, str]:
    engine = open_database(settings.resolved_database_url)
    tokens = {}
    with Session(engine) as session:
        for label, (role, center) in TOKEN_SPECS.items():
            tokens[label] = create_token(session, role, center, name=label)[1]
    engine.dispose()
    return tokens


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    settings = small_settings(tmp_path / "data")
    tokens = make_tokens(settings)
    app = create_app(settings, process=False)
    with TestClient(app) as client:
        yield Api(app, client, settings, tokens)
    app.state.tekser.engine.dispose()
