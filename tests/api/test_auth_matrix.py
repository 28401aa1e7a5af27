"""Every role against every route: the permission table decides, and a route missing from it is denied."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import PUBLIC, ROUTE_PERMISSIONS
from tests.api.conftest import TOKEN_SPECS, Api, meta_json, png_bytes

ROLES = ("operator", "hr", "reviewer", "admin")
ROUTES = sorted(key for key in ROUTE_PERMISSIONS if key[0] != "*")  # the fallback is tested on its own
SAMPLE_PATHS = {
    "{submission_id}": "S-MATRIX", "{document_id}": "1", "{page_no}": "1",
}


def _concrete(template: str) -> str:
    for name, value in SAMPLE_PATHS.items():
        template = template.replace(name, value)
    return template


def _call(api: Api, method: str, template: str, headers: dict[str, str]) -> int:
    path = _concrete(template)
    if method == "POST":
        meta = meta_json(f"S-{headers.get('Authorization', 'none')[-6:]}")
        response = api.client.post(path, headers=headers, data={"submission": meta},
                                   files=[("files", ("scan.png", png_bytes(), "image/png"))])
    else:
        response = api.client.request(method, path, headers=headers)
    return response.status_code


def _api_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every operation the app serves, as its OpenAPI schema lists them."""
    return [(method.upper(), path) for path, operations in app.openapi()["paths"].items() for method in operations]


def test_every_route_is_in_the_permission_table(api: Api) -> None:
    assert sorted(_api_routes(api.app)) == sorted(key for key in ROUTE_PERMISSIONS if key[0] != "*")


@pytest.mark.parametrize("role", ROLES)
def test_role_against_every_route(api: Api, role: str) -> None:
    # the admin records the sample submission first, so readers find something where they may see it
    assert api.upload("admin", meta_json("S-MATRIX"), [("scan.png", png_bytes())]).status_code == 201
    for method, template in ROUTES:
        allowed = ROUTE_PERMISSIONS[(method, template)]
        status = _call(api, method, template, api.auth(role))
        if PUBLIC in allowed or role in allowed:
            assert status not in (401, 403), (role, method, template, status)
        else:
            assert status == 403, (role, method, template, status)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer tks_not-a-token"}, {"Authorization": "Basic x"}])
def test_missing_or_bad_token_is_401_except_public_routes(api: Api, headers: dict[str, str]) -> None:
    for method, template in ROUTES:
        status = _call(api, method, template, headers)
        if PUBLIC in ROUTE_PERMISSIONS[(method, template)]:
            assert status == 200
        else:
            assert status == 401, (method, template, headers)


def test_a_route_missing_from_the_table_is_denied_to_every_role(api: Api) -> None:
    app = create_app(api.settings, process=False)

    @app.get("/forgotten")
    def forgotten() -> dict[str, str]:
        return {"secret": "yes"}

    with TestClient(app) as client:
        for label in TOKEN_SPECS:
            response = client.get("/forgotten", headers=api.auth(label))
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "forbidden"


def test_permissions_per_role() -> None:
    create = ROUTE_PERMISSIONS[("POST", "/api/v1/submissions")]
    assert "reviewer" not in create and {"operator", "hr", "admin"} <= create
    reads = ROUTE_PERMISSIONS[("GET", "/api/v1/submissions/{submission_id}")]
    assert set(ROLES) == set(reads)
