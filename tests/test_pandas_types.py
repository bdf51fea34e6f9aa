"""The tables read as analysts read them: integer columns stay integers in pandas, names work in SQL."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from conftest import FIXTURES, raw_folder

from kompass.schemas.tables import FAILURES, TABLES, VALIDATION

SCHEMAS = {**TABLES, "failures": FAILURES, "validation": VALIDATION}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """Both text samples (the Word export has no total_score), a .docx (no pages) and a broken file."""
    root = tmp_path_factory.mktemp("types")
    raw = raw_folder(root / "raw")
    shutil.copy(FIXTURES / "native" / "helsingborg-2017.docx", raw)
    (raw / "empty.txt").write_bytes(b"")
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "kompass", "extract", str(raw), str(out)], capture_output=True)
    assert done.returncode == 1, done.stderr  # the empty file failed, the rest was written
    return out


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_integer_column_reads_as_a_nullable_integer(out, table):
    frame = pd.read_parquet(out / f"{table}.parquet")
    integers = [f for f in SCHEMAS[table] if pa.types.is_integer(f.type)]
    assert integers or table == "failures"
    for field in integers:
        assert frame[field.name].dtype == pd.api.types.pandas_dtype(f"Int{field.type.bit_width}"), field.name


def test_the_nulls_are_there_and_stay_integers(out):
    """The columns the question is about hold nulls in this dataset, and their values are whole numbers."""
    reports = pd.read_parquet(out / "reports.parquet").set_index("source_path")
    assert reports.total_score.isna().any() and reports.page_count.isna().any()
    assert reports.total_score.dropna().tolist() == [454]  # Tranås's chart label "2017-454p"
    areas = pd.read_parquet(out / "areas.parquet")
    assert areas.source_page.isna().any() and areas.source_page.notna().any()
    validation = pd.read_parquet(out / "validation.parquet")
    assert str(validation.area_no.dtype) == "Int8"


def test_duckdb_reads_check_name(out):
    path = out / "validation.parquet"
    counts = dict(duckdb.sql(f"select check_name, count(*) from '{path}' group by 1").fetchall())
    assert counts and sum(counts.values()) == len(pd.read_parquet(path))
