"""One writer per OUT_DIR: two runs into the same folder do not mix their files."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow.parquet as pq
from out_dirs import one_sample, runs_in, start

from kompass.pipeline.publish import lock


def test_two_runs_into_one_folder_do_not_mix(tmp_path):
    """Both publish slowly (a pause before each step); the second waits for the first, whole."""
    first = one_sample(tmp_path / "first", "tranas-2017")
    second = one_sample(tmp_path / "second", "torsas-2017")
    out = tmp_path / "out"
    a, b = start(first, out, pause="0.2"), start(second, out, pause="0.2")
    errs = []
    for proc in (a, b):
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        errs.append(err)
    found = runs_in(out)
    assert found in ({str(first), "html:tranas-2017"}, {str(second), "html:torsas-2017"}), found
    reports = pq.read_table(out / "reports.parquet").column("report_id").to_pylist()
    areas = set(pq.read_table(out / "areas.parquet").column("report_id").to_pylist())
    assert len(reports) == 1 and areas == set(reports)
    assert sum("kompass: waiting for another kompass run (pid" in err for err in errs) == 1, errs


def test_no_wait_exits_2_while_another_run_writes(tmp_path):
    raw = one_sample(tmp_path / "raw", "torsas-2017")
    out = tmp_path / "out"
    out.mkdir()
    with lock.holding(out):
        busy = start(raw, out, "--no-wait")
        _, err = busy.communicate(timeout=60)
    assert busy.returncode == 2
    assert err.splitlines() == [
        f"kompass: error: {out} is being written by another kompass run (pid {os.getpid()}); "
        "run again when it is done, or without --no-wait to wait for it"
    ]
    assert not (out / "reports.parquet").exists()
    free = start(raw, out, "--no-wait")
    assert free.wait(timeout=60) == 0 and (out / "reports.parquet").exists()


HOLD = """
import os, sys, time
from pathlib import Path
from kompass.pipeline.publish import lock
fd = lock.acquire(Path(sys.argv[1]))
os.ftruncate(fd, 0)
os.pwrite(fd, sys.argv[2].encode(), 0)  # the pid of a run that has ended, as if this were a process it left
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_held_after_its_run_ended_is_said_to_be(tmp_path):
    """The lock's recorded holder is gone but a process still holds the lock: said so, not waited for silently."""
    raw = one_sample(tmp_path / "raw", "torsas-2017")
    out = tmp_path / "out"
    out.mkdir()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out), str(dead)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        busy = start(raw, out, "--no-wait")
        _, err = busy.communicate(timeout=60)
        assert busy.returncode == 2
        assert err.splitlines() == [
            f"kompass: error: {out} is locked by a process left running by a kompass run that has ended "
            f"(pid {dead}); run again when it is done, or without --no-wait to wait for it"
        ]
        waiting = start(raw, out)
        assert waiting.stderr is not None
        assert waiting.stderr.readline().rstrip("\n") == (
            f"kompass: the kompass run that locked {out} (pid {dead}) has ended, but a process it started still "
            f"holds {out / lock.NAME} (`fuser -v` names it); waiting for that process to end"
        )
    finally:
        holder.kill()
        holder.wait()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
