"""Plausibility checks: each fires on the damage it names, shows the text and the field, and is silent on
the samples (the fixtures and variants: tests/test_invariant.py)."""

from __future__ import annotations

import copy

from conftest import sample_report

from kompass.pipeline.checks.copies import compare_copies
from kompass.pipeline.checks.plausibility import CHECKS, compare_lists
from kompass.pipeline.checks.validate import validate


def found(report, check):
    return [i for i in validate(report) if i.check_name == check]


def test_silent_on_the_samples(sample):
    _, report, _ = sample
    assert not [i for i in validate(report) if i.check_name in CHECKS]


def test_a_score_glued_onto_a_heading():
    report = sample_report("tranas-2017")
    area = report.areas[1]
    area.headings[0] += f" {area.score}"
    [i] = found(report, "glued-score")
    assert (i.area_no, i.field, i.severity) == (1, "heading 1", "warning")
    assert "information 53" in i.message and i.expected == "Strategi for demokratiutveckling och information"


def test_a_score_inside_a_heading_where_the_area_has_none():
    report = sample_report("torsas-2017")
    area = report.areas[1]
    area.headings[0] = "Strategi for demokratiutveckling och 45 information"
    area.score = area.table_total = area.table_max = area.table_percent = None
    area.questions = []
    [i] = found(report, "glued-score")
    assert i.field == "heading 1" and "no score of its own" in i.message
    assert i.expected == "Strategi for demokratiutveckling och information"


def test_rows_read_into_one_question_text():
    report = sample_report("tranas-2017")
    q = report.areas[2].questions[0]
    q.text = "2.2 2.3 2.4 2.5 " + q.text
    [i] = found(report, "numbers-in-text")
    assert (i.question_no, i.field) == ("2.1", "question_text") and "2.2, 2.3, 2.4, 2.5" in i.message


def test_maxima_off_in_most_areas_is_one_report_level_error():
    report = sample_report("tranas-2017")
    for no in (1, 2, 3, 5, 6):  # zeros dropped: "10" and "20" read as 1 and 2
        for q in report.areas[no].questions:
            q.max_score = int(str(q.max_score).replace("0", "") or 0)
    [i] = found(report, "damaged-numbers")
    assert (i.severity, i.area_no, i.field) == ("error", None, "report") and "3 of 8 areas" in i.message
    fewer = sample_report("tranas-2017")
    for no in (1, 2):  # two areas off of eight: max-sum's findings, the rest of the numbers hold
        fewer.areas[no].questions[0].max_score = 1
    assert found(fewer, "damaged-numbers") == []


def test_a_number_that_is_not_the_score_is_no_glued_score():
    report = sample_report("tranas-2017")
    report.areas[1].headings[0] += " 2017"
    assert found(report, "glued-score") == []


def test_a_question_cut_after_its_first_line():
    report = sample_report("torsas-2017")
    q = report.areas[1].questions[0]
    q.text = "Finns en plan/strategi för demokratiutveckling och"
    [i] = found(report, "truncated-text")
    assert (i.area_no, i.question_no, i.field) == (1, q.question_no, "question_text")
    assert "demokratiutveckling och'" in i.message and "end with '?'" in i.message


def test_a_question_ending_in_a_full_stop_is_not_cut():
    """6.2 of both samples ends 'Kommunen som attraktiv arbetsgivare.': a sentence, not a lost line."""
    report = sample_report("tranas-2017")
    assert any(q.text.endswith(".") for a in report.areas.values() for q in a.questions)
    assert found(report, "truncated-text") == []


def test_foreign_characters_inside_words():
    report = sample_report("torsas-2017")
    report.areas[2].findings[0].text = "Kommunen m\ufffdter tillgänglighet"
    report.areas[3].headings[1] = "Politiska m\ue00bl"
    report.areas[4].questions[0].text = "Finns \u53e3kommunövergripande strategi?"
    report.areas[5].findings[1].text = "Tydlig اn plan"
    got = {(i.area_no, i.question_no, i.field) for i in found(report, "foreign-character")}
    assert got == {
        (2, None, "strength 1"),
        (3, None, "heading 2"),
        (4, "4.1", "question_text"),
        (5, None, "strength 2"),
    }
    messages = " ".join(i.message for i in found(report, "foreign-character"))
    assert "U+FFFD" in messages and "U+E00B" in messages and "U+53E3" in messages and "U+0627" in messages


def test_a_slash_spaced_on_one_side():
    report = sample_report("torsas-2017")
    q = report.areas[4].questions[4]
    q.text = "Sker central ledning för underställda avdelningar/ enheter?"
    [i] = found(report, "broken-join")
    assert i.question_no == q.question_no and i.expected.endswith("avdelningar/enheter?")


def test_two_bullets_run_together():
    report = sample_report("torsas-2017")  # a Word export: its bullets were marked
    fs = report.areas[2].findings
    improvements = [f for f in fs if f.kind == "improvement"]
    improvements[0].text += " " + improvements[1].text
    fs.remove(improvements[1])
    [i] = found(report, "merged-bullets")
    assert (i.area_no, i.field) == (2, "improvement 1") and "Utveckla informationen" in i.message


def test_list_lengths_of_two_copies():
    kept = sample_report("torsas-2017")
    other = copy.deepcopy(kept)
    other.source_format, other.source_path = "pdf", "elsewhere/torsas.pdf"
    assert compare_lists(kept, other) == []
    other.areas[3].findings = [f for f in other.areas[3].findings if f.kind != "strength"][:1] + [
        f for f in other.areas[3].findings if f.kind == "strength"
    ][:2]
    issues = compare_copies(kept, other)
    assert {(i.check_name, i.area_no, i.field) for i in issues} == {
        ("list-length", 3, "strength"),
        ("list-length", 3, "improvement"),
    }
    assert all("elsewhere/torsas.pdf" in i.message for i in issues)
    # a transcript infers its bullets' starts: one more or less is no disagreement, lost text is
    other.source_format = "pdf_transcript"
    other.areas[3].findings = copy.deepcopy(kept.areas[3].findings)
    first = other.areas[3].findings[0]
    first.text += " " + other.areas[3].findings.pop(1).text
    assert compare_lists(kept, other) == []


def test_a_word_written_in_lower_case_is_found_as_the_whole_search_finds_it():
    from kompass.pipeline.checks import plausibility

    texts = ["Bra rutiner för dialog", "medborgar\u00a0dialog och\x1cdialogen", "İnte ǅ ªb ßa", "x\tdia-log", ""]
    report = copy.deepcopy(sample_report("torsas-2017"))
    report.areas[1].headings = texts
    joined = "\0".join(plausibility._strings(report))
    common = plausibility._common_words(report)
    words = {w.lower() for w in joined.replace("\0", " ").split()} | {"dialog", "dia", "log", "i̇nte", "ß", "ªb"}
    assert {w for w in words if plausibility._written_in_lower_case(joined, w)} == words & common
    assert "dialog" in common and "dialogen" not in common  # after U+001C, no space to the regex module


def test_the_quick_scan_for_suspect_characters_misses_none():
    from kompass.pipeline.checks import plausibility

    suspect = [c for c in range(0x3100) if plausibility._suspect(chr(c))]
    assert [hex(c) for c in suspect if not plausibility.MAYBE_SUSPECT.match(chr(c))] == []
