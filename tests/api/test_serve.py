"""`tekser serve` and `tekser tokens add` for real: a uvicorn process on loopback, called over HTTP."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from tests.api.conftest import meta_json, png_bytes
from tests.api.served import TEKSER, add_token, tekser_env, tekser_serve


def test_serve_accepts_an_upload_over_real_http(tmp_path: Path) -> None:
    env = tekser_env(tmp_path / "data")
    token = add_token(env, "operator", "SC-7", name="desk-7")
    assert token.startswith("tks_")
    with tekser_serve(env, tmp_path / "serve.log") as base_url:
        headers = {"Authorization": f"Bearer {token}"}
        response = httpx.post(f"{base_url}/api/v1/submissions", headers=headers, timeout=60,
                              data={"submission": meta_json("S-HTTP")},
                              files=[("files", ("scan.png", png_bytes(), "image/png"))])
        assert response.status_code == 201, response.text
        got = httpx.get(f"{base_url}/api/v1/submissions/S-HTTP", headers=headers, timeout=30).json()
        assert got["service_center"] == "SC-7" and got["submission"]["documents"] == 1
        schema = httpx.get(f"{base_url}/api/v1/openapi.json", timeout=30).json()
        assert "/api/v1/submissions" in schema["paths"]


def test_tokens_add_refuses_an_operator_without_center(tmp_path: Path) -> None:
    env = tekser_env(tmp_path / "data")
    done = subprocess.run([str(TEKSER), "tokens", "add", "--role", "operator"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "--service-center" in done.stderr


def test_service_app_serves_api_and_workspace(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tekser.commands.serve import service_app
    from tests.api.conftest import small_settings

    app = service_app(small_settings(tmp_path / "data"), process=False)
    with TestClient(app) as client:
        assert client.get("/api/v1/health").json() == {"status": "ok", "database": "ok"}
        unknown = client.get("/api/v1/nowhere")
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
        assert client.get("/api/v1/submissions").status_code == 401
        assert client.get("/login").headers["content-type"].startswith("text/html")
    app.state.tekser.engine.dispose()
