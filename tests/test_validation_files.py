"""validation.parquet and validation_report.html, as `kompass extract` and `kompass validate` write them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, load_gold, raw_folder
from typer.testing import CliRunner

from kompass.pipeline.checks.findings import Issue
from kompass.pipeline.cli import app
from kompass.pipeline.publish.validation_report import _link, sum_chart
from synth import text as synth

runner = CliRunner()


def extract(raw: Path, out: Path):
    result = runner.invoke(app, ["extract", str(raw), str(out)])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def samples(tmp_path) -> Path:
    raw = raw_folder(tmp_path / "raw")
    return raw


@pytest.fixture
def broken(tmp_path) -> Path:
    """Torsås with 3.4's 17 read as 1, rendered as a Word export, and a second transcript of Tranås
    (uploads/, so the sample sorts first and is kept) that gives 1.2's 14 as 41."""
    raw = tmp_path / "raw"
    raw.mkdir()
    torsas = load_gold("torsas-2017")
    next(q for q in torsas["questions"] if q["question_no"] == "3.4")["achieved"] = 1
    (raw / "torsas.txt").write_text(synth.word_export(torsas), encoding="utf-8")
    shutil.copy(SAMPLES["tranas-2017"], raw / "tranas.txt")
    tranas = load_gold("tranas-2017")
    next(q for q in tranas["questions"] if q["question_no"] == "1.2")["achieved"] = 41
    (raw / "uploads").mkdir()
    (raw / "uploads" / "tranas.txt").write_text(synth.transcript(tranas), encoding="utf-8")
    return raw


def test_extract_writes_the_findings_and_says_so(samples, tmp_path):
    out = tmp_path / "out"
    result = extract(samples, out)
    assert "validation: 0 errors, 8 warnings, 0 info" in result.output
    assert "2 reports written" in result.output  # the one-line summary is still there
    found = pd.read_parquet(out / "validation.parquet")
    assert set(found.check_name) == {"subquestion-sum"} and set(found.severity) == {"warning"}
    assert sorted(zip(found.report_id, found.area_no)) == [
        ("torsas-2017", 1),
        ("torsas-2017", 4),
        ("torsas-2017", 5),
        ("tranas-2017", 1),
        ("tranas-2017", 2),
        ("tranas-2017", 4),
        ("tranas-2017", 6),
        ("tranas-2017", 8),
    ]


def test_validate_rewrites_the_same_findings(samples, tmp_path):
    out = tmp_path / "out"
    extract(samples, out)
    first = pq.read_table(out / "validation.parquet")
    (out / "validation.parquet").unlink()
    result = runner.invoke(app, ["validate", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("validation: 0 errors, 8 warnings, 0 info")
    assert pq.read_table(out / "validation.parquet").equals(first)  # extract's run metadata aside


def test_strict_fails_on_an_error_and_duplicates_survive_revalidation(broken, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(broken), str(out)])
    assert result.exit_code == 0, result.output
    found = pd.read_parquet(out / "validation.parquet")
    errors = found[found.severity == "error"]
    assert sorted(zip(errors.report_id, errors.check_name, errors.question_no.fillna(""))) == [
        ("torsas-2017", "percent-mismatch", "3.4"),
        ("torsas-2017", "subquestion-sum", ""),
    ]
    dup = found[found.check_name == "duplicate-report"]
    assert list(zip(dup.source_path, dup.question_no, dup.expected, dup.observed)) == [
        ("uploads/tranas.txt", "1.2", "14", "41")
    ]

    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    strict = runner.invoke(app, ["validate", str(out), "--strict"])
    assert strict.exit_code == 1 and "validation: 2 errors" in strict.output
    again = pd.read_parquet(out / "validation.parquet")
    assert again.equals(found)


def test_validate_without_a_dataset_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2 and "no dataset" in result.output


def test_the_html_is_self_contained_and_names_what_to_distrust(broken, tmp_path):
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(broken), str(out)])
    html = (out / "validation_report.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert "<style>" in html and "<svg" in html
    assert "distrust area 3: percent-mismatch, subquestion-sum" in html
    assert html.index("torsas-2017") < html.index("tranas-2017")  # the report to distrust comes first
    assert 'href="../raw/tranas.txt"' in html and 'href="../raw/torsas.txt"' in html


def test_a_pdf_link_opens_the_page():
    link = _link("2017/tranas.pdf", 23, Path("/data/out"), Path("/data/raw"), "pdf")
    assert 'href="../raw/2017/tranas.pdf#page=23"' in link and "p. 23" in link
    assert "#page" not in _link("tranas.txt", 23, Path("/data/out"), Path("/data/raw"), "pdf_transcript")
    assert "href" not in _link("tranas.txt", 23, Path("/data/out"), None, "pdf_transcript")


def test_the_chart_marks_the_interval_red_only_when_it_misses_the_total():
    def chart(low, high, total):
        return sum_chart(
            Issue(
                "x",
                None,
                "subquestion-sum",
                "warning",
                "m",
                expected=str(total),
                naive_sum=total + 2,
                interval_low=low,
                interval_high=high,
            )
        )

    assert "#2f7d3a" in chart(61.8, 62.55, 62) and "#c0392b" not in chart(61.8, 62.55, 62)
    assert "#c0392b" in chart(36.075, 37.7, 53)
    assert sum_chart(Issue("x", None, "max-sum", "error", "m", naive_sum=105)) == ""
