"""Fixtures of the workspace tests: one pipeline database per xdist worker, a private copy per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.workspace_db import Workspace, build_pipeline_database, copy_workspace
from web.app import create_web_app


@pytest.fixture(scope="session")
def pipeline_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_pipeline_database(tmp_path_factory.mktemp("pipeline"))


@pytest.fixture
def workspace(pipeline_database: tuple[Path, Path], tmp_path: Path) -> Iterator[Workspace]:
    settings, engine = copy_workspace(pipeline_database, tmp_path)
    with TestClient(create_web_app(settings, engine), follow_redirects=True) as client:
        yield Workspace(settings, engine, client)
    engine.dispose()
