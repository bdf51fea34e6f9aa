"""Publishing is all or nothing: a publish killed at any step leaves the old run's files or the new one's,
through symlinks and, where os.symlink is refused, as plain files."""

from __future__ import annotations

import errno
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES
from out_dirs import start
from publisher import NAMES, Publisher
from typer.testing import CliRunner

from kompass.pipeline.cli import app
from kompass.pipeline.publish import generations
from kompass.pipeline.workflow import OUTPUT_FILES


def runs(folder: Path) -> dict[str, str]:
    """Which run each published file of a folder is from; every Parquet file read with pandas on the way."""
    found = {}
    for name in NAMES[:3]:
        (run,) = set(pd.read_parquet(folder / name).run)
        assert pq.read_schema(folder / name).metadata[b"run"].decode() == run
        found[name] = run
    found["report.html"] = (folder / "report.html").read_text()
    return found


def one(run: str) -> dict[str, str]:
    return dict.fromkeys(NAMES, run)


def kill_at_every_step(out: Path, mode: str, run: str, check: Callable[[str], None]) -> list[str]:
    """Publish `run` into out again and again, killing the publisher (SIGKILL) at step 1, 2, ... of it, until
    it gets through; check(step) after each kill. The steps killed at."""
    step, seen = 1, []
    while True:
        publisher = Publisher(out, mode, run, stepwise=True)
        pauses = 0
        for detail in publisher.steps():
            pauses += 1
            if pauses == step:
                publisher.kill()  # stopped before that step
                seen.append(detail.split(" ", 1)[1])
                break
        if pauses < step:  # the publish got through every step before this one
            assert publisher.wait() == 0
            return seen
        assert publisher.process.exitcode == -signal.SIGKILL
        check(seen[-1])
        step += 1


def all_or_nothing(out: Path, mode: str) -> Callable[[str], None]:
    """What a kill at a step may leave: the generation .current names is the old run's or the new one's,
    whole; with links the names show it, all at once; with plain files nothing shows before the switch, and
    after it each name shows one run or the other until the next command's repair makes them all the new."""

    def check(step: str) -> None:
        shown, generation = runs(out), runs(generations.readable(out))  # every file whole, of one run or the other
        assert generation in (one("old"), one("new")), (step, generation)
        if mode == "links" or step.startswith(("write", "switch")):
            assert shown == generation, (step, shown)
        else:
            assert generation == one("new") and set(shown.values()) <= {"old", "new"}, (step, shown)
        repaired = out.parent / "repaired"
        shutil.rmtree(repaired, ignore_errors=True)
        shutil.copytree(out, repaired, symlinks=True)
        generations.repair(repaired)
        assert runs(repaired) == runs(generations.readable(repaired)) == generation, step

    return check


@pytest.mark.parametrize("mode", ["links", "plain", "copies"])
def test_sigkill_at_every_publishing_step(tmp_path, mode):
    out = tmp_path / "out"
    assert Publisher(out, mode, "old").wait() == 0
    assert runs(out) == one("old")

    check = all_or_nothing(out, mode)
    seen = kill_at_every_step(out, mode, "new", check)
    assert runs(out) == runs(generations.readable(out)) == one("new")
    assert len(seen) >= len(NAMES) + 2, seen  # kills landed while writing, before and after the switch
    assert any(s.startswith("switch") for s in seen) and any(s.startswith("prune") for s in seen), seen
    if mode != "links":
        assert any(s.startswith("show b.parquet") for s in seen), seen  # while the names were being replaced
        assert (out / ".current").is_file() and not any(p.is_symlink() for p in out.iterdir())
    else:
        assert all((out / name).is_symlink() for name in NAMES)
    assert sorted(p.name for p in out.iterdir()) == [".current", ".generations", *NAMES]
    assert len(os.listdir(out / ".generations")) == 2  # the new run and the one before it
    assert duckdb.sql(f"select distinct run from '{out / 'a.parquet'}'").fetchall() == [("new",)]


@pytest.mark.parametrize("mode", ["links", "plain"])
def test_a_folder_of_plain_files_is_adopted_all_or_nothing_too(tmp_path, mode):
    """A dataset written before generations (plain files): the first publish into it, killed at any step."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a", "b", "c"):
        pq.write_table(pa.table({"run": ["old"] * 2}).replace_schema_metadata({"run": "old"}), out / f"{name}.parquet")
    (out / "report.html").write_text("old")

    seen = kill_at_every_step(out, mode, "new", all_or_nothing(out, mode))
    assert runs(out) == one("new")
    if mode == "links":
        assert any(s.startswith("link a.parquet") for s in seen), seen  # kills landed while adopting the files
        assert all((out / name).is_symlink() for name in NAMES)
    assert sorted(p.name for p in out.iterdir()) == [".current", ".generations", *NAMES]
    assert len(os.listdir(out / ".generations")) == 2


def test_a_folder_that_published_links_turns_to_plain_files_when_links_are_refused(tmp_path):
    """The same folder later written where symlinks are refused (a share opened from Windows)."""
    out = tmp_path / "out"
    assert Publisher(out, "links", "old").wait() == 0
    assert Publisher(out, "plain", "new").wait() == 0
    assert runs(out) == runs(generations.readable(out)) == one("new")
    assert not any(p.is_symlink() for p in out.iterdir())
    assert Publisher(out, "links", "newer").wait() == 0  # and stays plain: .current is a file
    assert runs(out) == one("newer") and not any(p.is_symlink() for p in out.iterdir())


def test_extract_publishes_every_file_in_one_switch(tmp_path):
    """kompass extract hands all its files to one publish: every file is written before the one switch."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")  # a failure row: quick, and the dataset is still written
    proc = start(raw, tmp_path / "out", pause="0")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    steps = [ln.split("publish ", 1)[1] for ln in err.splitlines() if ln.startswith("kompass: test pause: publish")]
    switches = [n for n, s in enumerate(steps) if s.startswith("switch")]
    assert len(switches) == 1
    assert sorted(s.split()[1] for s in steps[: switches[0]] if s.startswith("write")) == sorted(OUTPUT_FILES)


def test_a_full_disk_leaves_the_previous_dataset(tmp_path, monkeypatch):
    """The disk fills while the run writes its files (the third Parquet file): one clear line, exit 2, the
    dataset before untouched and the unfinished generation gone (its space with it)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")  # a quick previous dataset: one failure row
    assert CliRunner().invoke(app, ["extract", str(raw), str(out), "--jobs", "1"]).exit_code == 1
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".parquet", ".html")}
    shutil.copy(SAMPLES["torsas-2017"], raw)
    written: list[str] = []
    write_table = pq.write_table

    def filling(table: pa.Table, where: str | Path, **kwargs: object) -> None:
        written.append(str(where))
        if len(written) == 3:
            Path(where).write_bytes(b"PAR1" + bytes(100))  # what fitted
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_table(table, where, **kwargs)

    monkeypatch.setattr(pq, "write_table", filling)
    result = CliRunner().invoke(app, ["extract", str(raw), str(out), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"kompass: error: cannot write to {out}: No space left on device; the dataset there is left as it was"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".parquet", ".html")} == before
    assert len(os.listdir(out / ".generations")) == 1
    assert not [p for p in out.rglob("*.tmp")]
