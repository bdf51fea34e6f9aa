"""Consistency checks over extracted reports: which printed numbers an analyst can trust.

Each check is a function from a Report to Issues (rows of validation.parquet).
Sums are checked the rounding-aware way (checks.reconcile): printed parts that
do not add up are an error only when no true, unrounded scores explain every
printed number. The checks read Report objects only, so the same code runs
after extraction and on a dataset read back from Parquet (dataset.read).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache

import pyarrow as pa
import regex as re

from kompass.pipeline.checks.reconcile import (
    INCONSISTENT,
    ROUNDING,
    VARIANT,
    Interval,
    Reconciliation,
    between,
    from_percent,
    printed,
    reconcile,
    total,
)
from kompass.pipeline.interpret.areas import identify
from kompass.pipeline.model import Area, Question, Report
from kompass.schemas.tables import VALIDATION

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
AREA_NUMBERS = range(1, 9)
AREA_MAX = 100
TITLE_PAGE_LAYOUTS = {"pdf", "docx", "pdf_transcript"}  # the word export starts at chapter 1: no evaluators
LISTS = {"strength": "STYRKOR (strengths)", "improvement": "FÖRBÄTTRINGSOMRÅDEN (improvement areas)"}

CHECKS: dict[str, str] = {
    "subquestion-sum": "an area's sub-question scores add up to its table's total row, allowing for rounding",
    "percent-mismatch": "a row's percent agrees with its achieved and max points, allowing for rounding",
    "score-table-mismatch": "the chapter 3 area score ('Poäng') equals the chapter 4 table's total row",
    "max-sum": "an area's sub-question maxima add up to the area maximum, 100",
    "total-score": "the area scores add up to the printed total score, allowing for rounding",
    "chart-score": "the chapter 2 chart's area scores equal the tables' scores",
    "missing-area": "all eight areas are there, each with its chapter 3 section and chapter 4 table",
    "question-numbering": "an area's sub-questions are numbered N.1, N.2, ... without gaps or repeats",
    "question-area": "a sub-question's number belongs to the area of the table it was printed in",
    "empty-list": "every area has at least one strength and one improvement bullet",
    "missing-metadata": "municipality, year, and the evaluators (layouts with a title page) were found",
    "unknown-area-name": "each area's name is one of a known revision's (2010, 2016, 2020), so its key is sure",
    "unreadable-text": "the reader could read all of the document's text (no fonts without a Unicode map)",
    "duplicate-report": "a report found in several files: the copies agree on every value both carry",
}


@dataclass
class Issue:
    """One validation finding: a row of validation.parquet (see schemas.tables.VALIDATION)."""

    report_id: str
    source_path: str | None
    check: str
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


def _issue(
    report: Report,
    check: str,
    severity: str,
    message: str,
    area: Area | None = None,
    question: Question | None = None,
    **values,
) -> Issue:
    where = place(
        report.report_id,
        area.area_no if area else None,
        (area.table_name or area.name) if area else None,
        question.question_no if question else None,
    )
    return Issue(
        report.report_id,
        report.source_path,
        check,
        severity,
        f"{where}: {message}",
        area_no=area.area_no if area else None,
        question_no=question.question_no if question else None,
        **values,
    )


def _areas(report: Report) -> list[Area]:
    return [report.areas[no] for no in sorted(report.areas)]


def _score(area: Area) -> int | None:
    """The area's score: chapter 3's "Poäng", else the table's total row."""
    return area.score if area.score is not None else area.table_total


@lru_cache(maxsize=65536)  # printed rows repeat across reports; Fraction arithmetic is slow
def readings(achieved: int, max_score: int, percent: int) -> tuple[Interval, Interval]:
    """A row's true score as its printed points allow, and as its printed percent allows (both within 0..max)."""
    bounds = between(0, max_score)
    return printed(achieved) & bounds, from_percent(percent, max_score) & bounds


def true_score(q: Question) -> Interval:
    """Where a question's true score lies: where both readings agree, else the points as printed.

    A row whose readings do not meet is reported by percent-mismatch; the sum checks
    then take the printed points, which are what the total was added from.
    """
    return _true_score(q.achieved, q.max_score, q.percent)


@lru_cache(maxsize=65536)
def _true_score(achieved: int, max_score: int, percent: int) -> Interval:
    by_points, by_percent = readings(achieved, max_score, percent)
    both = by_points & by_percent
    return printed(achieved) if both.empty else both


def table_span(area: Area) -> Interval | None:
    """Where the sum of an area's true sub-question scores lies, if it has a table."""
    return total([true_score(q) for q in area.questions]) if area.questions else None


def _sum_issue(
    report: Report,
    check: str,
    rec: Reconciliation,
    parts: str,
    whole: str,
    area: Area | None = None,
    page: int | None = None,
) -> Iterator[Issue]:
    """The finding for a reconciled sum: none if exact, a warning if rounding explains it, else an error."""
    said = f"the {parts} add up to {rec.naive_sum}, {whole} is {rec.total}"
    if rec.verdict == ROUNDING:
        severity = WARNING
        text = f"{said}; unrounded they can sum to {rec.interval}, which holds {rec.total}: consistent through rounding"
    elif rec.verdict == VARIANT:
        severity = WARNING
        text = (
            f"the {parts} add up to {whole} {rec.total}, but unrounded they can only sum to {rec.interval}: "
            f"the total was added up from the rounded {parts}"
        )
    elif rec.verdict == INCONSISTENT:
        severity = ERROR
        text = (
            f"{said}; even unrounded they can only sum to {rec.interval}, which does not hold {rec.total}: "
            "a printed value is wrong"
        )
    else:
        return
    yield _issue(
        report,
        check,
        severity,
        text,
        area,
        field="total",
        expected=str(rec.total),
        observed=str(rec.naive_sum),
        naive_sum=rec.naive_sum,
        interval_low=float(rec.interval.low),
        interval_high=float(rec.interval.high),
        source_page=page,
    )


# -- the checks -----------------------------------------------------------------


def check_subquestion_sum(report: Report) -> Iterator[Issue]:
    """Printed sub-question scores against the table's total row, by interval reconciliation."""
    for area in _areas(report):
        printed_total = area.table_total if area.table_total is not None else area.score
        if not area.questions or printed_total is None:
            continue
        rec = reconcile([q.achieved for q in area.questions], [true_score(q) for q in area.questions], printed_total)
        whole = "the table's total row" if area.table_total is not None else "the chapter 3 score"
        yield from _sum_issue(report, "subquestion-sum", rec, "sub-question scores", whole, area, area.table_page)


def _percent_row(
    report: Report, area: Area, q: Question | None, achieved: int, max_score: int, percent: int, page: int | None
) -> Iterator[Issue]:
    by_points, by_percent = readings(achieved, max_score, percent)
    if by_points.meets(by_percent):
        return
    row = (
        f"the row prints {achieved} of {max_score} points and {percent}%"
        if q
        else f"the total row prints {achieved} of {max_score} points and {percent}%"
    )
    points = printed(achieved)
    if max_score > 0:
        shares = f"{float(100 * points.low / max_score):.1f}–{float(100 * points.high / max_score):.1f}%"
        text = f"{row}; {achieved} points (±0.5) are {shares} of {max_score}, which does not round to {percent}%"
    else:
        shares = "none"
        text = f"{row}; a maximum of {max_score} leaves no percent"
    yield _issue(
        report,
        "percent-mismatch",
        ERROR,
        text,
        area,
        q,
        field="percent",
        expected=shares,
        observed=f"{percent}%",
        interval_low=float(points.low),
        interval_high=float(points.high),
        source_page=page,
    )


def check_percent(report: Report) -> Iterator[Issue]:
    """Each row's percent (and the total row's) against its achieved and max points."""
    for area in _areas(report):
        for q in area.questions:
            yield from _percent_row(report, area, q, q.achieved, q.max_score, q.percent, q.page)
        if None not in (area.table_total, area.table_max, area.table_percent):
            yield from _percent_row(
                report, area, None, area.table_total, area.table_max, area.table_percent, area.table_page
            )


def check_score_table(report: Report) -> Iterator[Issue]:
    """Chapter 3's area score against the chapter 4 table's total row: both print round(sum)."""
    for area in _areas(report):
        if area.score is not None and area.table_total is not None and area.score != area.table_total:
            yield _issue(
                report,
                "score-table-mismatch",
                ERROR,
                f"chapter 3 gives the area score as {area.score}, "
                f"the chapter 4 table's total row as {area.table_total}",
                area,
                field="score",
                expected=str(area.table_total),
                observed=str(area.score),
                source_page=area.page,
            )


def check_max_sum(report: Report) -> Iterator[Issue]:
    """Sub-question maxima add up to 100, and the total row says 100."""
    for area in _areas(report):
        if area.questions:
            maxima = sum(q.max_score for q in area.questions)
            if maxima != AREA_MAX:
                yield _issue(
                    report,
                    "max-sum",
                    ERROR,
                    f"the sub-question maxima add up to {maxima}, not {AREA_MAX}",
                    area,
                    field="max_score",
                    expected=str(AREA_MAX),
                    observed=str(maxima),
                    naive_sum=maxima,
                    source_page=area.table_page,
                )
        if area.table_max is not None and area.table_max != AREA_MAX:
            yield _issue(
                report,
                "max-sum",
                ERROR,
                f"the total row's maximum is {area.table_max}, not {AREA_MAX}",
                area,
                field="table_max",
                expected=str(AREA_MAX),
                observed=str(area.table_max),
                source_page=area.table_page,
            )


def check_total_score(report: Report) -> Iterator[Issue]:
    """Area scores against the printed total score, each area's true score narrowed by its table."""
    if report.total_score is None:
        return
    scores, spans = [], []
    for area in _areas(report):
        score = _score(area)
        if score is None:
            continue
        span, table = printed(score), table_span(area)
        scores.append(score)
        spans.append(span & table if table is not None and span.meets(table) else span)
    yield from _sum_issue(
        report, "total-score", reconcile(scores, spans, report.total_score), "area scores", "the printed total score"
    )


def check_chart_score(report: Report) -> Iterator[Issue]:
    """The chapter 2 chart's bar labels against the areas' scores."""
    for area in _areas(report):
        score = _score(area)
        if area.chart_score is not None and score is not None and area.chart_score != score:
            yield _issue(
                report,
                "chart-score",
                ERROR,
                f"the chapter 2 chart shows {area.chart_score}, the area's score is {score}",
                area,
                field="chart_score",
                expected=str(score),
                observed=str(area.chart_score),
            )


def check_missing_area(report: Report) -> Iterator[Issue]:
    """Eight areas, each with a chapter 3 section and a chapter 4 table; no others."""
    for no in AREA_NUMBERS:
        area = report.areas.get(no)
        section = area is not None and (area.name is not None or area.score is not None)
        table = area is not None and (bool(area.questions) or area.table_total is not None)
        if not section and not table:
            yield Issue(
                report.report_id,
                report.source_path,
                "missing-area",
                ERROR,
                f"{place(report.report_id, no)}: not found, neither its chapter 3 section nor its chapter 4 table",
                area_no=no,
                field="area",
                expected=str(no),
            )
        elif not table:
            yield _issue(
                report,
                "missing-area",
                WARNING,
                "the chapter 4 table was not found",
                area,
                field="table",
                expected="table",
                source_page=area.page,
            )
        elif not section:
            yield _issue(
                report,
                "missing-area",
                WARNING,
                "the chapter 3 section was not found",
                area,
                field="section",
                expected="section",
                source_page=area.table_page,
            )
    for no in sorted(set(report.areas) - set(AREA_NUMBERS)):
        yield _issue(
            report,
            "missing-area",
            ERROR,
            f"reports have areas 1 to 8, this one an area {no}",
            report.areas[no],
            field="area",
            observed=str(no),
        )


def _sub(q: Question) -> int:
    return int(q.question_no.split(".")[1])


def check_question_numbering(report: Report) -> Iterator[Issue]:
    """An area's own sub-questions are N.1 to N.k, each once (rows printed elsewhere are question-area's)."""
    for area in _areas(report):
        subs = sorted(_sub(q) for q in area.questions if q.area_no == area.area_no)
        if not subs or subs == list(range(1, len(subs) + 1)):
            continue
        no = area.area_no
        problems = [f"{no}.{s} missing" for s in range(1, max(subs) + 1) if s not in subs]
        problems += [f"{no}.{s} printed {n} times" for s, n in sorted(Counter(subs).items()) if n > 1]
        problems += [f"{no}.{s} comes before {no}.1" for s in subs if s < 1]
        observed = ", ".join(f"{no}.{s}" for s in subs)
        yield _issue(
            report,
            "question-numbering",
            ERROR,
            f"the sub-questions are numbered {observed}: {'; '.join(problems)}",
            area,
            field="question_no",
            expected=f"{no}.1–{no}.{max(subs)}",
            observed=observed,
            source_page=area.table_page,
        )


def check_question_area(report: Report) -> Iterator[Issue]:
    """A question numbered N.k printed in another area's table."""
    for area in _areas(report):
        for q in area.questions:
            if q.area_no != area.area_no:
                yield _issue(
                    report,
                    "question-area",
                    ERROR,
                    f"the row is numbered for area {q.area_no} but printed in the table of area {area.area_no}",
                    area,
                    q,
                    field="area_no",
                    expected=str(area.area_no),
                    observed=str(q.area_no),
                    source_page=q.page,
                )


def check_empty_list(report: Report) -> Iterator[Issue]:
    """Every area's chapter 3 section has both bullet lists."""
    for area in _areas(report):
        if area.area_no not in AREA_NUMBERS or (area.name is None and area.score is None):
            continue
        kinds = Counter(f.kind for f in area.findings)
        for kind, label in LISTS.items():
            if not kinds[kind]:
                yield _issue(
                    report,
                    "empty-list",
                    WARNING,
                    f"no {label} bullets were found",
                    area,
                    field=kind,
                    expected="at least 1",
                    observed="0",
                    source_page=area.page,
                )


def check_missing_metadata(report: Report) -> Iterator[Issue]:
    """Municipality and year (every layout), evaluators (layouts with a title page)."""
    missing = [
        ("municipality", report.municipality is None),
        ("year", report.year is None),
        ("evaluators", not report.evaluators and report.source_format in TITLE_PAGE_LAYOUTS),
    ]
    for name, absent in missing:
        if absent:
            yield _issue(
                report,
                "missing-metadata",
                WARNING,
                f"no {name} found, though a {report.source_format} report carries it",
                field=name,
                observed="none",
            )


def check_unknown_area_name(report: Report) -> Iterator[Issue]:
    """Area names no revision uses: the area is extracted, but its area_key is a guess by number."""
    for area in _areas(report):
        for which, name in (("chapter 3", area.name), ("chapter 4", area.table_name)):
            if name and identify(name) is None:
                yield _issue(
                    report,
                    "unknown-area-name",
                    WARNING,
                    f"the {which} name {name!r} is no known area name; area_key is assigned by number"
                    + ("" if report.compass_revision else " and the revision is unknown"),
                    area,
                    field="area_name" if which == "chapter 3" else "table_name",
                    observed=name,
                )


def check_unreadable_text(report: Report) -> Iterator[Issue]:
    """Text the reader had to leave out ("(cid:NN)": a font without a Unicode map): values there may be missing."""
    for warning in report.reader_warnings:
        page = re.match(r"page (\d+):", warning)
        yield _issue(
            report, "unreadable-text", WARNING, warning, field="text", source_page=int(page.group(1)) if page else None
        )


CHECK_FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [
    check_subquestion_sum,
    check_percent,
    check_score_table,
    check_max_sum,
    check_total_score,
    check_chart_score,
    check_missing_area,
    check_question_numbering,
    check_question_area,
    check_empty_list,
    check_missing_metadata,
    check_unknown_area_name,
    check_unreadable_text,
]


def validate(report: Report) -> list[Issue]:
    """Every check over one report; a clean report gives an empty list."""
    return [issue for check in CHECK_FUNCTIONS for issue in check(report)]


def validate_all(reports: list[Report]) -> list[Issue]:
    """Every check over every report, in report id order; findings a worker already made are reused."""
    return [
        issue
        for r in sorted(reports, key=lambda r: r.report_id)
        for issue in (r.issues if r.issues is not None else validate(r))
    ]


# -- copies of one report ---------------------------------------------------------


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
    for a in _areas(report):
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
            where = place(kept.report_id, area_no, area and (area.table_name or area.name), question_no)
            issues.append(
                Issue(
                    kept.report_id,
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
    if not issues:
        issues.append(
            Issue(
                kept.report_id,
                copy.source_path,
                "duplicate-report",
                INFO,
                f"{kept.report_id}: {files} is another copy of the report; it agrees with "
                f"{kept_file}, which is kept, on all {len(both)} values both carry",
                field="copy",
                expected=kept.source_path,
                observed=copy.source_path,
            )
        )
    return issues


# -- as a table -------------------------------------------------------------------


def to_table(issues: list[Issue]) -> pa.Table:
    """The issues as validation.parquet's table, ordered by report id (stable)."""
    ordered = sorted(issues, key=lambda i: i.report_id)
    return pa.Table.from_pylist([asdict(i) for i in ordered], schema=VALIDATION)


def from_table(table: pa.Table) -> list[Issue]:
    return [Issue(**row) for row in table.to_pylist()]


def summary(issues: list[Issue]) -> str:
    """'0 errors, 8 warnings, 0 info'."""
    n = Counter(i.severity for i in issues)
    return f"{n[ERROR]} error{'s' * (n[ERROR] != 1)}, {n[WARNING]} warning{'s' * (n[WARNING] != 1)}, {n[INFO]} info"
