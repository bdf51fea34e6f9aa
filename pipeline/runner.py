"""Running extraction over many files: worker processes, a time limit per file, a cache.

Each file is extracted in a worker process, so a file that hangs or crashes the
interpreter costs only itself: the worker is killed at the time limit and
replaced, and the file becomes a failure row. Results come back in input order
whatever the number of workers.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from kompass.parsers.errors import KompassError
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.extract import Failure, extract_bytes
from kompass.pipeline.model import Report


def _code_version() -> str:
    """A hash of the readers' and interpreter's source: any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for package in ("parsers", "pipeline"):
        folder = Path(__file__).parent.parent / package
        for source in sorted(folder.rglob("*.py")) + sorted(folder.rglob("*.csv")):
            digest.update(source.relative_to(folder).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _code_version()


@dataclass(frozen=True)
class Settings:
    """What a run may spend on one file, and how. Validated on creation."""

    jobs: int = 1
    timeout: float = 60.0  # seconds per file
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 400
    pdf_engine: str = "pdfium"
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.max_bytes < 1 or self.max_pages < 1:
            raise ValueError("size and page limits must be positive")


def extract_one(path: Path, relative: str, settings: Settings) -> Report | Failure:
    """Extract one file, turning every problem into a Failure; never raises."""
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return Failure(
                relative,
                None,
                "too_large",
                f"the file is {size / 2**20:.0f} MB, over the {settings.max_bytes / 2**20:.0f} MB limit (--max-size)",
            )
        data = path.read_bytes()
    except OSError as e:
        return Failure(relative, None, "unreadable", f"cannot read the file: {e.strerror or e}")
    sha = hashlib.sha256(data).hexdigest()
    cached = _cache_path(settings, sha)
    if cached and cached.exists():
        try:
            report = pickle.loads(cached.read_bytes())
            report.source_path = relative
            for issue in report.issues or []:
                issue.source_path = relative
            return report
        except Exception:  # noqa: BLE001 - a damaged cache entry is just a miss
            pass
    try:
        report = extract_bytes(data, path, relative, max_pages=settings.max_pages, pdf_engine=settings.pdf_engine)
        report.issues = validate(report)  # in the worker: in parallel, and cached with the report
        result: Report | Failure = report
    except KompassError as e:
        result = Failure(relative, sha, e.kind, e.message)
    except RecursionError:
        result = Failure(relative, sha, "internal_error", "the document is nested too deeply to read")
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
        result = Failure(relative, sha, "internal_error", f"{type(e).__name__}: {e}")
    if cached and isinstance(result, Report):
        _write_atomic(cached, pickle.dumps(result))
    return result


def _cache_path(settings: Settings, sha: str) -> Path | None:
    if settings.cache_dir is None:
        return None
    return settings.cache_dir / f"{sha}.v{PARSER_VERSION}.{settings.pdf_engine}.pickle"


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # the cache is an optimisation; failing to fill it is no error


def _worker(conn: Connection, settings: Settings) -> None:
    """Worker loop: receive (index, path, relative), send back (index, result)."""
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path, relative = task
        conn.send((index, extract_one(path, relative, settings)))


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    task: tuple[int, Path, str] | None = None
    started: float = 0.0


def _spawn(settings: Settings) -> _Slot:
    parent, child = mp.Pipe()
    ctx = mp.get_context("fork")
    process = ctx.Process(target=_worker, args=(child, settings), daemon=True)
    process.start()
    child.close()
    return _Slot(process, parent)


def run(files: list[tuple[Path, str]], settings: Settings) -> Iterator[tuple[int, Report | Failure]]:
    """Extract (path, relative name) pairs; yield (index, result) in input order."""
    pending = list(enumerate(files))[::-1]
    done: dict[int, Report | Failure] = {}
    next_out = 0
    slots = [_spawn(settings) for _ in range(min(settings.jobs, len(files)))]
    try:
        while next_out < len(files):
            for slot in slots:
                if slot.task is None and pending:
                    index, (path, relative) = pending.pop()
                    slot.task, slot.started = (index, path, relative), time.monotonic()
                    slot.conn.send(slot.task)
            busy = [s for s in slots if s.task is not None]
            deadline = min(s.started for s in busy) + settings.timeout
            ready = wait([s.conn for s in busy], timeout=max(0.0, deadline - time.monotonic()))
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                index, path, relative = slot.task
                if slot.conn in ready:
                    try:
                        got, result = slot.conn.recv()
                    except (EOFError, OSError):  # the worker died (a crash in a C library)
                        result = Failure(relative, None, "crashed", "the reader crashed on this file")
                        slots[i] = _replace(slot, settings)
                    done[index] = result
                    slot.task = None
                elif time.monotonic() - slot.started >= settings.timeout:
                    done[index] = Failure(
                        relative, None, "timeout", f"gave up after {settings.timeout:g} s (--timeout)"
                    )
                    slots[i] = _replace(slot, settings)
            while next_out in done:
                yield next_out, done.pop(next_out)
                next_out += 1
    finally:
        for slot in slots:
            _stop(slot)


def _replace(slot: _Slot, settings: Settings) -> _Slot:
    _stop(slot, kill=True)
    return _spawn(settings)


def _stop(slot: _Slot, kill: bool = False) -> None:
    try:
        if not kill and slot.task is None:
            slot.conn.send(None)
    except OSError:
        pass
    if kill or slot.task is not None:
        slot.process.kill()
    slot.process.join(timeout=5)
    slot.conn.close()
