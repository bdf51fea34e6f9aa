"""Tables on a PDF page, found from their ruling lines.

A table is a connected set of horizontal and vertical rules. Word draws each
cell's border as its own short segment, so collinear segments are merged first.
Rows lie between consecutive horizontal rules; a row's columns between the
vertical rules that cross it, so merged cells (a total row whose first two cells
are one) come out as one cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .pdf_words import Rule, Word

T = TypeVar("T")

TOL = 1.5  # points: rules this close are the same line, and a rule this near a crossing touches it
MIN_ROW = 3.0  # points: thinner gaps between rules are double borders, not rows
MAX_ROW = 250.0  # points: horizontal rules farther apart are not rows of one table (a row can hold a long list)
COLUMN_GAP = 6.0  # points: a clear vertical strip this wide through all rows separates columns


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


def grids(rules: list[Rule], words: Sequence[Word] = ()) -> list[Grid]:
    """The ruled tables on a page, top to bottom.

    Tables ruled only horizontally take their columns from the words: the clear
    vertical strips that run through every row.
    """
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
    loose = sorted((h for h_rules, v_rules in components.values() if not v_rules for h in h_rules), key=lambda h: h.pos)
    for group in _stacked(loose):
        grid = _grid_from_words(group, words)
        if grid:
            out.append(grid)
    for h_rules, v_rules in components.values():
        if len(h_rules) < 2 or len(v_rules) < 2:
            continue
        ys = _positions([h.pos for h in h_rules])
        rows = []
        for a, b in zip(ys, ys[1:]):
            if b - a < MIN_ROW:
                continue
            edges = _positions([v.pos for v in v_rules if v.start <= a + TOL and v.end >= b - TOL])
            if len(edges) >= 2:
                rows.append(Row(a, b, edges))
        if rows:
            out.append(Grid(min(h.start for h in h_rules), ys[0], max(h.end for h in h_rules), ys[-1], rows))
    return sorted(out, key=lambda g: g.top)


def _stacked(hs: list[Segment]) -> list[list[Segment]]:
    """Runs of horizontal rules of one width, each close below the last: the rows of a table."""
    runs: list[list[Segment]] = []
    for h in hs:
        last = runs[-1][-1] if runs else None
        if (
            last
            and abs(h.start - last.start) <= 2 * TOL
            and abs(h.end - last.end) <= 2 * TOL
            and MIN_ROW <= h.pos - last.pos <= MAX_ROW
        ):
            runs[-1].append(h)
        else:
            runs.append([h])
    return [r for r in runs if len(r) >= 3]


def _grid_from_words(hs: list[Segment], words: Sequence[Word]) -> Grid | None:
    x0, x1, top, bottom = hs[0].start, hs[0].end, hs[0].pos, hs[-1].pos
    inside = [w for w in words if x0 <= w.x0 and w.x1 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
    spans: list[list[float]] = []
    for w in sorted(inside, key=lambda w: w.x0):
        if spans and w.x0 - spans[-1][1] < COLUMN_GAP:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    if len(spans) < 2:
        return None
    edges = [x0] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])] + [x1]
    rows = [Row(a.pos, b.pos, edges) for a, b in zip(hs, hs[1:]) if b.pos - a.pos >= MIN_ROW]
    return Grid(x0, top, x1, bottom, rows)


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
