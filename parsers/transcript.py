"""Reader for a PDF as a document-sharing site transcribes it.

The site writes a preamble (the document's title, a "Relevanta dokument" list of
other documents, then "Transkript:") and then one run-on line per PDF page. Each
page line opens with the running header, which this reader finds as the token
prefix most page lines share once digits are masked:
    Sveriges Kommuner och Landsting 2017-05-10 6 (25) Område 1 ...
    2 Sveriges Kommuner och Landsting (34) Innehåll ...   (a harsher transcript)
"""

from __future__ import annotations

from collections import Counter

import regex as re

from .blocks import Block, Document

PREAMBLE_END = re.compile(r"^\s*Transkript:\s*$", re.M)
DIGITS = re.compile(r"\d+")
MAX_HEADER_TOKENS = 12


def looks_like(text: str) -> bool:
    """True for the site's preamble marker or a body of long run-on page lines."""
    if PREAMBLE_END.search(text):
        return True
    lines = [ln for ln in text.split("\n") if ln.strip()]
    long_lines = sum(1 for ln in lines if len(ln) > 400)
    return long_lines >= 3 and long_lines >= len(lines) / 3


def _mask(tokens: list[str]) -> tuple[str, ...]:
    return tuple(DIGITS.sub("#", t) for t in tokens)


def header_length(pages: list[list[str]]) -> int:
    """Number of leading tokens that form the running header (0 if none repeats)."""
    if len(pages) < 3:
        return 0
    need = max(2, int(0.6 * len(pages)))
    for k in range(MAX_HEADER_TOKENS, 1, -1):
        counts = Counter(_mask(p[:k]) for p in pages if len(p) > k)
        if counts and counts.most_common(1)[0][1] >= need:
            return k
    return 0


def read(text: str) -> Document:
    """One page per non-empty line after the preamble; header split off each page."""
    match = PREAMBLE_END.search(text)
    body = text[match.end() :] if match else text
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    pages = [ln.split() for ln in lines]
    k = header_length(pages)
    pattern = Counter(_mask(p[:k]) for p in pages if len(p) > k).most_common(1)[0][0] if k else None
    blocks: list[Block] = []
    for number, tokens in enumerate(pages, start=1):
        rest = tokens
        if pattern and _mask(tokens[:k]) == pattern:
            blocks.append(Block("page_header", " ".join(tokens[:k]), page=number))
            rest = tokens[k:]
        if rest:
            blocks.append(Block("paragraph", " ".join(rest), page=number))
    return Document("pdf_transcript", blocks, page_count=len(pages))
