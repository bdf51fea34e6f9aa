"""A run stopped by a signal in the middle of extraction leaves no process behind, and the next run completes.

Each file's extraction is slowed in the worker (KOMPASS_TEST_PAUSE_EXTRACT), so
the signal lands while both workers of `--jobs 2` hold a file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import raw_folder

from kompass.pipeline.publish import lock

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the run's processes in /proc"),
    pytest.mark.xdist_group("stopped-runs"),  # one worker extracts the previous dataset once for all
]


def kompass(raw: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`kompass extract RAW OUT --jobs 2` in a process group of its own (its id is the process's)."""
    command = [sys.executable, "-m", "kompass", "extract", str(raw), str(out), "--jobs", "2", *extra]
    return subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def living(group: int) -> list[int]:
    """The processes of a process group that have not ended (zombies waiting to be reaped do not count)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state not in "ZX":
            found.append(int(entry.name))
    return found


def while_extracting(proc: subprocess.Popen[str], files: int) -> list[str]:
    """Read stderr until `files` workers have started on a file; the lines read."""
    assert proc.stderr is not None
    lines: list[str] = []
    while sum(line.startswith("kompass: test pause: extract") for line in lines) < files:
        line = proc.stderr.readline()
        assert line, f"the run ended before {files} workers were extracting: {lines}"
        lines.append(line)
    return lines


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """RAW_DIR with the two samples and an OUT_DIR holding their dataset, to copy."""
    work = tmp_path_factory.mktemp("previous")
    raw, out = raw_folder(work / "raw"), work / "out"
    done = kompass(raw, out)
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    return raw, out


def published(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".parquet", ".html")}


@pytest.mark.parametrize(
    "signum,code,said",
    [
        (signal.SIGKILL, -signal.SIGKILL, None),
        (signal.SIGTERM, 128 + signal.SIGTERM, "terminated (SIGTERM)"),
        (signal.SIGHUP, 128 + signal.SIGHUP, "hung up (SIGHUP)"),
    ],
    ids=["SIGKILL", "SIGTERM", "SIGHUP"],
)
def test_a_stopped_run_leaves_no_process_and_the_next_run_completes(tmp_path, previous, signum, code, said):
    raw, out = changed_copy(previous, tmp_path)
    before = published(out)
    proc = kompass(raw, out, env={"KOMPASS_TEST_PAUSE_EXTRACT": "30"})
    with stopped(proc):
        while_extracting(proc, 2)
        os.kill(proc.pid, signum)  # the main process only, as a service manager or `kill PID` does
        assert_ends(proc)
        assert proc.returncode == code
        if said is not None:
            assert proc.stderr is not None
            assert proc.stderr.read().splitlines() == [f"kompass: {said}; {out} left as it was"]
    assert published(out) == before
    assert len(os.listdir(out / ".generations")) == 1  # no unfinished generation left
    if signum == signal.SIGHUP:  # the lock is free, so the next run would not wait
        lock.release(lock.acquire(out, wait=False))
        return
    again = kompass(raw, out, "--no-wait")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert report_ids(out) == ["torsas-2017", "tranas-2017"]


def test_sigterm_while_publishing_removes_the_unfinished_generation(tmp_path, previous):
    raw, out = changed_copy(previous, tmp_path)
    before, generations = published(out), os.listdir(out / ".generations")
    proc = kompass(raw, out, env={"KOMPASS_TEST_PAUSE_PUBLISH": "0.3"})
    with stopped(proc):
        assert proc.stderr is not None
        while not proc.stderr.readline().startswith("kompass: test pause: publish write areas.parquet"):
            assert proc.poll() is None, "the run ended before it published"
        new = set(os.listdir(out / ".generations")) - set(generations)
        assert len(new) == 1 and os.listdir(out / ".generations" / new.pop())  # half written
        os.kill(proc.pid, signal.SIGTERM)
        assert_ends(proc)
        assert proc.returncode == 143
        assert proc.stderr.read().splitlines() == [f"kompass: terminated (SIGTERM); {out} left as it was"]
    assert published(out) == before
    assert os.listdir(out / ".generations") == generations


def test_workers_hold_neither_the_lock_nor_the_pipes_of_other_workers(tmp_path, previous):
    raw, out = changed_copy(previous, tmp_path)
    proc = kompass(raw, out, env={"KOMPASS_TEST_PAUSE_EXTRACT": "30"})
    with stopped(proc):
        while_extracting(proc, 2)
        workers = [pid for pid in living(proc.pid) if pid != proc.pid]
        assert len(workers) == 2
        for pid in workers:
            held = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
            assert str(out / lock.NAME) not in held, f"worker {pid} holds the lock's descriptor"
            assert sum(link.startswith("socket:") for link in held) == 1, f"worker {pid}: {held}"
        assert str(out / lock.NAME) in [
            os.readlink(f"/proc/{proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{proc.pid}/fd")
        ]
        os.kill(proc.pid, signal.SIGKILL)
        assert_ends(proc)


ORPHANS_UNWATCHED = """
import sys
from kompass.pipeline import lifeline
lifeline.kernel_kills_orphans = lambda: False  # as on a system without PR_SET_PDEATHSIG
from kompass.pipeline.cli import main
sys.argv = ["kompass", *sys.argv[1:]]
main()
"""


def test_workers_end_with_the_run_without_the_kernels_help(tmp_path, previous):
    """Where the kernel cannot be asked to kill orphans (not Linux), each worker's own watch ends it."""
    raw, out = changed_copy(previous, tmp_path)
    command = [sys.executable, "-c", ORPHANS_UNWATCHED, "extract", str(raw), str(out), "--jobs", "2"]
    env = {**os.environ, "KOMPASS_TEST_PAUSE_EXTRACT": "30"}
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    with stopped(proc):
        while_extracting(proc, 2)
        os.kill(proc.pid, signal.SIGKILL)
        assert_ends(proc)


def changed_copy(previous: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """The previous run's RAW_DIR and OUT_DIR copied, without its record, so a run does not stand on it
    (the inputs are unchanged); the files come from the cache, only slowed by the test pause."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(previous[0], raw)
    shutil.copytree(previous[1], out, symlinks=True)
    (out / ".cache" / "manifest.json").unlink()
    return raw, out


@contextmanager
def stopped(proc: subprocess.Popen[str]) -> Iterator[None]:
    """Whatever happens inside, no process of the run outlives the block."""
    try:
        yield
    finally:
        for pid in living(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def assert_ends(proc: subprocess.Popen[str]) -> None:
    """The run's main process ends, and 2 s later no other process of it is alive."""
    proc.wait(timeout=30)
    deadline = time.monotonic() + 2.0
    while living(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not living(proc.pid), f"processes of the run alive 2 s after it ended: {living(proc.pid)}"


def report_ids(out: Path) -> list[str]:
    return sorted(pq.read_table(out / "reports.parquet").column("report_id").to_pylist())
