"""Published PDFs (tests/fixtures/native/*.pdf, written by make_fixtures.py) extract to their specs' values."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import extract_path
from native_cases import assert_content, assert_metadata, assert_named_error
from native_fixtures import FIXTURES, NATIVE

from kompass.parsers import pdf
from kompass.parsers.errors import CorruptFile, Encrypted, NoTextLayer
from kompass.parsers.pdf_words import PageContent, Word

PDFS = [fx for fx in FIXTURES if fx.pdf]


@pytest.fixture(scope="module", params=PDFS, ids=lambda fx: fx.name)
def case(request):
    fx = request.param
    placed = json.loads(fx.path("pdf.json").read_text())
    return extract_path(fx.path("pdf")), fx.spec(), placed


def test_content(case):
    report, spec, _ = case
    assert report.source_format == "pdf"
    assert_content(report, spec)


def test_metadata(case):
    report, spec, placed = case
    assert_metadata(report, spec)
    assert report.total_score == spec["report"]["total_score"]  # the chart's label, "Tranås kommun 2017-454p"
    assert report.page_count == placed["pages"]


def test_chart_scores_right_or_absent(case):
    """The chart's bar labels may give the area scores; they must never give wrong ones."""
    report, spec, _ = case
    charted = [a.chart_score for a in report.areas.values()]
    assert charted in ([a["score"] for a in spec["areas"]], [None] * 8)


def test_pages_of_bullets_and_questions(case):
    """Every bullet and sub-question says the page the renderer drew it on (a bullet: where it starts)."""
    report, _, placed = case
    got = {
        f"{no}/{f.kind}/{i}": f.page
        for no, a in report.areas.items()
        for kind in ("strength", "improvement")
        for i, f in enumerate(x for x in a.findings if x.kind == kind)
    }
    assert got == placed["bullets"]
    assert {q.question_no: q.page for a in report.areas.values() for q in a.questions} == placed["questions"]
    assert all(a.page and a.table_page for a in report.areas.values())


def test_fixtures_break_lists_and_tables_across_pages():
    """The fixtures hold the hard cases: a bullet and a score table running onto the next page."""
    placed = [json.loads(fx.path("pdf.json").read_text()) for fx in PDFS]
    assert sum(p["split_items"] for p in placed) >= 3
    assert sum(p["split_tables"] for p in placed) >= 3
    assert sum(p["split_rows"] for p in placed) >= 4  # "5.2 Tydliggör ... kostnader 12 20 62%" / "och resultat ..."


TABLE_STYLES = [fx for fx in PDFS if fx.pdf and fx.pdf.table_rules not in ("grid", "horizontal")]


def test_fixtures_cover_the_table_styles():
    assert {fx.pdf.table_rules for fx in PDFS if fx.pdf} >= {"grid", "horizontal", "booktabs", "shaded", "none", "css"}


@pytest.mark.parametrize("fx", TABLE_STYLES, ids=lambda fx: fx.name)
def test_tables_without_full_rules_keep_their_cells(fx):
    """Rubriker | Poäng drawn without a grid: the headings are one cell, the score the other
    (not "Strategi för demokratiutveckling och information 45"); each sub-question one row."""
    doc = pdf.read(fx.path("pdf"), fx.path("pdf").read_bytes())
    rows = [b.cells for b in doc.blocks if b.kind == "table_row"]
    rubriker = [(tuple(line.split(" ", 1)[-1] for line in c[0]), c[-1]) for c in rows if len(c) == 2]
    for area in fx.spec()["areas"]:
        assert (tuple(area["headings"]), (str(area["score"]),)) in rubriker
    numbers = {q["question_no"] for q in fx.spec()["questions"]}
    starts = [c[0][0] for c in rows if c and c[0] and c[0][0] in numbers]
    assert sorted(starts) == sorted(numbers)


def test_running_header_is_no_content():
    """The header of every page after the first is a page_header block, and in no other block."""
    fx = PDFS[0]
    doc = pdf.read(fx.path("pdf"), fx.path("pdf").read_bytes())
    headers = [b for b in doc.blocks if b.kind == "page_header"]
    assert [b.page for b in headers] == list(range(2, doc.page_count + 1))
    assert all(
        b.text == f"Sveriges Kommuner och Landsting {fx.spec()['report']['report_date']} {b.page} ({doc.page_count})"
        for b in headers
    )
    assert not any("Landsting 20" in b.text for b in doc.blocks if b.kind != "page_header")


def test_engine_is_chosen_by_name():
    fx = PDFS[0]
    data = fx.path("pdf").read_bytes()
    assert pdf.read(fx.path("pdf"), data, engine="pdfplumber").blocks == pdf.read(fx.path("pdf"), data).blocks
    with pytest.raises(ValueError, match="unknown PDF engine"):
        pdf.read(fx.path("pdf"), data, engine="nope")


def _word(text: str, x0: float, top: float, size: float = 10.0) -> Word:
    return Word(text, x0, x0 + 6 * len(text), top, top + size, "Helvetica", size)


def test_unmapped_font_text_is_left_out_with_a_warning():
    """`(cid:NN)`: a font without a Unicode map. Its text is not report text; the page gets a warning."""
    page = PageContent(
        3,
        595,
        842,
        [_word("Tydliga", 70, 100), _word("(cid:36)(cid:37)(cid:38)", 120, 100), _word("(cid:40)(cid:41)", 70, 120)],
    )
    warnings: list[str] = []
    items = pdf.page_items(page, warnings).items
    assert [it.text for it in items] == ["Tydliga"]
    assert warnings == ["page 3: 5 characters in a font without a Unicode map (shown as (cid:NN)) were left out"]


def test_unmapped_bullet_glyph_still_starts_a_list_item():
    """reportlab's Helvetica writes • as code 127, which pdfminer cannot map: `(cid:127)` before a gap."""
    glyph = Word("(cid:127)", 88, 93.5, 100, 110, "Helvetica", 10)
    page = PageContent(1, 595, 842, [glyph, _word("Bra", 106, 100), _word("information", 130, 100)])
    warnings: list[str] = []
    [line] = pdf.page_items(page, warnings).items
    assert (line.marker, line.text, warnings) == (pdf.UNREADABLE, "Bra information", [])


def test_pdf_of_unmapped_fonts_only_is_no_text_layer(monkeypatch):
    """Nothing but (cid:NN) text: as unreadable as a scan, and said so."""

    def engine(data):
        yield PageContent(1, 595, 842, [_word("(cid:36)(cid:37)", 70, 100)])

    monkeypatch.setitem(pdf.ENGINES, "test", "test_pdf:_cid_engine")
    monkeypatch.setattr(sys.modules[__name__], "_cid_engine", engine, raising=False)
    with pytest.raises(NoTextLayer, match="fonts without a Unicode map"):
        pdf.read(Path("cid.pdf"), b"%PDF-1.4", engine="test")


ERRORS = [
    ("scanned.pdf", NoTextLayer, "no_text_layer", "OCR"),
    ("encrypted.pdf", Encrypted, "encrypted", "password"),
    ("truncated.pdf", CorruptFile, "corrupt_file", "truncated or damaged"),
]


@pytest.mark.parametrize("name, error, kind, words", ERRORS, ids=[e[0] for e in ERRORS])
def test_unreadable_pdf_is_a_named_one_line_error(name, error, kind, words):
    assert_named_error(NATIVE / name, error, kind, words)


def test_fixture_files_stay_small():
    assert all(p.stat().st_size < 120_000 for p in NATIVE.glob("*.pdf"))
    assert all(p.stat().st_size < 60_000 for p in NATIVE.glob("*.docx"))
