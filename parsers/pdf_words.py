"""Word sources for the PDF reader: what a PDF page holds, as positioned words and rules.

The reader (parsers/pdf.py) works only from PageContent, so the engine that
produced it can change: pdfplumber is the reference engine; a faster engine must
yield the same words (same text, positions within a hundredth of a point).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


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


def pages_pdfplumber(data: bytes) -> Iterator[PageContent]:
    """The reference engine: pdfplumber, one pass over each page's characters, pages closed as we go."""
    raise NotImplementedError  # implemented with the PDF reader
