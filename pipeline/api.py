"""The Python API: `kompass.extract`, `kompass.load`, `kompass.validate`, for a notebook or a script.

Each is the library function the `kompass` command calls, with nothing added:
the same files are written, the same named errors raised (`UsageError` and its
kinds where the command exits 2, `Interrupted` where it exits 130).

    >>> import kompass
    >>> summary = kompass.extract("data/raw", "data/processed")
    >>> data = kompass.load("data/processed")
    >>> data.area_scores()        # one row per report, the eight areas and the totals
    >>> kompass.validate("data/processed").query("severity == 'error'")
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kompass.pipeline import workflow
from kompass.pipeline.checks.findings import to_table
from kompass.pipeline.publish import frames
from kompass.pipeline.publish.frames import Dataset
from kompass.pipeline.workflow import (
    ExtractSummary,
    InputNotFound,
    Interrupted,
    InvalidOption,
    NoDataset,
    OutputNotWritable,
    UsageError,
)
from kompass.schemas.tables import VALIDATION

__all__ = [
    "Dataset",
    "ExtractSummary",
    "InputNotFound",
    "Interrupted",
    "InvalidOption",
    "NoDataset",
    "OutputNotWritable",
    "UsageError",
    "extract",
    "load",
    "validate",
]


def extract(
    raw_dir: str | Path,
    out_dir: str | Path,
    *,
    jobs: int | None = None,
    timeout: float = 60.0,
    max_size_mb: float = 100.0,
    max_pages: int = 400,
    pdf_engine: str = "pdfium",
    cache: bool = True,
) -> ExtractSummary:
    """Extract every report under raw_dir into the dataset in out_dir, as `kompass extract` does.

    Options are the command's (`jobs` defaults to the CPU count; `cache=False` is
    `--no-cache`). Returns the counts, the failed files (`.failures`) and the
    validation verdict (`.verdict`: 'errors', 'warnings' or 'clean'). Files that
    cannot be read do not raise; InputNotFound, OutputNotWritable and
    InvalidOption do (all UsageError), and Interrupted on Ctrl-C.
    """
    return workflow.extract(
        Path(raw_dir),
        Path(out_dir),
        jobs=jobs,
        timeout=timeout,
        max_size_mb=max_size_mb,
        max_pages=max_pages,
        pdf_engine=pdf_engine,
        cache=cache,
    )


def load(out_dir: str | Path) -> Dataset:
    """The dataset in out_dir as typed DataFrames (`.reports`, `.areas`, ..., `.validation`).

    Integers are nullable (a missing score is <NA>), labels are categoricals.
    `.area_scores()` is one row per report with the eight areas and the totals;
    `.latest()` the same for each municipality's latest evaluation. Raises
    NoDataset if a table is missing.
    """
    try:
        return frames.read_dataset(Path(out_dir))
    except FileNotFoundError as e:
        raise NoDataset(f"no dataset in {out_dir}: {Path(e.filename or '').name} not found") from None


def validate(out_dir: str | Path, raw_dir: str | Path | None = None) -> pd.DataFrame:
    """Re-run the checks on the dataset in out_dir, as `kompass validate` does, and return the findings.

    Rewrites validation.parquet and validation_report.html (raw_dir makes the
    report's source paths links). One row per finding, typed like
    validation.parquet; an empty frame means every check passed. Raises NoDataset.
    """
    issues = workflow.validate(Path(out_dir), Path(raw_dir) if raw_dir is not None else None)
    return frames.to_frame(to_table(issues), VALIDATION)
