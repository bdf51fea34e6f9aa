"""Tables on a PDF page: from their ruling lines where they are fully ruled, else from the words.

A fully ruled table is a connected set of horizontal and vertical rules. Word
draws each cell's border as its own short segment, so collinear segments are
merged first. Rows lie between consecutive horizontal rules; a row's columns
between the vertical rules that cross it, so merged cells (a total row whose
first two cells are one) come out as one cell.

Tables ruled sparsely or not at all (horizontal rules only, rules only around
the header and above the total row, shaded rows, columns aligned by whitespace)
are found from the words' positions: lines of one size whose words leave clear
vertical strips that no line crosses. Rows start at a horizontal rule, or at a
gap wider than the gaps between a cell's own lines; where the gaps say nothing,
the lines with words in two or more columns (anchors: the row's numbers) say
where: cells at the top start a row at each anchor, a line with words in one
column only continuing the row above it (a wrapped question text); cells
centred vertically put each anchor in the middle of its row's band, the span
of its tallest cell, so the question lines above an anchor are its row's too.
A ruled band that holds several rows (rules between columns only) is split
the same way.
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
NARROW_GAP = 3.5  # points: ... and a narrower one through a table of NARROW_LINES lines or more
NARROW_LINES = 6
BESIDE = 18.0  # points: a line's words this close to a strip's edges stand on both sides of it
ROW_GAP = 1.6  # times the font size: lines of one table are at most this far apart
ROW_SPLIT = 2.0  # points: a gap this much wider than the table's tightest one is between rows
CENTRE_TOL = 0.25  # font sizes: a row's anchor this near its band's middle is centred in it
SLIGHT = 0.1  # weight of what a centred split allows but should not prefer
OVERLAP = 0.2  # share of a line's height: lines overlapping more stand half a line apart, not one
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
    verticals: list[Segment]

    def holds(self, w: Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom

    def edges(self, top: float, bottom: float) -> list[float]:
        """The column boundaries of the vertical rules that run from top to bottom."""
        return _double_borders(
            _positions([v.pos for v in self.verticals if v.start <= top + TOL and v.end >= bottom - TOL])
        )

    def all_edges(self, top: float, bottom: float) -> list[float]:
        """The column boundaries of every vertical rule between top and bottom, however far it runs."""
        return _double_borders(_positions([v.pos for v in self.verticals if v.start < bottom and v.end > top]))


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
        if not h_rules or len(v_rules) < 2:
            continue
        ys = _open_ends(_positions([h.pos for h in h_rules]), v_rules)
        if len(ys) < 2:
            continue
        grid = Grid(min(h.start for h in h_rules), ys[0], max(h.end for h in h_rules), ys[-1], [], v_rules)
        for a, b in zip(ys, ys[1:]):
            if b - a < MIN_ROW:
                continue
            edges = grid.edges(a, b)
            if len(edges) >= 2:
                grid.rows.append(Row(a, b, edges))
        if grid.rows:
            out.append(grid)
    return sorted(out, key=lambda g: g.top)


def _open_ends(ys: list[float], v_rules: list[Segment]) -> list[float]:
    """The rows' rule positions, with one more where two or more vertical rules run on past the last
    (or first) horizontal one: a table broken by the page draws no rule there (MuPDF's Story), and
    one ruled between its columns only draws none below its rows (fpdf2's border="1")."""
    below = [v.end for v in v_rules if v.end > ys[-1] + MIN_ROW]
    above = [v.start for v in v_rules if v.start < ys[0] - MIN_ROW]
    return ([min(above)] if len(above) >= 2 else []) + ys + ([max(below)] if len(below) >= 2 else [])


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


def by_edges(words: list[Word], edges: list[float]) -> list[list[Word]]:
    """The words in each cell between the edges (by each word's centre; outside: the nearest end cell)."""
    out: list[list[Word]] = [[] for _ in edges[1:]]
    for w in words:
        cx = (w.x0 + w.x1) / 2
        out[next((k for k, x in enumerate(edges[1:-1]) if cx < x), len(out) - 1)].append(w)
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


def strips(covered: list[tuple[float, float]], gap: float = COLUMN_GAP) -> list[tuple[float, float]]:
    """The clear gaps, at least `gap` wide, between the x-intervals covered."""
    out = []
    end = None
    for a, b in sorted(covered):
        if end is not None and a - end >= gap:
            out.append((end, a))
        end = b if end is None else max(end, b)
    return out


@dataclass
class Carried:
    """Columns of a table that reached the bottom of a page, for the lines at the top of the next."""

    covered: list[tuple[float, float]]
    size: float
    centred: bool = False  # its cells are centred vertically (the next page's rows are split alike)


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
    i = floor = 0  # floor: the first line after the last table found
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
            if gap > ROW_GAP * line.size or not more:
                break
            if len(line_spans[j]) < 2 and _closes(clear, more, [line_spans[k] for k in members]):
                break
            members.append(j)
            covered += line_spans[j]
            clear = more
        anchors = [j for j in members if len(line_spans[j]) >= 2]
        reaches_end = members[-1] == len(lines) - 1
        if reaches_end and clear:
            after = Carried(covered, text_size(lines[i]))
        if len(anchors) >= 2 or len(clear) >= 2 or (start_covered and clear) or _both_sides(members, line_spans, clear):
            x0, x1 = min(a for a, _ in covered), max(b for _, b in covered)
            lead = _lead_in(lines, line_spans, i, floor, covered, len(clear))
            clear = _with_narrow(clear, [lines[j] for j in members])
            edges = [x0] + [(a + b) / 2 for a, b in clear] + [x1]
            centred = bool(start_covered) and carried is not None and carried.centred
            rows, centred = _rows(
                lines, lead + members, edges, rules, len(lead), bool(start_covered), reaches_end, centred
            )
            if after is not None and reaches_end:
                after.centred = centred
            out.append(TextTable(rows, edges))
            i = floor = members[-1] + 1
        else:
            i += 1
    return out, after


def _both_sides(
    members: list[int], line_spans: list[list[tuple[float, float]]], clear: list[tuple[float, float]]
) -> bool:
    """Whether lines of one cell each stand on both sides of the one strip: two columns even where a
    single line has words in both ("Rubriker  Poäng", then the headings, and "30" centred beside them)."""
    if len(clear) != 1:
        return False
    a, b = clear[0]
    alone = [line_spans[j] for j in members if len(line_spans[j]) == 1]
    return any(sp[0][1] <= a for sp in alone) and any(sp[0][0] >= b for sp in alone)


def _closes(
    clear: list[tuple[float, float]], more: list[tuple[float, float]], taken: list[list[tuple[float, float]]]
) -> bool:
    """Whether a one-span line ends the table: it crosses a strip that two lines already had words
    close to on both sides of (a paragraph after the table), not only a gap one justified line left
    open ("Offentlighet" | "och" in a heading cell)."""
    for a, b in clear:
        if any(min(b, d) > max(a, c) for c, d in more):
            continue
        sides = sum(
            any(a - BESIDE <= y <= a for _, y in sp) and any(b <= x <= b + BESIDE for x, _ in sp) for sp in taken
        )
        if sides >= 2:
            return True
    return False


def _with_narrow(clear: list[tuple[float, float]], members: list[TextLine]) -> list[tuple[float, float]]:
    """The table's strips and the narrower ones its words leave clear through every line.

    Cells padded by a point or two stand closer than COLUMN_GAP (fpdf2's tables:
    "...arbetar" ending 248 pt, "13" starting 253 pt); in a table of NARROW_LINES
    lines or more, a gap of NARROW_GAP clear in all of them, with words on both
    sides in two or more, is between columns too.
    """
    if len(members) < NARROW_LINES:
        return clear
    words = [span for ln in members for span in _word_spans(ln)]
    out = list(clear)
    for a, b in strips(words, NARROW_GAP):
        if any(min(b, d) > max(a, c) for c, d in clear):
            continue
        starts = sum(any(w.x1 <= a for w in ln.words) and any(b <= w.x0 <= b + 1.0 for w in ln.words) for ln in members)
        if starts >= 2:
            out.append((a, b))
    return sorted(out)


def _word_spans(line: TextLine) -> list[tuple[float, float]]:
    """Each word's extent, a list marker joined to the word after it."""
    spans = [(w.x0, w.x1) for w in line.words]
    if line.marker and len(spans) > 1:
        spans[:2] = [(spans[0][0], spans[1][1])]
    return spans


def band_rows(lines: Sequence[TextLine], edges: list[float]) -> list[list[int]]:
    """The rows among the lines of one band between two rules (a ruled table with no rules between
    its rows, or a row spanning several): as in a table found from the words (see _rows)."""
    if len(lines) < 2:
        return [list(range(len(lines)))]
    return _rows(lines, list(range(len(lines))), edges, ())[0]


def _lead_in(
    lines: Sequence[TextLine],
    line_spans: list[list[tuple[float, float]]],
    first: int,
    floor: int,
    covered: list[tuple[float, float]],
    columns: int,
) -> list[int]:
    """The lines just above a table's first anchor that keep to its columns: the upper half of its
    first row if its cells are centred vertically ("Tillgänglighet" / "och" above "2. ... Uppnått")."""
    x0, x1 = min(a for a, _ in covered), max(b for _, b in covered)
    out: list[int] = []
    for j in range(first - 1, floor - 1, -1):
        line, below = lines[j], lines[j + 1]
        if abs(text_size(line) - text_size(lines[first])) > 0.5 or below.top - line.bottom > ROW_GAP * line.size:
            break
        if any(a < x0 - TOL or b > x1 + TOL for a, b in line_spans[j]):
            break
        if len(strips(covered + line_spans[j])) < columns:
            break
        out.insert(0, j)
    return out


def _rows(
    lines: Sequence[TextLine],
    members: list[int],
    edges: list[float],
    rules: Sequence[Segment],
    lead_in: int = 0,
    continued: bool = False,
    open_end: bool = False,
    centred: bool = False,
) -> tuple[list[list[int]], bool]:
    """The table's lines grouped into rows, and whether its cells are centred vertically.

    A row ends at a rule across the table or at a gap clearly wider than the
    tightest between two of its lines (cell padding). A block so bounded that
    still holds several lines with words in two or more columns (anchors) holds
    several rows: split before each anchor (cells aligned at the top: the
    numbers stand on a row's first line), unless that line is a wrap of the one
    above (see _wraps), or around them so that each anchor stands in the middle
    of its row (cells centred vertically, see _centred).

    lead_in: members[:lead_in] are lines above the table's first anchor that may
    be the upper half of its first row (kept only if the rows are centred).
    continued: the table goes on from the previous page (its first lines, or the
    first below a header repeated there, may end a row broken off there).
    open_end: the table reaches the page's end (its last row may go on over the page).
    centred: the table's cells are known to be centred (from its part on the previous page).
    """
    x0, x1 = edges[0], edges[-1]
    gaps = [lines[b].top - lines[a].bottom for a, b in zip(members, members[1:])]
    # lines that overlap (a one-line cell centred between two lines of its neighbour) say nothing of padding
    tight = min((g for g in gaps[lead_in:] if g >= 0), default=0.0)
    across = [r.pos for r in rules if min(r.end, x1) - max(r.start, x0) >= (x1 - x0) / 2]
    blocks: list[list[int]] = [[members[0]]]
    for a, b, gap in zip(members, members[1:], gaps):
        ruled = any(lines[a].bottom - TOL <= y <= lines[b].top + TOL for y in across)
        if ruled or gap > tight + ROW_SPLIT:
            blocks.append([b])
        else:
            blocks[-1].append(b)
    head = set(members[:lead_in])
    cols = {j: _by_column(lines[j], edges) for j in members}
    widest: dict[int, float] = {}
    for by_col in cols.values():
        for k, ws in by_col.items():
            widest[k] = max(widest.get(k, ws[-1].x1), ws[-1].x1)
    # the rest of a row broken off on the previous page opens the page's table, or (cells centred) follows
    # the header repeated there, a block of its own above a rule
    splits = [
        _block_rows(
            lines,
            block,
            cols,
            widest,
            sum(j in head for j in block),
            continued and n == 0,
            continued and n <= 1,
            open_end and block is blocks[-1],
        )
        for n, block in enumerate(blocks)
    ]
    # the cells of one table stand alike: centred wherever one block shows it and the others allow it
    middle = centred or any(split.centred_shown for split in splits)
    rows = [r for split in splits for r in (split.centred if middle and split.centred else split.by_top) if r]
    return rows, middle


@dataclass
class _Split:
    """A block's rows two ways: cells aligned at the top, and centred vertically (None: no centring fits)."""

    by_top: list[list[int]]
    centred: list[list[int]] | None
    centred_shown: bool  # only centring explains the block: lines above its first anchor, or one off the lines


def _block_rows(
    lines: Sequence[TextLine],
    block: list[int],
    cols: dict[int, dict[int, list[Word]]],
    widest: dict[int, float],
    optional: int,
    broken: bool,
    broken_centred: bool,
    open_end: bool,
) -> _Split:
    """One block's rows: split at the top of each anchor, or around anchors centred in their rows.

    Split at the top, lines before the first anchor join its row, or where
    `broken` end the row broken off on the previous page ("5.2 Tydliggör ...
    kostnader 12 20 62%" / "och resultat ..."); optional lines are left out.
    broken_centred: the centred split may begin with such an end too; open_end:
    its last row may go on over the page.
    """
    groups = _anchor_groups(lines, block, cols, widest)
    body = block[optional:]
    if not body:
        return _Split([], None, False)
    starts = {block[a] for a, _ in groups}
    anchored = {block[p] for a, b in groups for p in range(a, b + 1)}
    by_top: list[list[int]] = [[]]
    lead = body[0] not in anchored
    for j in body:
        if j in starts and by_top[-1] and (broken and lead or any(k in anchored for k in by_top[-1])):
            by_top.append([])
        by_top[-1].append(j)
    if not groups:
        return _Split(by_top, None, False)
    centred = _centred(lines, block, groups, cols, optional, broken_centred, open_end)
    if centred is None or centred[0] == by_top:
        return _Split(by_top, centred and centred[0], False)
    rows, off_grid = centred
    size = max(lines[j].size for j in block)
    top_error = lines[block[groups[0][0]]].top - lines[body[0]].top if lead and not broken_centred else 0.0
    return _Split(by_top, rows, top_error > CENTRE_TOL * size or off_grid)


def _anchor_groups(
    lines: Sequence[TextLine],
    block: list[int],
    cols: dict[int, dict[int, list[Word]]],
    widest: dict[int, float],
) -> list[tuple[int, int]]:
    """The block's anchors (lines with words in two or more columns), as (first, last) positions in
    the block, one pair per row: an anchor that only wraps cells of the one above (_wraps), or that
    overlaps it (a one-line cell centred beside a two-line one stands half a line off), joins it."""
    out: list[tuple[int, int]] = []
    for p, j in enumerate(block):
        if len(cols[j]) < 2:
            continue
        if out:
            q = out[-1][1]
            above = block[p - 1]
            line, prev = lines[j], lines[block[q]]
            near = p == q + 1 and prev.bottom - line.top > OVERLAP * (line.bottom - line.top)
            if near or (p == q + 1 and _wraps(cols[j], cols[above], widest, lines[j].size)):
                out[-1] = (out[-1][0], p)
                continue
        out.append((p, p))
    return out


def _centred(
    lines: Sequence[TextLine],
    block: list[int],
    groups: list[tuple[int, int]],
    cols: dict[int, dict[int, list[Word]]],
    optional: int,
    continued: bool,
    open_end: bool,
) -> tuple[list[list[int]], bool] | None:
    """The block split so that each anchor group stands in the middle of its row, or None if no split does.

    Rows are consecutive runs of lines, one group each; a row's band runs from
    its first line's top to its last line's bottom, and its middle must lie
    within CENTRE_TOL font sizes of its group's. The first row may leave out the
    optional lines above it (not the table's), or on a continued page the lines
    that end the previous page's row (kept as a row of their own); with open_end
    the last row may be cut short by the page's end. Also says whether some row's anchor
    stands off its tall cell's lines (a one-line cell centred beside an even
    number of lines: only centring puts it there).
    """
    n, m = len(block), len(groups)
    tol = CENTRE_TOL * max(lines[j].size for j in block)
    tops, bottoms = [lines[j].top for j in block], [lines[j].bottom for j in block]
    centres = [(tops[a] + bottoms[b]) / 2 for a, b in groups]

    def cost(g: int, s: int, e: int) -> tuple[float, float]:  # (to minimise, to hold to tol) of group g's row
        off = (tops[s] + max(bottoms[s:e])) / 2 - centres[g]
        if open_end and g == m - 1 and off < 0:  # a last row may go on over the page: allowed, not preferred
            return SLIGHT * -off, 0.0
        return abs(off), abs(off)

    # equally centred splits (a table whose lines all stand one pitch apart) differ by a line at the ends:
    # a line left to the previous page's row costs a little, so the table's own reading wins
    last = groups[0][0] if continued else optional
    best = {s: (SLIGHT * tol * s if continued else 0.0, 0.0, [s]) for s in range(last + 1)}
    for g in range(m):
        ends = range(groups[g][1] + 1, (groups[g + 1][0] if g + 1 < m else n) + 1)
        step: dict[int, tuple[float, float, list[int]]] = {}
        for s, (total, worst, bounds) in best.items():
            for e in ends:
                c, held = cost(g, s, e)
                if e not in step or total + c < step[e][0]:
                    step[e] = (total + c, max(worst, held), [*bounds, e])
        best = step
    if n not in best or best[n][1] > tol:
        return None
    bounds = best[n][2]
    rows = [block[a:b] for a, b in zip(bounds, bounds[1:])]
    if continued and bounds[0] > 0:
        rows.insert(0, block[: bounds[0]])
    off_grid = False
    for (a, b), (s, e) in zip(groups, zip(bounds, bounds[1:])):
        anchor = {k for p in range(a, b + 1) for k in cols[block[p]]}
        others = {k for p in [*range(s, a), *range(b + 1, e)] for k in cols[block[p]]}
        off_grid |= bool(others) and not anchor & others
    return rows, off_grid


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
