"""Word documents (tests/fixtures/native/*.docx, written by make_fixtures.py) extract to their specs' values."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import extract_path
from native_cases import assert_content, assert_metadata, assert_named_error
from native_fixtures import FIXTURES, NATIVE

from kompass.parsers import docx as docx_reader
from kompass.parsers.errors import CorruptFile, TooLarge

DOCXS = [fx for fx in FIXTURES if fx.docx]


@pytest.fixture(scope="module", params=DOCXS, ids=lambda fx: fx.name)
def case(request):
    fx = request.param
    return extract_path(fx.path("docx")), fx.spec()


def test_content(case):
    report, spec = case
    assert report.source_format == "docx"
    assert_content(report, spec)


def test_metadata(case):
    """Evaluators from the title page, the report date from the header; the chart is an image, so no printed total."""
    report, spec = case
    assert_metadata(report, spec)
    assert report.total_score is None
    assert report.total_score_computed == spec["report"]["total_score"]


def test_no_pages(case):
    """A .docx has no pages until Word lays it out: no page is claimed."""
    report, _ = case
    assert report.page_count is None
    assert all(f.page is None for a in report.areas.values() for f in a.findings)


def test_blocks_in_document_order():
    """Headings, tables and lists interleave as in the file; the TOC is left out; merged cells come once."""
    fx = DOCXS[0]
    doc = docx_reader.read(fx.path("docx"), fx.path("docx").read_bytes())
    kinds = [(b.kind, b.text.split(" ")[0]) for b in doc.blocks]
    start = kinds.index(("heading", "Område"))
    assert [k for k, _ in kinds[start : start + 4]] == ["heading", "table_row", "table_row", "heading"]
    assert doc.blocks[start + 2].cells[0][0].startswith("· ")  # the Rubriker list, one line a heading
    assert sum(b.text.startswith("Område 1 ") for b in doc.blocks) == 1  # not again from the TOC
    totals = [b for b in doc.blocks if b.kind == "table_row" and b.cells[-1][0].endswith("%") and b.cells[0] == ("",)]
    assert totals and all(len(b.cells) == 4 for b in totals)  # the total row's merged first cell, once
    assert doc.blocks[0].kind == "page_header" and fx.spec()["report"]["report_date"] in doc.blocks[0].text


ERRORS = [
    ("not-a-zip.docx", CorruptFile, "corrupt_file", "zip archive"),
    ("no-document-xml.docx", CorruptFile, "corrupt_file", "word/document.xml"),
    ("zip-bomb.docx", TooLarge, "too_large", "zip bomb"),
]


@pytest.mark.parametrize("name, error, kind, words", ERRORS, ids=[e[0] for e in ERRORS])
def test_unreadable_docx_is_a_named_one_line_error(name, error, kind, words):
    assert_named_error(NATIVE / name, error, kind, words)


def _with_dtd(tmp_path, dtd: str, reference: str):
    """The first fixture with a DTD in document.xml and an entity reference after "KommunKompassen"."""
    src = zipfile.ZipFile(DOCXS[0].path("docx"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode().partition("?>")
                data = (head + "?>" + dtd + rest.replace("KommunKompassen", f"KommunKompassen {reference}", 1)).encode()
            dst.writestr(info.filename, data)
    path = tmp_path / "dtd.docx"
    path.write_bytes(buf.getvalue())
    return path


def test_entities_are_not_expanded(tmp_path):
    """The parts are parsed with resolve_entities=False: a declared entity stays unexpanded."""
    path = _with_dtd(tmp_path, '<!DOCTYPE w:document [<!ENTITY x "EXPANDED">]>', "&x;")
    doc = docx_reader.read(path, path.read_bytes())
    assert doc.blocks[1].text.startswith("KommunKompassen")
    assert not any("EXPANDED" in b.text for b in doc.blocks)


def test_billion_laughs_is_refused(tmp_path):
    """Nested entities: libxml2 stops at its amplification limit, and the file is reported as corrupt."""
    laughs = (
        '<!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha">'
        + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi"))
        + "]>"
    )
    path = _with_dtd(tmp_path, laughs, "&i;")
    with pytest.raises(CorruptFile, match="cannot be read, it may be damaged"):
        docx_reader.read(path, path.read_bytes())


def test_numbered_headings_get_the_labels_word_draws():
    """Headings numbered by Word ("%1", "Område %2") hold no number in their text; the reader adds it."""
    fx = next(fx for fx in DOCXS if fx.docx.docx_numbered_headings)
    import docx

    raw = [p.text for p in docx.Document(str(fx.path("docx"))).paragraphs if p.style.name.startswith("Heading")]
    assert "Detaljerad genomgång i förhållande till Kommunkompassens åtta områden" in raw
    assert not any(t.startswith(("Område", "3")) for t in raw)
    doc = docx_reader.read(fx.path("docx"), fx.path("docx").read_bytes())
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "3 Detaljerad genomgång i förhållande till Kommunkompassens åtta områden" in headings
    assert [h.split(" ", 2)[1] for h in headings if h.startswith("Område")] == [str(n) for n in range(1, 9)]


@pytest.mark.parametrize("n, fmt, label", [(4, "decimal", "4"), (3, "lowerLetter", "c"), (14, "upperRoman", "XIV")])
def test_number_formats(n, fmt, label):
    from kompass.parsers.docx_numbering import _format

    assert _format(n, fmt) == label
