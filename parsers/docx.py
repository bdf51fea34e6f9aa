"""Reader for a Word document (.docx): paragraphs, lists and tables in document order.

The body is walked as Word stores it: paragraphs and tables interleaved, content
controls (w:sdt) and text boxes opened. Headings come from heading styles, list
items from list styles or numbering properties (w:numPr), table rows from real
cells. The header (where the report date lives) becomes page_header blocks.
A .docx has no reliable pages (they exist only when Word lays it out), so
blocks carry no page number. Table-of-contents paragraphs (styles "toc 1"...)
are left out: they repeat the headings.

The package is opened and parsed directly with lxml (docx_package), in one walk over
the body's elements: python-docx's proxy objects cost ten times the parse. XML is
parsed as python-docx parses it, with resolve_entities=False, so entity declarations
in a hostile file are not expanded.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex as re
from lxml.etree import XMLSyntaxError, _Element

from . import textnorm
from .blocks import Block, Document, table_row
from .docx_numbering import Numbering, num_properties
from .docx_package import open_package, parse
from .docx_styles import Styles, styles_of
from .errors import CorruptFile, TooLarge

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together: more is a zip bomb, not a report
LIST_GLYPH = "·"  # prefix of a list paragraph inside a table cell, as the Word export writes it
HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
TOC_STYLE = re.compile(r"^toc\s*\d", re.I)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, TBL, SDT, SDT_CONTENT, TXBX = f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sdtContent", f"{W}txbxContent"
TR, TC, TC_PR, TR_PR = f"{W}tr", f"{W}tc", f"{W}tcPr", f"{W}trPr"
V_MERGE, GRID_SPAN = f"{W}vMerge", f"{W}gridSpan"
PPR, PSTYLE, VAL = f"{W}pPr", f"{W}pStyle", f"{W}val"
# A bullet typed into the text (a Symbol glyph, then a tab) rather than drawn by a list style.
TYPED_BULLET = re.compile(r"^([•▪·‣◦●■–])\s+(\S.*)$")
SYMBOL_FONTS = re.compile(r"symbol|wingdings|webdings", re.I)


@dataclass
class Context:
    """What reading a body needs besides the element: the styles, the numbering counts, the normalization counts."""

    styles: Styles
    numbering: Numbering
    counts: Counter
    boxed: set[_Element]


def read(path: Path, data: bytes) -> Document:
    """Read a .docx's bytes into a block stream."""
    check_archive(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            package = open_package(archive)
        body = package.document.find(f"{W}body")
        if body is None:
            raise ValueError("the main document has no body")
        counts: Counter = Counter()
        blocks = [Block("page_header", text) for text in header_texts(package.headers, counts)]
        numbering = Numbering(parse(package.numbering) if package.numbering is not None else None)
        context = Context(styles_of(package.styles), numbering, counts, text_box_holders(body))
        for item in body_items(body, context.boxed):
            blocks += item_blocks(item, context)
    except (KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
        # A damaged member: "Error -3 while decompressing data", a bad CRC, broken XML,
        # or a flipped header field ("NotImplementedError: zip file version 24.0").
        raise CorruptFile(path, f"the Word document cannot be read, it may be damaged ({type(e).__name__}: {e})") from e
    return Document("docx", blocks, warnings=textnorm.notes(counts))


def check_archive(path: Path, data: bytes) -> None:
    """A .docx is a zip with word/document.xml, small enough once unpacked (sizes from the zip directory).

    zipfile stops reading a member at its declared size, so the directory's sizes bound what is unpacked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as e:
        raise CorruptFile(path, f"not a valid .docx: the zip archive is damaged or truncated ({e})") from e
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise TooLarge(
            path,
            f"the .docx would unpack to {total // 2**20} MB (limit {MAX_UNCOMPRESSED // 2**20} MB): "
            "refused as a possible zip bomb",
        )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise CorruptFile(path, "not a Word document: the zip archive has no word/document.xml")


# -- header and footer ---------------------------------------------------------------


def header_texts(headers: list[_Element], counts: Counter) -> list[str]:
    """The distinct texts of the headers and footers, without field results.

    A header's page fields keep the value Word last showed ("1 (1)" in a file
    never laid out), so field results are left out: `Sveriges Kommuner och Landsting 2017-05-10 ( )`.
    """
    texts = []
    for header in headers:
        for p in header.iter(P):
            text = " ".join(textnorm.clean(_text_without_fields(p), counts).split())
            if text and text not in texts:
                texts.append(text)
    return texts


def _text_without_fields(p: _Element) -> str:
    parts, in_result = [], False
    for el in p.iter(f"{W}fldChar", f"{W}t", f"{W}tab"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            in_result = kind == "separate" or (in_result and kind != "end")
        elif not in_result and not _inside(el, f"{W}fldSimple"):
            parts.append((el.text or "") if el.tag == f"{W}t" else " ")
    return "".join(parts)


def _inside(el: _Element, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


# -- body ----------------------------------------------------------------------------


def body_items(container: _Element, boxed: set[_Element]) -> Iterator[_Element]:
    """Paragraphs and tables (w:p, w:tbl) in document order, inside content controls and text boxes too.

    `boxed` holds the paragraphs with a text box inside (text_box_holders), the only ones looked into.
    """
    for child in container.iterchildren():
        tag = child.tag
        if tag == P:
            if child in boxed:
                for box in child.iter(TXBX):
                    if not _inside(box, MC_FALLBACK):  # the fallback repeats the same box for old readers
                        yield from body_items(box, boxed)
            yield child
        elif tag == TBL:
            yield child
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from body_items(content, boxed)


def text_box_holders(root: _Element) -> set[_Element]:
    """The paragraphs that hold a text box (w:txbxContent) somewhere inside, found in one pass over the part."""
    return {p for box in root.iter(TXBX) for p in box.iterancestors(P)}


def item_blocks(item: _Element, context: Context) -> list[Block]:
    if item.tag == TBL:
        return table_blocks(item, context)
    text, style_id, num_id, ilvl = read_paragraph(item, context.counts)
    name = context.styles.name(style_id)
    if not text or TOC_STYLE.match(name):
        return []
    numbered = num_properties(num_id, ilvl, style_id, context.styles)
    label = context.numbering.label(numbered)
    label = textnorm.clean(label, context.counts) if label else label
    heading = HEADING_STYLE.match(name)
    if heading or name.lower() == "title":
        text = f"{label} {text}" if label else text
        return [Block("heading", text, level=int(heading.group(1)) if heading else 0)]
    if numbered is not None or context.styles.is_list(style_id):
        return [Block("list_item", text, marker="•")]
    typed = TYPED_BULLET.match(text)
    if typed:
        return [Block("list_item", typed.group(2), marker=typed.group(1))]
    return [Block("paragraph", text)]


def table_blocks(table: _Element, context: Context) -> list[Block]:
    """One table_row per row; a merged cell once (in the first row it spans, and once across its columns)."""
    seen: set[_Element] = set()
    blocks = []
    for row in table.iterchildren(TR):
        cells = []
        for tc in row_cells(row):
            if tc in seen:
                continue
            seen.add(tc)
            cells.append(cell_lines(tc, context))
        if any(any(c) for c in cells):
            blocks.append(table_row([c or [""] for c in cells]))
    return blocks


def row_cells(row: _Element) -> list[_Element]:
    """A row's cells (w:tc), a vertically merged one as the cell it continues; a cell spanning no column left out."""
    cells = []
    for tc in row.iterchildren(TC):
        merge, span = _cell_props(tc)
        merged = _merged_into(tc, row) if merge == "continue" else None
        if merged is not None:
            tc, span = merged, _cell_props(merged)[1]
        if span > 0:
            cells.append(tc)
    return cells


def _merged_into(tc: _Element, row: _Element) -> _Element | None:
    """The cell a `<w:vMerge/>` cell continues: the one at its grid offset in the row above, itself followed up.

    None when there is none (a continuation in the first row, or no cell at that offset): the cell stands alone.
    """
    above = row.getprevious()
    while above is not None and above.tag != TR:
        above = above.getprevious()
    if above is None:
        return None
    target = _grid_before(row) + sum(_cell_props(t)[1] for t in tc.itersiblings(TC, preceding=True))
    offset = _grid_before(above)
    for candidate in above.iterchildren(TC):
        if offset > target:
            break
        merge, span = _cell_props(candidate)
        if offset == target:
            root = _merged_into(candidate, above) if merge == "continue" else None
            return candidate if root is None else root
        offset += span
    return None


def _cell_props(tc: _Element) -> tuple[str | None, int]:
    """A cell's vertical merge ("restart", "continue" also when w:vMerge has no value, None) and its column span."""
    merge, span = None, None
    props = tc[0] if len(tc) and tc[0].tag == TC_PR else tc.find(TC_PR)
    if props is not None:
        for prop in props:
            if prop.tag == V_MERGE and merge is None:
                merge = prop.get(VAL, "continue")
            elif prop.tag == GRID_SPAN and span is None:
                value = prop.get(VAL)
                span = int(value) if value is not None else 1
    return merge, 1 if span is None else span


def _grid_before(row: _Element) -> int:
    props = row.find(TR_PR)
    before = props.find(f"{W}gridBefore") if props is not None else None
    value = before.get(VAL) if before is not None else None
    return int(value) if value is not None else 0


def cell_lines(cell: _Element, context: Context) -> list[str]:
    """Each paragraph of a cell a line; list paragraphs prefixed with a glyph so they read as list lines."""
    lines = []
    for item in body_items(cell, context.boxed):
        if item.tag == TBL:  # a table inside a cell: its cells' lines, in order
            lines += [line for row in table_blocks(item, context) for c in row.cells for line in c if line]
            continue
        text, style_id, num_id, ilvl = read_paragraph(item, context.counts)
        if text and not TOC_STYLE.match(context.styles.name(style_id)):
            numbered = num_properties(num_id, ilvl, style_id, context.styles)
            context.numbering.label(numbered)
            listed = numbered is not None or context.styles.is_list(style_id)
            lines.append(f"{LIST_GLYPH} {text}" if listed else text)
    return lines


def read_paragraph(
    p: _Element, counts: Counter | None = None
) -> tuple[str, str | None, _Element | None, _Element | None]:
    """The paragraph's text on one line, normalized (textnorm: tabs and line breaks become spaces), its pStyle
    id, and its own numId and ilvl elements, in one pass.

    Text boxes are left out: body_items yields them as paragraphs of their own.
    """
    parts: list[str] = []
    style_id = num_id = ilvl = None
    first = True
    for child in p:
        tag = child.tag
        if tag == PPR:  # the first one's pStyle names the style; numPr is looked for in each (w:pPr/w:numPr/w:numId)
            for prop in child:
                if prop.tag == PSTYLE and first:
                    style_id, first = prop.get(VAL), False
                elif prop.tag == NUM_PR:
                    for numbering in prop:
                        if numbering.tag == NUM_ID and num_id is None:
                            num_id = numbering
                        elif numbering.tag == ILVL and ilvl is None:
                            ilvl = numbering
            first = False
        elif tag == RUN:
            _text_of(child, parts)
        else:
            _text_of_element(child, tag, parts)
    return " ".join(textnorm.clean("".join(parts), counts).split()), style_id, num_id, ilvl


SPACES = {f"{W}tab", f"{W}br", f"{W}cr", f"{W}ptab"}
NO_TEXT = {f"{W}txbxContent", f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText"}
T, RUN, SYM, NO_BREAK_HYPHEN = f"{W}t", f"{W}r", f"{W}sym", f"{W}noBreakHyphen"
NUM_PR, NUM_ID, ILVL = f"{W}numPr", f"{W}numId", f"{W}ilvl"


def _text_of(element: _Element, parts: list[str]) -> None:
    for child in element:
        _text_of_element(child, child.tag, parts)


def _text_of_element(child: _Element, tag: object, parts: list[str]) -> None:
    if tag == T:
        parts.append(child.text or "")
    elif tag in SPACES:
        parts.append(" ")
    elif tag == NO_BREAK_HYPHEN:
        parts.append("-")
    elif tag == SYM:
        parts.append(_symbol(child))
    elif tag not in NO_TEXT and isinstance(tag, str):
        _text_of(child, parts)


def _symbol(sym: _Element) -> str:
    """A w:sym's character: w:char in hexadecimal, in the private-use range when the font is Symbol or Wingdings.

    Word writes a typed bullet so: <w:sym w:font="Symbol" w:char="F0B7"/> (or w:char="B7").
    """
    try:
        code = int(sym.get(f"{W}char") or "", 16)
    except ValueError:
        return ""
    if code < 0x100 and SYMBOL_FONTS.search(sym.get(f"{W}font") or ""):
        code += 0xF000
    return chr(code) if 0 < code < 0x110000 else ""
