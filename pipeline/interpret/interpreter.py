"""The interpreter: one reading of the Kommunkompassen grammar for every layout's blocks.

It walks the block stream once as a small state machine (front matter, chapter 1,
chapter 2, an area of chapter 3 with its sub-sections, chapter 4). Landmarks are
found anywhere in a block's text, so a transcript's run-on page lines and a Word
export's one-paragraph blocks are read by the same code. Text that belongs to
one thing but crosses blocks (a list or table running over a page break) is
gathered in a Run that remembers which page each part came from.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import regex as re

from kompass.parsers import hyphenation
from kompass.parsers.blocks import Block, Document
from kompass.parsers.errors import NotAReport
from kompass.pipeline.interpret import grammar as g
from kompass.pipeline.interpret.areas import identify
from kompass.pipeline.interpret.bullets import Vocabulary, split_items, vocabulary
from kompass.pipeline.interpret.title import municipality_in_text, parse_title
from kompass.pipeline.model import Area, Finding, Question, Report

MAX_TITLE_CHARS = 1500
BRAND = re.compile(r"Kommun\s?Kompassen", re.I)
CONTENTS = re.compile(r"\bInnehåll(?:sförteckning)?\b")
TRAILING_SCORE = re.compile(r"\s(\d{1,3})\s*$")


@dataclass
class Run:
    """Text gathered from several blocks, with the page each part came from."""

    parts: list[tuple[int, int | None]] = field(default_factory=list)  # (offset, page)
    text: str = ""
    starts: list[int] = field(default_factory=list)  # the parts' offsets, rising: where a part is, by bisection

    def add(self, text: str, page: int | None) -> None:
        text = text.strip()
        if not text:
            return
        if self.text:
            self.text += " "
        self.parts.append((len(self.text), page))
        self.starts.append(len(self.text))
        self.text += text

    def block_end(self, offset: int) -> int:
        """Where the block holding `offset` ends in the run."""
        at = bisect_right(self.starts, offset)
        return self.starts[at] if at < len(self.starts) else len(self.text)

    def page_at(self, offset: int) -> int | None:
        at = bisect_right(self.starts, offset)
        return self.parts[at - 1][1] if at else None

    def __bool__(self) -> bool:
        return bool(self.text)


class Interpreter:
    """Builds a Report from a Document's blocks."""

    def __init__(self, doc: Document, path: Path):
        self.doc = doc
        self.path = path
        self.report = Report(
            source_format=doc.source_format, page_count=doc.page_count, reader_warnings=list(doc.warnings)
        )
        self.state = "front"  # front, toc, ch1, ch2, ch3, area, ch4, after
        # within an area: name, rubriker, poang, scored (the score read, headings may follow), prose,
        # strengths, improvements
        self.sub: str | None = None
        self.area: Area | None = None
        self.front = Run()
        self.ch2 = Run()
        self.ch4 = Run()
        self.run = Run()  # the list or heading text being gathered in an area
        self.name_run = Run()
        self.header_dates: Counter[dt.date] = Counter()
        self.header_counts: Counter[int] = Counter()

    @cached_property
    def vocab(self) -> Vocabulary:
        """The document's evidence about case, for splitting run-on lists (only layouts that lost the glyphs)."""
        return vocabulary(" ".join(b.text for b in self.doc.blocks))

    # -- driving -----------------------------------------------------------

    def interpret(self) -> Report:
        for block in self.doc.blocks:
            self.block(block)
        self.close_area()
        self.finish()
        return self.report

    def block(self, block: Block) -> None:
        if block.kind == "page_header":
            self.page_header(block.text)
        elif block.kind == "table_row" and self.state == "ch4":
            self.ch4.add(" ".join(" ".join(c) for c in block.cells), block.page)
        elif block.kind == "table_row":
            for cell in block.cells:
                for line in cell:
                    if g.GLYPH.match(line):
                        self.item(g.GLYPH.sub("", line), block.page, line.strip()[0])
                    else:
                        self.text(line, block.page, at_start=True)
        elif block.kind == "list_item":
            self.item(block.text, block.page, block.marker)
        else:
            self.text(block.text, block.page, at_start=True)

    def page_header(self, text: str) -> None:
        date = g.HEADER_DATE.search(text)
        if date:
            try:
                self.header_dates[dt.date(*map(int, date.groups()))] += 1
            except ValueError:
                pass
        pages = g.HEADER_PAGES.search(text)
        if pages:
            self.header_counts[int(pages.group("count"))] += 1

    def text(self, text: str, page: int | None, at_start: bool) -> None:
        """Hand a block's text to the state machine, less any table of contents."""
        toc = self.find_toc(text)
        if toc:
            start, end = toc
            self.pieces(text[:start], page, at_start)
            if self.state == "front":
                self.state = "toc"
            text, at_start = text[end:], False
        self.pieces(text, page, at_start)

    def pieces(self, text: str, page: int | None, at_start: bool) -> None:
        """Split text at landmarks and hand each piece to the state machine."""
        pos = 0
        for m in g.LANDMARKS.finditer(text) if any(word in text for word in g.LANDMARK_WORDS) else ():
            kind = m.lastgroup if m.lastgroup in LANDMARK_NAMES else _kind(m)
            if not self.applies(kind, m, at_start and m.start() == 0):
                continue
            self.plain(text[pos : m.start()], page)
            pos = m.end()
            self.landmark(kind, m, page)
        self.plain(text[pos:], page)

    def find_toc(self, text: str) -> tuple[int, int] | None:
        """The span of a table of contents: "Innehåll 1 Vad är Kommunkompassen?...3 2 ...".

        Entries end in a dot leader and a page number; the span runs from
        "Innehåll" (or the block's start) to the end of the last entry.
        """
        entries = list(g.TOC_ENTRY.finditer(text)) if "..." in text or "\t" in text else []
        if not entries:
            return None
        toc = CONTENTS.search(text)
        if toc and toc.start() < entries[0].start():
            return toc.start(), entries[-1].end()
        if self.state in ("front", "toc") or len(entries) >= 3 or entries[-1].end() >= len(text.rstrip()):
            return 0, entries[-1].end()
        return None

    def applies(self, kind: str, m: re.Match, at_start: bool) -> bool:
        """Whether a landmark found in text is one here (not a word in prose)."""
        if kind in ("toc", "ch1", "ch2", "ch3", "ch4"):
            return True
        if kind == "area":
            return self.state in ("ch3", "area") or at_start
        if kind == "kortfakta":
            return self.state in ("area", "ch4")
        if self.state != "area":
            return False
        if kind in ("rubriker",):
            return self.sub == "name"
        if kind == "poang":
            return self.sub in ("name", "rubriker")
        if kind == "allmant":
            return self.sub in ("name", "rubriker", "poang", "scored")
        if kind == "strengths":
            return self.sub not in ("strengths", "improvements")
        if kind == "improvements":
            return self.sub != "improvements"
        return False

    # -- landmarks ---------------------------------------------------------

    def landmark(self, kind: str, m: re.Match, page: int | None) -> None:
        if kind in ("toc", "ch1", "ch2", "ch3", "ch4", "kortfakta", "area"):
            self.close_area()
        if kind == "toc":
            self.state = "toc"
        elif kind == "ch1":
            self.state = "ch1"
        elif kind == "ch2":
            self.state = "ch2"
            self.ch2.add(m.group("ch2_name") + " i förhållande till Kommunkompassen.", page)
        elif kind == "ch3":
            self.state = "ch3"
        elif kind == "ch4":
            self.state = "ch4"
        elif kind == "kortfakta":
            self.state = "after"
        elif kind == "area":
            self.state = "area"
            self.area = self.report.area(int(m.group("area_no")))
            self.area.page = self.area.page or page
            self.sub = "name"
        elif kind == "rubriker":
            self.take_name()
            self.sub = "rubriker"
        elif kind == "poang":
            self.take_name()
            self.take_headings()
            self.sub = "poang"
        elif kind == "allmant":
            self.take_name()
            self.take_headings()
            self.sub = "prose"
        elif kind in ("strengths", "improvements"):
            self.take_name()
            self.take_headings()
            self.take_findings()
            self.sub = kind

    def plain(self, text: str, page: int | None) -> None:
        """Text between landmarks, read by the state it falls in."""
        if not text.strip():
            return
        if self.state == "front":
            if len(self.front.text) < MAX_TITLE_CHARS:
                self.front.add(text, page)
        elif self.state == "ch2":
            self.ch2.add(text, page)
        elif self.state == "ch4":
            self.ch4.add(text, page)
        elif self.state == "area":
            assert self.area is not None  # the state is "area" from an area heading on
            if self.sub == "name":
                self.name_run.add(text, page)
            elif self.sub == "rubriker":
                self.run.add(text, page)
            elif self.sub == "poang":
                score = g.INTEGER.match(text)
                if score and self.area.score is None:
                    # "Rubriker Poäng <headings> [page break] 63 Allmänt": the headings
                    # gathered so far end where the score comes; only headings marked as
                    # list items may still follow (the score centred beside them).
                    self.area.score = int(score.group(1))
                    self.take_headings()
                    self.sub = "scored"
                else:
                    self.run.add(text, page)
            elif self.sub == "scored":
                self.sub = "prose"
            elif self.sub in ("strengths", "improvements"):
                self.run.add(text, page)

    def item(self, text: str, page: int | None, marker: str | None) -> None:
        """A list item the layout marked with a glyph."""
        text = " ".join(text.split())
        if not text:
            return
        if self.state != "area":
            self.plain(text, page)
            return
        assert self.area is not None  # the state is "area" from an area heading on
        if self.sub in ("name", "rubriker", "poang", "scored"):
            self.take_name()
            self.take_headings()
            self.sub = "rubriker" if self.sub == "name" else self.sub
            self.area.headings.append(text)
        elif self.sub in ("strengths", "improvements"):
            self.take_findings()
            self.area.findings.append(Finding(KIND[self.sub], text, "marker", page))

    # -- gathering ---------------------------------------------------------

    def take_name(self) -> None:
        if self.name_run and self.area is not None and self.area.name is None:
            self.area.name = area_name(self.name_run.text)
        self.name_run = Run()

    def take_headings(self) -> None:
        if self.run and self.area is not None and self.sub in ("rubriker", "poang"):
            text = self.run.text
            # "Rubriker Poäng Strategier för ... Hållbar utveckling 67": the table's
            # two header cells came first, so the score trails the headings.
            trailing = TRAILING_SCORE.search(text)
            if trailing and self.area.score is None:
                self.area.score = int(trailing.group(1))
                text = text[: trailing.start()]
            self.area.headings += [p.text for p in split_items(text, self.vocab, min_words=1)]
        if self.sub in ("rubriker", "poang"):
            self.run = Run()

    def take_findings(self) -> None:
        if self.run and self.area is not None and self.sub in ("strengths", "improvements"):
            for piece in split_items(self.run.text, self.vocab):
                self.area.findings.append(
                    Finding(KIND[self.sub], piece.text, "inferred", self.run.page_at(piece.start))
                )
        if self.sub in ("strengths", "improvements"):
            self.run = Run()

    def close_area(self) -> None:
        if self.state == "area":
            self.take_name()
            self.take_headings()
            self.take_findings()
        self.run = Run()
        self.area = None
        self.sub = None

    # -- the whole report ----------------------------------------------------

    def finish(self) -> None:
        r = self.report
        self.read_front()
        self.read_chapter2()
        self.read_chapter4()
        if self.header_dates:
            r.report_date = self.header_dates.most_common(1)[0][0]
        elif r.cover_date:
            r.report_date = r.cover_date
        if self.header_counts:
            r.page_count = self.header_counts.most_common(1)[0][0]
        if r.year is None and r.report_date:
            r.year = r.report_date.year
        if not r.areas or not any(a.questions or a.score is not None for a in r.areas.values()):
            raise NotAReport(self.path, "no Kommunkompassen areas or score tables found: not a report")

    def read_front(self) -> None:
        r = self.report
        text = self.title_page()
        if text is None:
            return
        title = parse_title(text)
        r.title = " ".join(text.split())
        if title.municipality:
            r.municipality = title.municipality.name
            r.municipality_code = title.municipality.code
            r.municipality_type = title.municipality_type
            r.name_as_printed = title.name_as_printed
        r.year = title.year
        r.cover_date = title.cover_date
        r.evaluators = title.evaluators

    def title_page(self) -> str | None:
        """The front matter's text on the last page that names Kommunkompassen: the title page.

        Pages before it (a sharing site's list of other reports, if a reader left
        one in) never give the title, the evaluators or the municipality.
        """
        run = self.front
        brands = list(BRAND.finditer(run.text))
        if not brands:
            return None
        page = run.page_at(brands[-1].start())
        ends = [start for start, _ in run.parts[1:]] + [len(run.text)]
        return " ".join(run.text[start:end] for (start, p), end in zip(run.parts, ends) if p == page)

    def read_chapter2(self) -> None:
        r = self.report
        text = self.ch2.text
        period = g.EVALUATION_PERIOD.search(text)
        if period:
            words = period.group("period").strip(" ,").lower()
            r.evaluation_period = f"{words} {period.group('year')}".strip() if words else period.group("year")
            if r.year is None:
                r.year = int(period.group("year"))
        if r.municipality is None:
            found = municipality_in_text(text)
            if found:
                hit, printed, typ = found
                r.municipality, r.municipality_code = hit.name, hit.code
                r.municipality_type, r.name_as_printed = typ, printed
        chart = g.CHART_TOTAL.search(text)
        if chart:
            r.total_score = int(chart.group("total"))
            # Only labels in the same block as the total: a PDF reader puts bar labels
            # at different heights on different lines, out of area order.
            numbers = [
                int(n) for n in g.CHART_NUMBERS.findall(text, pos=chart.end(), endpos=self.ch2.block_end(chart.end()))
            ]
            scores = chart_scores(numbers, r.total_score)
            for no, score in enumerate(scores or [], start=1):
                r.area(no).chart_score = score

    def read_chapter4(self) -> None:
        """Scan chapter 4's text for table headers, question rows and total rows, in order."""
        run, text, pos, table = self.ch4, self.ch4.text, 0, None
        last: Question | None = None  # the row just read, which text on the next page may continue
        previous: Question | None = None  # the table's last row so far
        last_page: int | None = None  # the page its row ends on
        while True:
            m = g.CHAPTER4_ROWS.search(text, pos)  # the next header, row or total, whichever comes first
            if last:
                self.continue_row(last, pos, m.start() if m else len(text), last_page)
                last = None
            if m is None:
                break
            kind = "header" if m.start("header") >= 0 else "question" if m.start("question") >= 0 else "total"
            pos = m.end()
            page = run.page_at(m.start())
            if kind == "header" and table is not None and table.area_no == int(m.group("no")) and previous:
                # the header repeated on the next page: what follows it may end the row broken off before it
                last = previous
                continue
            if kind == "header":
                table, previous = self.report.area(int(m.group("no"))), None
                table.table_name = " ".join(m.group("name").split())
                table.table_page = table.table_page or page
            elif kind == "question":
                q = Question(
                    f"{m.group('area')}.{int(m.group('sub'))}",
                    " ".join(m.group("text").split()),
                    int(m.group("achieved")),
                    int(m.group("max")),
                    int(m.group("percent")),
                    page,
                )
                q.table_area = table.area_no if table else None
                area = table if table is not None else self.report.area(q.area_no)
                area.questions.append(q)
                last = previous = q
                last_page = run.page_at(m.end() - 1)
            elif kind == "total":
                if table is None:
                    continue
                table.table_total = int(m.group("achieved"))
                table.table_max = int(m.group("max"))
                table.table_percent = int(m.group("percent"))
                table = previous = None

    @cached_property
    def ch4_starts(self) -> set[int]:
        """Where each block's text starts in chapter 4's run (read once the run is whole)."""
        return set(self.ch4.starts)

    def continue_row(self, q: Question, end: int, next_start: int, row_page: int | None) -> None:
        """Text between a row that ends its page and the next row is the rest of its question:
        "5.2 Tydliggör kommunen sambandet mellan kostnader 12 20 62%", the page break,
        (the table's header again,) then "och resultat i budgetprocessen?" (the row broke
        across the pages). row_page: the page the row's numbers end on."""
        run = self.ch4
        gap = run.text[end:next_start]
        start = end + len(gap) - len(gap.lstrip())
        if not gap.strip() or start not in self.ch4_starts:
            return
        if run.page_at(start) == row_page:
            return
        # a row can break inside a hyphenated word ("tjänsternas inneh-" | "åll samt ..."): the
        # line join's rules decide it as they do within a page (no vocabulary here: unknown words join)
        joined = hyphenation.join(q.text, " ".join(gap.split()))
        q.text = hyphenation.resolve(joined, lambda word: False)


LANDMARK_NAMES = {
    "toc",
    "ch1",
    "ch2",
    "ch3",
    "area",
    "rubriker",
    "poang",
    "allmant",
    "strengths",
    "improvements",
    "ch4",
    "kortfakta",
}
KIND = {"strengths": "strength", "improvements": "improvement"}


def _kind(m: re.Match) -> str:
    for name in LANDMARK_NAMES:
        if m.group(name) is not None:
            return name
    raise AssertionError(m)


def area_name(text: str) -> str:
    """An area's name from the text after "Område N".

    A heading block holds just the name; in a run-on transcript the name is
    followed by whatever comes next, so keep the longest known name at its start.
    """
    words = text.split()
    if len(words) <= 8:
        return " ".join(words)
    for n in range(min(len(words), 10), 0, -1):
        candidate = " ".join(words[:n])
        if identify(candidate):
            return candidate
    return " ".join(words[:8])


def chart_scores(numbers: list[int], total: int | None) -> list[int] | None:
    """The eight area scores among a bar chart's labels and axis ticks.

    A transcript keeps the chart's text in reading order: the axis ticks above
    the bars, the eight bar labels, the ticks below them:
    "80 60 53 49 61 62 50 50 62 67 40 20 0". The ticks fall in equal steps down
    to 0 and the bars add up to the total. A label equal to a tick can make two
    readings fit; then nothing is returned rather than a guess.
    """
    n = len(numbers)
    found = set()
    for above in range(0, n - 8 + 1):
        below = n - 8 - above
        ticks = numbers[:above] + numbers[n - below :]
        bars = numbers[above : above + 8]
        steps = {a - b for a, b in zip(ticks, ticks[1:])}
        if ticks and (ticks[-1] != 0 or len(steps) > 1 or min(steps, default=1) <= 0 or any(t % 10 for t in ticks)):
            continue
        if any(b > 100 for b in bars) or (total is not None and sum(bars) != total):
            continue
        found.add(tuple(bars))
    return list(found.pop()) if len(found) == 1 else None


def interpret(doc: Document, path: Path) -> Report:
    """Build a Report from a reader's Document."""
    return Interpreter(doc, path).interpret()
