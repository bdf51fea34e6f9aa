"""The pdfium word source gives pdfplumber's words and rules, page by page, on every PDF we have.

Every sample in pdf_samples.py, two reports rendered from the gold files, and any
PDF under tests/fixtures/ go through both engines. Text must be equal; positions
and sizes within 0.01 pt; font names equal but for pdfplumber's subset tag
(pdfium does not report it); words and rules in the same order.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from conftest import FIXTURES, load_gold
from pdf_samples import SAMPLES, translated_labels
from pdfplumber.utils import extract_words

from benchmarks import engines
from benchmarks.compare import page_differences, word_row
from kompass.parsers.pdf_words import PageContent
from kompass.parsers.pdfium_words import pages_pdfium
from kompass.parsers.word_grouping import Char, group_words
from synth.pdf import render

# Tolerance: benchmarks.compare.TOLERANCE, 0.01 pt; the largest difference seen is
# about 0.0002 pt (pdfium keeps coordinates as 32-bit floats).


def reference_pages(data: bytes) -> list[PageContent]:
    """pdfplumber's pages: parsers.pdf_words.pages_pdfplumber, or its semantics until that lands."""
    return list(engines.reference_pages(data))


def _rendered(name: str, seed: int):
    return lambda: render(load_gold(name), seed)


SOURCES = {
    **SAMPLES,
    "tranas-2017.rendered": _rendered("tranas-2017", 0),
    "torsas-2017.rendered": _rendered("torsas-2017", 1),
    **{f"fixture:{p.name}": p.read_bytes for p in sorted(FIXTURES.glob("*.pdf"))},
}


@pytest.fixture(params=sorted(SOURCES))
def pdf(request) -> bytes:
    data = SOURCES[request.param]()
    if data is None:
        pytest.skip(f"{request.param}: needs a font this system lacks")
    return data


def test_pdfium_words_are_pdfplumbers(pdf):
    expected = reference_pages(pdf)
    got = list(pages_pdfium(pdf))
    assert len(got) == len(expected)
    for a, b in zip(expected, got):
        assert page_differences(a, b) == [], f"page {a.number}"


def test_grouping_reproduces_pdfplumber_extract_words(pdf):
    """word_grouping on pdfplumber's own chars gives pdfplumber's own words, exactly."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            chars = [
                Char(
                    c["text"],
                    c["x0"],
                    c["x1"],
                    c["top"],
                    c["bottom"],
                    c["upright"],
                    c["fontname"],
                    c["size"],
                    c["fontname"],
                )
                for c in page.chars
            ]
            expected = [
                (w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["fontname"], w["size"])
                for w in extract_words(page.chars, extra_attrs=["fontname", "size"])
            ]
            got = [(w.text, w.x0, w.x1, w.top, w.bottom, w.fontname, w.size) for w in group_words(chars)]
            assert got == expected


def test_samples_hold_what_they_are_for():
    """The samples reach the cases they exist for: rules of each kind, turned text, ligatures, offsets."""
    pages = {
        name: reference_pages(SAMPLES[name]())
        for name in ("ruled_table", "transformed", "rotated_page", "offset_boxes", "fonts_and_sizes")
    }
    table = pages["ruled_table"][0]
    # row lines, column lines, two stroked rects' edges, the thin filled rect as itself, the dashed line
    assert len(table.rules) == 5 + 6 + 2 * 4 + 1 + 1
    turned = [w for w in pages["transformed"][0].words if w.x1 - w.x0 == pytest.approx(10)]  # 10 pt font on its side
    assert "".join(w.text for w in turned).startswith("Roterad")
    assert any(w.size == pytest.approx(10.5) for w in pages["transformed"][0].words)  # 14 pt scaled by 0.75
    assert pages["rotated_page"][0].words[0].bottom - pages["rotated_page"][0].words[0].top > 5  # turned glyphs
    assert pages["offset_boxes"][0].width == 591
    assert "Definierade" in [w.text for w in pages["fonts_and_sizes"][0].words]  # the ﬁ glyph, expanded
    texts = [w.text for w in pages["fonts_and_sizes"][0].words]
    assert ["Uppnåtttättintill", "glapp", "Max", "Fet", "stil"] == texts[-7:-2]  # 2.5 pt joins, 3.5 pt splits


def test_known_difference_sizes_under_a_translation():
    """Where pdfminer's floating-point sums make equal font sizes unequal, the order (only) differs."""
    data = translated_labels()
    expected, got = reference_pages(data)[0], list(pages_pdfium(data))[0]
    assert [w.text for w in expected.words] == ["53", "64", "Sveriges", "Kommuner", "och", "Landsting"]
    assert [w.text for w in got.words] == ["Sveriges", "Kommuner", "och", "Landsting", "53", "64"]
    assert sorted(map(word_row, expected.words)) == sorted(map(word_row, got.words))


@pytest.mark.parametrize("upright", [True, False], ids=["upright", "rotated"])
def test_words_apart_by_position_only_split_where_pdfplumber_splits(upright):
    """No space glyph between them: words split by the gap alone, at pdfplumber's x_tolerance (a gap
    of more than 3 pt), and where a glyph starts before the previous one; both on a line of one
    text run, the way Quartz and pdfTeX place words."""
    gaps = [0.0, 2.5, 2.999, 3.0, 3.001, 3.5, 12.0, -1.0, 0.0, 3.2, 0.1, -0.2]
    chars, at = [], 50.0
    for n, gap in enumerate(gaps):
        at += gap
        start, end = at, at + 5.0
        x0, x1, top, bottom = (start, end, 100.0, 110.0) if upright else (100.0, 110.0, start, end)
        box = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top}
        chars.append({"text": "abcdefghijkl"[n], "upright": upright, "fontname": "F", "size": 10.0, **box})
        at = end
    expected = [
        (w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in extract_words(chars, extra_attrs=["fontname", "size"])
    ]
    fields = [Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], upright, "F", 10.0, "F") for c in chars]
    got = [(w.text, w.x0, w.x1, w.top, w.bottom) for w in group_words(fields)]
    assert got == expected
    assert len(expected) >= 5
