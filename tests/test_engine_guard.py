"""The fast engine's run-time guard: a page whose glyph widths it cannot know is re-read by the reference.

A glyph the fast engine has no width for gets a box of no width, and pdfplumber's
grouping then splits its word ("Off entlighet"). The fast engine counts such glyphs
per page; a page with any is read by pdfplumber instead, and the reader records a
note in reports.reader_warnings that is not an unreadable-text finding.

The LibreOffice PDFs of the producer matrix have ligature glyphs whose ToUnicode
maps one code to "ff": pdfium cannot give their width, only the font dictionary
can. Taking the dictionaries away (as for a document pdfminer's dictionary
reading cannot parse) makes the guard fire on exactly the pages with ligatures.
"""

from __future__ import annotations

from collections import Counter

import pdfplumber
import pytest
from native_cases import assert_content
from producer_matrix import CASES

from benchmarks.compare import page_differences, word_row
from kompass.parsers import pdfium_words
from kompass.parsers.blocks import is_note
from kompass.parsers.pdf_words import REREAD, pages_pdfplumber
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.extract import extract_bytes

LIBREOFFICE = next(c for c in CASES if c.producer == "libreoffice" and c.tables == "grid")
LIGATURES = {"ff", "fi", "fl", "ffi", "ffl"}


@pytest.fixture
def without_font_dictionaries(monkeypatch):
    monkeypatch.setattr(pdfium_words, "document_fonts", lambda fonts: {})


def _ligature_pages(data: bytes) -> set[int]:
    import io

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {p.page_number for p in pdf.pages if any(c["text"] in LIGATURES for c in p.chars)}


def test_guard_rereads_the_pages_it_cannot_measure(without_font_dictionaries):
    data = LIBREOFFICE.path.read_bytes()
    expected = list(pages_pdfplumber(data))
    got = list(pdfium_words.pages_pdfium(data))
    reread = {p.number for p in got if p.notes}
    assert reread == _ligature_pages(data) and reread
    for a, b in zip(expected, got):
        if b.notes:  # the reference engine's own page
            assert page_differences(a, b, tolerance=0.0) == [], f"page {a.number}"
        else:  # pdfium's, with its own descent now (LibreOffice writes /Descent 0), but the same words
            assert Counter(map(word_row, a.words)) == Counter(map(word_row, b.words)), f"page {a.number}"
    assert all(n.startswith(REREAD) for p in got for n in p.notes)


def test_reread_is_noted_but_not_a_finding(without_font_dictionaries):
    data = LIBREOFFICE.path.read_bytes()
    report = extract_bytes(data, LIBREOFFICE.path, LIBREOFFICE.path.name, pdf_engine="pdfium")
    assert_content(report, LIBREOFFICE.fixture.spec())
    rereads = [w for w in report.reader_warnings if REREAD in w]
    assert len(rereads) == len(_ligature_pages(data))
    assert all(is_note(w) for w in report.reader_warnings)  # the re-reads, and textnorm's "normalized: " notes
    notes = rereads
    assert notes[0].startswith("page ") and REREAD in notes[0]
    assert not [f for f in validate(report) if f.check_name == "unreadable-text"]


def test_guard_is_quiet_where_widths_are_known():
    for case in CASES:
        notes = [n for p in pdfium_words.pages_pdfium(case.path.read_bytes()) for n in p.notes]
        assert not [n for n in notes if n.startswith(REREAD)], case.name


def test_notes_are_told_apart_from_losses():
    assert is_note(f"page 3: {REREAD}: 2 glyphs without a known width in the fast engine")
    assert is_note("note: something read another way")
    assert not is_note("page 3: 4 characters in a font without a Unicode map (shown as (cid:NN)) were left out")
    assert not is_note("page 3: notes were lost")
