"""Reader for a PDF as a document-sharing site transcribes it.

The site writes a preamble (the document's title, a "Relevanta dokument" list of
other documents, then "Transkript:") and then one run-on line per PDF page. Each
page line opens with the running header, which this reader finds as the token
prefix most page lines share once digits are masked:
    Sveriges Kommuner och Landsting 2017-05-10 6 (25) Område 1 ...
    2 Sveriges Kommuner och Landsting (34) Innehåll ...   (a harsher transcript)
Sites differ: the marker may lack its colon or be missing, and page lines may
open with their page number ("1 KommunKompassen ANALYS AV ..."). The preamble
(where the report's own title is repeated beside other reports' titles) is never
part of the document: the pages start at the marker, at the line numbered 1, or
at the page before the first one the running header opens.
"""

from __future__ import annotations

from collections import Counter

import regex as re

from .blocks import Block, Document

PREAMBLE_END = re.compile(r"^\s*Transkript\s*:?\s*$", re.M | re.I)
DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=\S)")
HEADER_PAGE = re.compile(r"\b(\d{1,3})\s*\(\d{1,3}\)")  # "... 2017-05-10 6 (25)"
MAX_HEADER_TOKENS = 12
MAX_SKIPPED_PAGES = 3  # numbered page lines may skip a blank page or two


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
    heads = [(len(p), _mask(p[:MAX_HEADER_TOKENS])) for p in pages]  # masked once, cut to each length below
    for k in range(MAX_HEADER_TOKENS, 1, -1):
        counts = Counter(masked[:k] for n, masked in heads if n > k)
        if counts and counts.most_common(1)[0][1] >= need:
            return k
    return 0


def read(text: str) -> Document:
    """One page per non-empty line after the preamble; header split off each page."""
    match = PREAMBLE_END.search(text)
    body = text[match.end() :] if match else text
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    numbered = _numbered_run(lines)
    if numbered:
        start, numbers = numbered
        lines = [PAGE_NUMBER.sub("", ln, count=1) for ln in lines[start : start + len(numbers)]]
    else:
        numbers = None
    pages = [ln.split() for ln in lines]
    k = header_length(pages)
    pattern = Counter(_mask(p[:k]) for p in pages if len(p) > k).most_common(1)[0][0] if k else None
    if pattern and not match and not numbered:
        first = _first_page(pages, k, pattern)
        pages = pages[first:]
    blocks: list[Block] = []
    for n, tokens in enumerate(pages):
        number = numbers[n] if numbers else n + 1
        rest = tokens
        if pattern and _mask(tokens[:k]) == pattern:
            blocks.append(Block("page_header", " ".join(tokens[:k]), page=number))
            rest = tokens[k:]
        if rest:
            blocks.append(Block("paragraph", " ".join(rest), page=number))
    return Document("pdf_transcript", blocks, page_count=numbers[-1] if numbers else len(pages))


def _numbered_run(lines: list[str]) -> tuple[int, list[int]] | None:
    """Where page lines carrying their page numbers (1, 2, 3, ...) start, and the numbers.

    The longest run of lines whose leading numbers start at 1 and rise by at most
    MAX_SKIPPED_PAGES; it must hold most of the lines from its start on.
    """
    leading = [int(m.group(1)) if (m := PAGE_NUMBER.match(ln)) else None for ln in lines]
    best: tuple[int, list[int]] | None = None
    for start, n in enumerate(leading):
        if n != 1:
            continue
        numbers = [1]
        for value in leading[start + 1 :]:
            if value is None or not numbers[-1] < value <= numbers[-1] + MAX_SKIPPED_PAGES:
                break
            numbers.append(value)
        if len(numbers) >= 3 and (best is None or len(numbers) > len(best[1])):
            best = (start, numbers)
    if best and len(best[1]) >= (len(lines) - best[0]) / 2:
        return best
    return None


def _first_page(pages: list[list[str]], k: int, pattern: tuple[str, ...]) -> int:
    """Index of page 1 when no marker ends the preamble: the line before the first the
    header opens, if that header says it is page 2 (none if it says page 1)."""
    first = next(i for i, p in enumerate(pages) if _mask(p[:k]) == pattern)
    shown = HEADER_PAGE.search(" ".join(pages[first][:k]))
    before = int(shown.group(1)) - 1 if shown else 1
    return max(0, first - min(before, 1))
