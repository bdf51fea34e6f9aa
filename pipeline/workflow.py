"""What `kompass extract` and `kompass validate` do, as library functions: the CLI and the Python API both call these.

Problems that stop a run before it starts are named errors (`UsageError` and its
kinds; the CLI exits 2), an interrupt is `Interrupted` (Ctrl-C; under
stop_on_signals also SIGTERM and SIGHUP: the CLI exits 130, 143, 129); files
that cannot be read do not raise: they are in the summary's `failures` (exit 1).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from kompass import __version__
from kompass.pipeline import cache as cache_module
from kompass.pipeline import manifest
from kompass.pipeline.checks.findings import ERROR, INFO, SEVERITIES, WARNING, Issue, summary
from kompass.pipeline.inputs import Failure, input_files, relative_name
from kompass.pipeline.publish import generations, lock
from kompass.schemas import TABLE_NAMES

# The readers, checks and writers (and pyarrow) are imported where they are used: a run that stands
# on the last one, and a command that only reads the dataset, do not pay for the others.
if TYPE_CHECKING:
    import pyarrow as pa

    from kompass.pipeline.model import Report
    from kompass.pipeline.runner import CacheNote
    from kompass.pipeline.settings import Settings

# What writing a dataset imports (pyarrow builds any table through pandas): imported while the workers read.
PUBLISHING = (
    "pyarrow.parquet",
    "pandas",
    "kompass.pipeline.publish.dataset",
    "kompass.pipeline.publish.frames",
    "kompass.pipeline.publish.overview",
    "kompass.pipeline.publish.validation_report",
)
VALIDATION_HTML = "validation_report.html"
OVERVIEW_HTML = "overview.html"
OUTPUT_FILES = [f"{name}.parquet" for name in (*TABLE_NAMES, "failures", "validation")] + [
    VALIDATION_HTML,
    OVERVIEW_HTML,
]


class UsageError(Exception):
    """A run that cannot start (the CLI's exit code 2)."""


class InputNotFound(UsageError):
    """RAW_DIR is not a folder."""


class OutputNotWritable(UsageError):
    """OUT_DIR cannot be created or written."""


class InvalidOption(UsageError):
    """An option out of range (jobs, timeout, limits)."""


class OutputBusy(UsageError):
    """Another kompass run is writing OUT_DIR, and the caller would not wait for it."""


class NoDataset(UsageError):
    """OUT_DIR holds no dataset written by `kompass extract`."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run (under the command also SIGTERM or SIGHUP, see stop_on_signals). Unless the
    message says the run got as far as writing it, OUT_DIR was left as it was. The command exits
    128 + the signal's number: 130, 143, 129."""

    def __init__(self, message: str, signum: int = signal.SIGINT) -> None:
        super().__init__(message)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread as Ctrl-C raises KeyboardInterrupt, so that the same
    clean-up runs (stop_on_signals)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def stopped_by(signum: int) -> str:
    """'interrupted' (Ctrl-C), 'terminated (SIGTERM)', 'hung up (SIGHUP)'."""
    if signum == signal.SIGINT:
        return "interrupted"
    words = {"SIGTERM": "terminated", "SIGHUP": "hung up"}
    name = signal.Signals(signum).name
    return f"{words.get(name, 'stopped')} ({name})"


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP (what service managers, `docker stop`, CI time limits and a closed
    terminal send) stop a run as Ctrl-C does: workers killed, the unfinished generation removed, OUT_DIR left
    as it was. For the main thread of a program that owns its signals, as the command does; a second such
    signal during the clean-up is ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: FrameType | None) -> None:
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        raise Stopped(signum)

    saved = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


@dataclass
class ExtractSummary:
    """What one extraction run did: the counts the CLI prints, the failed files and the validation verdict."""

    out_dir: Path
    files: int
    reports: int
    duplicates: int
    rows: dict[str, int]
    failures: list[Failure]
    validation: dict[str, int]
    unchanged: bool = False
    lines: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """'errors', 'warnings' or 'clean': the worst validation severity found (info does not count)."""
        if self.validation.get(ERROR):
            return "errors"
        return "warnings" if self.validation.get(WARNING) else "clean"

    @property
    def exit_code(self) -> int:
        """The CLI's exit code for this run: 1 if some files failed, else 0."""
        return 1 if self.failures else 0

    def to_json(self) -> dict:
        return {**asdict(self), "out_dir": str(self.out_dir)}

    @classmethod
    def from_json(cls, data: dict) -> ExtractSummary:
        data = {**data, "out_dir": Path(data["out_dir"]), "failures": [Failure(**f) for f in data["failures"]]}
        return cls(**data)


def settings(
    jobs: int | None = None,
    timeout: float = 60.0,
    max_size_mb: float = 100.0,
    max_pages: int = 400,
    pdf_engine: str = "pdfium",
    cache_dir: Path | None = None,
) -> Settings:
    """Runner settings from the command's options; InvalidOption names the bad one."""
    from kompass.pipeline.settings import Settings

    if pdf_engine not in ("pdfium", "pdfplumber"):
        raise InvalidOption(f"pdf_engine must be pdfium or pdfplumber, not {pdf_engine!r}")
    try:
        return Settings(
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout,
            max_bytes=int(max_size_mb * 2**20),
            max_pages=max_pages,
            pdf_engine=pdf_engine,
            cache_dir=cache_dir,
        )
    except ValueError as e:
        raise InvalidOption(str(e)) from None


def extract(
    raw_dir: Path,
    out_dir: Path,
    *,
    jobs: int | None = None,
    timeout: float = 60.0,
    max_size_mb: float = 100.0,
    max_pages: int = 400,
    pdf_engine: str = "pdfium",
    cache: bool = True,
    on_message: Callable[[str], None] | None = None,
    on_file: Callable[[], None] | None = None,
    wait: bool = True,
) -> ExtractSummary:
    """Extract every report under raw_dir into the dataset in out_dir, validate it, and say what was done.

    on_message gets each per-file line (a failure, a duplicate) as it happens;
    on_file is called once per file read (for a progress bar). One run at a time
    writes out_dir: another run's lock is waited for (said to on_message), or
    with wait=False is OutputBusy.
    """
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise InputNotFound(f"input folder not found: {raw_dir}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputNotWritable(f"cannot create output folder {out_dir}: {e.strerror}") from None
    if not os.access(out_dir, os.W_OK):
        raise OutputNotWritable(f"output folder is not writable: {out_dir}")
    run_settings = settings(jobs, timeout, max_size_mb, max_pages, pdf_engine, out_dir / ".cache" if cache else None)
    say = on_message or (lambda _line: None)
    with _writer(out_dir, wait, say):
        return _extract(raw_dir, out_dir, run_settings, cache, say, on_file)


def _extract(
    raw_dir: Path,
    out_dir: Path,
    run_settings: Settings,
    cache: bool,
    say: Callable[[str], None],
    on_file: Callable[[], None] | None,
) -> ExtractSummary:
    started = dt.datetime.now(dt.UTC)
    files = input_files(raw_dir)
    tasks = [(path, relative_name(path, raw_dir)) for path in files]
    inputs = manifest.state(tasks, run_settings)
    last = manifest.unchanged(out_dir, inputs, OUTPUT_FILES) if cache else None
    if last and last.get("summary"):  # nothing changed since the last run: its dataset stands
        for line in last["stderr"]:
            say(line)
        cache_module.prune(out_dir / ".cache", manifest.cache_files(inputs))
        return ExtractSummary.from_json({**last["summary"], "unchanged": True})
    from kompass.pipeline.runner import release_memory, run

    reports: list[Report] = []
    failures: list[Failure] = []
    said: list[str] = []
    stale: list[CacheNote] = []

    def on_note(note: CacheNote) -> None:
        if note.stale:
            stale.append(note)
        else:
            say(f"kompass: warning: {note.source_path}: {note.message}; the file was read again")

    for _index, result in run(tasks, run_settings, on_note, warm=PUBLISHING):
        if isinstance(result, Failure):
            failures.append(result)
            said.append(f"kompass: {result.source_path}: {result.message} [{result.error_kind}]")
            say(said[-1])
        else:
            reports.append(result)
        if on_file:
            on_file()
    if stale:
        say(f"kompass: note: the cache of {len(stale)} file(s) was made by another kompass version; read again")
    # imported only now (the runner has them imported meanwhile): pyarrow and pandas would hold some
    # 100 MB of this process's memory while the workers read
    from kompass.pipeline.checks.copies import compare_copies
    from kompass.pipeline.checks.findings import to_table
    from kompass.pipeline.checks.validate import validate_all
    from kompass.pipeline.extract import deduplicate
    from kompass.pipeline.publish import dataset
    from kompass.pipeline.publish.validation_report import page

    kept, dropped = deduplicate(reports)
    for copy, original in dropped:
        said.append(
            f"kompass: {copy.source_path}: same report as {original.source_path} ({copy.report_id}); "
            f"keeping {original.source_path}"
        )
        say(said[-1])
    tables = dataset.tables(kept)
    tables["failures"] = dataset.failures_table(failures)
    issues = validate_all(kept) + [i for copy, original in dropped for i in compare_copies(original, copy)]
    tables["validation"] = to_table(issues)
    run_info = {
        "kompass.run_started": started.isoformat(timespec="seconds"),
        "kompass.version": __version__,
        "kompass.input": str(raw_dir),
        "kompass.files": str(len(files)),
    }
    pages = {
        VALIDATION_HTML: page(kept, issues, out_dir, raw_dir),
        OVERVIEW_HTML: _overview(tables, out_dir, raw_dir),
    }
    release_memory(collect=True)  # what the overview's frames held, before the files are written
    _write(tables, out_dir, pages, run_info)
    lines = [
        f"{len(kept)} reports written to {out_dir} from {len(files)} files"
        f" ({len(failures)} failed, {len(dropped)} duplicates):"
        f" {tables['areas'].num_rows} areas, {tables['questions'].num_rows} questions,"
        f" {tables['findings'].num_rows} findings.",
        validation_line(issues, out_dir),
    ]
    done = ExtractSummary(
        out_dir=out_dir,
        files=len(files),
        reports=len(kept),
        duplicates=len(dropped),
        rows={name: table.num_rows for name, table in tables.items()},
        failures=failures,
        validation=severity_counts(issues),
        lines=lines,
        messages=said,
    )
    manifest.save(out_dir, inputs, lines, said, done.exit_code, summary=done.to_json())
    if cache:  # bounded by the inputs: entries of files no longer there (or changed) go
        cache_module.prune(out_dir / ".cache", manifest.cache_files(inputs))
    return done


def validate(
    out_dir: Path,
    raw_dir: Path | None = None,
    *,
    wait: bool = True,
    on_message: Callable[[str], None] | None = None,
) -> list[Issue]:
    """Re-run the checks on the dataset in out_dir; rewrites validation.parquet and validation_report.html.

    Findings about duplicate copies are kept from the previous run (the dropped
    copies are not in the dataset). Raises NoDataset if a table is missing; holds
    out_dir's writer lock as extract does.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise NoDataset(f"no dataset in {out_dir}: the folder does not exist (run kompass extract)")
    from kompass.pipeline.checks.findings import to_table
    from kompass.pipeline.checks.validate import validate_all
    from kompass.pipeline.publish import dataset
    from kompass.pipeline.publish.validation_report import render

    with _writer(out_dir, wait, on_message or (lambda _line: None)):
        try:
            reports = dataset.read(out_dir)
        except FileNotFoundError as e:
            missing = Path(e.filename or "").name or str(e)
            raise NoDataset(f"no dataset in {out_dir}: {missing} not found (run kompass extract)") from None
        issues = validate_all(reports) + _previous_duplicates(out_dir)
        table = to_table(issues)
        pages = {VALIDATION_HTML: render(reports, issues, out_dir, raw_dir)}
        if (out_dir / OVERVIEW_HTML).exists():  # its verdicts come from the findings: keep it in step
            pages[OVERVIEW_HTML] = _overview(
                {**_read_tables(out_dir), "validation": table}, out_dir, raw_dir or recorded_raw_dir(out_dir)
            )
        _write({"validation": table}, out_dir, pages, keep_others=True)
    return issues


@contextmanager
def _writer(out_dir: Path, wait: bool, say: Callable[[str], None]) -> Iterator[None]:
    """out_dir's writer lock (publish/lock.py) held inside the block, after finishing what a killed run left
    half done (generations.repair). An interrupt inside (or while waiting) is Interrupted, saying whether the
    run got as far as writing out_dir."""
    before = generations.current_generation(out_dir)
    try:
        try:
            held = lock.acquire(out_dir, wait=wait, on_wait=lambda m: say(f"kompass: {m}"))
        except lock.Busy as e:
            raise OutputBusy(f"{e}; run again when it is done, or without --no-wait to wait for it") from None
        except OSError as e:
            raise OutputNotWritable(f"cannot lock {out_dir / lock.NAME}: {e.strerror or e}") from None
        try:
            try:
                generations.repair(out_dir)
            except OSError as e:
                raise OutputNotWritable(f"cannot write to {out_dir}: {e.strerror or e}") from None
            yield
        finally:
            lock.release(held)
    except KeyboardInterrupt as e:
        what = stopped_by(getattr(e, "signum", signal.SIGINT))
        after = generations.current_generation(out_dir)
        if after is not None and after != before:
            raise Interrupted(f"{what} after {out_dir} was written", getattr(e, "signum", signal.SIGINT)) from None
        raise Interrupted(f"{what}; {out_dir} left as it was", getattr(e, "signum", signal.SIGINT)) from None


def overview(out_dir: Path, raw_dir: Path | None = None, on_message: Callable[[str], None] | None = None) -> Path:
    """Write overview.html for the dataset in out_dir; source links go to raw_dir, else the folder it was read from.

    Holds out_dir's writer lock (waiting for a run that holds it); raises NoDataset.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise NoDataset(f"no dataset in {out_dir}: the folder does not exist (run kompass extract)")
    with _writer(out_dir, True, on_message or (lambda _line: None)):
        try:
            tables = _read_tables(out_dir)
        except FileNotFoundError as e:
            raise NoDataset(
                f"no dataset in {out_dir}: {Path(e.filename or '').name} not found (run kompass extract)"
            ) from None
        page = _overview(tables, out_dir, raw_dir or recorded_raw_dir(out_dir))
        _write({}, out_dir, {OVERVIEW_HTML: page}, keep_others=True)
    return out_dir / OVERVIEW_HTML


def export(
    out_dir: Path, to: str = "xlsx", output: Path | None = None, on_message: Callable[[str], None] | None = None
) -> tuple[Path, dict[str, int]]:
    """Write the dataset as a workbook (OUT_DIR/kompass.xlsx) or CSV files (OUT_DIR/csv/); (where, rows per sheet).

    Reads the dataset under out_dir's writer lock, so a run publishing meanwhile cannot mix two datasets.
    """
    from kompass.pipeline.publish import export as spreadsheet
    from kompass.pipeline.publish import frames

    out_dir = Path(out_dir)
    if to not in ("xlsx", "csv"):
        raise InvalidOption(f"export to xlsx or csv, not {to!r}")
    if not out_dir.is_dir():
        raise NoDataset(f"no dataset in {out_dir}: the folder does not exist (run kompass extract)")
    target = (
        Path(output)
        if output is not None
        else out_dir / (spreadsheet.WORKBOOK if to == "xlsx" else spreadsheet.CSV_FOLDER)
    )
    with _writer(out_dir, True, on_message or (lambda _line: None)):
        try:
            data = frames.read_dataset(out_dir)
        except FileNotFoundError as e:
            raise NoDataset(
                f"no dataset in {out_dir}: {Path(e.filename or '').name} not found (run kompass extract)"
            ) from None
        try:
            rows = spreadsheet.write_workbook(data, target) if to == "xlsx" else spreadsheet.write_csv(data, target)
        except OSError as e:
            raise OutputNotWritable(f"cannot write {target}: {e.strerror or e}") from None
    return target, rows


def recorded_raw_dir(out_dir: Path) -> Path | None:
    """The input folder the dataset was extracted from (reports.parquet's kompass.input), if it is still there."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(generations.readable(Path(out_dir)) / "reports.parquet").metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    recorded = metadata.get(b"kompass.input")
    path = Path(recorded.decode()) if recorded else None
    return path if path is not None and path.is_dir() else None


def _read_tables(out_dir: Path) -> dict[str, pa.Table]:
    """The dataset's tables; failures and validation are empty where their files are missing."""
    import pyarrow.parquet as pq

    from kompass.pipeline.publish.frames import SCHEMAS

    folder = generations.readable(out_dir)
    tables = {}
    for name, schema in SCHEMAS.items():
        path = folder / f"{name}.parquet"
        if path.is_file():
            tables[name] = pq.read_table(path)
        elif name in TABLE_NAMES:
            raise FileNotFoundError(2, "no such file", str(path))
        else:
            tables[name] = schema.empty_table()
    return tables


def _overview(tables: dict[str, pa.Table], out_dir: Path, raw_dir: Path | None) -> str:
    from kompass.pipeline.publish import frames
    from kompass.pipeline.publish import overview as page

    # only the tables the page reads become DataFrames (the bullets' texts are most of a dataset's memory)
    read = {name: table if name in page.READS else frames.SCHEMAS[name].empty_table() for name, table in tables.items()}
    return page.render(frames.from_tables(read), out_dir, raw_dir)


def severity_counts(issues: list[Issue]) -> dict[str, int]:
    """{'error': n, 'warning': n, 'info': n}."""
    n = Counter(i.severity for i in issues)
    return {s: n[s] for s in (ERROR, WARNING, INFO)} | {s: c for s, c in n.items() if s not in SEVERITIES}


def validation_line(issues: list[Issue], out_dir: Path) -> str:
    """'validation: 0 errors, 8 warnings, 0 info (see OUT_DIR/validation_report.html)'."""
    return f"validation: {summary(issues)} (see {out_dir / VALIDATION_HTML})"


def _previous_duplicates(out_dir: Path) -> list[Issue]:
    """duplicate-report and list-length findings of the last run: only extraction sees the copies it drops."""
    import pyarrow.parquet as pq

    from kompass.pipeline.checks import copies
    from kompass.pipeline.checks.findings import from_table

    path = generations.readable(out_dir) / "validation.parquet"
    if not path.exists():
        return []
    return [i for i in from_table(pq.read_table(path)) if i.check_name in copies.CHECKS]


def _write(
    tables: dict[str, pa.Table],
    out_dir: Path,
    files: Mapping[str, str | Iterable[str]],
    metadata: dict[str, str] | None = None,
    keep_others: bool = False,
) -> None:
    from kompass.pipeline.publish import dataset

    before = generations.current_generation(out_dir)
    try:
        dataset.write(tables, out_dir, metadata=metadata, files=files, keep_others=keep_others)
    except OSError as e:  # a full disk, a folder made read-only: the unfinished generation is gone again
        reason = os.strerror(e.errno) if e.errno else str(e)
        state = "the dataset there is left as it was"
        if generations.current_generation(out_dir) != before:
            state = "the new dataset was switched in, not yet under every name (the next run finishes that)"
        raise OutputNotWritable(f"cannot write to {out_dir}: {reason}; {state}") from None
