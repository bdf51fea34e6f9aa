"""Checks of the printed numbers: sums, percents, maxima, totals and the chart, rounding-aware (checks.reconcile)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from kompass.pipeline.checks.findings import ERROR, WARNING, Issue, issue
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
from kompass.pipeline.model import Area, Question, Report

AREA_NUMBERS = range(1, 9)
AREA_MAX = 100

CHECKS: dict[str, str] = {
    "subquestion-sum": "an area's sub-question scores add up to its table's total row, allowing for rounding",
    "percent-mismatch": "a row's percent agrees with its achieved and max points, allowing for rounding",
    "score-table-mismatch": "the chapter 3 area score ('Poäng') equals the chapter 4 table's total row",
    "max-sum": "an area's sub-question maxima add up to the area maximum, 100",
    "total-score": "the area scores add up to the printed total score, allowing for rounding",
    "chart-score": "the chapter 2 chart's area scores equal the tables' scores",
}


def areas(report: Report) -> list[Area]:
    return [report.areas[no] for no in sorted(report.areas)]


def area_score(area: Area) -> int | None:
    """The area's score: chapter 3's "Poäng", else the table's total row."""
    return area.score if area.score is not None else area.table_total


@lru_cache(maxsize=65536)  # printed rows repeat across reports
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
    yield issue(
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


def check_subquestion_sum(report: Report) -> Iterator[Issue]:
    """Printed sub-question scores against the table's total row, by interval reconciliation."""
    for area in areas(report):
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
    yield issue(
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
    for area in areas(report):
        for q in area.questions:
            yield from _percent_row(report, area, q, q.achieved, q.max_score, q.percent, q.page)
        total, max_score, percent = area.table_total, area.table_max, area.table_percent
        if total is not None and max_score is not None and percent is not None:
            yield from _percent_row(report, area, None, total, max_score, percent, area.table_page)


def check_score_table(report: Report) -> Iterator[Issue]:
    """Chapter 3's area score against the chapter 4 table's total row: both print round(sum)."""
    for area in areas(report):
        if area.score is not None and area.table_total is not None and area.score != area.table_total:
            yield issue(
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
    for area in areas(report):
        if area.questions:
            maxima = sum(q.max_score for q in area.questions)
            if maxima != AREA_MAX:
                yield issue(
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
            yield issue(
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
    for area in areas(report):
        score = area_score(area)
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
    for area in areas(report):
        score = area_score(area)
        if area.chart_score is not None and score is not None and area.chart_score != score:
            yield issue(
                report,
                "chart-score",
                ERROR,
                f"the chapter 2 chart shows {area.chart_score}, the area's score is {score}",
                area,
                field="chart_score",
                expected=str(score),
                observed=str(area.chart_score),
            )


FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [
    check_subquestion_sum,
    check_percent,
    check_score_table,
    check_max_sum,
    check_total_score,
    check_chart_score,
]
