"""The ways of reading a PDF's pages that the benchmark times, by name.

`bare_pdfplumber` is the yardstick (page.extract_words() on every page, nothing
else); `pdfplumber` and `pdfium` are the two word sources the reader can use;
`pdfium_chars` is pypdfium2's own pass over every character with its box, what any
word source on pdfium must at least do (the physical anchor); `pdfium_text` is its
plain text extraction. Each returns the page count, and keeps nothing it does not need.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.utils import rect_to_edges

from kompass.parsers.pdf_words import PageContent, Rule, Word, pages_pdfplumber
from kompass.parsers.pdfium_words import pages_pdfium


def bare_pdfplumber(data: bytes) -> int:
    pages = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
            pages += 1
    return pages


def pdfium_text(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def pdfium_chars(data: bytes) -> int:
    """Every character's code and box through pypdfium2's raw API: no words, no fonts, no rules."""
    import ctypes

    import pypdfium2.raw as pr

    doc = pdfium.PdfDocument(data)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            for i in range(pr.FPDFText_CountChars(textpage)):
                pr.FPDFText_GetUnicode(textpage, i)
                pr.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
            textpage.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def reference_pages(data: bytes) -> Iterator[PageContent]:
    """pdfplumber as the reference engine: the project's pages_pdfplumber, or its agreed semantics until it lands."""
    try:
        yield from pages_pdfplumber(data)
        return
    except NotImplementedError:
        pass
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = [
                Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["fontname"], w["size"])
                for w in page.extract_words(extra_attrs=["fontname", "size"])
            ]
            rules = [Rule(line["x0"], line["top"], line["x1"], line["bottom"]) for line in page.lines]
            rules += [Rule(e["x0"], e["top"], e["x1"], e["bottom"]) for rect in page.rects for e in rect_to_edges(rect)]
            yield PageContent(page.page_number, page.width, page.height, words, rules)
            page.close()


WORD_SOURCES = {"pdfplumber": reference_pages, "pdfium": pages_pdfium}
