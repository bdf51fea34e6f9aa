"""Publishing a run's files all or nothing, where analysts read them (OUT_DIR/reports.parquet, ...).

Each publish writes a generation folder, OUT_DIR/.generations/<id>/, with every
file of the run, and flushes it to disk. OUT_DIR/.current names the generation
in use; one rename(2) switches it, so a process killed at any instant (SIGKILL
included) leaves .current naming the old generation or the new one, each whole.
The published names show the current generation's files, in one of two ways,
chosen per folder:

- links, where symlinks can be made: .current is a symlink to the generation and
  each name a symlink through it (OUT_DIR/reports.parquet -> .current/reports.parquet),
  so the one rename switches every name at once;
- plain files, where os.symlink is refused (Windows without developer mode,
  FAT and exFAT drives, some network shares): .current is a small file holding
  the generation's name, and each name a hard link to the generation's file
  (a copy where hard links are refused too), replaced one by one by a rename
  after the switch. Each file is always whole and of one generation; the set of
  them is of two generations only while they are being replaced, or, if the run
  is killed then, until the next kompass command into OUT_DIR finishes the
  replacement (repair(), its first step). Readers of one consistent dataset
  read the folder .current names (readable()).

The previous generation is kept, so a reader in the middle of it is not cut off;
older ones and unfinished ones (of a killed run) are removed by the next publish.
A failed or interrupted publish removes its unfinished generation itself. The
caller holds OUT_DIR's writer lock (lock.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from kompass.pipeline import testhooks

GENERATIONS = ".generations"
CURRENT = ".current"
LEFTOVER = re.compile(r"^\..+\.\d+\.tmp$")  # temporary names of a killed publish: .current.<pid>.tmp, ...
STOP_SIGNALS = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


@dataclass(frozen=True)
class Output:
    """A file to publish: its name in OUT_DIR and how to write it (called with the path to write)."""

    name: str
    write: Callable[[Path], None]


def text_output(name: str, text: str | Iterable[str]) -> Output:
    """A UTF-8 text file to publish: its text, or its pieces in order (written as they come)."""

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as f:
            f.writelines([text] if isinstance(text, str) else text)

    return Output(name, write)


def publish(out_dir: Path, outputs: Sequence[Output], keep_others: bool = False) -> Path:
    """Write outputs into a new generation and make it OUT_DIR's, in one switch; the generation's folder.

    keep_others: the files of the current generation that outputs do not replace
    stay published (a re-validation replaces two files of a dataset); otherwise
    the new generation holds exactly the outputs.
    """
    names = [o.name for o in outputs]
    if len(set(names)) != len(names) or any(not _plain_name(n) for n in names):
        raise ValueError(f"output names must be distinct plain file names: {names}")
    generations = out_dir / GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    links = uses_links(out_dir)
    repair(out_dir)
    _adopt_plain_files(out_dir, names, links)
    previous = current_generation(out_dir)
    folder = _new_generation(generations)
    try:
        for output in outputs:
            pause(f"write {output.name}")
            output.write(folder / output.name)
            _fsync(folder / output.name)
        if keep_others and previous is not None:
            for name in sorted(os.listdir(previous)):
                if name not in names:
                    _link_or_copy(previous / name, folder / name)
        _fsync(folder)
        published = sorted(os.listdir(folder))
        if links:
            for name in published:  # names new to OUT_DIR dangle until the switch: they had no file before
                _ensure_link(out_dir, name)
        _switch(out_dir, folder, links)
    except BaseException:
        if current_generation(out_dir) != folder:  # not switched to: nobody can be reading it
            shutil.rmtree(folder, ignore_errors=True)
        raise
    with signals_held():  # published: the rest is tidying, which an interrupt must not leave half done
        _remove_links_but(out_dir, set(published))
        if not links:
            _show_plain_files(out_dir, folder, [previous] if previous else [])
        _prune(generations, keep={folder.name, previous.name if previous else ""})
    return folder


def current_generation(out_dir: Path) -> Path | None:
    """The generation folder OUT_DIR/.current names (a symlink or a file), or None before the first publish."""
    current = out_dir / CURRENT
    if current.is_symlink():
        target = out_dir / os.readlink(current)
    elif current.is_file():
        name = current.read_text(encoding="utf-8").strip()
        if not _plain_name(name):
            return None
        target = out_dir / GENERATIONS / name
    else:
        return None
    return target if target.is_dir() else None


def readable(out_dir: Path) -> Path:
    """The folder to read one consistent dataset from: the current generation's, or OUT_DIR itself where
    there is none (a dataset written by a kompass before generations, or none at all)."""
    return current_generation(out_dir) or out_dir


def uses_links(out_dir: Path) -> bool:
    """Whether OUT_DIR publishes through symlinks: unless it already publishes plain files (.current is a
    file), whether a symlink can be made there now."""
    current = out_dir / CURRENT
    if current.exists() and not current.is_symlink():
        return False
    probe = out_dir / f".symlink-probe.{os.getpid()}.tmp"
    try:
        os.symlink(CURRENT, probe)
    except (OSError, NotImplementedError):  # no privilege, or a file system without links
        return False
    os.unlink(probe)
    return True


def repair(out_dir: Path) -> None:
    """Remove what a killed publish left (temporary names), and where OUT_DIR publishes plain files, finish
    showing the current generation under the published names (a kill may have stopped that half way)."""
    if not out_dir.is_dir():
        return
    for entry in os.scandir(out_dir):
        if LEFTOVER.match(entry.name) and (entry.is_symlink() or entry.is_file(follow_symlinks=False)):
            os.unlink(entry.path)
    current = current_generation(out_dir)
    if current is not None and not (out_dir / CURRENT).is_symlink():
        others = [Path(e.path) for e in os.scandir(out_dir / GENERATIONS) if e.is_dir() and e.name != current.name]
        with signals_held():
            _show_plain_files(out_dir, current, others)


def pause(detail: str) -> None:
    """A test pause before a publishing step (testhooks.py: KOMPASS_TEST_PAUSE_PUBLISH)."""
    testhooks.pause("publish", detail)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP arriving inside the block take effect when it ends.

    Blocked in the kernel where the system can (POSIX); elsewhere (Windows) the
    Python handlers are swapped for ones that note the signal, and the noted one is
    handled on leaving. Only the main thread receives signals, so elsewhere this does nothing.
    """
    if hasattr(signal, "pthread_sigmask"):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[tuple[int, FrameType | None]] = []
    handlers = {s: h for s in STOP_SIGNALS if callable(h := signal.getsignal(s))}
    for signum in handlers:
        signal.signal(signum, lambda n, frame: noted.append((n, frame)))
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        if noted:
            signum, frame = noted[0]
            handlers[signum](signum, frame)


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _new_generation(generations: Path) -> Path:
    """An empty folder named so that names sort by age: 20261201T221502.123456-<pid>."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%f")
    folder = generations / f"{stamp}-{os.getpid()}"
    folder.mkdir()
    return folder


def _switch(out_dir: Path, folder: Path, links: bool) -> None:
    """Point OUT_DIR/.current at the folder: one atomic rename of a fresh symlink (or file) over the old one."""
    tmp = out_dir / f"{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    if links:
        os.symlink(Path(GENERATIONS) / folder.name, tmp)
    else:
        tmp.write_text(f"{folder.name}\n", encoding="utf-8")
        _fsync(tmp)
    pause(f"switch to {folder.name}")
    _replace(tmp, out_dir / CURRENT)
    _fsync(out_dir)


def _ensure_link(out_dir: Path, name: str) -> None:
    """OUT_DIR/name -> .current/name, replacing (atomically) whatever else is there."""
    path, target = out_dir / name, Path(CURRENT) / name
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    tmp = out_dir / f".{name}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    pause(f"link {name}")
    _replace(tmp, path)


def _show_plain_files(out_dir: Path, folder: Path, others: Sequence[Path]) -> None:
    """Give each published name the generation's file (a hard link, or a copy), one rename each; remove the
    names only other generations had (files kompass published, never a file of the user's)."""
    mine = sorted(os.listdir(folder))
    for name in mine:
        path = out_dir / name
        if _same_file(folder / name, path):
            continue
        tmp = out_dir / f".{name}.{os.getpid()}.tmp"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        _link_or_copy(folder / name, tmp)
        pause(f"show {name}")
        _replace(tmp, path)
    gone = {name for other in others if other.is_dir() for name in os.listdir(other)} - set(mine)
    for name in sorted(gone):
        if (out_dir / name).is_file() and not (out_dir / name).is_symlink():
            pause(f"unlink {name}")
            os.unlink(out_dir / name)
    _fsync(out_dir)


def _same_file(source: Path, path: Path) -> bool:
    """Whether path already shows source: the same file (a hard link) or a copy of it (size and time kept)."""
    if path.is_symlink() or not path.is_file():
        return False
    a, b = source.stat(), path.stat()
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def _remove_links_but(out_dir: Path, keep: set[str]) -> None:
    """Links into .current for names the current generation no longer has (in plain-file mode: all of them,
    left from when the folder published links)."""
    for entry in os.scandir(out_dir):
        if entry.is_symlink() and entry.name not in keep and os.readlink(entry.path) == f"{CURRENT}/{entry.name}":
            pause(f"unlink {entry.name}")
            os.unlink(entry.path)


def _prune(generations: Path, keep: set[str]) -> None:
    pause("prune")
    for entry in sorted(os.scandir(generations), key=lambda e: e.name):
        if entry.name not in keep:
            shutil.rmtree(entry.path, ignore_errors=True)


def _adopt_plain_files(out_dir: Path, names: Sequence[str], links: bool) -> None:
    """A folder written before generations (plain files, no .current) becomes generation one first.

    The files are hard-linked into a generation and .current is pointed at it;
    with links, each plain file is then replaced by its link. Every name shows
    the same old content all along, so a kill during this leaves the old dataset too.
    """
    if (out_dir / CURRENT).is_symlink() or (out_dir / CURRENT).exists():
        return
    plain = sorted(
        entry.name
        for entry in os.scandir(out_dir)
        if entry.is_file(follow_symlinks=False)
        and _plain_name(entry.name)
        and (entry.name in names or entry.name.endswith((".parquet", ".html")))
    )
    if not plain:
        return
    folder = _new_generation(out_dir / GENERATIONS)
    for name in plain:
        _link_or_copy(out_dir / name, folder / name)
    _fsync(folder)
    _switch(out_dir, folder, links)
    if links:
        for name in plain:
            _ensure_link(out_dir, name)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link, or where the file system has none (FAT, exFAT) a copy with the source's times."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        try:
            shutil.copystat(source, target)  # the times, which _same_file compares
        except OSError:
            pass  # FAT through FUSE has no chmod: the times are set before it fails


def _replace(source: Path, target: Path) -> None:
    """os.replace; on Windows tried again for a second while another program has the target open."""
    for attempt in range(20):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05)


def _fsync(path: Path) -> None:
    """Flush a file's or folder's contents to disk, so the switch never points at unwritten data."""
    if path.is_dir():
        if os.name != "posix":
            return  # a folder cannot be opened to flush it on Windows; NTFS journals the names itself
        fd = os.open(path, os.O_RDONLY)
    else:
        fd = os.open(path, os.O_RDONLY if os.name == "posix" else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
