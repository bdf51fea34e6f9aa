"""The dataset's Parquet files as pandas DataFrames with the types of `schemas/tables.py`, and two wide views.

Integers become pandas' nullable integers (Int8, Int16, ...), so a missing
score stays <NA> instead of turning the column into floats; dictionary columns
(labels such as source_format, severity) become categoricals; dates become
datetime64. The types come from the schemas, not from whatever a file's own
pandas metadata says, so files written by older versions load the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kompass.pipeline.publish.generations import readable
from kompass.schemas.tables import FAILURES, TABLES, VALIDATION

SCHEMAS: dict[str, pa.Schema] = {**TABLES, "failures": FAILURES, "validation": VALIDATION}
AREA_COLUMNS = [f"area_{no}" for no in range(1, 9)]
AREA_SCORE_COLUMNS = [
    "report_id",
    "municipality",
    "municipality_code",
    "year",
    "compass_revision",
    "source_format",
    *AREA_COLUMNS,
    "total_score",
    "total_score_computed",
]
_NULLABLE_INTEGERS: dict[pa.DataType, pd.api.extensions.ExtensionDtype] = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
}


def _types_mapper(arrow_type: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    return _NULLABLE_INTEGERS.get(arrow_type)


def to_frame(table: pa.Table, schema: pa.Schema) -> pd.DataFrame:
    """An Arrow table as a DataFrame typed by `schema` (columns the schema does not name keep their own type)."""
    for name in schema.names:
        if name in table.column_names:
            index = table.column_names.index(name)
            wanted = schema.field(name).type
            if table.column(index).type != wanted:
                table = table.set_column(index, schema.field(name), table.column(index).cast(wanted))
    frame = table.to_pandas(types_mapper=_types_mapper, date_as_object=False)
    for name in frame.columns:
        if pa.types.is_dictionary(table.schema.field(name).type) and not isinstance(
            frame[name].dtype, pd.CategoricalDtype
        ):
            frame[name] = frame[name].astype("category")
    return frame


def read_frame(out_dir: Path, name: str) -> pd.DataFrame:
    """One table of the dataset (`reports`, `areas`, ..., `failures`, `validation`) as a typed DataFrame."""
    path = Path(out_dir) / f"{name}.parquet"
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    return to_frame(pq.read_table(path), SCHEMAS[name])


def area_scores(reports: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """One row per report: municipality, code, year, revision, layout, the eight area scores and the totals.

    area_1 .. area_8 hold `areas.score` by area number; what an area number means
    depends on the revision (the 2020 revision renamed all eight).
    """
    out = reports.copy()
    for no, column in enumerate(AREA_COLUMNS, start=1):
        score = areas.loc[areas.area_no == no].set_index("report_id").score
        out[column] = out.report_id.map(score).astype(pd.Int16Dtype())
    return out[AREA_SCORE_COLUMNS].sort_values("report_id", ignore_index=True)


def latest(scores: pd.DataFrame) -> pd.DataFrame:
    """The latest evaluation per municipality (by year) of an area_scores() frame.

    Municipalities are told apart by SCB code, else by name; a report with
    neither is kept on its own.
    """
    who = scores.municipality_code.astype(object).where(
        scores.municipality_code.notna(), scores.municipality.astype(object)
    )
    who = who.where(who.notna(), scores.report_id)
    ordered = scores.assign(_who=who, _year=scores.year.astype("Float64").fillna(-1)).sort_values(
        ["_who", "_year", "report_id"]
    )
    last = ordered.drop_duplicates("_who", keep="last").drop(columns=["_who", "_year"])
    return last.sort_values(["municipality", "report_id"], ignore_index=True, na_position="last")


@dataclass
class Dataset:
    """The tables of one dataset as typed DataFrames, with the wide views analysts build first."""

    reports: pd.DataFrame
    evaluators: pd.DataFrame
    areas: pd.DataFrame
    questions: pd.DataFrame
    findings: pd.DataFrame
    failures: pd.DataFrame
    validation: pd.DataFrame

    def area_scores(self) -> pd.DataFrame:
        """One row per report: municipality, municipality_code, year, compass_revision, source_format,
        area_1 .. area_8 (nullable integers) and total_score (as printed) / total_score_computed."""
        return area_scores(self.reports, self.areas)

    def latest(self) -> pd.DataFrame:
        """area_scores() restricted to the latest evaluation of each municipality."""
        return latest(self.area_scores())

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in the dataset's order."""
        return {name: getattr(self, name) for name in SCHEMAS}


def read_dataset(out_dir: Path) -> Dataset:
    """Every table of the dataset in out_dir, all of one generation (one run, even while another publishes);
    FileNotFoundError names a missing file."""
    folder = readable(Path(out_dir))
    return Dataset(**{name: read_frame(folder, name) for name in SCHEMAS})


def from_tables(tables: dict[str, pa.Table]) -> Dataset:
    """A Dataset from Arrow tables held in memory (as extraction has them before they are written)."""
    return Dataset(**{name: to_frame(tables[name], SCHEMAS[name]) for name in SCHEMAS})
