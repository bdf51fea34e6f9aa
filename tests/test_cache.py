"""The cache holds data, never code: a damaged, foreign or tampered entry is refused and the file read again."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, SAMPLES
from typer.testing import CliRunner, Result

from kompass.pipeline import cache
from kompass.pipeline.cli import app
from kompass.pipeline.runner import PARSER_VERSION
from kompass.schemas import TABLES

pytestmark = pytest.mark.xdist_group("cache")  # one worker makes the cached dataset once for all
TABLE_FILES = [f"{name}.parquet" for name in (*TABLES, "failures", "validation")]


def kompass(*args: str) -> Result:
    """`kompass extract ARGS --jobs 1`, in this process (workers are still processes of their own)."""
    return CliRunner().invoke(app, ["extract", *args, "--jobs", "1"])


def dataset(out: Path) -> dict[str, object]:
    return {name: pq.read_table(out / name).to_pylist() for name in TABLE_FILES}


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    """RAW_DIR (a sample and a native PDF), an OUT_DIR extracted with the cache, and the dataset as
    extracted without it."""
    work = tmp_path_factory.mktemp("cached")
    raw = work / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES["torsas-2017"], raw)
    shutil.copy(FIXTURES / "native" / "gotland-2017.pdf", raw)
    fresh, out = work / "fresh", work / "out"
    assert kompass(str(raw), str(fresh), "--no-cache").exit_code == 0
    assert kompass(str(raw), str(out)).exit_code == 0
    assert dataset(out) == dataset(fresh)
    return raw, out, dataset(fresh)


def entries(out: Path) -> list[Path]:
    found = sorted(p for p in (out / ".cache").glob("*.json") if len(p.name.split(".")[0]) == 64)
    assert found, "no cache entries"
    return found


class Plant:
    """Unpickling this creates a file: what a crafted cache entry could do if the cache were pickles."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def garbage(path: Path, marker: Path) -> None:
    path.write_bytes(b"\x00\xff not json at all \x80" * 10)


def truncated(path: Path, marker: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def other_version(path: Path, marker: Path) -> None:
    """An intact entry of another parser version, whose values differ: it must not be used."""
    entry = json.loads(path.read_bytes())
    entry["parser_version"] = "0123456789ab"
    for area in entry["report"]["areas"].values():
        area["score"] = 1
    path.write_text(json.dumps(entry))


def wrong_types(path: Path, marker: Path) -> None:
    """This version's tag, but a value of the wrong type and a field the model does not have."""
    entry = json.loads(path.read_bytes())
    entry["report"]["year"] = "2017"
    entry["report"]["areas"]["1"]["__class__"] = "os.system"
    path.write_text(json.dumps(entry))


def crafted_pickle(path: Path, marker: Path) -> None:
    """A pickle in the entry's place, and under the name the pickle cache used for the same file."""
    payload = pickle.dumps(Plant(marker))
    path.write_bytes(payload)
    sha, engine = path.name.split(".")[:2]
    (path.parent / f"{sha}.v{PARSER_VERSION}.{engine}.pickle").write_bytes(payload)


@pytest.mark.parametrize("damage", [garbage, truncated, other_version, wrong_types, crafted_pickle])
def test_a_bad_entry_is_read_again_with_a_note(tmp_path, cached, damage):
    raw, template, expected = cached
    out = tmp_path / "out"
    shutil.copytree(template, out, symlinks=True)
    marker = tmp_path / "planted"
    for path in entries(out):
        damage(path, marker)
    (out / ".cache" / "manifest.json").unlink()  # else the unchanged inputs skip the run altogether

    again = kompass(str(raw), str(out))
    assert again.exit_code == 0, again.output
    assert not marker.exists()
    assert dataset(out) == expected
    notes = [ln for ln in again.stderr.splitlines() if ln.startswith("kompass: ")]
    if damage is other_version:
        assert notes == ["kompass: note: the cache of 2 file(s) was made by another kompass version; read again"]
    else:
        assert len(notes) == 2 and all("warning" in ln and "read again" in ln for ln in notes), again.stderr
    for path in entries(out):  # rewritten: the next run takes them without a note
        sha, _engine = path.name.split(".")[:2]
        assert cache.load(path.read_bytes(), sha, PARSER_VERSION).source_sha256 == sha
    assert sorted(p.name for p in (out / ".cache").iterdir()) == sorted(
        [*(p.name for p in entries(out)), "manifest.json"]
    )


def test_entries_no_input_uses_are_pruned_after_a_run(tmp_path, cached):
    """The cache holds what the current inputs use: entries of files gone, stray files, nothing else."""
    raw, template, _ = cached
    out = tmp_path / "out"
    shutil.copytree(template, out, symlinks=True)
    (out / ".cache" / ".x.json.123.tmp").write_text("left by a killed run")
    (out / ".cache" / f"{'ab' * 32}.pdfplumber.json").write_text("{}")  # the other engine's
    assert len(entries(out)) == 3
    unchanged = kompass(str(raw), str(out))  # nothing to do, and the cache is tidied all the same
    assert unchanged.exit_code == 0 and "inputs unchanged" in unchanged.output
    assert len(entries(out)) == 2 and not (out / ".cache" / ".x.json.123.tmp").exists()
    fewer = tmp_path / "fewer"
    shutil.copytree(raw, fewer)
    (fewer / "gotland-2017.pdf").unlink()
    assert kompass(str(fewer), str(out), "--no-cache").exit_code == 0
    assert len(entries(out)) == 2  # a run without the cache leaves it alone
    assert kompass(str(fewer), str(out)).exit_code == 0
    kept = {json.loads(p.read_bytes())["report"]["source_path"] for p in entries(out)}
    assert kept == {p.name for p in fewer.iterdir()}


def test_an_entry_round_trips_every_field():
    from conftest import sample_report

    from kompass.pipeline.checks.validate import validate

    report = sample_report("tranas-2017")
    report.issues = validate(report)
    assert report.issues, "the sample has findings, so they are part of the round trip"
    data = cache.dump(report, "ab" * 32, "v1")
    assert cache.load(data, "ab" * 32, "v1") == report
    with pytest.raises(cache.Unusable):
        cache.load(data, "cd" * 32, "v1")
    with pytest.raises(cache.OtherVersion):
        cache.load(data, "ab" * 32, "v2")
