"""One writer per output folder: an exclusive lock on OUT_DIR/.kompass.lock for a whole run.

The lock is the operating system's (flock(2) on POSIX, a byte-range lock through
msvcrt on Windows), so it is released when its process ends, however it ends
(SIGKILL included). The holder writes its pid into the file for a waiting run
to name. A flock is shared by every process that inherits the descriptor, so a
process forked while holding one closes its copy at once (register_at_fork):
only the run that took the lock holds it.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

NAME = ".kompass.lock"
POLL = 0.1  # seconds between a waiting run's attempts
WINDOWS_BYTE = 1024  # the byte locked on Windows, past the pid (a locked range cannot be read there)
_HELD: set[int] = set()  # descriptors of the locks this process holds


class Busy(Exception):
    """Another process holds the folder's lock."""

    def __init__(self, out_dir: Path, holder: Holder) -> None:
        if holder.ended:
            text = f"{out_dir} is locked by a process left running by a kompass run that has ended ({holder.named})"
        else:
            text = f"{out_dir} is being written by another kompass run{holder.named and f' ({holder.named})'}"
        super().__init__(text)
        self.out_dir = out_dir


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: the pid the holding run wrote (None before it has), and whether that process ended."""

    pid: int | None
    ended: bool = False

    @property
    def named(self) -> str:
        return f"pid {self.pid}" if self.pid is not None else ""


def acquire(out_dir: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> int:
    """Take OUT_DIR's lock; the descriptor to release() it. Busy if another process holds it and wait
    is False; with wait, on_wait is told who holds it (again if that run is found to have ended while
    the lock stays held) and the call returns once the lock is free."""
    fd = os.open(out_dir / NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        told: set[str] = set()
        while not _try_lock(fd):
            holder = _holder(fd)
            if not wait:
                raise Busy(out_dir, holder)
            message = waiting_message(out_dir, holder)
            if on_wait is not None and message not in told:
                told.add(message)
                on_wait(message)
            time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
    except BaseException:
        os.close(fd)
        raise
    _HELD.add(fd)
    return fd


def waiting_message(out_dir: Path, holder: Holder) -> str:
    """What a run waiting for the lock says."""
    if holder.ended:
        return (
            f"the kompass run that locked {out_dir} ({holder.named}) has ended, but a process it started still "
            f"holds {out_dir / NAME} (`fuser -v` names it); waiting for that process to end"
        )
    return f"waiting for another kompass run{holder.named and f' ({holder.named})'} to finish writing {out_dir}"


def release(fd: int) -> None:
    """Give the lock up (closing the descriptor releases it too, and so does the process's end)."""
    _HELD.discard(fd)
    try:
        if fcntl is None:
            os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(fd)


@contextmanager
def holding(out_dir: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """OUT_DIR's lock held inside the block (see acquire)."""
    fd = acquire(out_dir, wait, on_wait)
    try:
        yield
    finally:
        release(fd)


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False if another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as e:
        if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            raise
        return False
    return True


def _holder(fd: int) -> Holder:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 32).decode("ascii", "replace").strip()
    if not text.isdigit():
        return Holder(None)  # it has the lock but has not written its pid yet
    return Holder(int(text), _ended(int(text)))


def _ended(pid: int) -> bool:
    """Whether no process has this pid (POSIX; elsewhere a lock cannot outlive its process, so False)."""
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process
        return False
    return False


def _close_in_child() -> None:
    """In a forked child: close the copies of the lock descriptors, which would keep the locks held."""
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)
