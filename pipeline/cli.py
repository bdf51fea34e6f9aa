"""The `kompass` command: a thin layer over the runner, the dataset writer and the checks.

Exit codes: 0 every file was extracted; 1 some files failed (the rest are
written), or `validate --strict` found an error; 2 usage error (missing input
folder, output not writable, no dataset to validate).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import typer

from kompass.pipeline import manifest
from kompass.pipeline.checks.copies import compare_copies
from kompass.pipeline.checks.findings import ERROR, Issue, from_table, summary, to_table
from kompass.pipeline.checks.validate import validate_all
from kompass.pipeline.extract import Failure, deduplicate, input_files
from kompass.pipeline.publish import dataset
from kompass.pipeline.publish.validation_report import render
from kompass.pipeline.runner import CacheNote, Settings, run
from kompass.schemas import TABLES

VALIDATION_HTML = "validation_report.html"
OUTPUT_FILES = [f"{name}.parquet" for name in (*TABLES, "failures", "validation")] + [VALIDATION_HTML]

app = typer.Typer(
    help=__doc__.split("\n\n")[0].strip() + "\n\nTurns Kommunkompassen evaluation reports into one Parquet dataset.\n\n"
    "Exit codes: 0 all files extracted; 1 some files failed (the rest written) or validate --strict found "
    "an error; 2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class PdfEngine(StrEnum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


@app.callback()
def _root() -> None:
    """Kommunkompassen reports to one Parquet dataset. Run `kompass COMMAND --help` for a command."""


def fail_usage(message: str) -> None:
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
) -> None:
    """Extract every report in RAW_DIR into the Parquet dataset in OUT_DIR.

    Writes reports, evaluators, areas, questions, findings, failures and
    validation (.parquet), and validation_report.html. A file that cannot be read
    is listed on stderr and in failures.parquet; the others are still written.
    Layouts are detected from content, not file names. Files unchanged since the
    last run are taken from OUT_DIR/.cache.
    """
    if not raw_dir.is_dir():
        fail_usage(f"input folder not found: {raw_dir}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        fail_usage(f"cannot create output folder {out_dir}: {e.strerror}")
    if not os.access(out_dir, os.W_OK):
        fail_usage(f"output folder is not writable: {out_dir}")
    try:
        settings = Settings(
            jobs=jobs,
            timeout=timeout,
            max_bytes=int(max_size * 2**20),
            max_pages=max_pages,
            pdf_engine=pdf_engine.value,
            cache_dir=None if no_cache else out_dir / ".cache",
        )
    except ValueError as e:
        fail_usage(str(e))
    started = dt.datetime.now(dt.UTC)
    try:
        files = input_files(raw_dir)
        tasks = [(path, str(path.relative_to(raw_dir))) for path in files]
        inputs = manifest.state(tasks, settings)
        last = None if no_cache else manifest.unchanged(out_dir, inputs, OUTPUT_FILES)
        if last:  # nothing changed since the last run: its dataset stands
            for line in last["stderr"] if not quiet else []:
                typer.echo(line, err=True)
            for line in last["stdout"]:
                typer.echo(line)
            typer.echo(f"(inputs unchanged since the last run: {out_dir} left as it was)")
            raise typer.Exit(last["exit_code"])
        reports, failures = [], []
        said: list[str] = []
        show_bar = not quiet and sys.stderr.isatty()
        stale: list[CacheNote] = []

        def on_note(note: CacheNote) -> None:
            if note.stale:
                stale.append(note)
            elif not quiet:
                typer.echo(f"kompass: warning: {note.source_path}: {note.message}; the file was read again", err=True)

        with typer.progressbar(length=len(files), label="Extracting", file=sys.stderr) if show_bar else _NoBar() as bar:
            for _index, result in run(tasks, settings, on_note):
                if isinstance(result, Failure):
                    failures.append(result)
                    said.append(f"kompass: {result.source_path}: {result.message} [{result.error_kind}]")
                    if not quiet:
                        typer.echo(said[-1], err=True)
                else:
                    reports.append(result)
                bar.update(1)
    except KeyboardInterrupt:
        typer.echo(f"kompass: interrupted; {out_dir} left as it was", err=True)
        raise typer.Exit(130) from None
    if stale and not quiet:
        typer.echo(
            f"kompass: note: the cache of {len(stale)} file(s) was made by another kompass version; read again",
            err=True,
        )
    kept, dropped = deduplicate(reports)
    for copy, original in dropped:
        said.append(
            f"kompass: {copy.source_path}: same report as {original.source_path} ({copy.report_id}); "
            f"keeping {original.source_path}"
        )
        if not quiet:
            typer.echo(said[-1], err=True)
    tables = dataset.tables(kept)
    tables["failures"] = dataset.failures_table(failures)
    issues = validate_all(kept) + [i for copy, original in dropped for i in compare_copies(original, copy)]
    tables["validation"] = to_table(issues)
    run_info = {
        "kompass.run_started": started.isoformat(timespec="seconds"),
        "kompass.input": str(raw_dir),
        "kompass.files": str(len(files)),
    }
    _write(tables, out_dir, {VALIDATION_HTML: render(kept, issues, out_dir, raw_dir)}, run_info)
    summary_lines = [
        f"{len(kept)} reports written to {out_dir} from {len(files)} files"
        f" ({len(failures)} failed, {len(dropped)} duplicates):"
        f" {tables['areas'].num_rows} areas, {tables['questions'].num_rows} questions,"
        f" {tables['findings'].num_rows} findings.",
        _validation_line(issues, out_dir),
    ]
    for line in summary_lines:
        typer.echo(line)
    manifest.save(out_dir, inputs, summary_lines, said, 1 if failures else 0)
    if failures:
        raise typer.Exit(1)


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
) -> None:
    """Re-run the validation checks on the dataset in OUT_DIR.

    Reads the Parquet tables back into reports, checks them, and rewrites
    validation.parquet and validation_report.html. Findings about duplicate
    copies are kept from the previous run: the dropped copies are not in the dataset.
    """
    try:
        reports = dataset.read(out_dir)
    except FileNotFoundError as e:
        fail_usage(f"no dataset in {out_dir}: {Path(e.filename or '').name or e} not found (run kompass extract)")
    issues = validate_all(reports) + _previous_duplicates(out_dir)
    _write({"validation": to_table(issues)}, out_dir, {VALIDATION_HTML: render(reports, issues, out_dir, raw_dir)})
    _echo_validation(issues, out_dir)
    if strict and any(i.severity == ERROR for i in issues):
        raise typer.Exit(1)


def _previous_duplicates(out_dir: Path) -> list[Issue]:
    """duplicate-report findings of the last run: only extraction sees the copies it drops."""
    path = out_dir / "validation.parquet"
    if not path.exists():
        return []
    return [i for i in from_table(pq.read_table(path)) if i.check_name == "duplicate-report"]


def _write(
    tables: dict[str, pa.Table], out_dir: Path, files: dict[str, str], metadata: dict[str, str] | None = None
) -> None:
    try:
        dataset.write(tables, out_dir, metadata=metadata, files=files)
    except OSError as e:
        fail_usage(f"cannot write to {out_dir}: {e.strerror or e}")


def _validation_line(issues: list[Issue], out_dir: Path) -> str:
    return f"validation: {summary(issues)} (see {out_dir / VALIDATION_HTML})"


def _echo_validation(issues: list[Issue], out_dir: Path) -> None:
    typer.echo(_validation_line(issues, out_dir))


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        pass


def main() -> None:
    app()
