"""Transcripts as sharing sites vary them, and question rows that break across pages.

Each case renders a gold spec with synth/text.py's site options, so every value
the extraction must give is the spec's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_text, load_gold
from gold_compare import (
    area_values,
    bullets,
    gold_area_values,
    gold_bullets,
    gold_metadata,
    gold_question_values,
    metadata,
    question_values,
    text_per_list,
)

from kompass.parsers.blocks import Block, Document
from kompass.pipeline.interpret.interpreter import interpret
from synth import text as synth

OTHER_REPORTS = (
    "Personalpolitiskt program",
    "KommunKompassen HELSINGBORGS STAD 2014 ANALYS AV. Utvärderare: Lars Strid, SKL Anders Dryselius, Hylte kommun",
    "KommunKompassen VALLENTUNA KOMMUN FEBRUARI 2016 ANALYS AV. Leif Eldås, SKL Josephine Härdin, konsult",
)


def site_titles(spec: dict) -> tuple[str, ...]:
    """The preamble's list: the report's own title repeated among other documents, as sites list them."""
    rep = spec["report"]
    display, _ = synth.display_name(spec)
    own = f"KommunKompassen {display.upper()} {rep['year']} ANALYS AV. Utvärderare: {synth.evaluator_text(spec)}"
    return (OTHER_REPORTS[0], own, *OTHER_REPORTS[1:])


def page_lines(text: str) -> list[str]:
    """The transcript's page lines, page 1 first: the lines after the preamble."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return lines[next(i for i, ln in enumerate(lines) if "KommunKompassen ANALYS AV " in ln) :]


def assert_every_field(report, spec: dict) -> None:
    assert report.source_format == "pdf_transcript"
    expected = gold_metadata(spec)
    expected["report_date"] = spec["report"]["report_date"]
    assert metadata(report) == expected
    assert report.total_score == spec["report"]["total_score"]
    assert area_values(report) == gold_area_values(spec)
    assert question_values(report) == gold_question_values(spec)
    assert text_per_list(bullets(report)) == text_per_list(gold_bullets(spec))
    assert [a.chart_score for a in report.areas.values()] == [a["score"] for a in spec["areas"]]


@pytest.mark.parametrize("numbered", [False, True], ids=["plain-lines", "numbered-lines"])
@pytest.mark.parametrize("marker", ["Transkript:", "Transkript", ""], ids=["colon", "no-colon", "no-marker"])
@pytest.mark.parametrize("name", ["tranas-2017", "torsas-2017"])
def test_site_variant_gives_every_field_from_the_report_itself(name, marker, numbered):
    spec = load_gold(name)
    if not spec["report"]["evaluators"]:  # the Word export sample has no title page: give it one
        spec["report"]["evaluators"] = [{"name": "Märit Melbi", "role": None, "affiliation": "SKL"}]
    spec["report"]["total_score"] = spec["report"]["total_score"] or sum(a["score"] for a in spec["areas"])
    spec["report"]["report_date"] = spec["report"]["report_date"] or f"{spec['report']['year']}-05-10"
    text = synth.transcript(spec, 1, marker=marker, numbered_pages=numbered, site_titles=site_titles(spec))
    report = extract_text(text)
    assert_every_field(report, spec)
    lines = page_lines(text)
    assert report.title == " ".join(lines[0].split()[1:] if numbered else lines[0].split())
    assert report.page_count == len(lines)
    # pages are the report's own: "Område 3" is on the page line that holds it
    for a in spec["areas"]:
        heading = f"Område {a['area_no']} {a['name']} Rubriker"
        assert report.areas[a["area_no"]].page == next(i for i, ln in enumerate(lines, 1) if heading in ln)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("name", ["tranas-2017", "torsas-2017"])
def test_question_rows_across_page_breaks_rejoin(name, seed):
    """ "5.2 Tydliggör kommunen sambandet mellan kostnader 12 20 62%", the next page's header,
    then "och resultat i budgetprocessen?": one sub-question, on the page where its row starts."""
    spec = load_gold(name)
    spec["report"]["total_score"] = spec["report"]["total_score"] or sum(a["score"] for a in spec["areas"])
    spec["report"]["report_date"] = spec["report"]["report_date"] or f"{spec['report']['year']}-05-10"
    if not spec["report"]["evaluators"]:
        spec["report"]["evaluators"] = [{"name": "Märit Melbi", "role": None, "affiliation": "SKL"}]
    text = synth.transcript(spec, seed, split_rows=4)
    report = extract_text(text)
    assert_every_field(report, spec)
    lines = page_lines(text)
    split = 0
    pages = {q.question_no: q.page for a in report.areas.values() for q in a.questions}
    for q in spec["questions"]:
        numbers = f"{q['achieved']} {q['max']} {q['percent']}%"
        start = f"{q['question_no']} {q['text'].split()[0]} "
        whole = f"{q['question_no']} {q['text']} {numbers}"
        page = next(i for i, ln in enumerate(lines, 1) if start in ln and (whole in ln or ln.endswith(numbers)))
        split += whole not in lines[page - 1]
        assert pages[q["question_no"]] == page, q["question_no"]
    assert split == 4


def test_split_rows_and_site_variant_together():
    spec = load_gold("tranas-2017")
    text = synth.transcript(
        spec, 2, marker="Transkript", numbered_pages=True, site_titles=site_titles(spec), split_rows=3
    )
    assert_every_field(extract_text(text), spec)


def test_front_pages_before_the_title_page_give_nothing():
    """A reader that left a site's list of other reports in: the last page naming
    Kommunkompassen before the contents is the title page, and the only one read."""
    pages = [
        "KommunKompassen HELSINGBORGS STAD 2014 ANALYS AV. Utvärderare: Lars Strid, SKL Anders Dryselius, Hylte kommun",
        "Relevanta dokument Personalpolitiskt program",
        "KommunKompassen ANALYS AV ÖRNSKÖLDSVIKS KOMMUN 2016 Utvärderare: Anna Berg, SKL och Per Holm, Umeå kommun",
        "Innehåll 1 Vad är Kommunkompassen?...3",
        "Område 1 Offentlighet och demokrati Rubriker Information Poäng 40 Allmänt Text. STYRKOR Bra information",
    ]
    doc = Document("pdf_transcript", [Block("paragraph", t, page=n) for n, t in enumerate(pages, start=1)])
    report = interpret(doc, Path("site.txt"))
    assert (report.municipality, report.year) == ("Örnsköldsvik", 2016)
    assert [(e.name, e.affiliation) for e in report.evaluators] == [("Anna Berg", "SKL"), ("Per Holm", "Umeå kommun")]
    assert report.title == pages[2]
