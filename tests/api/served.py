"""Runs `tekser serve` as a real uvicorn subprocess on a free loopback port (for tests and the benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

TEKSER = Path(sys.executable).with_name("tekser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tekser_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TEKSER_DATA_DIR": str(data_dir)}
    env.pop("TEKSER_DATABASE_URL", None)
    env.pop("TEKSER_REDIS_URL", None)
    env.update(extra)
    return env


def add_token(env: Mapping[str, str], role: str, center: str | None = None, name: str | None = None) -> str:
    """`tekser tokens add`; the token is the last line it prints."""
    command = [str(TEKSER), "tokens", "add", "--role", role]
    command += ["--service-center", center] if center else []
    command += ["--name", name] if name else []
    done = subprocess.run(command, env=dict(env), capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def wait_healthy(base_url: str, process: subprocess.Popen[bytes], timeout_s: float = 300.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tekser serve exited with {process.returncode}")
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("tekser serve did not become healthy")


@contextmanager
def tekser_serve(env: Mapping[str, str], log_path: Path, args: Sequence[str] = ()) -> Iterator[str]:
    """Start `tekser serve` on a free port; yield its base URL; stop it (SIGTERM, then SIGKILL)."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(TEKSER), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
                                   env=dict(env), stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base_url, process)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
