"""schemathesis drives every operation of the served OpenAPI schema: no 5xx, answers as the schema says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.auth import PUBLIC, ROUTE_PERMISSIONS
from tests.api.conftest import make_tokens, meta_json, png_bytes, small_settings

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, dict[str, str]]]:
    config = small_settings(Path(tmp_path_factory.mktemp("schemathesis")))
    tokens = make_tokens(config)
    app = create_app(config, process=False)
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    with TestClient(app) as client:  # something to find: a submission with a document
        client.post("/api/v1/submissions", headers=headers, data={"submission": meta_json("S-1")},
                    files=[("files", ("scan.png", png_bytes(), "image/png"))])
    yield app, headers
    app.state.tekser.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(served: tuple[object, dict[str, str]]) -> Any:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", served[0])


def _drive(operation: Any, headers: dict[str, str] | None, examples: int) -> list[int]:
    """Run `examples` generated cases (valid and invalid data) of one operation; return the statuses seen."""
    statuses: list[int] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
        statuses.append(response.status_code)

    run()
    return statuses


@pytest.mark.parametrize(("method", "path"), sorted(key for key in ROUTE_PERMISSIONS if key[0] != "*"))
def test_no_server_errors_and_schema_conformance(api_schema: Any, served: tuple[object, dict[str, str]],
                                                 method: str, path: str) -> None:
    statuses = _drive(api_schema[path][method], served[1], examples=40)
    assert statuses and max(statuses) < 500


@pytest.mark.parametrize(("method", "path"), sorted(key for key in ROUTE_PERMISSIONS if key[0] != "*"))
def test_no_server_errors_without_a_token(api_schema: Any, method: str, path: str) -> None:
    statuses = _drive(api_schema[path][method], None, examples=10)
    expected = {200} if PUBLIC in ROUTE_PERMISSIONS[(method, path)] else {401}
    assert set(statuses) == expected
