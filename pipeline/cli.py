"""The `kompass` command: a thin layer over `pipeline.workflow`, which the Python API calls too.

Exit codes: 0 every file was extracted; 1 some files failed (the rest are
written), or `validate --strict` found an error; 2 usage error (missing input
folder, output not writable, no dataset to validate); 128 + the signal's number
when stopped (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), the dataset left as it was.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer

from kompass import __version__
from kompass.pipeline import workflow
from kompass.pipeline.checks.findings import ERROR
from kompass.pipeline.inputs import input_files

HELP = """Turns Kommunkompassen evaluation reports (PDF, Word, text) into one Parquet dataset.

Exit codes: 0 all files extracted; 1 some files failed (the rest written) or validate --strict found an
error; 2 usage error; 130, 143, 129 stopped by Ctrl-C, SIGTERM, SIGHUP (the dataset left as it was)."""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@contextmanager
def _stoppable(out_dir: Path) -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP end the command with one line and exit 128 + the signal's number."""
    try:
        with workflow.stop_on_signals():
            yield
    except KeyboardInterrupt as e:  # workflow.Interrupted, or a stop before the run began
        signum = getattr(e, "signum", signal.SIGINT)
        said = (
            str(e)
            if isinstance(e, workflow.Interrupted)
            else f"{workflow.stopped_by(signum)}; {out_dir} left as it was"
        )
        typer.echo(f"kompass: {said}", err=True)
        raise typer.Exit(128 + signum) from None


class PdfEngine(StrEnum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kompass {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version of kompass and exit."
    ),
) -> None:
    """Kommunkompassen reports to one Parquet dataset. Run `kompass COMMAND --help` for a command."""


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"kompass: error: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def extract(
    raw_dir: Path = typer.Argument(..., help="Folder of reports (.pdf, .docx, .txt); searched recursively."),
    out_dir: Path = typer.Argument(..., help="Folder for the Parquet dataset (created if missing)."),
    jobs: int = typer.Option(
        os.cpu_count() or 1,
        "--jobs",
        "-j",
        min=1,
        help="Files extracted in parallel (worker processes). Default: CPU count.",
    ),
    timeout: float = typer.Option(60.0, min=0.1, help="Seconds one file may take before it is given up."),
    max_size: float = typer.Option(100.0, "--max-size", min=0.001, help="Largest file to read, in MB."),
    max_pages: int = typer.Option(400, min=1, help="Most pages a document may have."),
    pdf_engine: PdfEngine = typer.Option(
        PdfEngine.pdfium,
        help="Word source for PDFs: pdfium (fast, the default) or "
        "pdfplumber (the reference; both give the same dataset on every fixture).",
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Parse every file again, ignoring results cached in OUT_DIR/.cache."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no per-file errors; summary only."),
    no_wait: bool = typer.Option(
        False, "--no-wait", help="If another kompass run is writing OUT_DIR, exit 2 at once instead of waiting."
    ),
) -> None:
    """Extract every report in RAW_DIR into the Parquet dataset in OUT_DIR.

    Writes reports, evaluators, areas, questions, findings, failures and
    validation (.parquet), validation_report.html and overview.html. A file that cannot be read
    is listed on stderr and in failures.parquet; the others are still written.
    Layouts are detected from content, not file names. Files unchanged since the
    last run are taken from OUT_DIR/.cache.
    """

    def say(line: str) -> None:
        if not quiet:
            typer.echo(line, err=True)

    show_bar = not quiet and sys.stderr.isatty()
    try:
        with _stoppable(out_dir), _progress(raw_dir, show_bar) as bar:
            done = workflow.extract(
                raw_dir,
                out_dir,
                jobs=jobs,
                timeout=timeout,
                max_size_mb=max_size,
                max_pages=max_pages,
                pdf_engine=pdf_engine.value,
                cache=not no_cache,
                on_message=say,
                on_file=lambda: bar.update(1),
                wait=not no_wait,
            )
    except workflow.UsageError as e:
        fail_usage(str(e))
    for line in done.lines:
        typer.echo(line)
    if done.unchanged:
        typer.echo(f"(inputs unchanged since the last run: {out_dir} left as it was)")
    if done.exit_code:
        raise typer.Exit(done.exit_code)


@app.command("validate")
def validate_dataset(
    out_dir: Path = typer.Argument(..., help="Folder of a dataset written by `kompass extract`."),
    raw_dir: Path | None = typer.Option(
        None,
        "--raw-dir",
        help="Folder the reports were extracted from (extract's "
        "RAW_DIR), for the html's links to source files; without it the paths are shown.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit with code 1 if any finding is an error."),
    no_wait: bool = typer.Option(
        False, "--no-wait", help="If another kompass run is writing OUT_DIR, exit 2 at once instead of waiting."
    ),
) -> None:
    """Re-run the validation checks on the dataset in OUT_DIR.

    Reads the Parquet tables back into reports, checks them, and rewrites
    validation.parquet and validation_report.html. Findings about duplicate
    copies are kept from the previous run: the dropped copies are not in the dataset.
    """
    try:
        with _stoppable(out_dir):
            issues = workflow.validate(
                out_dir, raw_dir, wait=not no_wait, on_message=lambda line: typer.echo(line, err=True)
            )
    except workflow.UsageError as e:
        fail_usage(str(e))
    typer.echo(workflow.validation_line(issues, out_dir))
    if strict and any(i.severity == ERROR for i in issues):
        raise typer.Exit(1)


@app.command("overview")
def overview(
    out_dir: Path = typer.Argument(..., help="Folder of a dataset written by `kompass extract`."),
    raw_dir: Path | None = typer.Option(
        None,
        "--raw-dir",
        help="Folder the reports were extracted from, for links to the source files "
        "(default: the folder recorded in the dataset, if it is still there).",
    ),
) -> None:
    """Write OUT_DIR/overview.html: the dataset's results on one page that opens from disk.

    What the dataset holds, coverage by municipality and year, total and area
    scores, profiles against the median, change between evaluations, the weakest
    and strongest sub-questions, and every report with links. `kompass extract`
    writes it too; run this after copying a dataset or to redo the page.
    """
    try:
        with _stoppable(out_dir):
            path = workflow.overview(out_dir, raw_dir, on_message=lambda line: typer.echo(line, err=True))
    except workflow.UsageError as e:
        fail_usage(str(e))
    typer.echo(f"overview written to {path}")


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


@app.command("export")
def export(
    out_dir: Path = typer.Argument(..., help="Folder of a dataset written by `kompass extract`."),
    to: ExportFormat = typer.Option(ExportFormat.xlsx, "--to", help="xlsx: one workbook; csv: one file per table."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Where to write: the workbook's path or the CSV folder (default: in OUT_DIR)."
    ),
) -> None:
    """Write the dataset as an Excel workbook (OUT_DIR/kompass.xlsx) or as CSV files (OUT_DIR/csv/).

    The workbook has the wide area scores first, a sheet per table and a
    `columns` sheet describing every column. CSV: UTF-8, comma-separated, a
    header row; list values joined with "; ", dates as YYYY-MM-DD.
    """
    try:
        with _stoppable(out_dir):
            path, rows = workflow.export(out_dir, to.value, output, on_message=lambda line: typer.echo(line, err=True))
    except workflow.UsageError as e:
        fail_usage(str(e))
    counts = ", ".join(f"{name} {n}" for name, n in rows.items())
    typer.echo(f"{'workbook' if to == ExportFormat.xlsx else 'CSV files'} written to {path} (rows: {counts})")


@contextmanager
def _progress(raw_dir: Path, show: bool) -> Iterator[Any]:
    """A progress bar over RAW_DIR's files on a terminal, else nothing."""
    if not show:
        yield _NoBar()
        return
    files = len(input_files(raw_dir)) if raw_dir.is_dir() else 0
    with typer.progressbar(length=files, label="Extracting", file=sys.stderr) as bar:
        yield bar


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        pass


def main() -> None:
    app()
