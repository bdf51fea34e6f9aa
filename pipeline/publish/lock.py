"""One writer per output folder: an exclusive lock on OUT_DIR/.kompass.lock for a whole run.

flock(2) locks belong to the open file, so the kernel releases them when the
process ends, however it ends (SIGKILL included): a lock is never left stale.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NAME = ".kompass.lock"


class Busy(Exception):
    """Another process holds the folder's lock."""

    def __init__(self, out_dir: Path, holder: str) -> None:
        super().__init__(f"{out_dir} is being written by another kompass run{holder}")
        self.out_dir = out_dir


def acquire(out_dir: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> int:
    """Take OUT_DIR's lock; the descriptor to release() it. Busy if another process holds it and wait
    is False; with wait, on_wait is told once (naming the holder) and the call blocks until it is free."""
    fd = os.open(out_dir / NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = _holder(fd)
            if not wait:
                raise Busy(out_dir, holder) from None
            if on_wait is not None:
                on_wait(f"waiting for another kompass run{holder} to finish writing {out_dir}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def release(fd: int) -> None:
    os.close(fd)  # closing the last descriptor of the open file releases the lock


@contextmanager
def holding(out_dir: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """OUT_DIR's lock held inside the block (see acquire)."""
    fd = acquire(out_dir, wait, on_wait)
    try:
        yield
    finally:
        release(fd)


def _holder(fd: int) -> str:
    """' (pid N)' as the holder wrote it, or '' if it has not yet."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (pid {text})" if text.isdigit() else ""
