"""Rounding-aware sums: true decimal scores rounded as the reports round them are never flagged,
and a total moved further than rounding can reach always is."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kompass.pipeline.checks.findings import ERROR, WARNING
from kompass.pipeline.checks.numbers import check_percent, check_subquestion_sum, readings
from kompass.pipeline.checks.reconcile import ROUNDING, between, from_percent, printed, reconcile
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.model import Question, Report

MAXIMA = (5, 10, 15, 20, 25, 30)


def half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def half_even(x: Fraction) -> int:
    return round(x)  # Python rounds a Fraction half to even, like banker's rounding


@st.composite
def area_maxima(draw) -> list[int]:
    """Sub-question maxima from MAXIMA that add up to 100."""
    maxima, left = [], 100
    while left:
        m = draw(st.sampled_from([m for m in MAXIMA if m <= left]))
        maxima.append(m)
        left -= m
    return maxima


@st.composite
def true_scores(draw, maxima: list[int]) -> list[Fraction]:
    """A true decimal score per maximum: a multiple of 0.05 or of 0.1 within [0, max]."""
    step = draw(st.sampled_from([Fraction(1, 20), Fraction(1, 10)]))
    return [draw(st.integers(0, int(m / step))) * step for m in maxima]


@st.composite
def reports(draw) -> tuple[Report, list[list[Fraction]]]:
    """Eight areas of true scores, printed as a report prints them with one rounding rule."""
    rnd = draw(st.sampled_from([half_up, half_even]))
    report = Report(source_format="word_export", report_id="synthetic-2017", municipality="Synthetic", year=2017)
    truth = []
    for no in range(1, 9):
        maxima = draw(area_maxima())
        scores = draw(true_scores(maxima))
        truth.append(scores)
        total = rnd(sum(scores))
        area = report.area(no)
        area.name, area.score, area.table_total, area.table_max, area.table_percent = (
            f"Area {no}",
            total,
            total,
            100,
            rnd(sum(scores)),
        )
        area.questions = [
            Question(f"{no}.{k}", "?", rnd(a), m, rnd(100 * a / m), table_area=no)
            for k, (a, m) in enumerate(zip(scores, maxima), start=1)
        ]
    # The printed grand total: the rounded true sum, or the sum of the printed area scores.
    all_true = sum(sum(s) for s in truth)
    report.total_score = draw(st.sampled_from([rnd(all_true), sum(a.score for a in report.areas.values())]))
    return report, truth


@settings(max_examples=300, deadline=None)
@given(reports())
def test_rounded_true_scores_are_never_an_error(generated):
    report, _ = generated
    assert [i for i in validate(report) if i.severity == ERROR] == []
    assert list(check_percent(report)) == []
    sums = list(check_subquestion_sum(report))
    assert all(i.severity == WARNING for i in sums)
    naive_off = {a.area_no for a in report.areas.values() if sum(q.achieved for q in a.questions) != a.table_total}
    assert {i.area_no for i in sums} == naive_off


@settings(max_examples=300, deadline=None)
@given(reports(), st.integers(1, 8), st.sampled_from([-1, 1]), st.integers(0, 5))
def test_a_total_moved_beyond_rounding_is_an_error(generated, no, sign, extra):
    """Each true score is within 0.5 of its printed points, so the true sum is within n/2 of the
    naive sum; a printed total further than n/2 + 0.5 from it cannot be the rounded true sum."""
    report, _ = generated
    area = report.areas[no]
    naive, n = sum(q.achieved for q in area.questions), len(area.questions)
    area.table_total = naive + sign * (math.floor(n / 2 + Fraction(1, 2)) + 1 + extra)
    flagged = [i for i in check_subquestion_sum(report) if i.area_no == no]
    assert [(i.check_name, i.severity) for i in flagged] == [("subquestion-sum", ERROR)]


@given(st.sampled_from(MAXIMA), st.data())
def test_both_readings_of_a_rounded_row_hold_its_true_score(max_score, data):
    a = data.draw(st.integers(0, max_score * 20)) * Fraction(1, 20)
    for rnd in (half_up, half_even):
        by_points, by_percent = readings(rnd(a), max_score, rnd(100 * a / max_score))
        assert by_points.low <= a <= by_points.high and by_percent.low <= a <= by_percent.high


def test_worked_example_tranas_area_4():
    """KOMMUNKOMPASSEN.md: 11+10+11+7+12+13 = 64 printed against 62; true sums 61.80..62.55 hold 62."""
    rows = [(11, 15, 70), (10, 10, 95), (11, 20, 57), (7, 15, 43), (12, 20, 58), (13, 20, 63)]
    spans = [printed(a) & from_percent(p, m) & between(0, m) for a, m, p in rows]
    rec = reconcile([a for a, _, _ in rows], spans, 62)
    assert (rec.naive_sum, rec.verdict) == (64, ROUNDING)
    assert (rec.interval.low, rec.interval.high) == (Fraction("61.80"), Fraction("62.55"))
    assert str(rec.interval) == "61.80–62.55"


def test_a_full_mark_row_printed_95_percent_is_half_a_point_short():
    """`10 10 95%`: the true score is 9.5 to 9.55, a half that rounds up to 10 under either rule."""
    by_points, by_percent = readings(10, 10, 95)
    both = by_points & by_percent
    assert (both.low, both.high) == (Fraction("9.5"), Fraction("9.55"))


def test_interval_ends_are_closed():
    """A true sum exactly half a point from the total is consistent (either rounding rule may have printed it)."""
    rec = reconcile([3, 3], [between(2.5, 2.5), between(2.5, 2.5)], 5)
    assert rec.verdict == ROUNDING
    assert reconcile([3, 3], [between(2.5, 2.5), between(2.5, 2.5)], 4).verdict == "inconsistent"
