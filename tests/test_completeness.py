"""What each layout carries: a missing value is a finding, the area score falls back to the table."""

from __future__ import annotations

from pathlib import Path

from conftest import load_gold, sample_report

from kompass.pipeline.checks.carried import CARRIED, LAYOUTS, markdown
from kompass.pipeline.checks.findings import INFO, WARNING
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.interpret.normalize import normalize
from kompass.pipeline.publish import dataset


def _chapter3_score_lost(report, areas=range(1, 9)):
    for no in areas:
        report.areas[no].score = report.areas[no].score_source = None
    return normalize(report)


def missing(report):
    return [
        (i.severity, i.area_no, i.question_no, i.field) for i in validate(report) if i.check_name == "missing-value"
    ]


def test_the_table_is_in_the_readme_and_names_every_layout():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme
    assert all(v.layouts <= set(LAYOUTS) and v.layouts for v in CARRIED)


def test_the_samples_miss_nothing_their_layout_carries(sample):
    name, report, _ = sample
    assert missing(report) == []
    assert {a.score_source for a in report.areas.values()} == {"chapter3"}


def test_an_unread_chapter3_score_is_the_tables_with_one_info_per_area():
    gold = load_gold("tranas-2017")
    report = _chapter3_score_lost(sample_report("tranas-2017"))
    assert [a.score for a in report.areas.values()] == [a["table_total"] for a in gold["areas"]]
    assert {a.score_source for a in report.areas.values()} == {"table"}
    assert missing(report) == [(INFO, no, None, "score") for no in range(1, 9)]
    assert "53" in next(i.message for i in validate(report) if i.check_name == "missing-value")
    # and no other check sees a difference: the table's score is the printed one
    assert {i.check_name for i in validate(report)} == {"subquestion-sum", "missing-value"}


def test_no_table_either_takes_the_chart_where_it_survived():
    report = sample_report("tranas-2017")
    area = report.areas[2]
    area.questions, area.table_total, area.table_max, area.table_percent = [], None, None, None
    report = _chapter3_score_lost(report, [2])
    assert (area.score, area.score_source) == (49, "chart")
    found = {(i.check_name, i.severity, i.field) for i in validate(report) if i.area_no == 2}
    assert found == {("missing-area", WARNING, "table"), ("missing-value", INFO, "score")}


def test_no_score_anywhere_is_a_warning():
    report = sample_report("torsas-2017")  # a Word export: no chart to fall back on
    area = report.areas[5]
    area.table_total = area.table_max = area.table_percent = None
    report = _chapter3_score_lost(report, [5])
    assert area.score is None and area.score_source is None
    assert sorted(missing(report)) == [(WARNING, 5, None, "score"), (WARNING, 5, None, "table_total")]


def test_what_a_layout_cannot_carry_is_never_flagged():
    report = sample_report("torsas-2017")
    assert report.source_format == "word_export"
    assert report.evaluators == [] and report.report_date is None and report.total_score is None
    assert missing(report) == []
    report.source_format = "pdf"  # the same values missing from a PDF are missing
    assert sorted(f for *_, f in missing(report)) == ["evaluators", "page_count", "report_date", "total_score"]


def test_a_report_missing_most_values_gets_one_finding():
    report = sample_report("tranas-2017")
    for area in report.areas.values():
        area.headings, area.findings, area.name = [], [], "x"
        area.table_name = area.table_percent = None
    report.evaluators, report.report_date = [], None
    found = [i for i in validate(report) if i.check_name == "missing-value"]
    assert [(i.severity, i.area_no, i.field) for i in found] == [(WARNING, None, "report")]
    assert "of the" in found[0].message and "headings" in found[0].message


def test_score_source_survives_the_dataset(tmp_path):
    report = _chapter3_score_lost(sample_report("torsas-2017"), [4])
    report.source_sha256 = "0" * 64
    dataset.write(dataset.tables([report]), tmp_path)
    [again] = dataset.read(tmp_path)
    assert [a.score_source for a in again.areas.values()] == ["chapter3"] * 3 + ["table"] + ["chapter3"] * 4
    assert missing(again) == missing(report) == [(INFO, 4, None, "score")]


def test_the_html_says_how_complete_each_report_is(sample, tmp_path):
    from kompass.pipeline.checks.carried import completeness
    from kompass.pipeline.publish.validation_report import render

    _, report, gold = sample
    lists = {(b["area_no"], b["kind"]) for b in gold["bullets"]}
    full = f"{len(gold['areas'])}/8 areas, {len(gold['questions'])}/{len(gold['questions'])} questions, 8/8 scores, "
    assert completeness(report) == full + f"{len(lists)}/16 lists"
    area = report.areas[7]
    area.questions.pop()  # its last row lost: the numbering still shows the ones before
    del area.questions[0]
    area.findings = [f for f in area.findings if f.kind != "improvement"]
    report.areas[2].score, report.areas[2].score_source = report.areas[2].table_total, "table"
    line = completeness(report)
    assert line == (
        f"8/8 areas, {len(gold['questions']) - 2}/{len(gold['questions']) - 1} questions, "
        f"8/8 scores (1 not from chapter 3), {len(lists) - 1}/16 lists"
    )
    assert f"Read: {line}" in render([report], validate(report), tmp_path)
