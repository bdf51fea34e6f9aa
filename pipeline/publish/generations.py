"""Publishing a run's files all or nothing, where analysts read them (OUT_DIR/reports.parquet, ...).

Each publish writes a generation folder, OUT_DIR/.generations/<id>/, with every
file of the run. OUT_DIR/.current is a symlink to the generation in use, and each
published name is a symlink through it: OUT_DIR/reports.parquet ->
.current/reports.parquet. Switching .current with one rename(2) switches every
file at once, so a process killed at any point (SIGKILL included) leaves all
files of the old run or all of the new. The previous generation is kept (a
reader still reading it is not cut off); older ones and unfinished ones (of a
killed run) are removed by the next publish. The caller holds OUT_DIR's writer
lock (lock.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = ".current"


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
    _remove_leftover_links(out_dir)
    _adopt_plain_files(out_dir, names)
    previous = current_generation(out_dir)
    folder = _new_generation(generations)
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
    for name in published:  # names new to OUT_DIR dangle until the switch: they had no file before
        _ensure_link(out_dir, name)
    _switch(out_dir, folder)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        _remove_links_but(out_dir, set(published))
        _prune(generations, keep={folder.name, previous.name if previous else ""})
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return folder


def current_generation(out_dir: Path) -> Path | None:
    """The generation folder OUT_DIR/.current points to, or None before the first publish."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    target = out_dir / os.readlink(link)
    return target if target.is_dir() else None


def pause(detail: str) -> None:
    """If KOMPASS_TEST_PAUSE_PUBLISH is set: say so on stderr and sleep that many seconds before a
    publishing step. Lets tests race or kill a run at each step, knowing which."""
    delay = os.environ.get("KOMPASS_TEST_PAUSE_PUBLISH")
    if delay:
        print(f"kompass: test pause: publish {detail}", file=sys.stderr, flush=True)
        time.sleep(float(delay))


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and not name.startswith(".")


def _new_generation(generations: Path) -> Path:
    """An empty folder named so that names sort by age: 20261201T221502.123456-<pid>."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%f")
    folder = generations / f"{stamp}-{os.getpid()}"
    folder.mkdir()
    return folder


def _switch(out_dir: Path, folder: Path) -> None:
    """Point OUT_DIR/.current at the folder: one atomic rename of a fresh symlink over the old one."""
    tmp = out_dir / f"{CURRENT}.{os.getpid()}.tmp"  # LEFTOVER if killed
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(GENERATIONS) / folder.name)
    pause(f"switch to {folder.name}")
    os.replace(tmp, out_dir / CURRENT)
    _fsync(out_dir)


def _ensure_link(out_dir: Path, name: str) -> None:
    """OUT_DIR/name -> .current/name, replacing (atomically) whatever else is there."""
    path, target = out_dir / name, Path(CURRENT) / name
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    tmp = out_dir / f".{name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    pause(f"link {name}")
    os.replace(tmp, path)


LEFTOVER = re.compile(r"^\.(?:.+)\.\d+\.tmp$")  # ._ensure_link's and _switch's temporary names


def _remove_leftover_links(out_dir: Path) -> None:
    """Temporary symlinks a killed publish left (.current.<pid>.tmp, .reports.parquet.<pid>.tmp)."""
    for entry in os.scandir(out_dir):
        if entry.is_symlink() and LEFTOVER.match(entry.name):
            os.unlink(entry.path)


def _remove_links_but(out_dir: Path, keep: set[str]) -> None:
    """Links into .current for names the current generation no longer has."""
    for entry in os.scandir(out_dir):
        if entry.is_symlink() and entry.name not in keep and os.readlink(entry.path) == f"{CURRENT}/{entry.name}":
            pause(f"unlink {entry.name}")
            os.unlink(entry.path)


def _prune(generations: Path, keep: set[str]) -> None:
    pause("prune")
    for entry in sorted(os.scandir(generations), key=lambda e: e.name):
        if entry.name not in keep:
            shutil.rmtree(entry.path, ignore_errors=True)


def _adopt_plain_files(out_dir: Path, names: Sequence[str]) -> None:
    """A folder written before generations (plain files, no .current) becomes generation one first.

    The files are hard-linked into a generation, .current is pointed at it, and
    then each plain file is replaced by its link: every name shows the same old
    content all along, so a kill during this leaves the old dataset too.
    """
    if (out_dir / CURRENT).is_symlink():
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
    _switch(out_dir, folder)
    for name in plain:
        _ensure_link(out_dir, name)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync(path: Path) -> None:
    """Flush a file's or folder's contents to disk, so the switch never points at unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
