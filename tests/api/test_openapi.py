"""docs/openapi.json is the schema the app serves (regenerate: `uv run python -m api.openapi_export`)."""

from __future__ import annotations

import json

from api.openapi_export import SCHEMA_FILE, schema_text, served_schema
from tests.api.conftest import Api


def test_checked_in_schema_equals_the_served_one(api: Api) -> None:
    served = api.client.get("/api/v1/openapi.json").json()
    assert served == served_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(served), \
        "docs/openapi.json is stale: run `uv run python -m api.openapi_export`"


def test_schema_documents_errors_auth_and_the_upload_body() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    upload = schema["paths"]["/api/v1/submissions"]["post"]
    assert {"413", "415", "422", "401", "403", "503"} <= set(upload["responses"])
    body = upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert set(body) == {"submission", "files", "archive"}
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]
