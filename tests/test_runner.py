"""Running many files: one bad file costs only itself, results keep input order, the cache."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

from kompass.pipeline import runner
from kompass.pipeline.inputs import Failure
from kompass.pipeline.model import Report
from kompass.pipeline.runner import Settings, run


def fake_extract(data: bytes, path: Path, relative: str, **kw):
    """Stands in for extract_bytes: hangs or kills its process for some file names."""
    if "hang" in path.name:
        time.sleep(60)
    if "crash" in path.name:
        os._exit(3)
    return Report(source_format="word_export", source_path=relative, report_id=relative)


@pytest.mark.parametrize("jobs", [1, 2])
def test_hang_and_crash_fail_alone_in_order(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(runner, "extract_bytes", fake_extract)
    names = ["a.txt", "b-hang.txt", "c.txt", "d-crash.txt", "e.txt"]
    for name in names:
        (tmp_path / name).write_text("x")
    started = time.monotonic()
    results = list(run([(tmp_path / n, n) for n in names], Settings(jobs=jobs, timeout=1.0)))
    assert time.monotonic() - started < 20
    assert [i for i, _ in results] == list(range(5))
    kinds = [r.error_kind if isinstance(r, Failure) else r.source_path for _, r in results]
    assert kinds == ["a.txt", "timeout", "c.txt", "crashed", "e.txt"]


def test_same_output_whatever_the_jobs(tmp_path):
    tasks = [(p, p.name) for p in SAMPLES.values()] * 3
    one = [r.areas[4].questions[1].achieved for _, r in run(tasks, Settings(jobs=1))]
    two = [r.areas[4].questions[1].achieved for _, r in run(tasks, Settings(jobs=2))]
    assert one == two and len(one) == 6


def test_modules_for_afterwards_are_imported_near_the_end_of_the_reading(tmp_path, monkeypatch):
    """warm: imported while the workers read their last files, not for the whole run (they hold memory)."""
    monkeypatch.setattr(runner, "WARM_LEAD", 0.5)
    (tmp_path / "warm_probe.py").write_text("import time\nIMPORTED = time.monotonic()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    started = tmp_path / "started"
    started.mkdir()

    def slow_extract(data: bytes, path: Path, relative: str, **kw):
        (started / relative).write_text(repr(time.monotonic()))
        time.sleep(0.2)
        return Report(source_format="word_export", source_path=relative, report_id=relative)

    monkeypatch.setattr(runner, "extract_bytes", slow_extract)
    names = [f"{i}.txt" for i in range(8)]  # 1.6 s of reading: the import waits for the last 0.5 s
    for name in names:
        (tmp_path / name).write_text("x")
    results = list(run([(tmp_path / n, n) for n in names], Settings(jobs=1), warm=["warm_probe"]))
    import warm_probe

    assert len(results) == 8
    starts = sorted(float((started / n).read_text()) for n in names)
    assert starts[4] < warm_probe.IMPORTED < starts[-1] + 0.2


def test_a_short_run_imports_what_it_needs_afterwards_while_it_reads(tmp_path, monkeypatch):
    (tmp_path / "warm_probe_short.py").write_text("import time\nIMPORTED = time.monotonic()\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    def slow_extract(data: bytes, path: Path, relative: str, **kw):
        time.sleep(0.4)
        return Report(source_format="word_export", source_path=relative, report_id=relative)

    monkeypatch.setattr(runner, "extract_bytes", slow_extract)
    names = [f"{i}.txt" for i in range(3)]
    for name in names:
        (tmp_path / name).write_text("x")
    results = list(run([(tmp_path / n, n) for n in names], Settings(jobs=1), warm=["warm_probe_short"]))
    ended = time.monotonic()
    import warm_probe_short

    assert len(results) == 3
    assert warm_probe_short.IMPORTED < ended - 0.5  # from the first file read on, not after the last


def test_reports_from_workers_share_their_standard_texts():
    """Two copies of a report sent from workers hold one string per sub-question, area name and check,
    and read the same as before."""
    tasks = [(SAMPLES["torsas-2017"], "a.txt"), (SAMPLES["torsas-2017"], "b.txt")]
    a, b = (r for _, r in run(tasks, Settings(jobs=2)))
    assert isinstance(a, Report) and isinstance(b, Report)
    pairs = [
        (qa.text, qb.text)
        for x, y in zip(a.areas.values(), b.areas.values())
        for qa, qb in zip(x.questions, y.questions)
    ]
    pairs += [(x.name, y.name) for x, y in zip(a.areas.values(), b.areas.values())]
    pairs += [(i.check_name, j.check_name) for i, j in zip(a.issues or [], b.issues or [])]
    assert len(pairs) > 40 and all(s == t for s, t in pairs)
    assert all(s is t for s, t in pairs)
    direct = runner.extract_one(SAMPLES["torsas-2017"], "a.txt", Settings())
    assert [q.text for x in direct.areas.values() for q in x.questions] == [
        q.text for x in a.areas.values() for q in x.questions
    ]


def test_cache_serves_unchanged_files(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    path = SAMPLES["torsas-2017"]
    first = runner.extract_one(path, path.name, Settings(cache_dir=cache))
    assert isinstance(first, Report) and len(list(cache.iterdir())) == 1

    def must_not_parse(*a, **kw):
        raise AssertionError("parsed again although cached")

    monkeypatch.setattr(runner, "extract_bytes", must_not_parse)
    again = runner.extract_one(path, "renamed.txt", Settings(cache_dir=cache))
    assert again.areas[1].score == first.areas[1].score and again.source_path == "renamed.txt"


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 4096)
    result = runner.extract_one(path, "big.txt", Settings(max_bytes=1024))
    assert isinstance(result, Failure) and result.error_kind == "too_large" and "--max-size" in result.message


@pytest.mark.parametrize("bad", [{"jobs": 0}, {"timeout": 0}, {"max_pages": 0}])
def test_settings_are_validated(bad):
    with pytest.raises(ValueError):
        Settings(**bad)
