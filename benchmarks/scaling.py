"""Pages per minute of queued `tekser batch` (Redis, 1 and 2 worker processes) against the embedded mode.

Usage: python -m benchmarks.scaling [--count 100] [--seed 11] [--workdir bench-out/scaling]
Starts its own redis-server on a free loopback port and `tekser worker --processes N` for each queued run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.speed import _inbox_of, generate_pages, page_images

REDIS_SERVER = "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data: Path, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEKSER_")}
    env.update(TEKSER_DATA_DIR=str(data.resolve()), COLUMNS="200")
    if redis_url:
        env["TEKSER_REDIS_URL"] = redis_url
    return env


def timed_batch(images: list[Path], workdir: Path, processes: int, redis_url: str | None) -> float:
    """Seconds of one `tekser batch` over the images; queued through redis_url when given."""
    inbox, registry = _inbox_of(images, workdir)
    data = workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = _env(data, redis_url)
    worker = None
    if redis_url:
        worker = subprocess.Popen([sys.executable, "-m", "tekser", "worker", "--processes", str(processes)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        time.sleep(8)  # the workers import the OCR stack before they take messages
    command = [sys.executable, "-m", "tekser", "batch", str(inbox), "--registry", str(registry),
               "--out", str(workdir / "out"), "--workers", str(processes)]
    started = time.perf_counter()
    try:
        subprocess.run(command, env=env, capture_output=True, check=True)
        return time.perf_counter() - started
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=Path("bench-out/scaling"))
    args = parser.parse_args()
    pages = args.workdir / "pages"
    if not pages.exists() or len(page_images(pages)) < args.count:
        shutil.rmtree(pages, ignore_errors=True)
        generate_pages(pages, args.count, args.seed)
    images = page_images(pages)[:args.count]
    redis_dir = args.workdir / "redis"
    shutil.rmtree(redis_dir, ignore_errors=True)
    redis_dir.mkdir(parents=True)
    port = _free_port()
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--dir",
                               str(redis_dir.resolve()), "--appendonly", "yes", "--save", ""],
                              stdout=subprocess.DEVNULL)
    time.sleep(1)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        rates = {}
        for label, processes, redis_url in (("queued 1", 1, url), ("queued 2", 2, url),
                                            ("embedded 1", 1, None), ("embedded 2", 2, None)):
            seconds = timed_batch(images, args.workdir / label.replace(" ", "-"), processes, redis_url)
            rates[label] = len(images) / seconds * 60
            print(f"{label:>10}: {len(images)} pages in {seconds:6.1f} s = {rates[label]:6.1f} pages/min", flush=True)
    finally:
        server.terminate()
        server.wait()
    print(f"scaling queued 2 / queued 1: {rates['queued 2'] / rates['queued 1']:.2f}x (target >= 1.8x)")
    for processes in (1, 2):
        ratio = rates[f"queued {processes}"] / rates[f"embedded {processes}"]
        print(f"queue overhead, {processes} process(es): queued = {ratio:.0%} of embedded (target >= 90%)")


if __name__ == "__main__":
    main()
