"""The validation checks: the samples are consistent (rounding only), and each hand-broken table
gives exactly the findings a reader of it would expect."""

from __future__ import annotations

import copy

import pytest
from conftest import load_gold, sample_report

from kompass.pipeline.checks.copies import compare_copies
from kompass.pipeline.checks.findings import ERROR, INFO, WARNING, summary
from kompass.pipeline.checks.validate import CHECKS, validate
from kompass.pipeline.extract import deduplicate
from kompass.pipeline.model import Evaluator, Report


def keys(issues) -> set[tuple]:
    return {(i.check_name, i.severity, i.area_no, i.question_no) for i in issues}


def edited(name: str, edit) -> Report:
    report = sample_report(name)
    edit(report)
    return report


def new_findings(name: str, edit) -> set[tuple]:
    """The findings a sample gains when `edit` is applied to it."""
    return keys(validate(edited(name, edit))) - keys(validate(sample_report(name)))


def question(report, no: str):
    return next(q for a in report.areas.values() for q in a.questions if q.question_no == no)


# -- the samples ------------------------------------------------------------------


def test_samples_have_no_errors_and_warn_where_the_naive_sum_differs(sample):
    name, report, gold = sample
    issues = validate(report)
    assert not [i for i in issues if i.severity == ERROR]
    naive = {
        a["area_no"]: sum(q["achieved"] for q in gold["questions"] if q["area_no"] == a["area_no"])
        for a in gold["areas"]
    }
    differs = {a["area_no"] for a in gold["areas"] if naive[a["area_no"]] != a["table_total"]}
    assert keys(issues) == {("subquestion-sum", WARNING, no, None) for no in differs}
    for i in issues:
        total = next(a["table_total"] for a in gold["areas"] if a["area_no"] == i.area_no)
        assert (i.naive_sum, i.expected) == (naive[i.area_no], str(total))
        assert i.interval_low <= total + 0.5 and i.interval_high >= total - 0.5
        assert f"add up to {naive[i.area_no]}" in i.message and f"total row is {total}" in i.message
        assert name in i.message and f"area {i.area_no}" in i.message


def test_the_two_samples_have_eight_rounding_differences():
    """KOMMUNKOMPASSEN.md: the naive sum disagrees in 8 of the 16 areas, all consistent."""
    issues = validate(sample_report("tranas-2017")) + validate(sample_report("torsas-2017"))
    assert summary(issues) == "0 errors, 8 warnings, 0 info"


def test_the_worked_example_is_in_the_message():
    area4 = [i for i in validate(sample_report("tranas-2017")) if i.area_no == 4]
    assert len(area4) == 1
    assert "64" in area4[0].message and "62" in area4[0].message and "61.80–62.55" in area4[0].message
    assert area4[0].source_page == 23


# -- hand-broken tables -------------------------------------------------------------


def test_a_dropped_digit():
    """Torsås 3.4 prints 17 of 20, 83%; reading it as 1 breaks the row and the area's sum."""

    def edit(r):
        question(r, "3.4").achieved = 1

    assert new_findings("torsas-2017", edit) == {
        ("percent-mismatch", ERROR, 3, "3.4"),
        ("subquestion-sum", ERROR, 3, None),
    }


def test_a_row_read_into_the_wrong_area():
    """Tranås 4.6 read into area 5's table: the row is misplaced, both tables stop adding up."""

    def edit(r):
        q = question(r, "4.6")
        r.areas[4].questions.remove(q)
        q.table_area = 5
        r.areas[5].questions.append(q)

    assert new_findings("tranas-2017", edit) == {
        ("question-area", ERROR, 5, "4.6"),
        ("subquestion-sum", ERROR, 4, None),
        ("subquestion-sum", ERROR, 5, None),
        ("max-sum", ERROR, 4, None),
        ("max-sum", ERROR, 5, None),
    }


def test_a_total_row_off_by_three():
    """Tranås area 3's total row printed 64 instead of 61 (its percent cell still says 61%)."""

    def edit(r):
        r.areas[3].table_total = 64

    assert new_findings("tranas-2017", edit) == {
        ("subquestion-sum", ERROR, 3, None),
        ("score-table-mismatch", ERROR, 3, None),
        ("percent-mismatch", ERROR, 3, None),
    }


def test_a_percent_that_contradicts_the_points():
    """Tranås 5.2 prints 10 of 20 points; 80% instead of 50% cannot be the same score."""

    def edit(r):
        question(r, "5.2").percent = 80

    assert new_findings("tranas-2017", edit) == {("percent-mismatch", ERROR, 5, "5.2")}


def test_maxima_that_do_not_add_up_to_100():
    """Tranås 7.1 printed as 14 of 20 (70%) instead of 14 of 15 (95%): area 7's maxima add up to 105."""

    def edit(r):
        q = question(r, "7.1")
        q.max_score, q.percent = 20, 70

    found = new_findings("tranas-2017", edit)
    assert found == {("max-sum", ERROR, 7, None)}


def test_a_chart_label_that_disagrees():
    def edit(r):
        r.areas[2].chart_score = 94

    assert new_findings("tranas-2017", edit) == {("chart-score", ERROR, 2, None)}


def test_a_printed_total_score_beyond_rounding():
    def edit(r):
        r.total_score = 444

    assert new_findings("tranas-2017", edit) == {("total-score", ERROR, None, None)}


def test_a_missing_area():
    def edit(r):
        del r.areas[5]

    assert new_findings("torsas-2017", edit) == {("missing-area", ERROR, 5, None)}
    # Tranås prints its total (454): without area 5 the areas no longer reach it.
    assert new_findings("tranas-2017", edit) == {("missing-area", ERROR, 5, None), ("total-score", ERROR, None, None)}


def test_an_area_whose_table_was_not_found():
    def edit(r):
        a = r.areas[6]
        a.questions, a.table_total, a.table_max, a.table_percent = [], None, None, None

    assert new_findings("torsas-2017", edit) == {("missing-area", WARNING, 6, None)}


def test_a_gap_in_the_question_numbers():
    def edit(r):
        question(r, "2.5").question_no = "2.6"

    found = new_findings("torsas-2017", edit)
    assert found == {("question-numbering", ERROR, 2, None)}
    report = edited("torsas-2017", edit)
    assert "2.5 missing" in next(i.message for i in validate(report) if i.check_name == "question-numbering")


def test_a_question_number_printed_twice():
    def edit(r):
        question(r, "2.5").question_no = "2.4"

    # the row now numbered 2.4 holds 2.5's text, which is not the standard text of 2.4
    assert new_findings("torsas-2017", edit) == {
        ("question-numbering", ERROR, 2, None),
        ("question-text", WARNING, 2, "2.4"),
    }


def test_an_empty_bullet_list():
    def edit(r):
        r.areas[6].findings = [f for f in r.areas[6].findings if f.kind != "strength"]

    assert new_findings("torsas-2017", edit) == {("missing-value", WARNING, 6, None)}
    [found] = [i for i in validate(edited("torsas-2017", edit)) if i.check_name == "missing-value"]
    assert found.field == "strength" and "STYRKOR" in found.message


def test_missing_metadata_where_the_layout_carries_it():
    def edit(r):
        r.evaluators = []
        r.year = None

    found = [(i.field, i.severity) for i in validate(edited("tranas-2017", edit)) if i.check_name == "missing-value"]
    assert sorted(found) == [("evaluators", WARNING), ("year", WARNING)]
    # A Word export has no title page: no evaluators is no finding there.
    assert not [i for i in validate(sample_report("torsas-2017")) if i.check_name == "missing-value"]


# -- one report in several files ------------------------------------------------------------


def _copy_as_transcript(report):
    other = copy.deepcopy(report)
    other.source_format, other.source_path = "pdf_transcript", "elsewhere/torsas.txt"
    return other


def test_a_duplicate_with_one_differing_value():
    kept = sample_report("torsas-2017")
    other = _copy_as_transcript(kept)
    question(other, "4.3").achieved = 1
    kept_, dropped = deduplicate([other, kept])
    assert kept_ == [kept] and dropped == [(other, kept)]  # the Word export is preferred to the transcript
    issues = compare_copies(kept, other)
    assert [(i.check_name, i.severity, i.area_no, i.question_no, i.field, i.expected, i.observed) for i in issues] == [
        ("duplicate-report", WARNING, 4, "4.3", "achieved", "8", "1")
    ]
    assert issues[0].source_path == "elsewhere/torsas.txt"
    assert "elsewhere/torsas.txt" in issues[0].message and kept.source_path in issues[0].message


def test_an_identical_duplicate_is_info_even_where_one_layout_lost_values():
    kept = sample_report("torsas-2017")
    other = _copy_as_transcript(kept)
    other.evaluators = [Evaluator("Anna Andersson", affiliation="SKL")]  # the Word export has none to compare
    other.total_score = 373
    assert [(i.check_name, i.severity) for i in compare_copies(kept, other)] == [("duplicate-report", INFO)]


def test_every_check_has_a_description_and_is_in_the_readme():
    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for check, description in CHECKS.items():
        assert description and f"`{check}`" in readme


@pytest.mark.parametrize("name", ["tranas-2017", "torsas-2017"])
def test_gold_totals_agree_with_the_printed_total(name):
    """The gold total is the sum of the gold area scores; the check must agree (no total-score finding)."""
    gold = load_gold(name)
    report = sample_report(name)
    report.total_score = gold["report"]["total_score"]
    assert not [i for i in validate(report) if i.check_name == "total-score"]


def test_unreadable_text_is_a_finding_for_its_page(tmp_path):
    """A reader's warning about (cid:NN) text reaches validation, naming the page."""
    from conftest import SAMPLES

    from kompass.parsers.detect import read_document
    from kompass.pipeline.interpret.interpreter import interpret

    report = sample_report("torsas-2017")
    report.reader_warnings = ["page 7: 12 characters in a font without a Unicode map (shown as (cid:NN)) were left out"]
    found = [i for i in validate(report) if i.check_name == "unreadable-text"]
    assert [(i.severity, i.source_page) for i in found] == [("warning", 7)]
    assert "12 characters" in found[0].message
    path = SAMPLES["torsas-2017"]
    doc = read_document(path, path.read_bytes())
    doc.warnings.append("page 2: 3 characters in a font without a Unicode map (shown as (cid:NN)) were left out")
    assert interpret(doc, path).reader_warnings == doc.warnings  # the interpreter hands them on
    from kompass.pipeline.publish import dataset

    report.source_path, report.source_sha256 = path.name, "0" * 64
    dataset.write(dataset.tables([report]), tmp_path)
    [again] = dataset.read(tmp_path)  # and `kompass validate` finds them in the dataset
    assert [i.source_page for i in validate(again) if i.check_name == "unreadable-text"] == [7]
