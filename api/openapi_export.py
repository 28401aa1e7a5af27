"""Writes the served OpenAPI schema to docs/openapi.json: `uv run python -m api.openapi_export`."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from api.app import create_app
from tekser.settings import Settings

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def served_schema() -> dict[str, Any]:
    """The schema exactly as `tekser serve` serves it (it does not depend on settings or data)."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine("sqlite://")
        app = create_app(Settings(data_dir=Path(scratch)), engine, process=False)
        schema = app.openapi()
        engine.dispose()
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(served_schema()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
