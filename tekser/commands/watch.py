"""The `tekser watch DIR (folders dropped by scanners become submissions)` subcommand."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from tekser.errors import TekserError, UsageError
from tekser.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

CSV_FILES = ("organizations.csv", "certificates.csv")


def processing_starter(settings: Settings, engine: Engine) -> Callable[[int], None]:
    """Start a taken batch: queued through Redis when configured, else on the in-process pipeline."""
    from workers.dispatch import enqueue_batch

    return lambda batch_id: enqueue_batch(settings, engine, batch_id)


class RegistryLoader:
    """Imports REGISTRY at start and again whenever its CSV files change."""

    def __init__(self, engine: Engine, folder: Path, log: Callable[[str], None]) -> None:
        self.engine = engine
        self.folder = folder
        self.log = log
        self.stamp: tuple[tuple[int, int], ...] | None = None

    def _stamp(self) -> tuple[tuple[int, int], ...] | None:
        try:
            return tuple((info.st_size, info.st_mtime_ns) for info in (
                (self.folder / name).stat() for name in CSV_FILES))
        except OSError:
            return None

    def refresh(self) -> None:
        from sqlalchemy.orm import Session

        from intake.registry_import import import_registry

        stamp = self._stamp()
        if stamp is None or stamp == self.stamp:
            return
        try:
            with Session(self.engine) as session:
                report = import_registry(session, self.folder)
        except TekserError as error:
            if self.stamp is None:
                raise
            self.log(f"registry not re-loaded, the previous one stays in use: {error}")
            return
        self.stamp = stamp
        self.log(f"registry loaded: {report.organizations} organizations, {report.certificates} certificates, "
                 f"{len(report.problems)} rows refused")


def poll_interval(settle_s: float) -> float:
    return max(0.2, min(2.0, settle_s / 4))


class StopFlag:
    """A stop request a signal handler may set: a plain attribute, no lock.

    threading.Event would deadlock here: its set() takes the lock that the main thread holds inside
    Event.wait(), and a signal handler runs on the main thread, possibly right inside that wait.
    """

    def __init__(self) -> None:
        self.requested = False

    def set(self) -> None:
        self.requested = True

    def is_set(self) -> bool:
        return self.requested


def watch_loop(cycle: Callable[[], None], idle: Callable[[], bool], once: bool, poll_s: float,
               stop: StopFlag) -> None:
    """Poll until `stop` is set; with `once`, until every folder present has been taken and its results written."""
    while not stop.is_set():
        cycle()
        if once and idle():
            return
        time.sleep(poll_s)
    raise KeyboardInterrupt


class StopOnSignal:
    """SIGINT/SIGTERM set a flag the loop checks, besides raising KeyboardInterrupt.

    The flag is what makes stopping certain: a KeyboardInterrupt that lands inside a finalizer (SQLAlchemy's
    weakref clean-up, say) is printed as "Exception ignored" and swallowed, and the watcher kept going.
    """

    def __init__(self) -> None:
        self.stop = StopFlag()
        self.previous: dict[int, object] = {}

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        self.stop.set()
        raise KeyboardInterrupt

    def __enter__(self) -> StopFlag:
        for code in (signal.SIGINT, signal.SIGTERM):
            self.previous[code] = signal.signal(code, self._handle)
        return self.stop

    def __exit__(self, *_exc: object) -> None:
        for code, handler in self.previous.items():
            signal.signal(code, handler)  # type: ignore[arg-type]


def run_watch(watched: Path, registry: Path, out: Path, settings: Settings, settle_s: float, once: bool,
              log: Callable[[str], None], stop: StopFlag) -> None:
    from intake.db import open_database
    from intake.recorder import IntakeLimits
    from intake.registry_files import check_registry
    from intake.storage import ContentStore
    from intake.watch import SettleTracker, WatchRunner, check_watch_dirs

    check_registry(registry)
    check_watch_dirs(watched, out, settings.resolved_storage_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create OUT {out}: {exc.strerror}; choose a writable folder") from exc
    engine = open_database(settings.resolved_database_url)
    loader = RegistryLoader(engine, registry, log)
    loader.refresh()
    runner = WatchRunner(SettleTracker(watched, settle_s), out, engine, ContentStore(settings.resolved_storage_dir),
                         IntakeLimits(max_file_bytes=settings.max_file_bytes),
                         processing_starter(settings, engine), registry, log)
    runner.resume()
    log(f"watching {watched} (a folder is taken once unchanged for {settle_s:g} s); results go to {out}"
        + ("" if once else "; Ctrl-C stops"))

    def cycle() -> None:
        loader.refresh()
        runner.cycle()

    try:
        watch_loop(cycle, lambda: runner.idle, once, poll_interval(settle_s), stop)
    finally:
        engine.dispose()


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tekser` app."""

    @app.command()
    def watch(
        folder: Annotated[Path, typer.Argument(metavar="DIR", help="folder the scanners drop submission folders into")],
        registry: Annotated[Path, typer.Option("--registry", help="folder with organizations.csv, certificates.csv")],
        out: Annotated[Path, typer.Option("--out", help="folder for documents.jsonl and submissions.jsonl")],
        settle: Annotated[float | None, typer.Option("--settle", min=0, help="seconds a folder must stay unchanged "
                                                     "(default: TEKSER_WATCH_SETTLE_S)")] = None,
        once: Annotated[bool, typer.Option("--once", help="take what DIR holds now, wait for results, exit")] = False,
    ) -> None:
        """Turn submission folders dropped into DIR into submissions once their files stop changing."""
        from tekser.cli import console, fail

        settings = Settings()
        try:
            with StopOnSignal() as stop:
                run_watch(folder, registry, out, settings, settings.watch_settle_s if settle is None else settle,
                          once, lambda line: console.print(line, highlight=False, soft_wrap=True), stop)
        except TekserError as error:
            raise fail(error) from error
        except KeyboardInterrupt:
            console.print("stopped; submissions taken but not finished resume at the next start")
