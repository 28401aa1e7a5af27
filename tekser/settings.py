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
    # service mode (queued workers, HTTP intake, watch folder)
    ocr_time_limit_s: int = Field(default=300, ge=5)  # one document's read; hangs are killed after this
    max_attempts: int = Field(default=3, ge=1)  # a document that crashes its worker this often ends failed
    reconcile_after_s: int = Field(default=600, ge=10)  # a document stuck in a state this long is re-enqueued
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    max_upload_bytes: int = 200 * 1024 * 1024  # one HTTP request, all files together
    zip_max_entries: int = 2000
    zip_max_total_bytes: int = 400 * 1024 * 1024  # uncompressed
    zip_max_ratio: int = 100  # uncompressed/compressed, per entry
    watch_settle_s: float = Field(default=5.0, ge=0)  # a dropped folder is taken once unchanged this long
    # reviewer workspace
    session_hours: int = 12
    claim_minutes: int = 15
    cookie_secure: bool = False  # set true behind HTTPS

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tekser.db'}"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir or self.data_dir / "objects"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
