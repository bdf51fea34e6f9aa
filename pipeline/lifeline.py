"""Worker processes that end when the process that started them ends, however it ends (SIGKILL included).

On Linux the kernel kills a worker the moment its parent dies (prctl
PR_SET_PDEATHSIG). Everywhere, and as a second line, a thread in the worker
checks five times a second that the parent is still there: on POSIX a worker
whose parent died is handed to another process, so its parent pid changes; on
Windows the parent's process handle, which multiprocessing gives the worker,
is signalled.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <sys/prctl.h>
INTERVAL = 0.2  # seconds between the watch thread's checks


def bind(parent_pid: int) -> None:
    """Make this process, a worker just started by parent_pid, end when that process ends."""
    kernel_kills_orphans()
    if parent_gone(parent_pid):  # it died before the kernel was asked to watch it
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="kompass-lifeline", daemon=True).start()


def kernel_kills_orphans() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def parent_gone(parent_pid: int) -> bool:
    """Whether the process that started this one has ended."""
    if os.name == "posix":
        return os.getppid() != parent_pid
    parent = mp.parent_process()
    return parent is not None and not parent.is_alive()


def _watch(parent_pid: int) -> None:
    while not parent_gone(parent_pid):
        time.sleep(INTERVAL)
    os._exit(1)
