"""Consistency checks over extracted reports: which printed numbers an analyst can trust.

Each check is a function from a Report to Issues (rows of validation.parquet),
kept in a module by what it looks at: the printed numbers (numbers.py, the
rounding-aware way of checks.reconcile), the report's structure (structure.py),
the values its layout carries (carried.py), what arithmetic cannot see in texts
(plausibility.py),
copies of one report (copies.py). The checks read Report objects only, so the
same code runs after extraction and on a dataset read back from Parquet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kompass.pipeline.checks import carried, copies, numbers, plausibility, structure, texts
from kompass.pipeline.checks.findings import Issue
from kompass.pipeline.model import Report

MODULES = (numbers, structure, carried, plausibility, texts)
CHECKS: dict[str, str] = {
    **numbers.CHECKS,
    **structure.CHECKS,
    **carried.CHECKS,
    **plausibility.CHECKS,
    **texts.CHECKS,
    **copies.CHECKS,
}
CHECK_FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [f for m in MODULES for f in m.FUNCTIONS]


def validate(report: Report) -> list[Issue]:
    """Every check over one report; a clean report gives an empty list."""
    return [issue for check in CHECK_FUNCTIONS for issue in check(report)]


def validate_all(reports: list[Report]) -> list[Issue]:
    """Every check over every report, in report id order; findings a worker already made are reused."""
    return [
        issue
        for r in sorted(reports, key=lambda r: r.id)
        for issue in (r.issues if r.issues is not None else validate(r))
    ]
