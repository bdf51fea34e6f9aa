"""Reader for a published PDF: positioned words and ruling lines into blocks.

It works only from PageContent (parsers/pdf_words.py), so the engine that finds
the words can be swapped. From each page's words, read once:
- lines, by vertical position; words inside a ruled table go to its cells instead;
- lines repeated at the top or bottom of most pages (digits aside) are the running
  header or footer: `Sveriges Kommuner och Landsting 2017-05-10 6 (25)`;
- runs of lines whose words stand in columns are a table without full rules
  (parsers/pdf_tables.py), its rows and cells found from the words' positions;
- a line opening with a bullet glyph starts a list item; lines at the item's text
  indent continue it, on the next page too;
- larger or bold lines are headings; other lines join into paragraphs.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import regex as re

from . import hyphenation, lexicon, pdf_tables, textnorm
from .blocks import Block, BlockKind, Document, is_note, table_row
from .errors import CorruptFile, Encrypted, NoTextLayer, TooLarge
from .pdf_words import PageContent, PdfBroken, PdfLocked, Word

ENGINES = {
    "pdfplumber": "kompass.parsers.pdf_words:pages_pdfplumber",
    "pdfium": "kompass.parsers.pdfium_words:pages_pdfium",
}

GLYPHS = frozenset("•▪·◦‣■□●○–-")  # Word's private-use glyphs (U+F0B7 ...) arrive as "•" (textnorm)
TOUCHING_GLYPHS = frozenset("•▪◦‣■□●○")  # may touch their text in one word: "•Text"
UNREADABLE = "\ufffd"  # marker of a bullet drawn in a font with no Unicode map
CID = re.compile(r"\(cid:\d+\)")
DIGITS = re.compile(r"\d+")
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
BAND = 0.12  # share of the page height at top and bottom where running headers and footers sit
INDENT_TOL = 2.5  # points: a continuation line starts this close to its list item's text
MAX_GAP = 0.6  # times the font size: a larger gap between lines starts a new block
MARK_GAP = 20.0  # points: a shape drawn as a list marker ends at most this far before its text
BROKEN = "\u2064"  # invisible plus (a format character): where a cell's line may have broken a word
BROKEN_AT = re.compile(rf"([^\s{BROKEN}]*){BROKEN}([^\s{BROKEN}]*)")


@dataclass
class Line:
    """Words on one baseline, left to right, with the list marker if the line opens with one.

    Its extent is worked out once, when first asked for (a line's words are complete by then).
    """

    page: int
    words: list[Word]
    marker: str | None = None
    text_x: float = 0.0  # where the text after the marker starts
    text: str = ""

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @cached_property
    def bold(self) -> bool:
        return all(BOLD.search(w.fontname) for w in self.words)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(w.x0 for w in self.words), self.top, max(w.x1 for w in self.words), self.bottom)


@dataclass
class TableRow:
    page: int
    top: float
    bbox: tuple[float, float, float, float]
    cells: list[list[str]]


@dataclass
class Page:
    number: int
    height: float
    items: list[Line | TableRow] = field(default_factory=list)  # top to bottom
    running: list[Line] = field(default_factory=list)  # header and footer lines, once found
    rules: list[pdf_tables.Segment] = field(default_factory=list)  # horizontal rules, which may split table rows


def read(path: Path, data: bytes, engine: str = "pdfplumber", max_pages: int | None = None) -> Document:
    """Read a PDF's bytes into a block stream with the named word engine.

    max_pages: refuse a longer document (TooLarge) as soon as its page max_pages + 1 is reached.
    """
    warnings: list[str] = []
    pages = []
    counts: Counter = Counter()
    words: set[str] = set()  # the document's vocabulary, for words split at a line end
    for content in _pages(path, engine_function(engine)(data)):
        if max_pages and content.number > max_pages:
            raise TooLarge(path, f"more than {max_pages} pages, over the limit (--max-pages)")
        content.words = clean_words(content.words, counts)
        words |= hyphenation.vocabulary(w.text for w in content.words)
        pages.append(page_items(content, warnings))
    if not pages:
        raise CorruptFile(path, "the PDF has no pages")
    if not any(p.items for p in pages) and any(not is_note(w) for w in warnings):
        raise NoTextLayer(
            path,
            "the PDF's text is in fonts without a Unicode map, so it cannot be read "
            "as text: run OCR on it (e.g. ocrmypdf) and extract the result",
        )
    if not any(p.items for p in pages):
        raise NoTextLayer(
            path, "the PDF has no text layer (a scanned image?): run OCR on it (e.g. ocrmypdf) and extract the result"
        )
    mark_running_lines(pages)
    carried = None
    for page in pages:
        carried = find_text_tables(page, carried)
    blocks = [_resolved(b, words.__contains__, counts) for b in flow(pages)]
    return Document("pdf", blocks, page_count=len(pages), warnings=warnings + textnorm.notes(counts))


def clean_words(words: list[Word], counts: Counter) -> list[Word]:
    """The engine's words with their text normalized (textnorm); a word of invisible characters only is dropped.

    A soft hyphen ending a word stays, for the line join to see (hyphenation.join).
    """
    out = []
    for w in words:
        text = textnorm.clean(w.text, counts, keep_final_soft_hyphen=True)
        if text == w.text:
            out.append(w)
        elif text.strip():
            out.append(replace(w, text=text))
    return out


def _resolved(block: Block, known: Callable[[str], bool], counts: Counter) -> Block:
    """The block with the line-end hyphens its lines were joined at decided (hyphenation.resolve), and
    the words its cells may have broken (_rejoin)."""
    text = _rejoin(hyphenation.resolve(block.text, known, counts), known)
    cells = tuple(tuple(_rejoin(hyphenation.resolve(line, known), known) for line in cell) for cell in block.cells)
    if text == block.text and cells == block.cells:
        return block
    return replace(block, text=text, cells=cells)


def engine_function(name: str) -> Callable[[bytes], Iterator[PageContent]]:
    """The word engine called `name`, imported only when used."""
    if name not in ENGINES:
        raise ValueError(f"unknown PDF engine {name!r}: choose one of {', '.join(ENGINES)}")
    module, function = ENGINES[name].split(":")
    return getattr(importlib.import_module(module), function)


def _pages(path: Path, pages: Iterator[PageContent]) -> Iterator[PageContent]:
    """The engine's pages, its failures turned into errors naming the file."""
    while True:
        try:
            page = next(pages)
        except StopIteration:
            return
        except PdfLocked:
            raise Encrypted(
                path, "the PDF is encrypted with a password: save an unprotected copy and run again"
            ) from None
        except PdfBroken as e:
            raise CorruptFile(path, f"the PDF cannot be parsed, it may be truncated or damaged ({e})") from e
        yield page


# -- one page -------------------------------------------------------------------


def page_items(content: PageContent, warnings: list[str]) -> Page:
    """A page's table rows and lines, top to bottom; unreadable (cid) text left out with a warning."""
    warnings += [f"page {content.number}: {note}" for note in content.notes]
    words = content.words + shape_markers(content)
    items: list[Line | TableRow] = []
    dropped: Counter[int] = Counter()  # page -> characters left out
    for grid in pdf_tables.grids(content.rules):
        inside = [w for w in words if grid.holds(w)]
        if not inside:
            continue
        rows, stray = pdf_tables.cells(grid, inside)
        taken = {id(w) for w in inside} - {id(w) for w in stray}
        words = [w for w in words if id(w) not in taken]
        for row, row_cells in rows:
            band = group_lines(content.number, [w for ws in row_cells for w in ws])
            # a band between two rules may hold several rows (no rules between them): split as from the
            # words, each part's cells between the vertical rules that run beside it
            parts = [list(range(len(band)))]
            if len(band) > 1:
                parts = pdf_tables.band_rows(band, grid.all_edges(row.top, row.bottom))
            for part in parts:
                top, bottom, edges, part_cells = row.top, row.bottom, row.edges, row_cells
                if len(parts) > 1:
                    top, bottom = band[part[0]].top, band[part[-1]].bottom
                    edges = grid.edges(top, bottom) if len(grid.edges(top, bottom)) >= 2 else row.edges
                    part_cells = pdf_tables.by_edges([w for j in part for w in band[j].words], edges)
                cells = [
                    cell_lines(group_lines(content.number, ws), dropped, _cell_limit(ws, a, b))
                    for ws, a, b in zip(part_cells, edges, edges[1:])
                ]
                if any(any(c) for c in cells):
                    items.append(
                        TableRow(content.number, top, (edges[0], top, edges[-1], bottom), [c or [""] for c in cells])
                    )
    for line in group_lines(content.number, words):
        if read_line(line, dropped):
            items.append(line)
    if dropped:
        warnings.append(
            f"page {content.number}: {sum(dropped.values())} characters in a font without a "
            "Unicode map (shown as (cid:NN)) were left out"
        )
    items.sort(key=lambda it: it.top)
    return Page(content.number, content.height, items, rules=pdf_tables.segments(content.rules)[0])


def _cell_limit(words: list[Word], left: float, right: float) -> float | None:
    """Where a ruled cell's text ends: its right rule less the padding its text keeps from the left one."""
    if not words:
        return None
    return right - (min(w.x0 for w in words) - left)


def shape_markers(content: PageContent) -> list[Word]:
    """List markers drawn as shapes (a browser's <ul> disc): a bullet word where a small filled
    shape sits just before a word on its line, so the line reads as a list item like a glyph's."""
    out = []
    for mark in content.marks:
        centre = (mark.top + mark.bottom) / 2
        for w in content.words:
            if w.top <= centre <= w.bottom and 0 < w.x0 - mark.x1 <= MARK_GAP:
                out.append(Word("•", mark.x0, mark.x1, w.top, w.bottom, "", w.size))
                break
    return out


def group_lines(page: int, words: list[Word]) -> list[Line]:
    """Words into lines: a word joins the line its vertical centre falls in."""
    lines: list[Line] = []
    top = bottom = 0.0  # the last line's extent, kept as it grows
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (w.top + w.bottom) / 2
        if lines and top <= centre <= bottom:
            lines[-1].words.append(w)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
        else:
            lines.append(Line(page, [w]))
            top, bottom = w.top, w.bottom
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def read_line(line: Line, dropped: Counter[int]) -> bool:
    """Set the line's marker and text; False when nothing readable is left.

    A bullet's glyph may be a word of its own (`•` then a gap), touch its text
    (`•Text`), or come out unreadable (`(cid:127)`: reportlab's Helvetica bullet,
    a Symbol font with no Unicode map) yet still stand alone before a gap.
    """
    words = line.words
    first = words[0].text
    rest = words[1:]
    if first in GLYPHS and rest:
        line.marker, line.text_x = first, rest[0].x0
    elif CID.fullmatch(first) and rest and rest[0].x0 - words[0].x1 > 3:
        line.marker, line.text_x = UNREADABLE, rest[0].x0
    elif first[0] in TOUCHING_GLYPHS and len(first) > 1 and first[1].isalnum():
        w = words[0]
        line.marker = first[0]
        line.text_x = w.x0 + (w.x1 - w.x0) / len(first)
        rest = [Word(first[1:], line.text_x, w.x1, w.top, w.bottom, w.fontname, w.size)] + rest
    else:
        rest = words
    texts = []
    for w in rest:
        clean = CID.sub("", w.text)
        if clean != w.text:
            dropped[line.page] += len(CID.findall(w.text))
        if clean:
            texts.append(clean)
    line.text = " ".join(texts)
    return bool(line.text)


def cell_lines(lines: list[Line], dropped: Counter[int], limit: float | None = None) -> list[str]:
    """A cell's lines as the cell's logical lines: each list item one line ("• text"), wrapped text joined.

    limit: where the cell's text must end; a word broken there between letters joins its rest (_broken).
    """
    out: list[str] = []
    indent = None  # text indent of the list item being read
    above: Line | None = None
    for line in lines:
        if not read_line(line, dropped):
            continue
        if line.marker:
            glyph = line.marker if line.marker in GLYPHS else "•"
            out.append(f"{glyph} {line.text}")
            indent = line.text_x
        elif out and (indent is None or line.x0 >= indent - INDENT_TOL):
            broken = limit is not None and above is not None and _broken(above, line, limit)
            out[-1] = out[-1] + BROKEN + line.text if broken else hyphenation.join(out[-1], line.text)
        else:
            out.append(line.text)
            indent = None
        above = line
    return out


def _broken(above: Line, line: Line, limit: float) -> bool:
    """Whether a cell's line may be a single word broken between letters, its rest opening the next line.

    Layouts break a word only where it is wider than the cell, and then fill the
    line: "kommunövergrip" / "ande strategi för" (fpdf2), "budgetprocessen" / "?".
    So the line is one word ending within a letter's width of the cell's limit and
    the next line goes on in lower case or with punctuation; whether the two are
    one word is decided with the document's words (_rejoin).
    """
    words = above.words[1:] if above.marker else above.words
    if len(words) != 1 or above.text.endswith(("-", "/")):
        return False
    word, rest = words[0], line.words[0]
    letter = (rest.x1 - rest.x0) / max(1, len(rest.text))
    return word.x1 + letter >= limit - 0.5 and (rest.text[0].islower() or not rest.text[0].isalnum())


def _rejoin(text: str, known: Callable[[str], bool]) -> str:
    """Each place _broken marked decided: one word where the document prints the two parts as one
    ("kommunövergripande"), or where either part is no word of its own ("demokratiutveckl" / "ing");
    two words where both are and the join is not printed ("helhetstänkande" / "avseende")."""

    def decide(m: re.Match) -> str:
        # the words either side: "planer/strategier" / "för" is "strategier" and "för"
        head, tail = m.group(1).split("/")[-1].strip(hyphenation.EDGE), m.group(2).strip(hyphenation.EDGE)
        if not head or not tail or known((head + tail).casefold()):
            return m.group(1) + m.group(2)
        if _word(head) and _word(tail):
            return f"{m.group(1)} {m.group(2)}"
        return m.group(1) + m.group(2)

    while BROKEN in text:  # a part between two marks waits for the next round
        text = BROKEN_AT.sub(decide, text)
    return text


def _word(part: str) -> bool:
    """A word of its own: known, or a compound of two ("helhets|tänkande"; not "klagomål|shan|teri")."""
    return lexicon.has_vowel(part) and (lexicon.known(part) or len(lexicon.compound(part) or ()) == 2)


def find_text_tables(page: Page, carried: pdf_tables.Carried | None) -> pdf_tables.Carried | None:
    """Turn each run of the page's lines that stands in columns into table rows.

    carried: the columns of a table the previous page ended with. Returns those
    of a table this page ends with.
    """
    items: list[Line | TableRow] = []
    run: list[Line] = []
    after = None
    for it in [*page.items, None]:
        if isinstance(it, Line):
            run.append(it)
            continue
        rows, after = _tabulate(page, run, carried if not items else None)
        items += rows
        run = []
        if it is not None:
            items.append(it)
            after = None
    page.items = items
    return after


def _tabulate(
    page: Page, lines: list[Line], carried: pdf_tables.Carried | None
) -> tuple[list[Line | TableRow], pdf_tables.Carried | None]:
    """The lines, those of a table found from word positions replaced by its rows; the columns to carry on."""
    out: list[Line | TableRow] = []
    done = 0
    tables, after = pdf_tables.text_tables(lines, page.rules, carried)
    for table in tables:
        first = table.rows[0][0]
        out += lines[done:first]
        by_row = []
        ends: dict[int, float] = {}  # the column's widest text: where its cells' text ends
        for row in table.rows:
            cells: list[list[Word]] = [[] for _ in table.edges[1:]]
            for w in (w for j in row for w in lines[j].words):
                cx = (w.x0 + w.x1) / 2
                k = next((k for k, x in enumerate(table.edges[1:-1]) if cx < x), len(cells) - 1)
                cells[k].append(w)
                ends[k] = max(ends.get(k, w.x1), w.x1)
            by_row.append((row, cells))
        for row, cells in by_row:
            # the words were read once already (page_items counted their unreadable characters)
            texts = [cell_lines(group_lines(page.number, ws), Counter(), ends.get(k)) for k, ws in enumerate(cells)]
            top, bottom = min(lines[j].top for j in row), max(lines[j].bottom for j in row)
            bbox = (table.edges[0], top, table.edges[-1], bottom)
            out.append(TableRow(page.number, top, bbox, [t or [""] for t in texts]))
        done = table.rows[-1][-1] + 1
    return out + lines[done:], after


# -- across pages ------------------------------------------------------------------


def mark_running_lines(pages: list[Page]) -> None:
    """Move lines repeated near the top or bottom of most pages (digits masked) to page.running."""
    bands: list[list[Line]] = []
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line)]
        edge = lines[:3] + [ln for ln in lines[-2:] if ln not in lines[:3]]
        bands.append([ln for ln in edge if ln.top < BAND * page.height or ln.bottom > (1 - BAND) * page.height])
    counts = Counter(key for band in bands for key in {_mask(ln) for ln in band})
    need = max(2, (len(pages) - 1) // 2)
    running = {key for key, n in counts.items() if n >= need}
    for page, band in zip(pages, bands):
        for line in band:
            if _mask(line) in running:
                page.running.append(line)
                page.items.remove(line)


def _mask(line: Line) -> str:
    return DIGITS.sub("#", " ".join(w.text for w in line.words))


def flow(pages: list[Page]) -> list[Block]:
    """The pages' items as blocks in reading order."""
    body: Counter[float] = Counter()  # font size -> characters of body text
    for page in pages:
        for it in page.items:
            if isinstance(it, Line):
                body[round(it.size, 1)] += len(it.text)
    body_size = body.most_common(1)[0][0] if body else 0.0
    heading_sizes = sorted(
        {round(it.size, 1) for p in pages for it in p.items if isinstance(it, Line) and _is_heading(it, body_size)},
        reverse=True,
    )
    builder = _Builder(body_size, heading_sizes)
    for page in pages:
        builder.new_page([Block("page_header", ln.text, page=page.number, bbox=ln.bbox) for ln in page.running])
        for it in page.items:
            builder.add(it)
    builder.close()
    return builder.blocks


def _is_heading(line: Line, body_size: float) -> bool:
    return not line.marker and (line.size >= body_size + 1.0 or (line.bold and len(line.words) <= 14))


class _Builder:
    """Joins lines into blocks: list items with their continuations, paragraphs, headings."""

    def __init__(self, body_size: float, heading_sizes: list[float]):
        self.body_size = body_size
        self.heading_sizes = heading_sizes
        self.blocks: list[Block] = []
        self.open: list[Line] = []  # the lines of the block being built
        self.kind: BlockKind | None = None  # of the block being built
        self.fresh = True  # no body line yet on this page
        self.headers: list[Block] = []  # this page's running header, held back while a list item may go on

    def new_page(self, headers: list[Block]) -> None:
        if self.kind != "list_item":
            self.close()
        self.blocks += self.headers
        self.headers = headers
        if not self.open:
            self.blocks += self.headers
            self.headers = []
        self.fresh = True

    def add(self, it: Line | TableRow) -> None:
        fresh, self.fresh = self.fresh, False
        if isinstance(it, TableRow):
            self.close()
            self.blocks.append(table_row(it.cells, page=it.page, bbox=it.bbox))
            return
        kind: BlockKind = "list_item" if it.marker else "heading" if _is_heading(it, self.body_size) else "paragraph"
        if kind != "list_item" and self.open and self.continues(it, kind, fresh):
            self.open.append(it)
            return
        self.close()
        self.open, self.kind = [it], kind

    def continues(self, line: Line, kind: str, fresh: bool) -> bool:
        last = self.open[-1]
        if self.kind == "list_item":
            first = self.open[0]
            at_indent = abs(line.x0 - first.text_x) <= INDENT_TOL and kind == "paragraph"
            if line.page != last.page:
                return at_indent and fresh
            return at_indent and line.top - last.bottom <= MAX_GAP * line.size
        if kind != self.kind or line.page != last.page or line.bold != last.bold:
            return False
        return abs(line.size - last.size) < 0.5 and line.top - last.bottom <= MAX_GAP * line.size

    def close(self) -> None:
        if not self.open:
            return
        lines, first, kind = self.open, self.open[0], self.kind
        assert kind is not None  # set whenever a line is open
        text = hyphenation.join_lines(ln.text for ln in lines)
        same_page = [ln.bbox for ln in lines if ln.page == first.page]
        bbox = (
            min(b[0] for b in same_page),
            min(b[1] for b in same_page),
            max(b[2] for b in same_page),
            max(b[3] for b in same_page),
        )
        level = None
        if kind == "heading":
            size = round(first.size, 1)
            level = self.heading_sizes.index(size) + 1 if size in self.heading_sizes else None
        self.blocks.append(Block(kind, text, page=first.page, marker=first.marker, bbox=bbox, level=level))
        self.blocks += self.headers
        self.open, self.kind, self.headers = [], None, []
