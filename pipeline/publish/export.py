"""The dataset as an Excel workbook or as CSV files, for people who work in a spreadsheet.

Workbook: one sheet per table (named after it), the wide area scores first, and
a `columns` sheet with every column's description from the schemas. List
columns are joined with "; ", dates are Excel dates, missing values empty cells;
each sheet has a frozen header row, an autofilter and widths that fit the text.
CSV: one UTF-8 file per table, comma-separated, a header row, the same cells.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from kompass.pipeline.publish.frames import AREA_COLUMNS, SCHEMAS, Dataset

WORKBOOK = "kompass.xlsx"
CSV_FOLDER = "csv"
LIST_SEPARATOR = "; "
EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
AREA_SCORES = "area_scores"


def sheets(data: Dataset) -> dict[str, pd.DataFrame]:
    """Every sheet or CSV file by name, with cells ready for a spreadsheet: area_scores first, then the tables."""
    out = {AREA_SCORES: data.area_scores()}
    out.update(data.tables())
    return {name: _cells(frame) for name, frame in out.items()}


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined, labels as text, nullable integers with missing values as None (an empty cell)."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            out[name] = column.astype(object).where(column.notna(), None)
        elif isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_integer_dtype(column):
            out[name] = column.astype(object).where(column.notna(), None)
        elif column.dtype == object or pd.api.types.is_string_dtype(column):
            out[name] = column.map(_text).astype(object)
    return out


def _text(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def column_descriptions(data: Dataset) -> pd.DataFrame:
    """One row per column of every sheet: sheet, column, type, description (from the schemas)."""
    rows = []
    reports = SCHEMAS["reports"]
    for column in data.area_scores().columns:
        if column in AREA_COLUMNS:
            no = column.split("_")[1]
            description = (
                f"Score of area {no} (areas.score); what area {no} is depends on compass_revision "
                "(the 2020 revision renamed all eight areas)"
            )
            rows.append((AREA_SCORES, column, "integer", description))
        elif column in reports.names:
            rows.append((AREA_SCORES, column, _type_name(reports.field(column).type), _description(reports, column)))
    for name, schema in SCHEMAS.items():
        for field in schema:
            rows.append((name, field.name, _type_name(field.type), _description(schema, field.name)))
    return pd.DataFrame(rows, columns=["sheet", "column", "type", "description"])


def _description(schema: pa.Schema, column: str) -> str:
    metadata = schema.field(column).metadata or {}
    return metadata.get(b"description", b"").decode()


def _type_name(arrow_type: pa.DataType) -> str:
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "decimal number"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_dictionary(arrow_type):
        return "label (text)"
    if pa.types.is_list(arrow_type):
        return f"list (joined with '{LIST_SEPARATOR.strip()} ')"
    return "text"


def write_workbook(data: Dataset, path: Path) -> dict[str, int]:
    """Write the workbook to path (all or nothing); returns the rows of each sheet."""
    tables = sheets(data)
    tables["columns"] = column_descriptions(data)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp's file is private; the workbook is as shareable as the dataset
    try:
        with pd.ExcelWriter(tmp, engine="xlsxwriter", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd") as xl:
            for name, frame in tables.items():
                frame = frame.map(_fits_a_cell) if len(frame.columns) else frame
                frame.to_excel(xl, sheet_name=name, index=False, freeze_panes=(1, 0))
                sheet = xl.sheets[name]
                if len(frame.columns):
                    sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
                for i, width in enumerate(_widths(frame)):
                    sheet.set_column(i, i, width)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return {name: len(frame) for name, frame in tables.items()}


def _fits_a_cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def _widths(frame: pd.DataFrame, least: int = 6, most: int = 60) -> Iterable[float]:
    """Column widths (in characters) from the header and the longest of the first thousand values."""
    for name in frame.columns:
        column = frame[name].head(1000)
        if pd.api.types.is_datetime64_any_dtype(column):
            longest = 10
        else:
            longest = max((len(str(v)) for v in column if v is not None and not pd.isna(v)), default=0)
        yield min(most, max(least, len(str(name)) + 2, longest + 1))


def write_csv(data: Dataset, folder: Path) -> dict[str, int]:
    """Write one CSV file per sheet into folder (UTF-8, comma, header row), all or nothing; rows per file."""
    tables = sheets(data)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, frame in tables.items():
            frame.to_csv(tmp / f"{name}.csv", index=False, encoding="utf-8", date_format="%Y-%m-%d")
        for name in tables:
            os.replace(tmp / f"{name}.csv", folder / f"{name}.csv")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {name: len(frame) for name, frame in tables.items()}
