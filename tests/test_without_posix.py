"""kompass where the system lacks what Linux has: no fcntl (the lock through msvcrt), no pthread_sigmask, no
fork (workers spawned), no symlinks. Windows is simulated here (there is no Windows machine to test on):
these tests show every module imports and every path runs without those, not how Windows behaves."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import SAMPLES

import kompass
from kompass.pipeline.publish import generations

WINDOWS_LIKE = """
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import subprocess  # before msvcrt exists: subprocess takes it for Windows, and this is not
import sys
import types

import fcntl as posix_fcntl  # the real one, under the stand-in for msvcrt

sys.modules["fcntl"] = None  # `import fcntl` fails, as on Windows
msvcrt = types.ModuleType("msvcrt")
msvcrt.LK_UNLCK, msvcrt.LK_NBLCK = 0, 2


def locking(fd, mode, nbytes):
    # msvcrt.locking: nbytes from the file's position; EACCES where another process has them
    start = os.lseek(fd, 0, os.SEEK_CUR)
    operation = posix_fcntl.LOCK_EX | posix_fcntl.LOCK_NB if mode == msvcrt.LK_NBLCK else posix_fcntl.LOCK_UN
    try:
        posix_fcntl.lockf(fd, operation, nbytes, start)
    except BlockingIOError:
        raise PermissionError(13, "Permission denied") from None


msvcrt.locking = locking
sys.modules["msvcrt"] = msvcrt
del signal.pthread_sigmask
multiprocessing.get_all_start_methods = lambda: ["spawn"]


def refuse(*args, **kwargs):
    raise OSError(1314, "A required privilege is not held by the client")


os.symlink = refuse
sys.argv = ["kompass", *sys.argv[1:]]
if sys.argv[1] == "hold":  # hold OUT_DIR's lock until stdin closes
    from pathlib import Path
    from kompass.pipeline.publish import lock
    with lock.holding(Path(sys.argv[2])):
        print("held", flush=True)
        sys.stdin.read()
else:
    from kompass.pipeline import runner
    assert runner.START_METHOD == "spawn"
    from kompass.pipeline.cli import main
    main()
"""


def windows_like(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", WINDOWS_LIKE, *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_extract_without_fcntl_fork_sigmask_or_symlinks(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SAMPLES["torsas-2017"], raw)
    (raw / "empty.txt").write_bytes(b"")  # a second file, for the second worker
    done = windows_like("extract", str(raw), str(out), "--jobs", "2")
    _, err = done.communicate(timeout=180)
    assert done.returncode == 1, err
    assert (out / ".current").is_file() and not any(p.is_symlink() for p in out.iterdir())
    assert list(pd.read_parquet(out / "reports.parquet").report_id) == ["torsas-2017"]
    assert duckdb.sql(f"select count(*) from '{out / 'areas.parquet'}'").fetchall() == [(8,)]
    assert len(kompass.load(out).failures) == 1

    holder = windows_like("hold", str(out), stdin=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        busy = windows_like("extract", str(raw), str(out), "--no-wait")
        _, err = busy.communicate(timeout=120)
        assert busy.returncode == 2
        assert f"{out} is being written by another kompass run (pid {holder.pid})" in err
    finally:
        holder.communicate(timeout=30)  # closing its stdin lets it go


def test_signals_are_held_by_their_handlers_where_the_kernel_cannot_block_them(monkeypatch):
    """Without pthread_sigmask, a Ctrl-C inside signals_held() is handled when the block ends."""
    monkeypatch.delattr(signal, "pthread_sigmask")
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a program of its own
    done = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with generations.signals_held():
                os.kill(os.getpid(), signal.SIGINT)
                done.append("the block ran to its end")
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
    assert done == ["the block ran to its end"]


def test_a_symlink_refused_by_the_system_means_plain_files(tmp_path, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise NotImplementedError("symlinks are not available here")

    assert generations.uses_links(tmp_path)
    monkeypatch.setattr(os, "symlink", refuse)
    assert not generations.uses_links(tmp_path)
    assert not list(Path(tmp_path).iterdir())  # the probe leaves nothing behind
