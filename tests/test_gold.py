"""The two sample reports extract to the values read off them by hand (tests/gold)."""

from __future__ import annotations

import datetime as dt

from gold_compare import (
    area_values,
    boundary_agreement,
    bullets,
    gold_area_values,
    gold_bullets,
    gold_question_values,
    question_values,
    text_per_list,
)


def test_report_metadata(sample):
    name, report, gold = sample
    g = gold["report"]
    assert report.municipality == g["municipality"]
    assert report.municipality_type == g["municipality_type"]
    assert report.year == g["year"]
    assert report.evaluation_period == g["evaluation_period"]
    expected_date = dt.date.fromisoformat(g["report_date"]) if g["report_date"] else None
    assert report.report_date == expected_date
    assert report.page_count == g["pages"]
    assert [(e.name, e.role, e.affiliation) for e in report.evaluators] == [
        (e["name"], e["role"], e["affiliation"]) for e in g["evaluators"]
    ]


def test_total_score(sample):
    """The printed total where the layout keeps the chart label; the area sum always."""
    name, report, gold = sample
    assert report.total_score_computed == gold["report"]["total_score"]
    if report.source_format == "pdf_transcript":
        assert report.total_score == gold["report"]["total_score"]
    else:  # the Word export lost the chart (an image), so nothing printed survives
        assert report.total_score is None


def test_municipality_code(sample):
    name, report, gold = sample
    assert report.municipality_code == {"Tranås": "0687", "Torsås": "0834"}[gold["report"]["municipality"]]
    assert report.report_id == name


def test_areas(sample):
    _, report, gold = sample
    assert area_values(report) == gold_area_values(gold)


def test_questions(sample):
    _, report, gold = sample
    assert question_values(report) == gold_question_values(gold)


def test_bullet_text_per_list(sample):
    """Whatever the boundaries, each list holds exactly the gold text."""
    _, report, gold = sample
    assert text_per_list(bullets(report)) == text_per_list(gold_bullets(gold))


def test_bullet_boundaries(sample):
    _, report, gold = sample
    if report.source_format == "word_export":
        assert bullets(report) == gold_bullets(gold)
        assert {f.boundary for a in report.areas.values() for f in a.findings} == {"marker"}
    else:
        assert boundary_agreement(report, gold) >= 0.9
        assert {f.boundary for a in report.areas.values() for f in a.findings} == {"inferred"}


def test_provenance_pages(sample):
    """A transcript has pages: every area, question and bullet says which one."""
    _, report, _ = sample
    if report.source_format != "pdf_transcript":
        return
    areas = report.areas.values()
    assert all(a.page for a in areas)
    assert all(q.page for a in areas for q in a.questions)
    assert all(f.page for a in areas for f in a.findings)
    assert report.areas[1].page == 6 and report.areas[1].questions[0].page == 22
