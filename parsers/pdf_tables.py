"""Tables on a PDF page: from their ruling lines where they are fully ruled, else from the words.

A fully ruled table is a connected set of horizontal and vertical rules. Word
draws each cell's border as its own short segment, so collinear segments are
merged first. Rows lie between consecutive horizontal rules; a row's columns
between the vertical rules that cross it, so merged cells (a total row whose
first two cells are one) come out as one cell.

Tables ruled sparsely or not at all (horizontal rules only, rules only around
the header and above the total row, shaded rows, columns aligned by whitespace)
are found from the words' positions: lines of one size whose words leave clear
vertical strips that no line crosses. Rows start at a horizontal rule, at a
gap wider than the gaps between a cell's own lines, or (where the gaps say
nothing) at each line that has words in two or more columns; a line with words
in one column only continues the row above it (a wrapped question text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .pdf_words import Rule, Word

T = TypeVar("T")

TOL = 1.5  # points: rules this close are the same line, and a rule this near a crossing touches it
MIN_ROW = 3.0  # points: thinner gaps between rules are double borders, not rows or columns
MAX_ROW = 250.0  # points: horizontal rules farther apart are not rows of one table (a row can hold a long list)
COLUMN_GAP = 6.0  # points: a clear vertical strip this wide through all rows separates columns
ROW_GAP = 1.6  # times the font size: lines of one table are at most this far apart
ROW_SPLIT = 2.0  # points: a gap this much wider than the table's tightest one is between rows
LEADER = "...."  # a line with a dot leader is a contents entry, not a table row ("Område 1<tab>Offentlighet....6")


@dataclass(frozen=True)
class Segment:
    """A rule along one axis: pos is its y (horizontal) or x (vertical); it runs from start to end."""

    pos: float
    start: float
    end: float


@dataclass
class Row:
    top: float
    bottom: float
    edges: list[float]  # x of the column boundaries, left to right


@dataclass
class Grid:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[Row]

    def holds(self, w: Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom


def segments(rules: list[Rule]) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules as merged segments."""
    hs = [
        Segment((r.top + r.bottom) / 2, min(r.x0, r.x1), max(r.x0, r.x1))
        for r in rules
        if abs(r.bottom - r.top) <= TOL and abs(r.x1 - r.x0) > TOL
    ]
    vs = [
        Segment((r.x0 + r.x1) / 2, min(r.top, r.bottom), max(r.top, r.bottom))
        for r in rules
        if abs(r.x1 - r.x0) <= TOL and abs(r.bottom - r.top) > TOL
    ]
    return _merge(hs), _merge(vs)


def _merge(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for group in _clusters(sorted(segs, key=lambda s: s.pos), key=lambda s: s.pos):
        pos = sum(s.pos for s in group) / len(group)
        for s in sorted(group, key=lambda s: s.start):
            if out and out[-1].pos == pos and s.start <= out[-1].end + 2 * TOL:
                out[-1] = Segment(pos, out[-1].start, max(out[-1].end, s.end))
            else:
                out.append(Segment(pos, s.start, s.end))
    return out


def _clusters(items: list[T], key: Callable[[T], float]) -> list[list[T]]:
    """Runs of sorted items whose key values lie within TOL of the previous one."""
    groups: list[list[T]] = []
    for item in items:
        if groups and key(item) - key(groups[-1][-1]) <= TOL:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _positions(values: list[float]) -> list[float]:
    return [sum(g) / len(g) for g in _clusters(sorted(values), key=lambda v: v)]


def grids(rules: list[Rule]) -> list[Grid]:
    """The fully ruled tables on a page (horizontal and vertical rules), top to bottom."""
    hs, vs = segments(rules)
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if v.start - TOL <= h.pos <= v.end + TOL and h.start - TOL <= v.pos <= h.end + TOL:
                parent[find(i)] = find(len(hs) + j)
    components: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        components.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        components.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    out = []
    for h_rules, v_rules in components.values():
        if len(h_rules) < 2 or len(v_rules) < 2:
            continue
        ys = _positions([h.pos for h in h_rules])
        rows = []
        for a, b in zip(ys, ys[1:]):
            if b - a < MIN_ROW:
                continue
            edges = _double_borders(_positions([v.pos for v in v_rules if v.start <= a + TOL and v.end >= b - TOL]))
            if len(edges) >= 2:
                rows.append(Row(a, b, edges))
        if rows:
            out.append(Grid(min(h.start for h in h_rules), ys[0], max(h.end for h in h_rules), ys[-1], rows))
    return sorted(out, key=lambda g: g.top)


def _double_borders(edges: list[float]) -> list[float]:
    """Column edges with each pair closer than MIN_ROW made one: the two borders of
    cells that stand apart (CSS border-collapse: separate), not a column between them."""
    out: list[float] = []
    for x in edges:
        if out and x - out[-1] < MIN_ROW:
            out[-1] = (out[-1] + x) / 2
        else:
            out.append(x)
    return out


def cells(grid: Grid, words: list[Word]) -> tuple[list[tuple[Row, list[list[Word]]]], list[Word]]:
    """The words of each row's cells (by each word's centre), rows top to bottom; and the words in no cell."""
    out: list[tuple[Row, list[list[Word]]]] = [(row, [[] for _ in row.edges[1:]]) for row in grid.rows]
    stray: list[Word] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        cell = next(
            (
                row_cells[k]
                for row, row_cells in out
                if row.top <= cy < row.bottom
                for k, (a, b) in enumerate(zip(row.edges, row.edges[1:]))
                if a <= cx < b
            ),
            None,
        )
        (cell if cell is not None else stray).append(w)
    return out, stray


# -- tables from the words' positions --------------------------------------------


class TextLine(Protocol):
    """A line of words as the PDF reader forms it, its list marker (if any) already found."""

    words: list[Word]
    marker: str | None

    @property
    def top(self) -> float: ...

    @property
    def bottom(self) -> float: ...

    @property
    def size(self) -> float: ...


@dataclass
class TextTable:
    """A table found from word positions: its rows (indices into the lines given) and column edges."""

    rows: list[list[int]]
    edges: list[float]  # x of the column boundaries, left to right, outer ones included


def spans(line: TextLine) -> list[tuple[float, float]]:
    """The line's words grouped where they stand closer than COLUMN_GAP: one span per cell.

    A list marker stays with its text; a line with a dot leader is one span.
    """
    if any(LEADER in w.text for w in line.words):
        return [(line.words[0].x0, max(w.x1 for w in line.words))]
    out: list[list[float]] = []
    for k, w in enumerate(line.words):
        prev = line.words[k - 1] if k else None
        if prev is not None and (w.x0 - prev.x1 < COLUMN_GAP or (k == 1 and line.marker)):
            out[-1][1] = max(out[-1][1], w.x1)
        else:
            out.append([w.x0, w.x1])
    return [(a, b) for a, b in out]


def text_size(line: TextLine) -> float:
    """The line's font size, its list marker aside (a bullet glyph may be drawn larger)."""
    words = line.words[1:] if line.marker and len(line.words) > 1 else line.words
    return max(w.size for w in words)


def strips(covered: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The clear gaps, at least COLUMN_GAP wide, between the x-intervals covered."""
    out = []
    end = None
    for a, b in sorted(covered):
        if end is not None and a - end >= COLUMN_GAP:
            out.append((end, a))
        end = b if end is None else max(end, b)
    return out


@dataclass
class Carried:
    """Columns of a table that reached the bottom of a page, for the lines at the top of the next."""

    covered: list[tuple[float, float]]
    size: float


def text_tables(
    lines: Sequence[TextLine], rules: Sequence[Segment] = (), carried: Carried | None = None
) -> tuple[list[TextTable], Carried | None]:
    """Tables among consecutive lines (top to bottom), from clear vertical strips; rules split rows.

    carried: the columns of a table the previous page ended with; lines at the
    top of this page that keep to them go on with it (a table, or a row, broken
    across the page). Returns the tables and the columns to carry to the next page.
    """
    line_spans = [spans(ln) for ln in lines]
    out = []
    after: Carried | None = None
    i = 0
    while i < len(lines):
        start_covered: list[tuple[float, float]] = []
        if i == 0 and carried and abs(text_size(lines[0]) - carried.size) <= 0.5:
            start_covered = carried.covered
            if len(strips(start_covered + line_spans[0])) < len(strips(start_covered)):
                start_covered = []
        if len(line_spans[i]) < 2 and not start_covered:
            i += 1
            continue
        members, covered = [i], start_covered + line_spans[i]
        clear = strips(covered)
        for j in range(i + 1, len(lines)):
            line, last = lines[j], lines[members[-1]]
            if abs(text_size(line) - text_size(lines[i])) > 0.5:
                break
            gap = line.top - last.bottom
            more = strips(covered + line_spans[j])
            if gap > ROW_GAP * line.size or not more or (len(line_spans[j]) < 2 and len(more) < len(clear)):
                break
            members.append(j)
            covered += line_spans[j]
            clear = more
        anchors = [j for j in members if len(line_spans[j]) >= 2]
        if members[-1] == len(lines) - 1 and clear:
            after = Carried(covered, text_size(lines[i]))
        if len(anchors) >= 2 or len(clear) >= 2 or (start_covered and clear):
            x0, x1 = min(a for a, _ in covered), max(b for _, b in covered)
            edges = [x0] + [(a + b) / 2 for a, b in clear] + [x1]
            rows = _rows(lines, members, line_spans, edges, rules)
            if start_covered:
                rows = _continued_first(rows, line_spans)
            out.append(TextTable(rows, edges))
            i = members[-1] + 1
        else:
            i += 1
    return out, after


def _rows(
    lines: Sequence[TextLine],
    members: list[int],
    line_spans: list[list[tuple[float, float]]],
    edges: list[float],
    rules: Sequence[Segment],
) -> list[list[int]]:
    """The table's lines grouped into rows.

    A row ends at a rule across the table or at a gap clearly wider than the
    tightest between two of its lines (cell padding). A row so found that still
    holds several lines with words in two or more columns is split before each
    of them, unless that line is a wrap of the one above (see _wraps).
    """
    x0, x1 = edges[0], edges[-1]
    gaps = [lines[b].top - lines[a].bottom for a, b in zip(members, members[1:])]
    tight = min(gaps, default=0.0)
    across = [r.pos for r in rules if min(r.end, x1) - max(r.start, x0) >= (x1 - x0) / 2]
    rows: list[list[int]] = [[members[0]]]
    for a, b, gap in zip(members, members[1:], gaps):
        ruled = any(lines[a].bottom - TOL <= y <= lines[b].top + TOL for y in across)
        if ruled or gap > tight + ROW_SPLIT:
            rows.append([b])
        else:
            rows[-1].append(b)
    cols = {j: _by_column(lines[j], edges) for j in members}
    widest: dict[int, float] = {}
    for by_col in cols.values():
        for k, ws in by_col.items():
            widest[k] = max(widest.get(k, ws[-1].x1), ws[-1].x1)
    out = []
    for row in rows:
        if sum(len(line_spans[j]) >= 2 for j in row) < 2:
            out.append(row)
            continue
        part = [row[0]]
        for above, j in zip(row, row[1:]):
            starts = len(line_spans[j]) >= 2 and not _wraps(cols[j], cols[above], widest, lines[j].size)
            if starts and any(len(line_spans[k]) >= 2 for k in part):
                out.append(part)
                part = []
            part.append(j)
        out.append(part)
    return out


def _continued_first(rows: list[list[int]], line_spans: list[list[tuple[float, float]]]) -> list[list[int]]:
    """At the top of a page, lines before the first with words in several columns end the
    row the previous page broke off ("5.2 Tydliggör ... kostnader 12 20 62%" / "och resultat ...")."""
    first = rows[0]
    lead = next((n for n, j in enumerate(first) if len(line_spans[j]) >= 2), len(first))
    if 0 < lead < len(first):
        return [first[:lead], first[lead:], *rows[1:]]
    return rows


def _by_column(line: TextLine, edges: list[float]) -> dict[int, list[Word]]:
    out: dict[int, list[Word]] = {}
    for w in line.words:
        cx = (w.x0 + w.x1) / 2
        k = next((k for k, e in enumerate(edges[1:-1]) if cx < e), len(edges) - 2)
        out.setdefault(k, []).append(w)
    return out


def _wraps(mine: dict[int, list[Word]], above: dict[int, list[Word]], widest: dict[int, float], size: float) -> bool:
    """Whether a line with words in several columns only carries on cells of the line above.

    It has words in some of the columns the line above has (not all: a new row
    fills them), and in each the cell above was full: its text reaches the
    column's widest extent, or lacks room for one more letter of a word broken
    between letters ("Uppnå" / "tt", "Ma" / "x", "1." / "1"), or the cell holds
    several words and this line's first word would not have fitted after them.
    """
    if not set(mine) < set(above):
        return False
    for k, words in mine.items():
        last, first = above[k][-1], words[0]
        end = last.x1
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        broken = last.text[-1:].isalpha() and first.text[:1].islower()  # "Ma" / "x": no room for one more letter
        full = end >= widest[k] - 1.0 or (broken and end + letter >= widest[k] - 1.0)
        no_room = len(above[k]) >= 2 and end + 0.25 * size + (first.x1 - first.x0) > widest[k]
        if not (full or no_room):
            return False
    return True
