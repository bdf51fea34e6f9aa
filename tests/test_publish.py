"""Publishing is all or nothing: a run killed at any step leaves every file of the old run or of the new one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from out_dirs import TABLE_FILES, one_sample, runs_in, start


def test_sigkill_at_every_publishing_step(tmp_path):
    old_raw = one_sample(tmp_path / "old", "tranas-2017")
    new_raw = one_sample(tmp_path / "new", "torsas-2017")
    out = tmp_path / "out"
    assert start(old_raw, out).wait(timeout=120) == 0
    old, new = {str(old_raw), "html:tranas-2017"}, {str(new_raw), "html:torsas-2017"}
    assert runs_in(out) == old
    step, seen = 1, []
    while True:
        proc = start(new_raw, out, pause="0.2")
        assert proc.stderr is not None
        pauses = 0
        for line in proc.stderr:
            if line.startswith("kompass: test pause: publish"):
                pauses += 1
                if pauses == step:
                    proc.send_signal(signal.SIGKILL)  # during the pause before that step
                    seen.append(line.split("publish", 1)[1].strip())
                    break
        proc.communicate(timeout=60)
        if pauses < step:  # the run got through every step before this one
            assert proc.returncode == 0
            break
        assert proc.returncode == -signal.SIGKILL
        found = runs_in(out)
        assert found in (old, new), (step, seen[-1], found)
        step += 1
    assert runs_in(out) == new
    assert step > len(TABLE_FILES) + 2, seen  # kills landed while writing, before and after the switch
    assert any(s.startswith("switch") for s in seen) and any(s.startswith("prune") for s in seen), seen


PUBLISH_NEW = """
import sys
from pathlib import Path
import pyarrow as pa
from kompass.pipeline.publish import dataset
tables = {name: pa.table({"run": ["new"] * 3}) for name in ("a", "b", "c")}
dataset.write(tables, Path(sys.argv[1]), metadata={"run": "new"}, files={"report.html": "new"})
"""


def published(out: Path) -> set[str]:
    found = {pq.read_schema(out / f"{name}.parquet").metadata[b"run"].decode() for name in ("a", "b", "c")}
    found |= {str(set(pd.read_parquet(out / f"{name}.parquet").run)) for name in ("a", "b", "c")}
    return found | {(out / "report.html").read_text()}


def test_a_folder_of_plain_files_is_adopted_all_or_nothing_too(tmp_path):
    """A dataset written before generations (plain files): the first publish into it, killed at any step."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a", "b", "c"):
        pq.write_table(pa.table({"run": ["old"] * 2}).replace_schema_metadata({"run": "old"}), out / f"{name}.parquet")
    (out / "report.html").write_text("old")
    old, new = {"old", "{'old'}"}, {"new", "{'new'}"}
    env = {**os.environ, "KOMPASS_TEST_PAUSE_PUBLISH": "0.05"}
    step, seen = 1, []
    while True:
        proc = subprocess.Popen(
            [sys.executable, "-c", PUBLISH_NEW, str(out)], env=env, stderr=subprocess.PIPE, text=True
        )
        assert proc.stderr is not None
        pauses = 0
        for line in proc.stderr:
            if line.startswith("kompass: test pause: publish"):
                pauses += 1
                if pauses == step:
                    proc.send_signal(signal.SIGKILL)
                    seen.append(line.split("publish", 1)[1].strip())
                    break
        proc.communicate(timeout=60)
        if pauses < step:
            assert proc.returncode == 0
            break
        assert published(out) in (old, new), (step, seen[-1], published(out))
        step += 1
    assert published(out) == new
    assert any(s.startswith("link a.parquet") for s in seen), seen  # kills landed while adopting the plain files
    assert sorted(p.name for p in out.iterdir()) == [".current", ".generations", *sorted(PLAIN)]
    assert all((out / name).is_symlink() for name in PLAIN)
    assert len(os.listdir(out / ".generations")) == 2  # the new run and the one before it


PLAIN = ["a.parquet", "b.parquet", "c.parquet", "report.html"]
