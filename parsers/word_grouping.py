"""pdfplumber's word grouping (extract_words, default settings) over plain character tuples.

A re-implementation of pdfplumber 0.11's WordExtractor with x_tolerance=3,
y_tolerance=3, extra_attrs=["fontname", "size"] and nothing else changed, so that
any engine that yields pdfplumber's characters yields pdfplumber's words. Chars
are grouped into runs of equal (upright, font, size) in content order, each run
clustered into lines (tops within 3 pt, chained), each line sorted and split at
whitespace and at gaps: a char starts a new word when it begins before the
previous one, more than 3 pt after its end, or more than 3 pt off its line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Literal, NamedTuple

from .pdf_words import Word

TOLERANCE = 3.0
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class Char(NamedTuple):
    """One character as pdfplumber describes it (top-left origin, points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool
    fontname: str
    size: float
    font: object  # which font: pdfplumber's fontname, or an engine's own font identity


# A Char's fields as a plain tuple: what an engine builds in its inner loop (Char is one too).
CharFields = tuple[str, float, float, float, float, bool, str, float, object]


_run_key = itemgetter(5, 8, 7)  # upright, font, size
_x0 = itemgetter(1)
_top = itemgetter(3)
_top_bottom = itemgetter(3, 4)


def group_words(chars: Sequence[CharFields]) -> list[Word]:
    """The words pdfplumber's page.extract_words(extra_attrs=["fontname", "size"]) makes of these chars."""
    words: list[Word] = []
    for (upright, _, _), grouped in groupby(chars, _run_key):
        run = list(grouped)
        if upright:
            for line in _lines(run, _top):
                line.sort(key=_x0)
                _split(line, words, 1, 2, 3)  # along x0..x1, across top
        else:  # pdfplumber's rotated defaults: lines by x0, read top to bottom
            for line in _lines(run, _x0):
                line.sort(key=_top_bottom)
                _split(line, words, 3, 4, 1)  # along top..bottom, across x0
    return words


def _lines(run: list[CharFields], key: Callable[[CharFields], float]) -> list[list[CharFields]]:
    """pdfplumber's cluster_objects: sorted distinct values chained within the tolerance, content order kept."""
    values = sorted(set(map(key, run)))
    if values[-1] - values[0] <= TOLERANCE:
        return [run]
    cluster_of: dict[float, int] = {}
    index, last = 0, values[0]
    for v in values:
        if v > last + TOLERANCE:
            index += 1
        cluster_of[v] = index
        last = v
    lines: dict[int, list[CharFields]] = {}
    for c in run:
        lines.setdefault(cluster_of[key(c)], []).append(c)
    return [lines[i] for i in sorted(lines)]


def _split(
    line: list[CharFields], words: list[Word], start: Literal[1, 3], end: Literal[2, 4], across: Literal[3, 1]
) -> None:
    """Split a sorted line at whitespace and gaps. Fields by index: along the text a char spans
    start..end (x0..x1 upright, top..bottom rotated); `across` is its place across the line.

    The word's text and box are gathered as the chars come (one pass, no char lists).
    """
    if not line:
        return
    text: list[str] = []
    first = line[0]
    x0 = x1 = top = bottom = 0.0
    p_start = p_end = p_across = 0.0
    append = words.append
    for c in line:
        ch = c[0]
        if ch.isspace():
            if text:
                append(Word("".join(text), x0, x1, top, bottom, first[6], first[7]))
                text = []
            continue
        c_start, c_across = c[start], c[across]
        if text and (c_start < p_start or c_start > p_end + TOLERANCE or abs(c_across - p_across) > TOLERANCE):
            append(Word("".join(text), x0, x1, top, bottom, first[6], first[7]))
            text = []
        if text:
            text.append(LIGATURES.get(ch, ch))
            if c[1] < x0:
                x0 = c[1]
            if c[2] > x1:
                x1 = c[2]
            if c[3] < top:
                top = c[3]
            if c[4] > bottom:
                bottom = c[4]
        else:
            text = [LIGATURES.get(ch, ch)]
            first = c
            x0, x1, top, bottom = c[1], c[2], c[3], c[4]
        p_start, p_end, p_across = c_start, c[end], c_across
    if text:
        append(Word("".join(text), x0, x1, top, bottom, first[6], first[7]))
