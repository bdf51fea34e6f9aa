"""Ligature glyphs whose ToUnicode map gives code points foreign to the text: read as the letters they draw.

The Ghostscript re-saves of the producer matrix hold the real case (no glyph names there, so the word
list reads them; tests/test_producer_matrix.py); here a PDF written by hand holds glyph names in its
/Encoding /Differences, a ligature only the word list reads, and one nothing reads.
"""

from __future__ import annotations

import pytest
from producer_matrix import CASES

from kompass.parsers.font_dicts import truetype_post_names
from kompass.parsers.ligatures import foreign_letters, glyph_letters
from kompass.parsers.pdf_words import Word, pages_pdfplumber
from kompass.parsers.pdfium_words import pages_pdfium

# codes 1-3 draw ligatures whose ToUnicode lies (CJK code points, as Ghostscript writes them); 4 too, but in
# a word no ligature makes Swedish
TO_UNICODE = {1: "66006600", 2: "66006900", 3: "66006c00", 4: "7a007a00"}
DIFFERENCES = "[1 /f_f 2 /uniFB01]"  # 3 and 4 have no name
TEXT = [
    b"e\x01ektivitet och arbetet med kvalitet i kommunen",
    b"det \x02nns en plan f\xf6r kommunens arbete",
    b"\x03era kommuner har en plan f\xf6r arbetet",
    b"en zq\x04x som ingen l\xe4ser",
]
EXPECTED = ["effektivitet", "finns", "flera", "zq\u7a00\u7a00x"]


def _pdf() -> bytes:
    """One page, one non-embedded simple font with Differences and a lying ToUnicode map."""
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def "
        "1 begincodespacerange <00> <ff> endcodespacerange "
        f"{len(TO_UNICODE)} beginbfchar "
        + " ".join(f"<{code:02x}> <{text}>" for code, text in TO_UNICODE.items())
        + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    lines = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (700 - 20 * i, t) for i, t in enumerate(TEXT))
    widths = " ".join(["550"] * 255)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(lines), lines),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /KompassSerif /FirstChar 1 /LastChar 255 /Widths [%s] "
        b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences %s >> /ToUnicode 6 0 R "
        b"/FontDescriptor 7 0 R >>" % (widths.encode(), DIFFERENCES.encode()),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Type /FontDescriptor /FontName /KompassSerif /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("engine", [pages_pdfplumber, pages_pdfium], ids=["pdfplumber", "pdfium"])
def test_glyph_names_first_then_the_word_list_else_left(engine):
    (page,) = list(engine(_pdf()))
    texts = [w.text for w in page.words]
    for word in EXPECTED:
        assert word in texts, texts
    assert not [t for t in texts if any("\u3400" <= c <= "\u9fff" for c in t) and t != EXPECTED[-1]]
    assert "note: 2 ligature glyphs read from their glyph names (ff 1, fi 1)" in page.notes
    assert "note: 1 ligature glyph read by the word list (fl 1)" in page.notes


def test_glyph_names_spell_their_letters():
    assert [glyph_letters(n) for n in ("f_f_i", "ffi", "uniFB01", "f_l.alt", "fi", "s_t")] == [
        "ffi",
        "ffi",
        "fi",
        "fl",
        "fi",
        "st",
    ]
    assert [glyph_letters(n) for n in ("A", "uni0041", "uniFFFF", "f_f_", "germandbls", "uni6600")] == [None] * 6


def test_foreign_means_another_script_than_the_pages():
    words = [Word(t, 0, 1, 0, 1) for t in ("Offentlighet", "e\u6600\u6600ektivitet", "\uf0b7", "–", "é")]
    assert foreign_letters(words) == {"\u6600"}
    assert foreign_letters([Word("Kommunen", 0, 1, 0, 1), Word("Åtgärder", 0, 1, 0, 1)]) == frozenset()
    greek = [Word("Εκτίμηση", 0, 1, 0, 1), Word("της", 0, 1, 0, 1), Word("AB", 0, 1, 0, 1)]
    assert foreign_letters(greek) == {"A", "B"}  # the page's own script is the one most letters are in


def test_post_table_names_beyond_the_standard_macintosh_ones():
    names = [b"f_f", b"uniFB01"]
    strings = b"".join(bytes([len(n)]) + n for n in names)
    post = b"\x00\x02\x00\x00" + bytes(28) + b"\x00\x04" + b"\x00\x00\x00\x03\x01\x02\x01\x03" + strings
    directory = b"\x00\x01\x00\x00" + b"\x00\x01" + bytes(6) + b"post" + bytes(4) + (28).to_bytes(4, "big")
    directory += len(post).to_bytes(4, "big")
    assert truetype_post_names(directory + post) == ["", "", "f_f", "uniFB01"]


def test_the_resaves_are_read_by_the_word_list_and_say_so():
    resaves = [c for c in CASES if c.producer == "ghostscript"]
    assert len(resaves) >= 2
    for case in resaves:
        pages = list(pages_pdfium(case.path.read_bytes()))
        read = [n for p in pages for n in p.notes if "read by the word list" in n]
        assert len(read) >= 8, case.name
        assert not [w.text for p in pages for w in p.words if any("\u3400" <= c <= "\u9fff" for c in w.text)]
