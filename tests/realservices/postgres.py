"""A real, throw-away PostgreSQL 15 server on a free loopback port, as a context manager and pytest fixtures."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import psycopg
import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"
PREFIX = "tekser-pgserver-"  # folders in /tmp; a killed test run's server is stopped by the next run
OWNER_FILE = "owner.pid"
# fsync and friends off: the data is thrown away, and the tests wait on disk otherwise
SERVER_CONFIG = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 32MB
log_min_messages = warning
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _as_server_user(*command: str) -> list[str]:
    """initdb refuses to run as root: as root, run the server's tools as the `postgres` system user."""
    return ["runuser", "-u", SUPERUSER, "--", *command] if _running_as_root() else list(command)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_stale_servers(temp_dir: Path = Path("/tmp")) -> None:
    """Stop and remove servers left behind by test runs that were killed (their owner process is gone)."""
    for root in temp_dir.glob(f"{PREFIX}*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours, or being created right now
        if _alive(owner):
            continue
        if (root / "data" / "postmaster.pid").exists():
            subprocess.run(_as_server_user(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate",
                                           "-w", "stop"), cwd=temp_dir, capture_output=True, timeout=120, check=False)
        shutil.rmtree(root, ignore_errors=True)


class PostgresServer:
    """initdb in a fresh temp dir, start/stop/restart on one port, fresh databases on demand.

    `with PostgresServer() as server:` starts it and removes everything at the end; `url` is the SQLAlchemy URL
    of the maintenance database `postgres`, `create_database()` the URL of a new, empty database.
    """

    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15 is not installed ({PG_BIN}); apt-get install postgresql-15")
        reap_stale_servers()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX, dir="/tmp"))  # short path: socket names are limited
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        self.port = free_port()
        self.running = False

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return self.url_for(SUPERUSER)

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def dsn_for(self, database: str) -> str:
        """A libpq connection string (for psycopg.connect), not an SQLAlchemy URL."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def _run(self, *command: str) -> None:
        done = subprocess.run(_as_server_user(*command), cwd=self.root, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            log = self.log_path.read_text(errors="replace")[-2000:] if self.log_path.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def initdb(self) -> None:
        os.chmod(self.root, 0o755)
        if _running_as_root():
            shutil.chown(self.root, SUPERUSER, SUPERUSER)
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        self._write_config()

    def _write_config(self) -> None:
        config = self.data_dir / "postgresql.auto.conf"
        config.write_text(SERVER_CONFIG.format(port=self.port, socket_dir=self.root), encoding="utf-8")
        if _running_as_root():
            shutil.chown(config, SUPERUSER, SUPERUSER)

    def start(self) -> None:
        """Start (or start again, after stop()) on the same port and data dir; returns once it accepts connections."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_path), "-w", "-t", "120",
                  "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (mode: smart | fast | immediate); connections in use break."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "-t", "120", "stop")
        self.running = False

    def launch(self, attempts: int = 3) -> None:
        """initdb and start; a port taken meanwhile by someone else (parallel test workers) means another port."""
        self.initdb()
        for attempt in range(attempts):
            try:
                self.start()
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise
                self.port = free_port()
                self._write_config()

    def create_database(self, prefix: str = "t") -> str:
        """A new, empty database with a unique name; returns its SQLAlchemy URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.dsn_for(SUPERUSER), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # name is ours: letters, digits, underscore
        return self.url_for(name)

    def close(self) -> None:
        """Stop the server if it runs and remove its folder."""
        try:
            if self.running:
                self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        try:
            self.launch()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server per test session (per xdist worker: each worker is its own session)."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of a fresh, empty database on the session's server (tests never see each other's rows)."""
    if not postgres_server.running:  # a test that stopped the server and failed before starting it again
        postgres_server.start()
    return postgres_server.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind: a SQLite file, then a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'tekser.db'}"
    return str(request.getfixturevalue("postgres_url"))
