"""Validation findings: the Issue record (a row of validation.parquet), severities, and the table form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, Unpack

from kompass.pipeline.model import Area, Question, Report

if TYPE_CHECKING:
    import pyarrow as pa

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass
class Issue:
    """One validation finding: a row of validation.parquet (see schemas.tables.VALIDATION)."""

    report_id: str
    source_path: str | None
    check_name: str
    severity: str
    message: str
    area_no: int | None = None
    question_no: str | None = None
    field: str | None = None
    expected: str | None = None
    observed: str | None = None
    naive_sum: int | None = None
    interval_low: float | None = None
    interval_high: float | None = None
    source_page: int | None = None


class IssueValues(TypedDict, total=False):
    """The values an Issue may carry besides where it is (the keywords of `issue`)."""

    field: str | None
    expected: str | None
    observed: str | None
    naive_sum: int | None
    interval_low: float | None
    interval_high: float | None
    source_page: int | None


def place(
    report_id: str, area_no: int | None = None, area_name: str | None = None, question_no: str | None = None
) -> str:
    """'tranas-2017, area 4 (Ledarskap, ansvar och delegation), question 4.2'."""
    parts = [report_id]
    if area_no is not None:
        parts.append(f"area {area_no}" + (f" ({area_name})" if area_name else ""))
    if question_no is not None:
        parts.append(f"question {question_no}")
    return ", ".join(parts)


def issue(
    report: Report,
    check_name: str,
    severity: str,
    message: str,
    area: Area | None = None,
    question: Question | None = None,
    **values: Unpack[IssueValues],
) -> Issue:
    where = place(
        report.id,
        area.area_no if area else None,
        (area.table_name or area.name) if area else None,
        question.question_no if question else None,
    )
    return Issue(
        report.id,
        report.source_path,
        check_name,
        severity,
        f"{where}: {message}",
        area_no=area.area_no if area else None,
        question_no=question.question_no if question else None,
        **values,
    )


def to_table(issues: list[Issue]) -> pa.Table:
    """The issues as validation.parquet's table, ordered by report id (stable)."""
    import pyarrow as pa  # here: the checks themselves, run in every worker, need no Arrow

    from kompass.schemas.tables import VALIDATION

    ordered = sorted(issues, key=lambda i: i.report_id)
    columns = {name: [getattr(i, name) for i in ordered] for name in VALIDATION.names}  # asdict copies deeply: slow
    return pa.Table.from_pydict(columns, schema=VALIDATION)


def from_table(table: pa.Table) -> list[Issue]:
    return [Issue(**row) for row in table.to_pylist()]


def summary(issues: list[Issue]) -> str:
    """'0 errors, 8 warnings, 0 info'."""
    n = Counter(i.severity for i in issues)
    return f"{n[ERROR]} error{'s' * (n[ERROR] != 1)}, {n[WARNING]} warning{'s' * (n[WARNING] != 1)}, {n[INFO]} info"
