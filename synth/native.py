"""Rendering known report values as real files: a Word document (.docx) and a PDF.

The same spec as synth/text.py (the gold files' shape) is first laid out as a
neutral plan (title page, headings, paragraphs, bullet lists, tables), then
drawn by python-docx or reportlab. A Style says what real documents vary: fonts,
the bullet glyph, column widths, a heading number touching its text. The PDF
renderer also records the page it put each bullet and sub-question on, so tests
can check provenance against where things really are.
"""

from __future__ import annotations

import io
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

from synth.text import (
    CHAPTER1,
    PROSE,
    PUBLISHER,
    area_questions,
    area_sections,
    display_name,
    evaluator_parts,
    evaluator_text,
    printed_score,
)

# -- the plan: what a report holds, in reading order ---------------------------


@dataclass
class Heading:
    level: int
    label: str  # "Område 3", "2", "4."
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list[str]
    key: tuple[int, str] | None = None  # (area_no, kind) of findings, for the page record


@dataclass
class Rubriker:
    headings: list[str]
    score: int | str


@dataclass
class ScoreTable:
    area_no: int
    name: str
    rows: list[tuple[str, str, int, int, int]]
    total: int


@dataclass
class Chart:
    label: str
    scores: list[int]


@dataclass
class PageBreak:
    pass


Element = Heading | Para | Bullets | Rubriker | ScoreTable | Chart | PageBreak
Cell = str | list[str] | None  # a table cell: text, bullet texts, or None (merged into its neighbour)


@dataclass
class Style:
    """What differs between real documents of the same content."""

    font: str = "Helvetica"  # Helvetica, Times-Roman or DejaVuSans (falls back to Helvetica)
    bullet: str = "symbol"  # symbol (Symbol-font •), "▪", "•", "–"
    size: float = 10.5
    ch4_widths: tuple[float, ...] = (30, 250, 42, 40, 50)
    rubriker_widths: tuple[float, float] = (330, 90)
    # grid, horizontal (lines between rows), booktabs (around header and total), shaded, none,
    # css (each cell its own box, as Chromium prints CSS borders with border-collapse: separate)
    table_rules: str = "grid"
    cell_pad: float = 4.0  # points above and below a cell's text (beside it: always 4)
    split_rows: bool = False  # a row that does not fit breaks across the page (Word's default)
    touching_number: bool = False  # "Område 2Brukarfokus": the tab stop sits right after the number
    docx_list_by_numpr: bool = False  # list paragraphs carry w:numPr instead of the List Bullet style
    evaluators_on_lines: bool = False  # title page: one evaluator a line under "Utvärderare:"
    docx_numbered_headings: bool = False  # Word draws "3", "Område 2" from numbering: not in the paragraph text
    docx_print: bool = False  # laid out for printing: column widths, table rules, TOC leaders, bullet glyph as text
    text_form: Literal["NFC", "NFD"] = "NFC"  # PDF: the text layer's Unicode form (NFD: decomposed, as macOS writes)
    hyphenate: bool = False  # PDF: a line ends in part of the next line's first word and a hyphen where it fits
    cell_valign: Literal["top", "middle"] = "top"  # a cell's text in a taller row: at its top or centred vertically


def plan(spec: dict, seed: int = 0) -> tuple[list[str], list]:
    """The title page lines and the body, as plan elements."""
    rng = random.Random(seed)
    rep = spec["report"]
    display, _ = display_name(spec)
    year = rep["year"]
    title = ["KommunKompassen", "ANALYS AV", f"{display.upper()} {year}"]
    title += [f"Utvärderare: {evaluator_text(spec)}"] if evaluator_parts(spec) else []
    period = rep.get("evaluation_period") or f"april {year}"
    words, _, pyear = period.rpartition(" ")
    body: list = [
        Heading(1, "1", "Vad är Kommunkompassen?"),
        Para(CHAPTER1),
        Para("Utvärderingen bygger på:"),
        Bullets(["Intervjuer", "Officiella dokument"]),
        PageBreak(),
        Heading(1, "2", f"{display} i förhållande till Kommunkompassen: En sammanfattande genomgång"),
        Heading(2, "", "Utvärderingen"),
        Para(f"Utvärderingen av {display} genomfördes i {words} år {pyear} och var kommunens första utvärdering."),
        Heading(2, "", "Sammanfattning av resultat"),
        Para(f"Nedan visas {display}s totalpoäng samt poängfördelningen per område."),
        Chart(
            f"{display} {year}-{rep.get('total_score') or sum(a['score'] for a in spec['areas'])}p",
            [a["score"] for a in spec["areas"]],
        ),
        PageBreak(),
        Heading(1, "3", "Detaljerad genomgång i förhållande till Kommunkompassens åtta områden"),
    ]
    for no, area, strengths, improvements in area_sections(spec):
        if no > 1 and rng.random() < 0.5:
            body.append(PageBreak())
        body += [
            Heading(2, f"Område {no}", area["name"]),
            Rubriker(area["headings"], printed_score(area)),
            Heading(3, "", "Allmänt"),
            Para(PROSE),
        ]
        if rng.random() < 0.5:
            body.append(Para(PROSE))
        body += [
            Heading(3, "", "STYRKOR"),
            Bullets(strengths, (no, "strength")),
            Heading(3, "", "FÖRBÄTTRINGSOMRÅDEN"),
            Bullets(improvements, (no, "improvement")),
        ]
    body += [
        PageBreak(),
        Heading(1, "4.", "Översikt av poängfördelning"),
        Para(f"Nedanstående tabeller visar {display}s resultat fördelat på delfrågor inom respektive område."),
    ]
    for area in spec["areas"]:
        no = area["area_no"]
        rows = [(q["question_no"], q["text"], q["achieved"], q["max"], q["percent"]) for q in area_questions(spec, no)]
        body.append(ScoreTable(no, area["table_name"], rows, area["table_total"]))
    return title, body


def _toc(body: list) -> list[tuple[str, str]]:
    return [(h.label, h.text) for h in body if isinstance(h, Heading) and h.label]


def _date(spec: dict) -> str:
    rep = spec["report"]
    return rep.get("report_date") or f"{rep['year']}-05-10"


# -- Word -------------------------------------------------------------------------


def to_docx(spec: dict, seed: int = 0, style: Style | None = None) -> bytes:
    """The spec as a Word document: title page, header with the date, styled lists, real tables."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_BREAK

    style = style or Style()
    title, body = plan(spec, seed)
    doc = docx.Document()
    _docx_fixed_metadata(doc)
    for line in title[:3]:
        doc.add_paragraph(line, style="Title" if line == title[2] else None)
    if style.evaluators_on_lines and len(title) > 3:
        doc.add_paragraph("Utvärderare:")
        for name in evaluator_parts(spec):
            doc.add_paragraph(name)
    else:
        for line in title[3:]:
            doc.add_paragraph(line)
    # The body starts in a new section so the title page has no header.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.header.is_linked_to_previous = False
    doc.sections[0].header.is_linked_to_previous = False
    _docx_header(section.header.paragraphs[0], f"{PUBLISHER}\t{_date(spec)}\t")
    toc_style = doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    if style.docx_print:
        _docx_print_setup(doc, toc_style)
    doc.add_paragraph("Innehåll", style="TOC Heading")
    for n, (label, text) in enumerate(_toc(body)):
        doc.add_paragraph(f"{label}\t{text}\t{3 + 2 * n}", style=toc_style)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    bullet_num = _docx_bullet_num_id(doc)
    heading_num = _docx_heading_numbering(doc) if style.docx_numbered_headings else None
    for el in body:
        if isinstance(el, Heading) and heading_num and el.label:
            paragraph = doc.add_paragraph(el.text, style=f"Heading {el.level}")
            _docx_num_pr(paragraph, heading_num, 0 if el.level == 1 else 1)
        elif isinstance(el, Heading):
            text = f"{el.label}\t{el.text}" if el.label else el.text
            doc.add_paragraph(text, style=f"Heading {el.level}")
        elif isinstance(el, Para):
            doc.add_paragraph(el.text)
        elif isinstance(el, Bullets):
            for item in el.items:
                _docx_item(doc.add_paragraph(), item, style, bullet_num)
        elif isinstance(el, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(el, Rubriker):
            table = doc.add_table(rows=2, cols=2, style="Table Grid")
            table.cell(0, 0).text, table.cell(0, 1).text = "Rubriker", "Poäng"
            cell = table.cell(1, 0)
            _docx_item(cell.paragraphs[0], el.headings[0], style, bullet_num)
            for h in el.headings[1:]:
                _docx_item(cell.add_paragraph(), h, style, bullet_num)
            table.cell(1, 1).text = str(el.score)
            if style.docx_print:
                _docx_table_layout(table, style.rubriker_widths, style.table_rules, style.cell_valign)
            doc.add_paragraph()
        elif isinstance(el, ScoreTable):
            table = doc.add_table(rows=len(el.rows) + 2, cols=5, style="Table Grid")
            for cell, text in zip(table.rows[0].cells, (f"{el.area_no}.", el.name, "Uppnått", "Max", "Procent")):
                cell.text = text
            for row, (qno, text, ach, mx, pct) in zip(table.rows[1:], el.rows):
                for cell, value in zip(row.cells, (qno, text, str(ach), str(mx), f"{pct}%")):
                    cell.text = value
            last = table.rows[-1].cells
            merged = last[0].merge(last[1])  # the total row's first two cells are one
            merged.text = ""
            last[2].text, last[3].text, last[4].text = str(el.total), "100", f"{el.total}%"
            if style.docx_print:
                _docx_table_layout(table, style.ch4_widths, style.table_rules, style.cell_valign)
            doc.add_paragraph()
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _docx_print_setup(doc: WordDocument, toc_style: ParagraphStyle) -> None:
    """A4 pages, and table-of-contents lines with the page number at a right tab after dot leaders."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
    tabs = toc_style.paragraph_format.tab_stops
    tabs.add_tab_stop(Mm(22))
    tabs.add_tab_stop(Mm(158), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _docx_table_layout(table: Table, widths: tuple[float, ...], rules: str, valign: str = "top") -> None:
    """Column widths (points), the borders of the table style (grid, horizontal, booktabs, shaded, none)
    and the cells' vertical alignment (Word's "centre vertically": w:vAlign)."""
    from docx.oxml import parse_xml
    from docx.shared import Pt

    table.autofit = False
    for column, width in zip(table.columns, widths):  # LibreOffice lays out by the grid's widths
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Pt(width)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    line = '<w:{} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    edges = {
        "grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
        "horizontal": ("top", "bottom", "insideH"),
    }.get(rules, ())
    borders = "".join(
        line.format(e) if e in edges else f'<w:{e} w:val="nil"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(parse_xml(f"<w:tblBorders {ns}/>").tag):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f"<w:tblBorders {ns}>{borders}</w:tblBorders>"))
    rows = table.rows
    seen: list[BaseOxmlElement] = []
    for r, row in enumerate(rows):
        for cell in row.cells:
            # a merged cell appears once per column it spans (compared as elements: the ids of lxml's
            # short-lived proxies are reused)
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            tc_pr = cell._tc.get_or_add_tcPr()
            if rules == "booktabs" and r in (0, len(rows) - 1):
                sides = "".join(line.format(e) for e in ("top", "bottom"))
                tc_pr.append(parse_xml(f"<w:tcBorders {ns}>{sides}</w:tcBorders>"))
            if rules == "shaded" and r % 2 == 1:
                tc_pr.append(parse_xml(f'<w:shd {ns} w:val="clear" w:color="auto" w:fill="E6E6E6"/>'))
            if valign == "middle":
                tc_pr.append(parse_xml(f'<w:vAlign {ns} w:val="center"/>'))


def _docx_fixed_metadata(doc: WordDocument) -> None:
    """Fixed core properties, so the same spec and seed give the same bytes."""
    import datetime as dt

    props = doc.core_properties
    props.author = props.last_modified_by = "SKL"
    props.created = props.modified = dt.datetime(2017, 5, 10, 12, 0, 0)
    props.revision = 1


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 2017-05-10, so the bytes do not depend on the clock."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2017, 5, 10, 0, 0, 0)), src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _docx_header(paragraph: Paragraph, text: str) -> None:
    """Header text plus the PAGE (NUMPAGES) fields Word keeps there: "... 2017-05-10\t6 (25)"."""
    paragraph.add_run(text)
    _docx_field(paragraph, "PAGE", "1")
    paragraph.add_run(" (")
    _docx_field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")")


def _docx_field(paragraph: Paragraph, instr: str, shown: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attrs: str) -> BaseOxmlElement:
        run = paragraph.add_run()
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        run._r.append(el)
        return el

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText").text = f" {instr} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(shown)
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _docx_bullet_num_id(doc: WordDocument) -> str:
    """The numbering id the template's List Bullet style points at."""
    from docx.oxml.ns import qn

    num = doc.styles["List Bullet"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num.get(qn("w:val"))


def _docx_item(paragraph: Paragraph, text: str, style: Style, num_id: str) -> None:
    """A bullet: the List Bullet style, or (as many real documents do) direct numbering on a plain paragraph."""
    if style.docx_print and style.bullet != "symbol":
        # The glyph typed into the text, with a tab and a hanging indent (no list numbering at all).
        from docx.shared import Pt

        paragraph.add_run(f"{style.bullet}\t{text}")
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Pt(36), Pt(-18)
        fmt.tab_stops.add_tab_stop(Pt(36))
        return
    paragraph.add_run(text)
    if not style.docx_list_by_numpr:
        paragraph.style = "List Bullet"
        return
    paragraph.style = "List Paragraph"
    _docx_num_pr(paragraph, num_id, 0)


def _docx_num_pr(paragraph: Paragraph, num_id: str, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        num_pr.append(el)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _docx_heading_numbering(doc: WordDocument) -> str:
    """A numbering definition for headings: chapters "%1", areas "Område %2" (Word draws them)."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    root = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Område %2"/></w:lvl>'
        "</w:abstractNum>"
    )
    existing = root.findall(abstract.tag)
    if existing:
        existing[-1].addnext(abstract)
    else:
        root.insert(0, abstract)
    root.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


# -- PDF ----------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 70.0, 525.0, 72.0, 60.0  # TOP and BOTTOM: distances from the edges
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "DejaVuSans": "DejaVuSans-Bold"}


@dataclass
class Placement:
    """Where the PDF renderer put things: page of each bullet's start and each question row."""

    bullets: dict[str, int] = field(default_factory=dict)  # "area_no/kind/index" -> page
    questions: dict[str, int] = field(default_factory=dict)  # "1.3" -> page
    split_items: int = 0  # bullets whose lines run onto the next page
    split_tables: int = 0  # score tables that run onto the next page
    hyphenated: dict[str, int] = field(default_factory=dict)  # line ends split by a hyphen, by what was wrapped
    split_rows: int = 0  # sub-question rows whose lines run onto the next page
    pages: int = 0


def to_pdf(spec: dict, seed: int = 0, style: Style | None = None) -> bytes:
    """The spec as a published PDF: running header, glyph bullets, ruled tables, page breaks inside them."""
    return render_pdf(spec, seed, style)[0]


def render_pdf(spec: dict, seed: int = 0, style: Style | None = None) -> tuple[bytes, Placement]:
    """The PDF and the record of where its bullets and questions landed."""
    style = _usable(style or Style())
    count = _PdfLayout(spec, seed, style, page_count=0).run()[1].pages
    return _PdfLayout(spec, seed, style, page_count=count).run()


def _usable(style: Style) -> Style:
    """Register the TrueType font if the style asks for it; fall back to Helvetica where it is missing."""
    from dataclasses import replace

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    needs_ttf = style.font == "DejaVuSans" or style.bullet in ("▪",)
    if needs_ttf and DEJAVU.exists() and DEJAVU_BOLD.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(DEJAVU_BOLD)))
        return style
    if needs_ttf:
        return replace(
            style,
            font="Helvetica" if style.font == "DejaVuSans" else style.font,
            bullet="symbol" if style.bullet == "▪" else style.bullet,
        )
    return style


class _PdfLayout:
    """A small flowing layout on a reportlab canvas: text wraps, lists and tables break across pages."""

    def __init__(self, spec: dict, seed: int, style: Style, page_count: int):
        from reportlab.pdfgen import canvas

        self.spec, self.seed, self.style, self.count = spec, seed, style, page_count
        self.rng = random.Random(seed + 1000)
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
        self.page = 1
        self.y = PAGE_H - TOP  # baseline of the next line, from the bottom
        self.placed = Placement()
        self.size = style.size
        self.leading = style.size * 1.25
        self.bold = BOLD[style.font]
        self.wrapping = "text"  # what wrap() is wrapping: text, bullet, question (a chapter 4 question cell), cell

    # -- primitives --------------------------------------------------------------

    def run(self) -> tuple[bytes, Placement]:
        title, body = plan(self.spec, self.seed)
        self.title_page(title)
        self.new_page()
        self.toc(_toc(body))
        for el in body:
            self.element(el)
        self.c.showPage()
        self.c.save()
        self.placed.pages = self.page
        return self.buf.getvalue(), self.placed

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        self.c.setFont(self.style.font, 9)
        top = PAGE_H - 40
        self.c.drawString(LEFT, top, PUBLISHER)
        self.c.drawString(LEFT + 230, top, _date(self.spec))
        self.c.drawRightString(RIGHT, top, f"{self.page} ({self.count or self.page})")

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def line(self, text: str, x: float, font: str | None = None, size: float | None = None) -> None:
        self.c.setFont(font or self.style.font, size or self.size)
        self.c.drawString(x, self.y, unicodedata.normalize(self.style.text_form, text))

    def wrap(self, text: str, width: float, font: str | None = None, size: float | None = None) -> list[str]:
        """Greedy word wrap; a word wider than the line is broken between letters, as Word does."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        font, size = font or self.style.font, size or self.size
        lines, current = [], ""
        for word in text.split():
            while stringWidth(word, font, size) > width:
                cut = max(
                    1, max(i for i in range(1, len(word) + 1) if stringWidth(word[:i], font, size) <= width or i == 1)
                )
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{current} {word}".strip()
            if stringWidth(candidate, font, size) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
        if self.style.hyphenate:
            self.hyphenate(lines, width, font, size)
        return lines

    def hyphenate(self, lines: list[str], width: float, font: str, size: float) -> None:
        """Move the longest part of the next line's first word that fits (3 letters each side) up, hyphenated."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for i in range(len(lines) - 1):
            word, _, rest = lines[i + 1].partition(" ")
            if len(word) < 6 or not word.isalpha():
                continue
            for k in range(len(word) - 3, 2, -1):
                if stringWidth(f"{lines[i]} {word[:k]}-", font, size) <= width:
                    lines[i] = f"{lines[i]} {word[:k]}-"
                    lines[i + 1] = f"{word[k:]} {rest}".strip()
                    self.placed.hyphenated[self.wrapping] = self.placed.hyphenated.get(self.wrapping, 0) + 1
                    break

    # -- elements ------------------------------------------------------------------

    def title_page(self, lines: list[str]) -> None:
        self.y = PAGE_H - 250
        for i, text in enumerate(lines):
            size = 26 if i == 0 else 16 if i < 3 else 11
            for part in self.wrap(text, RIGHT - LEFT, self.bold if i < 3 else None, size):
                self.line(part, LEFT, self.bold if i < 3 else None, size)
                self.y -= size * 1.5

    def toc(self, entries: list[tuple[str, str]]) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.line("Innehåll", LEFT, self.bold, 14)
        self.y -= 28
        for n, (label, text) in enumerate(entries):
            entry = f"{label} {text}"[:70]
            dots = "." * int(
                (RIGHT - LEFT - 20 - stringWidth(entry, self.style.font, self.size))
                / stringWidth(".", self.style.font, self.size)
            )
            self.line(f"{entry}{dots}", LEFT)
            self.c.drawRightString(RIGHT, self.y, str(3 + 2 * n))
            self.y -= self.leading
        self.new_page()

    def element(self, el: Element) -> None:
        if isinstance(el, Heading):
            self.heading(el)
        elif isinstance(el, Para):
            self.paragraph(el.text)
        elif isinstance(el, Bullets):
            self.bullets(el)
        elif isinstance(el, PageBreak):
            self.new_page()
        elif isinstance(el, Chart):
            self.chart(el)
        elif isinstance(el, Rubriker):
            self.rubriker(el)
        elif isinstance(el, ScoreTable):
            self.score_table(el)

    def heading(self, h: Heading) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = {1: 16, 2: 14, 3: 11}[h.level]
        self.y -= 8
        self.room(size * 3)
        x = LEFT
        if h.label:
            self.line(h.label, x, self.bold, size)
            gap = 1.0 if self.style.touching_number else 14.0
            x += stringWidth(h.label, self.bold, size) + gap
        for part in self.wrap(h.text, RIGHT - x, self.bold, size):
            self.line(part, x, self.bold, size)
            self.y -= size * 1.3
        self.y -= 4

    def paragraph(self, text: str) -> None:
        for part in self.wrap(text, RIGHT - LEFT):
            self.room(self.leading)
            self.line(part, LEFT)
            self.y -= self.leading
        self.y -= 8

    def glyph(self, x: float) -> None:
        """The bullet glyph: Word writes • in the Symbol font; others use ▪, • or – in the text font."""
        if self.style.bullet == "symbol":
            self.line("\u2022", x, "Symbol", self.size)
        elif self.style.bullet == "▪":
            self.line("▪", x, "DejaVuSans", self.size)
        else:
            self.line(self.style.bullet, x)

    def item_lines(self, text: str, x: float, width: float) -> list[str]:
        return self.wrap(text, width - (x - LEFT))

    def bullets(self, el: Bullets) -> None:
        glyph_x, text_x = LEFT + 18, LEFT + 36
        for i, item in enumerate(el.items):
            self.wrapping = "bullet"
            lines = self.wrap(item, RIGHT - text_x)
            self.wrapping = "text"
            self.room(self.leading)
            if el.key:
                self.placed.bullets[f"{el.key[0]}/{el.key[1]}/{i}"] = self.page
            self.glyph(glyph_x)
            # Now and then a page break falls inside a wrapped bullet.
            split = len(lines) > 1 and self.rng.random() < 0.35
            for n, part in enumerate(lines):
                if split and n == 1:
                    self.new_page()
                    self.placed.split_items += el.key is not None
                self.room(self.leading)
                self.line(part, text_x)
                self.y -= self.leading
            self.y -= 3
        self.y -= 6

    def chart(self, el: Chart) -> None:
        """A bar chart as Word exports it: the title label, axis ticks and bar labels as text, bars as shapes."""
        height, base = 160.0, None
        self.room(height + 60)
        self.line(el.label, LEFT + 150, self.bold, 10)
        self.y -= 20
        base = self.y - height
        for tick in range(0, 101, 20):
            self.c.setFont(self.style.font, 8)
            self.c.drawRightString(LEFT + 25, base + tick * height / 100 - 3, str(tick))
        for i, score in enumerate(el.scores):
            x = LEFT + 40 + i * 50
            self.c.setFillGray(0.6)
            self.c.rect(x, base, 30, score * height / 100, stroke=0, fill=1)
            self.c.setFillGray(0)
            self.c.setFont(self.style.font, 8)
            self.c.drawCentredString(x + 15, base + 4, str(score))
        self.y = base - 30

    def table_rows(
        self,
        widths: tuple[float, ...],
        rows: Sequence[Sequence[Cell]],
        on_row: Callable[[int | None], None] | None = None,
        header: int = 1,
        size: float | None = None,
    ) -> None:
        """Rows of cells (text, or a list of bullet texts), ruled in the style's way; a row that does
        not fit starts a new page, or with split_rows breaks across it."""
        size = size or self.size - 1
        lead = size * 1.25
        pad, vpad = 4.0, self.style.cell_pad
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        for r, row in enumerate(rows):
            cells: list[list[tuple[str, str]]] = []
            merged_first = row[0] is None  # the total row: the first two cells are one
            for c, value in enumerate(row):
                if value is None:
                    cells.append([])
                    continue
                width = widths[c] + (widths[1] if merged_first and c == 1 else 0) - 2 * pad
                font = self.bold if r < header else self.style.font
                if isinstance(value, list):
                    lines = []
                    for item in value:
                        wrapped = self.wrap(item, width - 14, font, size)
                        lines += [("•" if k == 0 else "", w) for k, w in enumerate(wrapped)]
                    cells.append(lines)
                else:
                    self.wrapping = "question" if on_row and r >= header and c == 1 else "cell"
                    cells.append([("", w) for w in self.wrap(str(value), width, font, size)] or [("", "")])
                    self.wrapping = "text"
            n = max(len(c) for c in cells)
            fit = int((self.y - BOTTOM - 2 * vpad) / lead)
            if n * lead + 2 * vpad > self.y - BOTTOM:
                if self.style.split_rows and r >= header and 1 <= fit < n:
                    if on_row:
                        on_row(r)
                    self.row_part(xs, r, row, cells, 0, fit, header, size, len(rows))
                    self.new_page()
                    self.placed.split_rows += 1
                    if on_row:
                        on_row(None)
                    self.row_part(xs, r, row, cells, fit, n, header, size, len(rows))
                    continue
                self.new_page()
                if on_row:
                    on_row(None)
            if on_row:
                on_row(r)
            self.row_part(xs, r, row, cells, 0, n, header, size, len(rows))
        self.y -= 12

    def row_part(
        self,
        xs: list[float],
        r: int,
        row: Sequence[Cell],
        cells: list[list[tuple[str, str]]],
        first: int,
        end: int,
        header: int,
        size: float,
        count: int,
    ) -> None:
        """Lines first..end of a row's cells, with the style's rules, fills or boxes around them."""
        lead, pad, vpad = size * 1.25, 4.0, self.style.cell_pad
        height = (end - first) * lead + 2 * vpad
        top = self.y
        self._rules(xs, top, height, r, count, row[0] is None)
        for c, lines in enumerate(cells):
            x = xs[c] + pad
            part = lines[first:end]
            # centred vertically: the cell's lines start half the room they leave lower
            shift = (end - first - len(part)) * lead / 2 if self.style.cell_valign == "middle" else 0.0
            for n, (mark, text) in enumerate(part):
                self.y = top - vpad - size - n * lead - shift
                font = self.bold if r < header else self.style.font
                if mark:
                    self.c.setFont(self.style.font, size)
                    self.glyph(x)
                self.line(text, x + (14 if isinstance(row[c], list) else 0), font, size)
        self.y = top - height

    def _rules(self, xs: list[float], top: float, height: float, r: int, count: int, merged_first: bool) -> None:
        """A row's rules in the table style: full grid, lines between rows, booktabs, shaded rows, css or none."""
        rules, c = self.style.table_rules, self.c
        c.setLineWidth(0.5)
        if rules in ("grid", "horizontal"):
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], top - height, xs[-1], top - height)
        if rules == "grid":
            for k, x in enumerate(xs):
                if not (merged_first and k == 1):
                    c.line(x, top, x, top - height)
        if rules == "booktabs":
            if r == 0:
                c.line(xs[0], top, xs[-1], top)
            if r == 0 or r == count - 1:
                c.line(xs[0], top - height, xs[-1], top - height)
            if r == count - 1 and count > 2:
                c.line(xs[0], top, xs[-1], top)
        if rules == "shaded" and r % 2 == 1:
            c.setFillGray(0.9)
            c.rect(xs[0], top - height, xs[-1] - xs[0], height, stroke=0, fill=1)
            c.setFillGray(0)
        if rules == "css":
            gap = 2.25  # border-spacing: each cell's box stands apart from its neighbours'
            c.setLineWidth(0.75)
            for k in range(len(xs) - 1):
                if merged_first and k == 1:
                    continue
                right = xs[k + 2] if merged_first and k == 0 else xs[k + 1]
                c.rect(xs[k] + gap / 2, top - height + gap / 2, right - xs[k] - gap, height - gap, stroke=1, fill=0)

    def rubriker(self, el: Rubriker) -> None:
        self.table_rows(self.style.rubriker_widths, [["Rubriker", "Poäng"], [el.headings, str(el.score)]])

    def score_table(self, el: ScoreTable) -> None:
        rows: list[list[Cell]] = [[f"{el.area_no}.", el.name, "Uppnått", "Max", "Procent"]]
        rows += [[q, t, str(a), str(m), f"{p}%"] for q, t, a, m, p in el.rows]
        rows += [[None, "", str(el.total), "100", f"{el.total}%"]]
        pages = set()

        def on_row(r: int | None) -> None:
            pages.add(self.page)
            if r is not None and 1 <= r <= len(el.rows):
                self.placed.questions[el.rows[r - 1][0]] = self.page

        # Now and then the table starts low on the page, so that it breaks across pages.
        if self.rng.random() < 0.3:
            self.y = min(self.y, BOTTOM + 120)
        self.table_rows(self.style.ch4_widths, rows, on_row)
        self.placed.split_tables += len(pages) > 1
