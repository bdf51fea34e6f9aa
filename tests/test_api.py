"""The Python API (kompass.extract / load / validate): the same library as the command, the same numbers."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, load_gold, raw_folder
from typer.testing import CliRunner

import kompass
from benchmarks.corpus import specs
from kompass.pipeline.cli import app
from synth.text import transcript, word_export

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def samples_dataset(tmp_path_factory) -> tuple[Path, Path, kompass.ExtractSummary]:
    """The samples extracted through the API (raw folder, out folder, summary)."""
    root = tmp_path_factory.mktemp("api")
    raw = raw_folder(root / "raw")
    out = root / "out"
    return raw, out, kompass.extract(raw, out, jobs=1)


def test_import_is_cheap_and_versioned():
    code = "import sys, kompass; print(kompass.__version__); print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    version, pandas_loaded = done.stdout.split()
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", version)
    assert pandas_loaded == "False"


def test_version_option_and_dataset_metadata(samples_dataset):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"kompass {kompass.__version__}"
    _raw, out, _summary = samples_dataset
    for name in ("reports", "areas", "validation", "failures"):
        metadata = pq.read_schema(out / f"{name}.parquet").metadata
        assert metadata[b"kompass.version"].decode() == kompass.__version__
        assert b"kompass.run_started" in metadata


def test_summary_counts_are_the_written_tables(samples_dataset):
    _raw, out, summary = samples_dataset
    assert summary.reports == 2 and summary.files == 2 and summary.failures == [] and summary.exit_code == 0
    for name, count in summary.rows.items():
        assert len(pd.read_parquet(out / f"{name}.parquet")) == count, name
    severities = pd.read_parquet(out / "validation.parquet").severity.astype(str).value_counts().to_dict()
    assert {s: n for s, n in summary.validation.items() if n} == severities
    assert summary.verdict == ("errors" if severities.get("error") else "warnings" if severities else "clean")


def test_api_and_command_give_the_same_dataset(samples_dataset, tmp_path):
    raw, out, summary = samples_dataset
    result = runner.invoke(app, ["extract", str(raw), str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0
    assert summary.lines[0].replace(str(out), "OUT") in result.output.replace(str(tmp_path), "OUT")
    for name in ("reports", "areas", "questions", "findings", "validation"):
        assert pq.read_table(out / f"{name}.parquet").equals(pq.read_table(tmp_path / f"{name}.parquet")), name


def test_load_types_come_from_the_schema(samples_dataset):
    data = kompass.load(samples_dataset[1])
    assert str(data.reports.year.dtype) == "Int16"
    assert str(data.areas.score.dtype) == "Int16" and str(data.areas.area_no.dtype) == "Int8"
    assert str(data.questions.achieved.dtype) == "Int16"
    assert isinstance(data.reports.source_format.dtype, pd.CategoricalDtype)
    assert isinstance(data.validation.severity.dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(data.reports.report_date)
    torsas = data.reports.set_index("report_id").loc["torsas-2017"]
    assert torsas.total_score is pd.NA  # a Word export loses the chart: missing, not NaN in a float column


def test_area_scores_are_the_gold_values(samples_dataset):
    wide = kompass.load(samples_dataset[1]).area_scores().set_index("report_id")
    assert list(wide.index) == sorted(SAMPLES)
    for name in SAMPLES:
        gold = load_gold(name)
        row = wide.loc[name]
        assert [row[f"area_{a['area_no']}"] for a in gold["areas"]] == [a["score"] for a in gold["areas"]]
        assert row.municipality == gold["report"]["municipality"] and row.year == gold["report"]["year"]
        assert row.total_score_computed == sum(a["score"] for a in gold["areas"])
    assert wide.loc["tranas-2017"].total_score == load_gold("tranas-2017")["report"]["total_score"]
    assert all(str(wide[f"area_{no}"].dtype) == "Int16" for no in range(1, 9))


def test_validate_returns_the_commands_findings(samples_dataset, tmp_path):
    _raw, out, _summary = samples_dataset
    findings = kompass.validate(out)
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    written = pd.read_parquet(out / "validation.parquet")
    assert len(findings) == len(written) == sum(_summary.validation.values())
    assert sorted(findings.check_name.astype(str)) == sorted(written.check_name.astype(str))
    assert str(findings.area_no.dtype) == "Int8"


def _render(spec: dict, folder: Path, layout: str) -> None:
    r = spec["report"]
    text = transcript(spec) if layout == "transcript" else word_export(spec)
    (folder / f"{r['municipality']}-{r['year']}.{layout}.txt").write_text(text, encoding="utf-8")


def test_latest_is_each_municipalitys_last_evaluation(tmp_path):
    first, second, other = specs(3, seed=7)
    earlier, later = copy.deepcopy(first), copy.deepcopy(second)
    later["report"]["municipality"] = earlier["report"]["municipality"]
    later["report"]["municipality_type"] = earlier["report"]["municipality_type"]
    earlier["report"]["year"], later["report"]["year"] = 2016, 2019
    for spec in (earlier, later):
        spec["report"]["evaluation_period"] = f"april {spec['report']['year']}"
        spec["report"]["report_date"] = f"{spec['report']['year']}-05-10"
    raw = tmp_path / "raw"
    raw.mkdir()
    for spec in (later, earlier, other):
        _render(spec, raw, "transcript")
    summary = kompass.extract(raw, tmp_path / "out", jobs=1)
    assert summary.reports == 3
    data = kompass.load(tmp_path / "out")
    latest = data.latest()
    assert len(data.area_scores()) == 3 and len(latest) == 2
    row = latest.set_index("municipality").loc[later["report"]["municipality"]]
    assert row.year == 2019
    assert [row[f"area_{a['area_no']}"] for a in later["areas"]] == [a["score"] for a in later["areas"]]


def test_named_errors(tmp_path):
    with pytest.raises(kompass.InputNotFound, match="nope"):
        kompass.extract(tmp_path / "nope", tmp_path / "out")
    with pytest.raises(kompass.NoDataset, match="reports.parquet"):
        kompass.load(tmp_path)
    with pytest.raises(kompass.NoDataset):
        kompass.validate(tmp_path)
    with pytest.raises(kompass.InvalidOption, match="jobs"):
        kompass.extract(tmp_path, tmp_path / "out", jobs=-1)
    assert issubclass(kompass.NoDataset, kompass.UsageError)
    # the command turns the same errors into exit code 2
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 2


def test_failures_and_no_reports(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    summary = kompass.extract(raw, tmp_path / "out", jobs=1)
    assert summary.reports == 0 and summary.exit_code == 1
    assert [(f.source_path, f.error_kind) for f in summary.failures] == [("empty.txt", "empty_file")]
    data = kompass.load(tmp_path / "out")
    assert data.area_scores().empty and data.latest().empty
    assert list(data.area_scores().columns)[:4] == ["report_id", "municipality", "municipality_code", "year"]
    assert data.failures.error_kind.astype(str).tolist() == ["empty_file"]


def _readme_python(heading: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_examples_run_as_written(samples_dataset, tmp_path):
    """The README's Python blocks under "Using the dataset", run in order against the samples' dataset."""
    blocks = _readme_python("Using the dataset")
    assert any("kompass.load" in b for b in blocks)
    processed = tmp_path / "data" / "processed"
    processed.parent.mkdir()
    raw_folder(tmp_path / "data" / "raw")
    kompass.extract(tmp_path / "data" / "raw", processed, jobs=1)
    # one session, block after block, as a reader pastes them into a notebook
    done = subprocess.run([sys.executable, "-c", "\n".join(blocks)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Tranås" in done.stdout and "Torsås" in done.stdout
