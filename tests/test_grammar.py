"""The report grammar on small hand-written fragments of each text layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_text

from kompass.parsers.detect import read_document
from kompass.parsers.errors import EmptyFile, NotAReport, UnknownLayout
from kompass.pipeline.interpret.areas import area_key, identify, infer_revision
from kompass.pipeline.interpret.interpreter import chart_scores

HEADER = "Sveriges Kommuner och Landsting 2016-03-01 {page} (9)"


def transcript(*pages: str) -> str:
    """A transcript: one run-on line per page, the header opening every page but the first."""
    lines = [pages[0]] + [HEADER.format(page=n) + " " + text for n, text in enumerate(pages[1:], start=2)]
    return "Transkript:\n\n" + "\n\n".join(lines) + "\n"


TITLE = "KommunKompassen ANALYS AV ÖRNSKÖLDSVIKS KOMMUN 2016 Utvärderare: Anna Berg, SKL och Per Holm, Umeå kommun"
AREA1 = (
    "Område 1 Offentlighet och demokrati Rubriker Information Dialog med invånare Poäng 40 Allmänt "
    "Här beskrivs området. STYRKOR Bra information på webben Regelbundna medborgardialoger"
)
TABLE1 = (
    "4. Översikt av poängfördelning 1. Offentlighet och demokrati Uppnått Max Procent "
    "1.1 Informeras invånarna? 20 50 40% 1.2 Finns dialog? 20 50 40% 40 100 40%"
)


def test_list_broken_by_a_page_header():
    report = extract_text(
        transcript(
            TITLE,
            AREA1 + " Tydliga etiska riktlinjer för alla",
            "anställda FÖRBÄTTRINGSOMRÅDEN Fler jämförelser med andra kommuner",
            TABLE1,
        )
    )
    area = report.areas[1]
    assert [f.text for f in area.findings if f.kind == "strength"] == [
        "Bra information på webben",
        "Regelbundna medborgardialoger",
        "Tydliga etiska riktlinjer för alla anställda",
    ]
    assert [f.text for f in area.findings if f.kind == "improvement"] == ["Fler jämförelser med andra kommuner"]
    assert [f.page for f in area.findings] == [2, 2, 2, 3]
    assert report.report_date.isoformat() == "2016-03-01" and report.page_count == 9
    assert report.municipality == "Örnsköldsvik" and report.municipality_code == "2284"


def test_header_date_glued_to_the_publisher():
    """A header whose parts were placed apart, read without the space between them: the date is still the date."""
    glued = transcript(TITLE, AREA1, TABLE1).replace("Landsting 2016-03-01", "Landsting2016-03-01")
    assert "Landsting2016-03-01 2 (9)" in glued
    assert extract_text(glued).report_date.isoformat() == "2016-03-01"


def test_table_split_across_pages():
    report = extract_text(
        transcript(
            TITLE,
            AREA1,
            "4. Översikt av poängfördelning 1. Offentlighet och demokrati Uppnått Max Procent "
            "1.1 Informeras invånarna om aktuella frågor i",
            "politiken? 20 50 40% 1.2 Finns dialog? 20 50 40% 40 100 40%",
        )
    )
    area = report.areas[1]
    assert [(q.question_no, q.text, q.achieved, q.max_score, q.percent, q.page) for q in area.questions] == [
        ("1.1", "Informeras invånarna om aktuella frågor i politiken?", 20, 50, 40, 3),
        ("1.2", "Finns dialog?", 20, 50, 40, 4),
    ]
    assert (area.table_total, area.table_max, area.table_percent) == (40, 100, 40)


def test_rubriker_cells_before_the_list():
    """ "Rubriker Poäng <headings> 67": the score trails the headings."""
    report = extract_text(
        transcript(
            TITLE,
            "Område 1 Offentlighet och demokrati Rubriker Poäng Information Dialog med invånare 40 Allmänt Text. "
            "STYRKOR Bra information på webben",
            TABLE1,
        )
    )
    assert report.areas[1].headings == ["Information", "Dialog med invånare"]
    assert report.areas[1].score == 40


def test_table_of_contents_is_skipped():
    report = extract_text(
        transcript(
            TITLE,
            "Innehåll 1 Vad är Kommunkompassen?...3 Område 1 Offentlighet och demokrati...6 "
            "4. Översikt av poängfördelning...22",
            AREA1,
            TABLE1,
        )
    )
    assert sorted(report.areas) == [1]
    assert report.areas[1].page == 3


WORD_EXPORT = """\
[bookmark: _Toc1]Område 2\t{name}
\tRubriker
\tPoäng

\t· Strategi för brukarorientering
· Tillgänglighet och bemötande
\t41


STYRKOR
· Mätning av tillgänglighet i telefoni

FÖRBÄTTRINGSOMRÅDEN
· Utbildningar i bemötande
4. Översikt av poängfördelning

\t2. 
\tTillgänglighet och brukarorientering
\tUppnått
\tMax
\tProcent

\t2.1
\tFinns det en strategi för brukarfokus?
\t41
\t100
\t41%

\t
\t\u00a0
\t41
\t100
\t41%
"""


@pytest.mark.parametrize(
    "name,revision",
    [
        ("Brukarfokus, tillgänglighet och bemötande", "2016"),
        ("Tillgänglighet och brukarorientering", "2010"),
    ],
)
def test_area_two_names(name, revision):
    """Area 2 kept its 2010 name in the chapter 4 tables of 2016 reports: one key for both."""
    report = extract_text(WORD_EXPORT.format(name=name))
    area = report.areas[2]
    assert area.name == name
    assert area.table_name == "Tillgänglighet och brukarorientering"
    assert report.compass_revision == revision
    assert area_key(report.compass_revision, 2) == "tillganglighet_brukarfokus"
    assert [f.boundary for f in area.findings] == ["marker", "marker"]


def test_revision_2020_names():
    assert identify("Samspel mellan förtroendevalda och medborgare") == ("2020", 1)
    assert identify("Kommun som samhällsbyggare") == ("2010", 8)
    assert infer_revision({1: "Samspel mellan förtroendevalda och medborgare"}, {}) == "2020"
    assert infer_revision({7: "Verksamhetsutveckling"}, {}) == "2010"
    assert infer_revision({1: "Offentlighet och demokrati"}, {}) is None


def test_chart_labels_among_axis_ticks():
    assert chart_scores([80, 60, 53, 49, 61, 62, 50, 50, 62, 67, 40, 20, 0], 454) == [53, 49, 61, 62, 50, 50, 62, 67]
    assert chart_scores([80, 60, 53, 49], 454) is None
    # A bar equal to the tick below it: two readings fit, so no guess.
    bars = [55, 45, 65, 35, 50, 70, 48, 60]
    assert chart_scores([80, 60, *bars, 40, 20, 0], sum(bars)) is None
    assert chart_scores([80, *bars[:-1], 61, 60, 40, 20, 0], sum(bars) + 1) == [*bars[:-1], 61]


def test_empty_file():
    with pytest.raises(EmptyFile, match="empty"):
        read_document(Path("empty.txt"), b"  \n")


def test_text_in_no_known_layout():
    with pytest.raises(UnknownLayout, match="no known layout"):
        read_document(Path("notes.txt"), "Inköpslista\nMjölk\nBröd\n".encode())


def test_a_policy_document_is_not_a_report():
    policy = transcript(
        *[
            "Personalpolicy för kommunen. " + "Vi arbetar för en god arbetsmiljö och lika villkor. " * 20
            for _ in range(4)
        ]
    )
    with pytest.raises(NotAReport, match="not a report"):
        extract_text(policy)


@pytest.mark.parametrize("heading", ["Område 1Offentlighet och demokrati", "Område 1 Offentlighet och demokrati"])
def test_heading_number_touching_its_text(heading):
    """A PDF whose tab stop sits right after the number loses the gap: "Område 1Offentlighet"."""
    report = extract_text(
        transcript(
            TITLE,
            AREA1.replace("Område 1 Offentlighet och demokrati", heading),
            TABLE1.replace("4. Översikt", "4.Översikt"),
        )
    )
    assert report.areas[1].name == "Offentlighet och demokrati"
    assert report.areas[1].score == 40
    assert report.areas[1].table_total == 40


@pytest.mark.parametrize("header", ["Uppnått Max Procent", "Uppnåt t Max Procent", "Uppnå tt Max Pro cent"])
def test_table_header_wrapped_in_a_narrow_cell(header):
    """A narrow cell breaks "Uppnått" wherever the width runs out: "Uppnåt" / "t" or "Uppnå" / "tt"."""
    report = extract_text(transcript(TITLE, AREA1, TABLE1.replace("Uppnått Max Procent", header)))
    assert report.areas[1].table_name == "Offentlighet och demokrati"
    assert [q.question_no for q in report.areas[1].questions] == ["1.1", "1.2"]


def test_number_run_into_a_word_is_no_area():
    """ "Område 12" or "Område 1a" in prose is not a heading of area 1."""
    from kompass.pipeline.interpret import grammar as g

    assert g.LANDMARKS.search("Område 12 är nytt") is None
    assert g.LANDMARKS.search("se Område 1a") is None


def test_score_after_a_page_break_below_the_headings():
    """ "Rubriker Poäng <headings>" at a page's end, the score "63" opening the next page."""
    report = extract_text(
        transcript(
            TITLE,
            "Område 1 Offentlighet och demokrati Rubriker Poäng Information Dialog med invånare",
            "40 Allmänt Text. STYRKOR Bra information på webben",
            TABLE1,
        )
    )
    assert report.areas[1].headings == ["Information", "Dialog med invånare"]
    assert report.areas[1].score == 40


def test_chart_labels_must_share_the_totals_block():
    """Labels on other lines than "2017-454p" (a PDF's bars at different heights) are out of order: not read."""
    from kompass.parsers.blocks import Block, Document
    from kompass.pipeline.interpret.interpreter import interpret

    blocks = [
        Block("paragraph", t, page=4)
        for t in (
            "2 Tranås kommun i förhållande till Kommunkompassen",
            "100 Tranås kommun 2017-454p 80",
            "60 62 67 53 49 61",
            "62 50 50 40 20 0",
        )
    ]
    doc = Document(
        "pdf",
        blocks
        + [Block("heading", "Område 1 Offentlighet och demokrati", page=6), Block("paragraph", "Poäng 53", page=6)],
    )
    report = interpret(doc, Path("chart.pdf"))
    assert report.total_score == 454
    assert all(a.chart_score is None for a in report.areas.values())


def test_every_landmark_holds_one_of_the_words_that_let_a_text_be_searched():
    # the interpreter searches a text for landmarks only if it holds one of LANDMARK_WORDS
    import regex

    from kompass.pipeline.interpret import grammar

    assert not grammar.LANDMARKS.flags & regex.IGNORECASE
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.parent.glob("data/raw/*.txt"))]
    texts += [
        "1. Vad är KommunKompassen?",
        "2 Tranås kommun i förhållande till Kommunkompassen",
        "3. Detaljerad genomgång av de åtta områden",
        "Område 2Brukarfokus",
        "Styrkor",
        "Förbättringsområden",
        "4 Översikt av poängfördelning",
        "Poängsammanställning",
        "Kortfakta om",
        "Innehållsförteckning",
    ]
    found = [m.group() for text in texts for m in grammar.LANDMARKS.finditer(text)]
    assert len(found) > 100
    assert [m for m in found if not any(word in m for word in grammar.LANDMARK_WORDS)] == []
