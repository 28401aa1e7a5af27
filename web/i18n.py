"""Page texts in Russian, Kazakh and English (catalogs in web/i18n/*.json) and dates as dd.mm.yyyy."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

CATALOG_DIR = Path(__file__).with_name("i18n")
LANGUAGES = ("ru", "kk", "en")


@lru_cache(maxsize=len(LANGUAGES))
def catalog(language: str) -> dict[str, str]:
    return dict(json.loads((CATALOG_DIR / f"{language}.json").read_text(encoding="utf-8")))


def translator(language: str) -> Callable[[str], str]:
    """t(key): the text in the language, else English, else the key itself."""
    chosen = catalog(language if language in LANGUAGES else "ru")
    fallback = catalog("en")

    def t(key: str) -> str:
        return chosen.get(key) or fallback.get(key) or key

    return t


def format_date(value: object) -> str:
    """dd.mm.yyyy for dates, ISO date strings and datetimes (with hh:mm for datetimes); '' for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).strftime("%d.%m.%Y") + value[10:16].replace("T", " ")
        except ValueError:
            return value
    return str(value)
