"""One writer per OUT_DIR: two runs into the same folder do not mix their files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from conftest import SAMPLES

from kompass.pipeline.publish import lock
from kompass.schemas import TABLES

TABLE_FILES = [f"{name}.parquet" for name in (*TABLES, "failures", "validation")]


def one_sample(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES[name], folder)
    return folder


def start(raw: Path, out: Path, *extra: str, pause: str = "1.0") -> subprocess.Popen[str]:
    env = {**os.environ, "KOMPASS_TEST_PAUSE_PUBLISH": pause}
    command = [sys.executable, "-m", "kompass", "extract", str(raw), str(out), "--jobs", "1", *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def runs_in(out: Path) -> set[str]:
    """The input folders the published files were written from (each file records its run's)."""
    found = {pq.read_schema(out / name).metadata[b"kompass.input"].decode() for name in TABLE_FILES}
    html = (out / "validation_report.html").read_text(encoding="utf-8")
    found |= {f"html:{rid}" for rid in ("tranas-2017", "torsas-2017") if rid in html}
    return found


def test_two_runs_into_one_folder_do_not_mix(tmp_path):
    """Both publish slowly (a pause before each step); the second waits for the first, whole."""
    first = one_sample(tmp_path / "first", "tranas-2017")
    second = one_sample(tmp_path / "second", "torsas-2017")
    out = tmp_path / "out"
    a, b = start(first, out), start(second, out)
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
        busy = start(raw, out, "--no-wait", pause="0")
        _, err = busy.communicate(timeout=60)
    assert busy.returncode == 2
    assert err.splitlines() == [
        f"kompass: error: {out} is being written by another kompass run (pid {os.getpid()}); "
        "run again when it is done, or without --no-wait to wait for it"
    ]
    assert not (out / "reports.parquet").exists()
    free = start(raw, out, "--no-wait", pause="0")
    assert free.wait(timeout=60) == 0 and (out / "reports.parquet").exists()
