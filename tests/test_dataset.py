"""The written dataset: the schemas in schemas/, readable by pandas and DuckDB as is."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import raw_folder
from typer.testing import CliRunner

from kompass.pipeline.cli import app
from kompass.pipeline.publish import dataset as ds
from kompass.schemas.tables import TABLES, VALIDATION

FILES = list(TABLES) + ["failures", "validation"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    raw = raw_folder(tmp_path_factory.mktemp("raw"))
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["extract", str(raw), str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", list(TABLES) + ["validation"])
def test_files_follow_the_schemas(dataset, name):
    schema = pq.read_schema(dataset / f"{name}.parquet")
    expected = {**TABLES, "validation": VALIDATION}[name]
    assert [(f.name, f.type) for f in schema] == [(f.name, f.type) for f in expected]
    assert all(f.metadata and f.metadata.get(b"description") for f in schema)


def test_pandas_reads_every_file(dataset):
    for name in FILES:
        pd.read_parquet(dataset / f"{name}.parquet")
    reports = pd.read_parquet(dataset / "reports.parquet")
    assert list(reports.report_id) == ["torsas-2017", "tranas-2017"]
    assert list(reports.municipality_code) == ["0834", "0687"]
    assert list(reports.source_format) == ["word_export", "pdf_transcript"]
    areas = pd.read_parquet(dataset / "areas.parquet")
    assert len(areas) == 16 and areas.headings.map(len).sum() == 2 * 44


def test_duckdb_reads_every_file(dataset):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    for name in FILES:
        con.sql(f"select * from '{dataset / name}.parquet'").fetchall()
    rows = con.sql(f"""
        select r.municipality, sum(q.achieved) as achieved, count(*) as questions
        from '{dataset}/questions.parquet' q join '{dataset}/reports.parquet' r using (report_id)
        group by 1 order by 1""").fetchall()
    assert [(m, n) for m, _, n in rows] == [("Torsås", 45), ("Tranås", 45)]


def test_rerun_gives_identical_content(dataset, tmp_path):
    """Rows sorted, no wall-clock values in data columns: the same input gives the same tables."""
    raw = raw_folder(tmp_path / "raw")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["extract", str(raw), str(out)]).exit_code == 0
    for name in FILES:
        first, second = pq.read_table(dataset / f"{name}.parquet"), pq.read_table(out / f"{name}.parquet")
        assert first.equals(second)
        run_keys = {b"kompass.run_started", b"kompass.input"}
        meta = [{k: v for k, v in t.schema.metadata.items() if k not in run_keys} for t in (first, second)]
        assert meta[0] == meta[1]
        assert b"kompass.run_started" in second.schema.metadata  # the run time lives in file metadata only


def test_reading_back_gives_the_same_tables(dataset):
    """dataset.read() is the inverse of dataset.tables(): what validate re-checks is what extract wrote."""
    again = ds.tables(ds.read(dataset))
    for name in TABLES:
        assert again[name].equals(pq.read_table(dataset / f"{name}.parquet")), name
