"""Terminal output of a batch: a rich progress bar while it runs and the summary table after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:  # the command line stays light: pool workers started afresh import it again (workers.local)
    from workers.batch import BatchReport
    from workers.batch import Progress as ProgressCallback


@contextmanager
def progress_bar(console: Console) -> Iterator[ProgressCallback]:
    with Progress(TextColumn("[bold]reading documents"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as bar:
        task = bar.add_task("documents", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def summary_table(report: BatchReport) -> Table:
    table = Table(title=f"tekser batch {report.batch_id}", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("submissions", str(report.submissions))
    table.add_row("documents", str(report.documents))
    for status in ("verified", "flagged", "failed"):
        table.add_row(f"  {status}", str(report.by_status.get(status, 0)))
    table.add_section()
    for doc_type, count in sorted(report.by_doc_type.items()):
        table.add_row(f"  {doc_type}", str(count))
    table.add_section()
    table.add_row("pages read", str(report.pages))
    table.add_row("pages per minute", f"{report.pages_per_minute:.1f}")
    table.add_row("seconds", f"{report.seconds:.1f}")
    table.add_row("worker peak memory (MB)", f"{report.worker_peak_rss_mb:.0f}")
    return table
