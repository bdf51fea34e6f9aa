"""Arrow schemas of the dataset's tables (kompass.schemas.tables), imported on first use: pyarrow's import
is a quarter of a second that a run standing on the last one, or `kompass --help`, need not pay."""

from __future__ import annotations

from typing import Any

TABLE_NAMES = ("reports", "evaluators", "areas", "questions", "findings")  # TABLES' keys, in order

__all__ = ["TABLES", "TABLE_NAMES"]


def __getattr__(name: str) -> Any:
    if name == "TABLES":
        from kompass.schemas.tables import TABLES

        return TABLES
    raise AttributeError(f"module 'kompass.schemas' has no attribute {name!r}")
