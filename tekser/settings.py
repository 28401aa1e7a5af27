"""One settings object, read from TEKSER_* environment variables with embedded defaults."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tekser"


class Settings(BaseSettings):
    """Runtime configuration; every field can be set as TEKSER_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="TEKSER_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None  # default: SQLite file inside data_dir
    storage_dir: Path | None = None  # default: data_dir / "objects"
    redis_url: str | None = None
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    tessdata: str = "/usr/share/tesseract-ocr/5/tessdata"
    max_file_bytes: int = 40 * 1024 * 1024
    max_pages: int = 30
    max_pixels_per_page: int = 60_000_000

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tekser.db'}"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir or self.data_dir / "objects"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
