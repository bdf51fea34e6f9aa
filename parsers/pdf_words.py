"""Word sources for the PDF reader: what a PDF page holds, as positioned words and rules.

The reader (parsers/pdf.py) works only from PageContent, so the engine that
produced it can change: pdfplumber is the reference engine; a faster engine must
yield the same words (same text, positions within a hundredth of a point).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF


@dataclass(frozen=True)
class Word:
    """A word as pdfplumber's extract_words() forms it (default tolerances), with font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A drawn horizontal or vertical line (table rulings): from (x0, top) to (x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    marks: list[Rule] = field(default_factory=list)  # small filled shapes: list markers a browser drew
    notes: list[str] = field(default_factory=list)  # how the page was read, where that is worth keeping


MARK_MIN, MARK_MAX = 1.5, 8.0  # points: a filled shape this size on both sides, about square, may be a list marker


def is_mark(x0: float, top: float, x1: float, bottom: float) -> bool:
    w, h = x1 - x0, bottom - top
    return MARK_MIN <= w <= MARK_MAX and MARK_MIN <= h <= MARK_MAX and 0.5 <= w / h <= 2.0


class PdfLocked(Exception):
    """An engine could not open the PDF because it is encrypted with a password."""


class PdfBroken(Exception):
    """An engine could not parse the PDF (truncated, damaged, not a PDF inside)."""


REREAD = "note: words re-read with the reference engine (pdfplumber)"  # see blocks.NOTE

THIN = 2.0  # a filled rectangle at most this thick is drawn as a line (Word draws cell borders so)


def pages_pdfplumber(data: bytes) -> Iterator[PageContent]:
    """The reference engine: pdfplumber, one pass over each page's characters, pages closed as we go.

    Rules are the straight lines, the edges of stroked rectangles, and filled
    rectangles thin enough to be a line; filled shapes (shading, chart bars) are not rules.
    Engines raise PdfLocked or PdfBroken; the reader names the file.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    # pdfminer logs every damaged object it skips; the reader reports what matters itself.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        yield from _pdfplumber_pages(pdfplumber.open(io.BytesIO(data)), data)
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise PdfLocked(str(e) or type(e).__name__) from e
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfLocked(type(cause).__name__) from e
        raise PdfBroken(f"{type(cause).__name__}: {cause}".rstrip(": ")) from e
    except (MalformedPDFException, PDFException, PSException) as e:
        raise PdfBroken(f"{type(e).__name__}: {e}") from e
    except (TypeError, KeyError, AttributeError, IndexError) as e:
        # pdfplumber assumes well-formed objects: a page without a MediaBox fails
        # with "TypeError: 'NoneType' object is not iterable" (tests/fixtures/fuzz).
        raise PdfBroken(f"a damaged object ({type(e).__name__}: {e})") from e


def _pdfplumber_pages(pdf: PDF, data: bytes) -> Iterator[PageContent]:
    from .font_dicts import DocumentFonts
    from .ligatures import DocumentLigatures

    ligatures = DocumentLigatures(DocumentFonts(data))
    with pdf:
        for page in pdf.pages:
            yield ligatures.read(pdfplumber_page(page))


def pdfplumber_page(page: Page) -> PageContent:
    """One pdfplumber page as PageContent; the page is closed afterwards."""
    try:
        words = [
            Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("fontname", ""), w.get("size", 0.0))
            for w in page.extract_words(extra_attrs=["fontname", "size"])
        ]
        rules = [r for obj in page.lines for r in _line_rules(obj)]
        rules += [r for obj in page.rects for r in _rect_rules(obj)]
        marks = [
            Rule(o["x0"], o["top"], o["x1"], o["bottom"])
            for o in page.curves + page.rects
            if o.get("fill") and is_mark(o["x0"], o["top"], o["x1"], o["bottom"])
        ]
        marks.sort(key=lambda r: (r.top, r.x0))
        return PageContent(page.page_number, float(page.width), float(page.height), words, rules, marks)
    finally:
        # close() flushes the object caches and, in pdfplumber 0.11, get_textmap's lru_cache too.
        page.close()


def _line_rules(obj: dict) -> list[Rule]:
    """A drawn line, if horizontal or vertical."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if abs(x1 - x0) <= THIN or abs(bottom - top) <= THIN:
        return [Rule(x0, top, x1, bottom)]
    return []


def _rect_rules(obj: dict) -> list[Rule]:
    """The rules a rectangle draws: itself when thin, its four edges when stroked, none when only filled."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if min(x1 - x0, bottom - top) <= THIN:
        return [Rule(x0, top, x1, bottom)]
    if not obj.get("stroke"):
        return []
    return [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom), Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]
