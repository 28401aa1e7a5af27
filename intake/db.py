"""Database engine, sessions and migrations (Alembic, run on start-up)."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from tekser.errors import ConfigurationError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_LOCK_KEY = 0x7465_6B73_6572  # "tekser": the PostgreSQL advisory lock taken while migrating


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    for scheme in ("postgresql://", "postgres://", "postgresql+psycopg2://"):  # tekser ships psycopg 3 only
        if url.startswith(scheme):
            url = "postgresql+psycopg://" + url.removeprefix(scheme)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "before_cursor_execute", _strip_nul_characters, retval=True)
    return engine


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_nul(item) for item in value)
    return value


def _strip_nul_characters(_connection: object, _cursor: object, statement: str, parameters: Any,
                          _context: object, _executemany: bool) -> tuple[str, Any]:
    """PostgreSQL text cannot hold NUL characters (PDF text layers and OCR output sometimes do): drop them."""
    return statement, _without_nul(parameters)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # "%" doubled: the config file syntax interpolates it, and URL-encoded passwords hold it ("p%40ss")
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """Processes starting together on one SQLite file migrate one after the other."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; safe when several processes or machines start at once."""
    config = alembic_config(engine)
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # held until this transaction ends
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)


def open_database(url: str) -> Engine:
    """An engine on a migrated schema; a database that cannot be reached or migrated is a configuration error."""
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:  # not a URL, a bad port, a driver not installed
        raise ConfigurationError(f"the database URL is not usable ({exc.__class__.__name__}); set TEKSER_DATABASE_URL "
                                 "to sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE") from exc
    try:
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        raise ConfigurationError(f"cannot use the database {engine.url!r}: {exc.__class__.__name__}; "
                                 "check TEKSER_DATABASE_URL") from exc
    return engine
