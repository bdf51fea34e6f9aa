"""kompass export: the dataset as a workbook and as CSV files, read back with pandas and openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import load_gold, raw_folder
from typer.testing import CliRunner

from kompass.pipeline.cli import app
from kompass.pipeline.publish.frames import SCHEMAS

runner = CliRunner()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("export")
    out = root / "out"
    assert runner.invoke(app, ["extract", str(raw_folder(root / "raw")), str(out), "--jobs", "1"]).exit_code == 0
    return out


def test_workbook_has_every_table_with_its_rows(dataset):
    result = runner.invoke(app, ["export", str(dataset), "--to", "xlsx"])
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(dataset / "kompass.xlsx", sheet_name=None)
    assert list(sheets)[0] == "area_scores" and list(sheets)[-1] == "columns"
    for name in SCHEMAS:
        parquet = pd.read_parquet(dataset / f"{name}.parquet")
        assert len(sheets[name]) == len(parquet), name
        assert list(sheets[name].columns) == list(parquet.columns), name
    assert len(sheets["area_scores"]) == len(sheets["reports"])


def test_workbook_cells_are_what_the_reports_print(dataset):
    runner.invoke(app, ["export", str(dataset)])
    sheets = pd.read_excel(dataset / "kompass.xlsx", sheet_name=None, dtype={"municipality_code": str})
    wide = sheets["area_scores"].set_index("report_id")
    reports = sheets["reports"].set_index("report_id")
    areas = sheets["areas"].set_index(["report_id", "area_no"])
    for name in ("tranas-2017", "torsas-2017"):
        gold = load_gold(name)
        assert [wide.loc[name, f"area_{a['area_no']}"] for a in gold["areas"]] == [a["score"] for a in gold["areas"]]
        headings = areas.loc[(name, 1), "headings"]
        assert headings == "; ".join(gold["areas"][0]["headings"])
    assert pd.isna(reports.loc["torsas-2017", "total_score"])  # the Word export lost the chart: an empty cell
    assert reports.loc["tranas-2017", "municipality_code"] == "0687"  # a code, not the number 687
    book = openpyxl.load_workbook(dataset / "kompass.xlsx")
    sheet = book["reports"]
    header = [c.value for c in sheet[1]]
    date = sheet.cell(row=3, column=header.index("report_date") + 1)  # rows sorted by id: tranas-2017 second
    assert sheet.cell(row=3, column=1).value == "tranas-2017"
    assert (
        isinstance(date.value, dt.datetime)
        and date.value.date().isoformat() == load_gold("tranas-2017")["report"]["report_date"]
    )
    assert "yy" in date.number_format
    for name in book.sheetnames:
        assert book[name].freeze_panes == "A2", name
        assert book[name].auto_filter.ref, name
    assert sheet.column_dimensions["A"].width >= len("tranas-2017")


def test_columns_sheet_describes_every_column(dataset):
    runner.invoke(app, ["export", str(dataset)])
    columns = pd.read_excel(dataset / "kompass.xlsx", sheet_name="columns")
    for name, schema in SCHEMAS.items():
        described = columns[columns.sheet == name]
        assert list(described.column) == schema.names
        assert described.description.notna().all() and (described.description.str.len() > 5).all()
    assert len(columns[columns.sheet == "area_scores"]) == 16


def test_csv_files(dataset, tmp_path):
    target = tmp_path / "elsewhere"
    result = runner.invoke(app, ["export", str(dataset), "--to", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    for name in [*SCHEMAS, "area_scores"]:
        frame = pd.read_csv(target / f"{name}.csv", encoding="utf-8", dtype=str, keep_default_na=False)
        expected = len(pd.read_parquet(dataset / f"{name}.parquet")) if name in SCHEMAS else 2
        assert len(frame) == expected, name
    reports = pd.read_csv(target / "reports.csv", dtype=str, keep_default_na=False).set_index("report_id")
    assert reports.loc["tranas-2017", "municipality"] == "Tranås"
    assert reports.loc["tranas-2017", "report_date"] == "2017-05-10"
    assert reports.loc["torsas-2017", "total_score"] == ""
    assert not (dataset / "csv").exists()


def test_default_csv_folder_and_workbook_path(dataset, tmp_path):
    assert runner.invoke(app, ["export", str(dataset), "--to", "csv"]).exit_code == 0
    assert (dataset / "csv" / "areas.csv").is_file()
    book = tmp_path / "sub" / "mine.xlsx"
    assert runner.invoke(app, ["export", str(dataset), "-o", str(book)]).exit_code == 0
    assert book.is_file()


def test_a_dataset_with_failures_and_no_reports(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(raw), str(out)])
    assert runner.invoke(app, ["export", str(out)]).exit_code == 0
    sheets = pd.read_excel(out / "kompass.xlsx", sheet_name=None)
    assert len(sheets["reports"]) == 0 and "report_id" in sheets["reports"].columns
    assert sheets["failures"].error_kind.tolist() == ["empty_file"]
    assert runner.invoke(app, ["export", str(out), "--to", "csv"]).exit_code == 0


def test_no_dataset_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 2 and "no dataset" in result.output
