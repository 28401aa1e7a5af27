"""The `tekser` command: batch and demo (Typer); errors map to exit codes here and only here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tekser.console import progress_bar, summary_table
from tekser.errors import ExitCode, TekserError
from tekser.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Reads healthcare workers' certificates and checks them against the registers.")
console = Console(stderr=False)
errors = Console(stderr=True)


def fail(error: TekserError) -> typer.Exit:
    """Print the error in one line and give the exit its status (the only place errors become exit codes)."""
    errors.print(f"[bold red]tekser:[/] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(int(error.exit_code))


def _run_batch(inbox: Path, registry: Path, out: Path, settings: Settings) -> None:
    from workers.batch import run_batch

    with progress_bar(console) as update:
        report = run_batch(inbox, registry, out, settings, progress=update)
    console.print(summary_table(report))
    if report.ignored:
        console.print(f"[yellow]ignored (not submission folders):[/] {', '.join(report.ignored)}")
    console.print(f"wrote {out / 'documents.jsonl'} and {out / 'submissions.jsonl'}")


@app.command()
def batch(
    inbox: Annotated[Path, typer.Argument(help="folder with one folder per submission")],
    registry: Annotated[Path, typer.Option("--registry", help="folder with organizations.csv, certificates.csv")],
    out: Annotated[Path, typer.Option("--out", help="folder for documents.jsonl and submissions.jsonl")],
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="worker processes (default: cores)")] = None,
) -> None:
    """Process every submission in INBOX and write OUT/documents.jsonl and OUT/submissions.jsonl."""
    settings = Settings()
    if workers:
        settings.workers = workers
    try:
        _run_batch(inbox, registry, out, settings)
    except TekserError as error:
        raise fail(error) from error


@app.command()
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="where to write the sample")] = Path("tekser-demo"),
    seed: Annotated[int, typer.Option(help="seed of the generated sample")] = 7,
) -> None:
    """Make a sample inbox and registry (with a few broken files) and run `batch` on it."""
    from samples.corpus import build_demo

    console.print(f"generating a sample inbox and registry in {folder} …")
    build_demo(folder, seed=seed)
    try:
        _run_batch(folder / "inbox", folder / "registry", folder / "out", Settings())
    except TekserError as error:
        raise fail(error) from error


registry_app = typer.Typer(no_args_is_help=True, help="Keep the registers of organizations and certificates current.")
app.add_typer(registry_app, name="registry")


@registry_app.command("import")
def registry_import(
    folder: Annotated[Path, typer.Argument(help="folder with organizations.csv and certificates.csv")],
) -> None:
    """Load the registers into the database: new rows added, changed rows updated, bad rows reported."""
    from sqlalchemy.orm import Session

    from intake.db import open_database
    from intake.registry_import import import_registry

    settings = Settings()
    try:
        engine = open_database(settings.resolved_database_url)
        with Session(engine) as session:
            report = import_registry(session, folder)
    except TekserError as error:
        raise fail(error) from error
    console.print(f"{report.organizations} organizations, {report.certificates} certificates; "
                  f"{report.added} added, {report.updated} updated, {len(report.problems)} rows refused")
    for problem in report.problems:
        console.print(f"  [yellow]refused[/] {problem}", highlight=False)


def _register_service_commands() -> None:
    from tekser.commands import serve, users, watch, worker

    for module in (worker, serve, watch, users):
        module.register(app)


_register_service_commands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.FAILURE))
