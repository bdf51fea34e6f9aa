"""Copies of one report found in several files: do they agree on every value both carry?"""

from __future__ import annotations

from kompass.pipeline.checks.findings import INFO, WARNING, Issue, place
from kompass.pipeline.checks.numbers import areas
from kompass.pipeline.checks.plausibility import COPY_CHECKS, compare_lists
from kompass.pipeline.model import Report

CHECKS: dict[str, str] = {
    "duplicate-report": "a report found in several files: the copies agree on every value both carry",
    **COPY_CHECKS,
}


def _values(report: Report) -> dict[tuple[int | None, str | None, str], object]:
    """The values two copies of a report can disagree on, keyed by (area, question, field)."""
    out: dict[tuple[int | None, str | None, str], object] = {
        (None, None, "municipality"): report.municipality,
        (None, None, "year"): report.year,
        (None, None, "evaluation_period"): report.evaluation_period,
        (None, None, "report_date"): report.report_date,
        (None, None, "total_score"): report.total_score,
        (None, None, "evaluators"): tuple(e.name for e in report.evaluators) or None,
    }
    for a in areas(report):
        for name in ("name", "table_name", "score", "table_total", "table_max", "table_percent", "chart_score"):
            out[(a.area_no, None, name)] = getattr(a, name)
        out[(a.area_no, None, "headings")] = tuple(a.headings) or None
        out[(a.area_no, None, "questions")] = (
            tuple(sorted((q.question_no for q in a.questions), key=lambda n: tuple(map(int, n.split("."))))) or None
        )
        for q in a.questions:
            for name in ("text", "achieved", "max_score", "percent"):
                out[(a.area_no, q.question_no, name)] = getattr(q, name)
    return out


def _shown(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)


def compare_copies(kept: Report, copy: Report) -> list[Issue]:
    """A warning per value two copies of a report both carry and disagree on; an info if they agree.

    Bullet lists much longer in one copy than in the other are plausibility.compare_lists' (list-length).
    A value one layout cannot carry (a Word export has no evaluators) is not a disagreement.
    """
    mine, theirs = _values(kept), _values(copy)
    both = [k for k in mine if k in theirs and mine[k] is not None and theirs[k] is not None]
    files = f"{copy.source_path} ({copy.source_format})"
    kept_file = f"{kept.source_path} ({kept.source_format})"
    issues = []
    for area_no, question_no, name in both:
        a, b = mine[(area_no, question_no, name)], theirs[(area_no, question_no, name)]
        if a != b:
            area = kept.areas.get(area_no) if area_no is not None else None
            where = place(kept.id, area_no, (area.table_name or area.name) if area else None, question_no)
            issues.append(
                Issue(
                    kept.id,
                    copy.source_path,
                    "duplicate-report",
                    WARNING,
                    f"{where}: {files} gives {name} as {_shown(b)}, the copy kept, {kept_file}, as {_shown(a)}",
                    area_no=area_no,
                    question_no=question_no,
                    field=name,
                    expected=_shown(a),
                    observed=_shown(b),
                )
            )
    lists = compare_lists(kept, copy)
    if not issues and not lists:
        issues.append(
            Issue(
                kept.id,
                copy.source_path,
                "duplicate-report",
                INFO,
                f"{kept.id}: {files} is another copy of the report; it agrees with "
                f"{kept_file}, which is kept, on all {len(both)} values both carry",
                field="copy",
                expected=kept.source_path,
                observed=copy.source_path,
            )
        )
    return issues + lists
