"""Reader for a Word document (.docx): paragraphs, lists and tables in document order.

The body is walked as Word stores it: paragraphs and tables interleaved, content
controls (w:sdt) and text boxes opened. Headings come from heading styles, list
items from list styles or numbering properties (w:numPr), table rows from real
cells. The header (where the report date lives) becomes page_header blocks.
A .docx has no reliable pages (they exist only when Word lays it out), so
blocks carry no page number. Table-of-contents paragraphs (styles "toc 1"...)
are left out: they repeat the headings.

XML is parsed by python-docx's lxml parser, made with resolve_entities=False,
so entity declarations in a hostile file are not expanded.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import regex as re

from . import textnorm
from .blocks import Block, Document, table_row
from .docx_numbering import Numbering, num_properties, style_of
from .errors import CorruptFile, TooLarge

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.parts.story import StoryPart
    from docx.styles.style import ParagraphStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together: more is a zip bomb, not a report
LIST_GLYPH = "·"  # prefix of a list paragraph inside a table cell, as the Word export writes it
HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
TOC_STYLE = re.compile(r"^toc\s*\d", re.I)
LIST_STYLE = re.compile(r"^(?:list\s+(?:bullet|number)|punktlista|numrerad\s+lista)", re.I)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
HEADER_TYPES = ("/header", "/footer")
# A bullet typed into the text (a Symbol glyph, then a tab) rather than drawn by a list style.
TYPED_BULLET = re.compile(r"^([•▪·‣◦●■–])\s+(\S.*)$")
SYMBOL_FONTS = re.compile(r"symbol|wingdings|webdings", re.I)


def read(path: Path, data: bytes) -> Document:
    """Read a .docx's bytes into a block stream."""
    check_archive(path, data)
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        counts: Counter = Counter()
        blocks = [Block("page_header", text) for text in header_texts(document, counts)]
        numbering = Numbering(document)
        for item in body_items(document.element.body, document.part):
            blocks += item_blocks(item, numbering, counts)
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


def header_texts(document: WordDocument, counts: Counter) -> list[str]:
    """The distinct texts of the headers and footers, without field results.

    A header's page fields keep the value Word last showed ("1 (1)" in a file
    never laid out), so field results are left out: `Sveriges Kommuner och Landsting 2017-05-10 ( )`.
    """
    texts = []
    for rel in sorted(document.part.rels.values(), key=lambda r: r.rId):
        if rel.is_external or not rel.reltype.endswith(HEADER_TYPES):
            continue
        for p in rel.target_part.element.iter(f"{W}p"):
            text = " ".join(textnorm.clean(_text_without_fields(p), counts).split())
            if text and text not in texts:
                texts.append(text)
    return texts


def _text_without_fields(p: BaseOxmlElement) -> str:
    parts, in_result = [], False
    for el in p.iter(f"{W}fldChar", f"{W}t", f"{W}tab"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            in_result = kind == "separate" or (in_result and kind != "end")
        elif not in_result and not _inside(el, f"{W}fldSimple"):
            parts.append((el.text or "") if el.tag == f"{W}t" else " ")
    return "".join(parts)


def _inside(el: BaseOxmlElement, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


# -- body ----------------------------------------------------------------------------


def body_items(container: BaseOxmlElement, part: StoryPart) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, inside content controls and text boxes too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{W}p":
            for box in child.iter(f"{W}txbxContent"):
                if not _inside(box, MC_FALLBACK):  # the fallback repeats the same box for old readers
                    yield from body_items(box, part)
            yield Paragraph(child, part)
        elif child.tag == f"{W}tbl":
            yield Table(child, part)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_items(content, part)


def item_blocks(item: Paragraph | Table, numbering: Numbering, counts: Counter) -> list[Block]:
    from docx.table import Table

    if isinstance(item, Table):
        return table_blocks(item, numbering, counts)
    text = paragraph_text(item, counts)
    name = _style_name(item)
    if not text or TOC_STYLE.match(name):
        return []
    label = numbering.label(item)
    label = textnorm.clean(label, counts) if label else label
    heading = HEADING_STYLE.match(name)
    if heading or name.lower() == "title":
        text = f"{label} {text}" if label else text
        return [Block("heading", text, level=int(heading.group(1)) if heading else 0)]
    if is_list(item):
        return [Block("list_item", text, marker="•")]
    typed = TYPED_BULLET.match(text)
    if typed:
        return [Block("list_item", typed.group(2), marker=typed.group(1))]
    return [Block("paragraph", text)]


def table_blocks(table: Table, numbering: Numbering, counts: Counter) -> list[Block]:
    """One table_row per row; a merged cell once (python-docx repeats it per grid position)."""
    seen = set()
    blocks = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(cell_lines(cell, numbering, counts))
        if any(any(c) for c in cells):
            blocks.append(table_row([c or [""] for c in cells]))
    return blocks


def cell_lines(cell: _Cell, numbering: Numbering, counts: Counter) -> list[str]:
    """Each paragraph of a cell a line; list paragraphs prefixed with a glyph so they read as list lines."""
    from docx.table import Table

    lines = []
    for item in body_items(cell._tc, cell.part):
        if isinstance(item, Table):  # a table inside a cell: its cells' lines, in order
            lines += [line for row in table_blocks(item, numbering, counts) for c in row.cells for line in c if line]
            continue
        text = paragraph_text(item, counts)
        if text and not TOC_STYLE.match(_style_name(item)):
            numbering.label(item)
            lines.append(f"{LIST_GLYPH} {text}" if is_list(item) else text)
    return lines


def paragraph_text(p: Paragraph, counts: Counter | None = None) -> str:
    """The paragraph's text on one line, normalized (textnorm): tabs and line breaks become spaces.

    Read from the XML directly (python-docx's `paragraph.text` runs an XPath per
    paragraph); text boxes are left out, body_items yields them as paragraphs of their own.
    """
    parts: list[str] = []
    _text_of(p._p, parts)
    return " ".join(textnorm.clean("".join(parts), counts).split())


SPACES = {f"{W}tab", f"{W}br", f"{W}cr", f"{W}ptab"}
NO_TEXT = {f"{W}txbxContent", f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText"}


def _text_of(element: BaseOxmlElement, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in SPACES:
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}sym":
            parts.append(_symbol(child))
        elif tag not in NO_TEXT and isinstance(tag, str):
            _text_of(child, parts)


def _symbol(sym: BaseOxmlElement) -> str:
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


def _style_name(p: Paragraph) -> str:
    style = _style(p)
    return style.name or "" if style is not None else ""


def is_list(p: Paragraph) -> bool:
    """A list item: numbering on the paragraph or its style chain, or a list style by name."""
    if num_properties(p) is not None:
        return True
    cache = p.part.__dict__.setdefault("_kompass_list_styles", {})
    style_id = p._p.style
    if style_id not in cache:
        style, found = _style(p), False
        while style is not None and not found:
            found = bool(LIST_STYLE.match(style.name or ""))
            style = style.base_style
        cache[style_id] = found
    return cache[style_id]


def _style(p: Paragraph) -> ParagraphStyle | None:
    return style_of(p)
