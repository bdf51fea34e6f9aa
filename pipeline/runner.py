"""Running extraction over many files: worker processes, a time limit per file, a cache.

Each file is extracted in a worker process, so a file that hangs or crashes the
interpreter costs only itself: the worker is killed at the time limit and
replaced, and the file becomes a failure row. Results come back in input order
whatever the number of workers. Workers end with the run, however it ends
(lifeline.py), and hold none of its descriptors but their own pipe's end.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import importlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from kompass.parsers import lexicon
from kompass.parsers.detect import preload
from kompass.parsers.errors import KompassError
from kompass.pipeline import cache, lifeline, testhooks
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.extract import extract_bytes
from kompass.pipeline.inputs import Failure
from kompass.pipeline.model import Report, share_texts
from kompass.pipeline.parser_version import PARSER_VERSION
from kompass.pipeline.settings import Settings


@dataclass(frozen=True)
class CacheNote:
    """A cache entry that was not used and why; `stale` when it is only another parser version's."""

    source_path: str
    message: str
    stale: bool = False


def extract_one(
    path: Path, relative: str, settings: Settings, notes: list[CacheNote] | None = None
) -> Report | Failure:
    """Extract one file, turning every problem into a Failure; never raises. Unused cache entries go to notes."""
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
    cached = cache.entry_path(settings.cache_dir, sha, settings.pdf_engine) if settings.cache_dir else None
    if cached and cached.exists():
        try:
            report = cache.load(cached.read_bytes(), sha, PARSER_VERSION)
            report.source_path = relative
            for issue in report.issues or []:
                issue.source_path = relative
            return report
        except (OSError, cache.Unusable) as e:
            if notes is not None:
                notes.append(
                    CacheNote(relative, f"cache entry {cached.name} not used ({e})", isinstance(e, cache.OtherVersion))
                )
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
        cache.store(cached, result, sha, PARSER_VERSION)
    return result


def _worker(conn: Connection, settings: Settings, parent_pid: int) -> None:
    """Worker loop: receive (index, path, relative), send back (index, result). Ends with the parent."""
    lifeline.bind(parent_pid)
    for end in list(_PARENT_ENDS):  # a forked worker's copies of the parent's pipe ends, its own included:
        end.close()  # held here, they would hide the parent's end from the other workers (no EOF)
    _PARENT_ENDS.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    for name in ("SIGTERM", "SIGHUP"):  # a forked worker has the parent's handlers: end quietly instead
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        index, path, relative = task
        testhooks.pause("extract", relative)
        notes: list[CacheNote] = []
        result = extract_one(path, relative, settings, notes)
        conn.send((index, result, notes))
        release_memory()


# Seconds of reading left when the modules for afterwards are imported: pyarrow and pandas take about half
# a second, which a run of one worker on two cores then spends on the other core.
WARM_LEAD = 1.5
WARM_AT_ONCE = 20  # files a worker: a run this small imports them from the start, its memory is small anyway
# Forking is cheap and keeps the parent's imports; where there is no fork (Windows), workers start afresh.
START_METHOD = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
_PARENT_ENDS: set[Connection] = set()  # this process's ends of its workers' pipes


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    task: tuple[int, Path, str] | None = None
    started: float = 0.0
    queued: tuple[int, Path, str] | None = None  # the next file, already in the pipe: no wait between files


def _requeue(slot: _Slot, pending: list[tuple[int, tuple[Path, str]]]) -> None:
    """A worker that is replaced never reads the file queued for it: it goes back to be handed out next."""
    if slot.queued is not None:
        index, path, relative = slot.queued
        pending.append((index, (path, relative)))
        slot.queued = None


def _spawn(settings: Settings) -> _Slot:
    ctx = mp.get_context("fork") if START_METHOD == "fork" else mp.get_context("spawn")
    parent, child = ctx.Pipe()
    _PARENT_ENDS.add(parent)
    process = ctx.Process(target=_worker, args=(child, settings, os.getpid()), daemon=True)
    try:
        process.start()
    except BaseException:
        _PARENT_ENDS.discard(parent)
        parent.close()
        raise
    finally:
        child.close()
    return _Slot(process, parent)


def run(
    files: list[tuple[Path, str]],
    settings: Settings,
    on_note: Callable[[CacheNote], None] | None = None,
    warm: Sequence[str] = (),
) -> Iterator[tuple[int, Report | Failure]]:
    """Extract (path, relative name) pairs; yield (index, result) in input order. Cache entries not used
    are passed to on_note as they come. warm: modules the caller needs afterwards, imported on a thread of
    this process while the workers read their last files, from WARM_LEAD seconds before the end (as far as
    the files read so far foretell it): on another core, for a run of one worker; not sooner, as those
    modules would take this process's memory for the whole run."""
    pending = list(enumerate(files))[::-1]
    done: dict[int, Report | Failure] = {}
    next_out = 0
    # Once, here: every worker forked from now on has the word list and the readers without reading or
    # importing them; frozen, the garbage collector of a worker leaves those pages shared with this process.
    lexicon.load()
    preload({path.suffix.lower() for path, _ in files}, settings.pdf_engine)
    gc.freeze()
    slots = [_spawn(settings) for _ in range(min(settings.jobs, len(files)))]
    warming = _Warming()
    began, read = time.monotonic(), 0
    try:
        while next_out < len(files):
            for slot in slots:
                if slot.task is None and pending:
                    index, (path, relative) = pending.pop()
                    slot.task, slot.started = (index, path, relative), time.monotonic()
                    slot.conn.send(slot.task)
                if slot.task is not None and slot.queued is None and len(pending) >= len(slots):
                    # the worker reads it as soon as it has sent its result, while this process takes that in
                    # (not the last files: one held behind a slow file would keep another worker idle)
                    index, (path, relative) = pending.pop()
                    slot.queued = (index, path, relative)
                    slot.conn.send(slot.queued)
            busy = [s for s in slots if s.task is not None]
            if (
                not pending
                or len(files) <= WARM_AT_ONCE * len(slots)
                or (read and (time.monotonic() - began) / read * (len(pending) + len(busy)) <= WARM_LEAD * len(slots))
            ):
                warming.start(warm)
            deadline = min(s.started for s in busy) + settings.timeout
            ready = wait([s.conn for s in busy], timeout=max(0.0, deadline - time.monotonic()))
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                index, path, relative = slot.task
                if slot.conn in ready:
                    try:
                        got, result, notes = slot.conn.recv()
                        if isinstance(result, Report):
                            share_texts(result)
                        if on_note is not None:
                            for note in notes:
                                on_note(note)
                    except (EOFError, OSError):  # the worker died (a crash in a C library)
                        result = Failure(relative, None, "crashed", "the reader crashed on this file")
                        warming.join()  # no fork while another thread imports
                        _requeue(slot, pending)
                        slots[i] = _replace(slot, settings)
                    done[index] = result
                    slot.task, slot.queued, slot.started = slot.queued, None, time.monotonic()
                    read += 1
                elif time.monotonic() - slot.started >= settings.timeout:
                    done[index] = Failure(
                        relative, None, "timeout", f"gave up after {settings.timeout:g} s (--timeout)"
                    )
                    warming.join()  # no fork while another thread imports
                    _requeue(slot, pending)
                    slots[i] = _replace(slot, settings)
            while next_out in done:
                yield next_out, done.pop(next_out)
                next_out += 1
    finally:
        for slot in slots:
            _stop(slot)
        warming.join()
        gc.unfreeze()
        lexicon.unload()  # loaded for the workers, which are done with it
        release_memory(collect=True)


class _Warming:
    """Modules imported on a thread while the workers read. Python hands the thread the interpreter for 5 ms
    at a time; 1 ms meanwhile, so that a worker's result is taken (and its next file sent) without delay."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.interval = sys.getswitchinterval()

    def start(self, modules: Sequence[str]) -> None:
        if modules and self.thread is None:
            sys.setswitchinterval(min(self.interval, 0.001))
            self.thread = threading.Thread(target=self._imports, args=(modules,), daemon=True)
            self.thread.start()

    def _imports(self, modules: Sequence[str]) -> None:
        try:
            for name in modules:
                importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the caller's own import will raise it where it belongs
            pass
        finally:
            sys.setswitchinterval(self.interval)

    def join(self) -> None:
        if self.thread is not None and self.thread.ident is not None:  # None: stopped by a signal before it began
            self.thread.join()


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
    _PARENT_ENDS.discard(slot.conn)
    slot.conn.close()


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc: elsewhere the allocator keeps its own counsel
    except (OSError, AttributeError):
        return None


MALLOC_TRIM = _malloc_trim()


def release_memory(collect: bool = False) -> None:
    """Give the C heap's free pages back to the system (a worker after each file; collect: garbage first, as
    between a run's stages, which takes tens of milliseconds). Readers' libraries (lxml above all) and pandas
    leave the heap fragmented: 50 .docx grew a worker by 55 MB that malloc_trim gives back."""
    if collect:
        gc.collect()
        pool = getattr(sys.modules.get("pyarrow"), "default_memory_pool", None)
        if pool is not None:  # Arrow's own allocator keeps what building the tables took (twice their size)
            pool().release_unused()
    if MALLOC_TRIM is not None:
        MALLOC_TRIM(0)
