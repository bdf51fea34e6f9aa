"""The reference word source, pdfplumber, for comparing engines against.

parsers.pdf_words.pages_pdfplumber is the reference once the PDF reader lands;
until then this module holds the same semantics: for each page,
page.extract_words(extra_attrs=["fontname", "size"]) with default tolerances and
no layout analysis, rules from page.lines and the edges of page.rects, pages
closed as they go.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pdfplumber
from pdfplumber.utils import rect_to_edges

from parsers.pdf_words import PageContent, Rule, Word, pages_pdfplumber

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _local_pages(data: bytes) -> Iterator[PageContent]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["fontname"], w["size"])
                     for w in page.extract_words(extra_attrs=["fontname", "size"])]
            rules = [Rule(line["x0"], line["top"], line["x1"], line["bottom"]) for line in page.lines]
            rules += [Rule(e["x0"], e["top"], e["x1"], e["bottom"]) for rect in page.rects for e in rect_to_edges(rect)]
            yield PageContent(page.page_number, page.width, page.height, words, rules)
            page.close()


def reference_pages(data: bytes) -> list[PageContent]:
    """pdfplumber's pages: the project's pages_pdfplumber where implemented, else the local equivalent."""
    try:
        return list(pages_pdfplumber(data))
    except NotImplementedError:
        return list(_local_pages(data))


def without_subset_tag(fontname: str) -> str:
    """'ABCDEF+Calibri-Bold' -> 'Calibri-Bold' (pdfium does not report the tag)."""
    return SUBSET_TAG.sub("", fontname)
