"""Every PDF of the producer matrix extracts to its spec with both engines, and the engines agree.

The matrix (tests/producer_matrix.py, written by tests/producers/make_matrix.py)
prints the native fixtures' specs with reportlab, LibreOffice, Chromium,
WeasyPrint, fpdf2, MuPDF's Story and Typst. Expected values are the specs;
nothing here runs a producer.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache

import pdfplumber
import pytest
from native_cases import assert_content, assert_metadata
from producer_matrix import CASES, MATRIX_DIR, SPACES_STRIPPED, Case

from benchmarks.compare import word_row
from kompass.parsers.pdf import group_lines
from kompass.parsers.pdf_tables import segments
from kompass.parsers.pdf_words import PageContent, pages_pdfplumber
from kompass.parsers.pdfium_words import pages_pdfium
from kompass.pipeline.extract import extract_bytes
from kompass.pipeline.publish import dataset

ENGINES = ("pdfplumber", "pdfium")

# Chromium writes fractional widths (/W 600.09766) and so does reportlab's TrueType
# embedding (/Widths 612.793); pdfium places glyphs by rounded ones, so positions drift
# along a line: up to 0.43 pt in Chromium's text, 0.91 pt at the end of reportlab's
# 390 pt dot leader (docs/pdf-engines.md); Typst too (/W 505.99997), with kerning offsets in its TJ
# arrays: up to 0.08 pt at the end of a justified line. LibreOffice, WeasyPrint, fpdf2 and MuPDF agree
# to 0.001 pt.
POSITION_TOLERANCE = {
    "reportlab": 1.0,
    "libreoffice": 0.01,
    "chromium": 0.5,
    "weasyprint": 0.01,
    "fpdf2": 0.01,
    "story": 0.01,
    "typst": 0.1,
}  # a re-save (Ghostscript) keeps its source's positions


def _param(case: Case, engine: str | None = None):
    """The case (and engine) as a test parameter."""
    values, name = ((case,), case.name) if engine is None else ((case, engine), f"{case.name}-{engine}")
    return pytest.param(*values, id=name)


@cache
def _pages(case: Case, engine: str) -> list[PageContent]:
    data = case.path.read_bytes()
    return list(pages_pdfplumber(data) if engine == "pdfplumber" else pages_pdfium(data))


@cache
def _report(case: Case, engine: str):
    return extract_bytes(case.path.read_bytes(), case.path, case.path.name, pdf_engine=engine)


@pytest.mark.parametrize(("case", "engine"), [_param(c, e) for c in CASES for e in ENGINES])
def test_extracts_to_its_spec(case, engine):
    report = _report(case, engine)
    spec = case.fixture.spec()
    assert report.source_format == "pdf"
    assert_metadata(report, spec)
    assert_content(report, spec)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_same_dataset_from_both_engines(case):
    tables = {engine: dataset.tables([_report(case, engine)]) for engine in ENGINES}
    for name, table in tables["pdfplumber"].items():
        assert table.equals(tables["pdfium"][name]), name


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_same_words_from_both_engines(case):
    """Per page the same words (text and font), positions within the producer's tolerance, the same
    rules and marker shapes. pdfplumber may order a table row's words otherwise where its runs break
    at a float's last bit (docs/pdf-engines.md), so words are matched by text and occurrence."""
    tolerance = POSITION_TOLERANCE[case.source or case.producer]
    expected, got = _pages(case, "pdfplumber"), _pages(case, "pdfium")
    assert len(expected) == len(got)
    for a, b in zip(expected, got):
        assert Counter(map(word_row, a.words)) == Counter(map(word_row, b.words)), f"page {a.number}"
        for wa, wb in zip(_by_occurrence(a.words), _by_occurrence(b.words)):
            assert max(abs(getattr(wa, f) - getattr(wb, f)) for f in ("x0", "x1", "top", "bottom")) <= tolerance, (
                f"page {a.number}: {wa} != {wb}"
            )
        for kind in ("rules", "marks"):
            ra, rb = getattr(a, kind), getattr(b, kind)
            assert len(ra) == len(rb), f"page {a.number} {kind}"
            for x, y in zip(ra, rb):
                assert max(abs(getattr(x, f) - getattr(y, f)) for f in ("x0", "top", "x1", "bottom")) <= 0.01


def _by_occurrence(words):
    seen: Counter = Counter()
    keyed = []
    for w in words:
        key = word_row(w)
        keyed.append(((key, seen[key]), w))
        seen[key] += 1
    return [w for _, w in sorted(keyed, key=lambda kw: kw[0])]


def test_the_matrix_holds_what_it_is_for():
    """Four producers that say so in the PDF, every table style and bullet kind, ligature glyphs
    (LibreOffice, Chromium), browser-drawn markers and no space glyphs where the case needs them."""
    producers = {}
    for case in CASES:
        with pdfplumber.open(io.BytesIO(case.path.read_bytes())) as pdf:
            producers.setdefault(case.producer, set()).add(str(pdf.metadata.get("Producer", "")))
    assert "ReportLab" in " ".join(producers["reportlab"])
    assert "LibreOffice" in " ".join(producers["libreoffice"])
    assert "Skia/PDF" in " ".join(producers["chromium"])
    assert "WeasyPrint" in " ".join(producers["weasyprint"])
    assert "fpdf2" in " ".join(producers["fpdf2"])
    assert "Story" in " ".join(producers["story"])
    assert {c.tables for c in CASES} >= {"grid", "horizontal", "booktabs", "shaded", "none", "headrule", "columns"}
    assert {c.bullet for c in CASES} >= {"symbol", "disc", "•", "–", "▪"}
    for producer in ("libreoffice", "chromium"):
        case = next(c for c in CASES if c.producer == producer)
        with pdfplumber.open(io.BytesIO(case.path.read_bytes())) as pdf:
            glyphs = {ch["text"] for page in pdf.pages for ch in page.chars}
        assert glyphs & {"ff", "fi", "fl", "ffi", "\ufb00", "\ufb01", "\ufb02", "\ufb03"}, producer
    disc = next(c for c in CASES if c.producer == "chromium" and c.bullet == "disc")
    pages = _pages(disc, "pdfplumber")
    assert sum(len(p.marks) for p in pages) > 50
    assert not any(w.text in ("•", "\uf0b7") for p in pages for w in p.words)
    symbol = next(c for c in CASES if c.producer == "libreoffice" and c.bullet == "symbol")
    assert any(w.text == "\uf0b7" for p in _pages(symbol, "pdfplumber") for w in p.words)


def _first_word_beside_number(case: Case) -> list[bool]:
    """Per sub-question row: whether its number ("1.1", opening a line) has its text's first word beside it.

    Cells at the top put the number on the text's first line; centred, the number stands beside a
    middle line of a wrapped text, or between two lines."""
    first = {q["question_no"]: q["text"].split()[0] for q in case.fixture.spec()["questions"]}
    out = []
    for page in _pages(case, "pdfplumber"):
        for line in group_lines(page.number, page.words):
            number = line.words[0].text
            if number in first and re.fullmatch(r"[1-8]\.\d{1,2}", number):
                out.append(len(line.words) > 1 and line.words[1].text == first[number])
    return out


@pytest.mark.parametrize("case", [c for c in CASES if c.cells == "middle"], ids=lambda c: c.name)
def test_centred_cases_put_the_numbers_mid_row(case):
    beside = _first_word_beside_number(case)
    assert len(beside) >= 30 and sum(beside) < 0.5 * len(beside)


def test_top_aligned_cases_put_the_numbers_on_the_first_line():
    """(Where the number is one word: a narrow first column breaks it, "1." / "1", in some.)"""
    checked = [c for c in CASES if c.cells == "top" and len(_first_word_beside_number(c)) >= 30]
    assert len(checked) >= 5
    for case in checked:
        assert all(_first_word_beside_number(case)), case.name


def test_the_new_producers_hold_their_traits():
    """fpdf2 breaks words too long for its cells between letters; Typst hyphenates; MuPDF's Story
    sets its own fonts and writes the header last; fpdf2's border="1" rules columns, not rows."""
    fpdf2 = next(c for c in CASES if c.producer == "fpdf2")
    printed = {w.text for p in _pages(fpdf2, "pdfplumber") for w in p.words}
    long_words = {w.strip("?,.") for q in fpdf2.fixture.spec()["questions"] for w in q["text"].split() if len(w) > 16}
    broken = [w for w in long_words if w not in printed and any(w.startswith(p) and len(p) > 8 for p in printed)]
    assert len(broken) >= 3, broken
    typst = next(c for c in CASES if c.producer == "typst" and c.cells == "middle")
    hyphenated = [w.text for p in _pages(typst, "pdfplumber") for w in p.words if re.fullmatch(r"\w{2,}-", w.text)]
    assert len(hyphenated) >= 20
    story = next(c for c in CASES if c.producer == "story")
    with pdfplumber.open(io.BytesIO(story.path.read_bytes())) as pdf:
        page = pdf.pages[2]
        assert not {c["fontname"].split("+")[-1] for c in page.chars} & {"DejaVuSans", "DejaVu Sans"}
        assert all(c["top"] < 60 for c in page.chars[-10:])  # drawn after the body: the header
    columns = next(c for c in CASES if c.tables == "columns")
    page = next(p for p in _pages(columns, "pdfplumber") if any("Uppnått" == w.text for w in p.words))
    horizontal, vertical = segments(page.rules)
    assert len([v for v in vertical if v.end - v.start > 200]) >= 4 and len(horizontal) <= 6


def test_the_resaves_hold_ligatures_mapped_to_cjk():
    """Ghostscript's re-saves say who wrote them, and their ToUnicode maps give ligature glyphs CJK code points."""
    resaves = [c for c in CASES if c.producer == "ghostscript"]
    assert {c.source for c in resaves} >= {"libreoffice"}
    for case in resaves:
        with pdfplumber.open(io.BytesIO(case.path.read_bytes())) as pdf:
            assert "Ghostscript" in str(pdf.metadata.get("Producer", "")), case.name
            glyphs = {ch["text"] for page in pdf.pages[:6] for ch in page.chars}
        assert any("\u4e00" <= g[0] <= "\u9fff" and len(g) == 2 for g in glyphs), case.name


# --- Words apart by position only (tests/producers/strip_spaces.py) ---


@pytest.mark.parametrize("case", [c for c in CASES if c.spaces == SPACES_STRIPPED], ids=lambda c: c.name)
def test_stripped_cases_draw_no_spaces_and_move_no_glyph(case):
    """No whitespace glyph is left, and every other glyph stands where the printed source drew it:
    the words are apart only by the gaps the spaces left."""
    with (
        pdfplumber.open(io.BytesIO(case.path.read_bytes())) as stripped,
        pdfplumber.open(io.BytesIO((MATRIX_DIR / f"{case.stripped_from}.pdf").read_bytes())) as source,
    ):
        assert len(stripped.pages) == len(source.pages)
        gaps = 0
        for new, old in zip(stripped.pages, source.pages):
            assert not [c for c in new.chars if c["text"].isspace()], f"page {new.page_number}"
            kept = [c for c in old.chars if not c["text"].isspace()]
            assert [c["text"] for c in new.chars] == [c["text"] for c in kept]
            for a, b in zip(new.chars, kept):
                assert abs(a["x0"] - b["x0"]) < 1e-3 and abs(a["top"] - b["top"]) < 1e-3, (new.page_number, a, b)
            gaps += sum(1 for a, b in zip(new.chars, new.chars[1:]) if a["top"] == b["top"] and b["x0"] - a["x1"] > 3)
        assert gaps > 500
