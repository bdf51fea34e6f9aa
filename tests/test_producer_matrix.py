"""Every PDF of the producer matrix extracts to its spec with both engines, and the engines agree.

The matrix (tests/producer_matrix.py, written by tests/producers/make_matrix.py)
prints the native fixtures' specs with reportlab, LibreOffice, Chromium and
WeasyPrint. Expected values are the specs; nothing here runs a producer.
"""

from __future__ import annotations

import io
from collections import Counter
from functools import cache

import pdfplumber
import pytest
from native_cases import assert_content, assert_metadata
from producer_matrix import CASES, Case

from benchmarks.compare import word_row
from kompass.parsers.pdf_words import PageContent, pages_pdfplumber
from kompass.parsers.pdfium_words import pages_pdfium
from kompass.pipeline.extract import extract_bytes
from kompass.pipeline.publish import dataset

ENGINES = ("pdfplumber", "pdfium")

# Chromium writes fractional widths (/W 600.09766) and so does reportlab's TrueType
# embedding (/Widths 612.793); pdfium places glyphs by rounded ones, so positions drift
# along a line: up to 0.43 pt in Chromium's text, 0.91 pt at the end of reportlab's
# 390 pt dot leader (docs/pdf-engines.md). LibreOffice and WeasyPrint agree to 0.001 pt.
POSITION_TOLERANCE = {"reportlab": 1.0, "libreoffice": 0.01, "chromium": 0.5, "weasyprint": 0.01}


@cache
def _pages(case: Case, engine: str) -> list[PageContent]:
    data = case.path.read_bytes()
    return list(pages_pdfplumber(data) if engine == "pdfplumber" else pages_pdfium(data))


@cache
def _report(case: Case, engine: str):
    return extract_bytes(case.path.read_bytes(), case.path, case.path.name, pdf_engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_extracts_to_its_spec(case, engine):
    report = _report(case, engine)
    spec = case.fixture.spec()
    assert report.source_format == "pdf"
    assert_metadata(report, spec)
    assert_content(report, spec)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_dataset_from_both_engines(case):
    tables = {engine: dataset.tables([_report(case, engine)]) for engine in ENGINES}
    for name, table in tables["pdfplumber"].items():
        assert table.equals(tables["pdfium"][name]), name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_words_from_both_engines(case):
    """Per page the same words (text and font), positions within the producer's tolerance, the same
    rules and marker shapes. pdfplumber may order a table row's words otherwise where its runs break
    at a float's last bit (docs/pdf-engines.md), so words are matched by text and occurrence."""
    tolerance = POSITION_TOLERANCE[case.producer]
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
    assert {c.tables for c in CASES} == {"grid", "horizontal", "booktabs", "shaded", "none"}
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
