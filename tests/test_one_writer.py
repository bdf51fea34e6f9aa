"""One writer per OUT_DIR: two runs into the same folder do not mix their files."""

from __future__ import annotations

import os

import pyarrow.parquet as pq
from out_dirs import one_sample, runs_in, start

from kompass.pipeline.publish import lock


def test_two_runs_into_one_folder_do_not_mix(tmp_path):
    """Both publish slowly (a pause before each step); the second waits for the first, whole."""
    first = one_sample(tmp_path / "first", "tranas-2017")
    second = one_sample(tmp_path / "second", "torsas-2017")
    out = tmp_path / "out"
    a, b = start(first, out, pause="1.0"), start(second, out, pause="1.0")
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
