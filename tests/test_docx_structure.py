"""The Word reader on a hand-written document holding every structure it knows, against blocks written out by hand.

The document is the XML Word writes, made here part by part: fields in the header,
numbered headings, lists by style, by a style's base, by numbering and typed, a
content control, a text box with its fallback copy, merged and nested table cells.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kompass.parsers import docx as docx_reader
from kompass.parsers.blocks import Block, table_row
from kompass.parsers.errors import CorruptFile

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def p(text: str = "", style: str | None = None, num: tuple[str, str] | None = None, runs: str = "") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
    body = f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{body}{runs}</w:p>"


def tc(*paragraphs: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or p()}</w:tc>"


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def style(sid: str, name: str, based_on: str | None = None, num: str | None = None, default: bool = False) -> str:
    extra = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    extra += f'<w:pPr><w:numPr><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    flag = ' w:default="1"' if default else ""
    return f'<w:style w:type="paragraph"{flag} w:styleId="{sid}"><w:name w:val="{name}"/>{extra}</w:style>'


STYLES = (
    f"<w:styles {NS}>"
    + style("Normal", "Normal", default=True)
    + style("Title", "Title")
    + style("Heading1", "heading 1")
    + style("Heading2", "heading 2")
    + style("TOC1", "toc 1")
    + style("ListBullet", "List Bullet")
    + style("Indrag", "Indragen lista", based_on="ListBullet")  # a list by the style it is based on
    + style("Numrerad", "Egen numrering", num="3")  # numbered by the style's own numPr
    + style("Loop1", "Ett", based_on="Loop2")  # a basedOn cycle: no list, and no endless walk
    + style("Loop2", "Två", based_on="Loop1")
    + '<w:style w:type="character" w:styleId="Rubrik1"><w:name w:val="heading 1"/></w:style>'
    + "</w:styles>"
)


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING = (
    f"<w:numbering {NS}>"
    + '<w:abstractNum w:abstractNumId="10">'
    + level(0, "decimal", "%1")
    + level(1, "decimal", "Område %2")
    + "</w:abstractNum>"
    + f'<w:abstractNum w:abstractNumId="20">{level(0, "bullet", "•")}</w:abstractNum>'
    + f'<w:abstractNum w:abstractNumId="30">{level(0, "upperRoman", "%1.", start=4)}</w:abstractNum>'
    + '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>'
    + "</w:numbering>"
)

FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
HEADER = (
    f"<w:hdr {NS}><w:p><w:r><w:t>Sveriges Kommuner och Landsting</w:t></w:r><w:r><w:tab/></w:r>"
    f"<w:r><w:t>2017-05-10</w:t></w:r><w:r><w:tab/><w:t xml:space='preserve'>( </w:t></w:r>{FIELD}"
    '<w:r><w:t>)</w:t></w:r><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>25</w:t></w:r></w:fldSimple></w:p></w:hdr>'
)
FOOTER = f"<w:ftr {NS}>{p('Sida')}{p('Sveriges Kommuner och Landsting 2017-05-10 ( )')}</w:ftr>"

BOX = "<w:txbxContent>{}</w:txbxContent>"
TEXT_BOX = (
    "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx>"
    + BOX.format(p("Rutans text"))
    + "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
    + BOX.format(p("Rutans text"))
    + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)
SYMBOLS = (
    '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>Egen</w:t><w:noBreakHyphen/><w:t>punkt</w:t>'
    "<w:br/><w:t>rad två</w:t><w:delText>struken</w:delText></w:r>"
)
TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    + tr(tc(p("Rubriker")), tc(p("Poäng"), props='<w:gridSpan w:val="2"/>'))
    + tr(
        tc(p("Styrning"), props='<w:vMerge w:val="restart"/>'),
        tc(p("Mål", style="ListBullet"), p("Uppföljning", num=("2", "0"))),
        tc(p("3")),
    )
    + tr(tc(props="<w:vMerge/>"), tc(p("Inre"), p("Numrerad", num=("0", "0"))), tc(p("4")))
    + tr(tc(), tc(), tc())
    + tr(
        tc(p(), props='<w:gridSpan w:val="2"/>'),
        tc(f"<w:tbl>{tr(tc(p('a')), tc(p('b')))}{tr(tc(p()), tc(p('c')))}</w:tbl>", p("efter")),
    )
    + "</w:tbl>"
)
BODY = (
    p("KommunKompassen", style="Title")
    + p("Innehåll")
    + p("1\tVad är Kommunkompassen?\t3", style="TOC1")
    + p("Vad är Kommunkompassen?", style="Heading1", num=("1", "0"))
    + p("Brukarfokus", style="Heading2", num=("1", "1"))
    + p("Offentlighet", style="Heading2", num=("1", "1"))
    + p("Nästa kapitel", style="Heading1", num=("1", "0"))
    + p("Utan nummer", style="Heading2")
    + p("Stil", style="ListBullet")
    + p("Bas", style="Indrag")
    + p("Numrerad punkt", num=("2", "0"))
    + p("Avstängd", num=("0", "0"))
    + p("Romersk", style="Numrerad")
    + p("Cirkel", style="Loop1")
    + p("Okänd stil", style="Finns inte")
    + p("Teckenstil", style="Rubrik1")  # a character style's id: the default paragraph style
    + p(runs=SYMBOLS)
    + p("Före rutan ", runs=TEXT_BOX)
    + "<w:sdt><w:sdtPr/><w:sdtContent>"
    + p("I en innehållskontroll")
    + "</w:sdtContent></w:sdt>"
    + TABLE
    + p()
    + p("Slut")
)
DOCUMENT = (
    f"<w:document {NS}><w:body>{BODY}<w:sectPr>"
    '<w:headerReference w:type="default" r:id="rId10"/><w:footerReference w:type="default" r:id="rId9"/>'
    "</w:sectPr></w:body></w:document>"
)

EXPECTED = [
    # rId10 sorts before rId9 (ids are compared as text); field results left out; the footer's repeat once
    Block("page_header", "Sveriges Kommuner och Landsting 2017-05-10 ( )"),
    Block("page_header", "Sida"),
    Block("heading", "KommunKompassen", level=0),
    Block("paragraph", "Innehåll"),
    Block("heading", "1 Vad är Kommunkompassen?", level=1),
    Block("heading", "Område 1 Brukarfokus", level=2),
    Block("heading", "Område 2 Offentlighet", level=2),
    Block("heading", "2 Nästa kapitel", level=1),
    Block("heading", "Utan nummer", level=2),
    Block("list_item", "Stil", marker="•"),
    Block("list_item", "Bas", marker="•"),
    Block("list_item", "Numrerad punkt", marker="•"),
    Block("paragraph", "Avstängd"),
    Block("list_item", "Romersk", marker="•"),
    Block("paragraph", "Cirkel"),
    Block("paragraph", "Okänd stil"),
    Block("paragraph", "Teckenstil"),
    Block("list_item", "Egen-punkt rad två", marker="•"),  # Symbol's U+F0B7 read as the bullet it draws
    Block("paragraph", "Rutans text"),  # the box before the paragraph holding it, once (not its fallback)
    Block("paragraph", "Före rutan"),
    Block("paragraph", "I en innehållskontroll"),
    table_row(["Rubriker", "Poäng"]),
    table_row([["Styrning"], ["· Mål", "· Uppföljning"], ["3"]]),
    table_row([["Inre", "Numrerad"], ["4"]]),  # the merged first cell not again
    table_row([[""], ["a", "b", "c", "efter"]]),
    Block("paragraph", "Slut"),
]


def _docx(document: str = DOCUMENT, styles: str | None = STYLES) -> bytes:
    doc_rels = [
        ("rId9", "footer", "footer1.xml"),
        ("rId10", "header", "header1.xml"),
        ("rId2", "numbering", "numbering.xml"),
        ("rId3", "hyperlink", "https://skr.se"),
        ("rId4", "settings", "settings.xml"),
    ] + ([("rId1", "styles", "styles.xml")] if styles else [])
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{RT}{kind}" Target="{target}"'
        + (' TargetMode="External"/>' if target.startswith("http") else "/>")
        for rid, kind, target in doc_rels
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{CT}document.main+xml"/>'
            + "".join(
                f'<Override PartName="/word/{name}.xml" ContentType="{CT}{name.rstrip("1")}+xml"/>'
                for name in ("header1", "footer1", "numbering", "styles", "settings")
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
        ),
        "word/document.xml": document,
        "word/numbering.xml": NUMBERING,
        "word/header1.xml": HEADER,
        "word/footer1.xml": FOOTER,
        "word/settings.xml": f"<w:settings {NS}><w:defaultTabStop w:val='720'/></w:settings>",
    } | ({"word/styles.xml": styles} if styles else {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
    return out.getvalue()


def test_every_structure_reads_as_written_out():
    doc = docx_reader.read(Path("structures.docx"), _docx())
    assert doc.source_format == "docx" and doc.page_count is None
    assert doc.blocks == EXPECTED
    assert len(doc.warnings) == 1 and "bullet" in doc.warnings[0]  # the note on the Symbol glyph


def test_damaged_member_is_a_corrupt_file():
    """A part with a bad CRC, even one the reader has no use for, makes the file damaged."""
    data = bytearray(_docx())
    start = data.index(b"word/settings.xml") + len("word/settings.xml")  # the local header's name, then the data
    data[start + 5] ^= 0xFF
    with pytest.raises(CorruptFile, match="may be damaged"):
        docx_reader.read(Path("damaged.docx"), bytes(data))


def test_missing_part_is_a_corrupt_file():
    """A relationship to a part the archive lacks: the file is damaged."""
    data = _docx(styles=None)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/numbering.xml":
                dst.writestr(info, src.read(info))
    with pytest.raises(CorruptFile, match="numbering.xml"):
        docx_reader.read(Path("missing.docx"), out.getvalue())


def test_without_styles_part_every_paragraph_has_the_default_style():
    """No styles.xml: the ids resolve against python-docx's default styles (Normal and no heading), as before.

    A heading style id then names nothing: the paragraph is a list item by its numbering, or plain text.
    """
    doc = docx_reader.read(Path("bare.docx"), _docx(styles=None))
    assert not [b for b in doc.blocks if b.kind == "heading"]
    assert Block("list_item", "Vad är Kommunkompassen?", marker="•") in doc.blocks
    assert Block("paragraph", "Stil") in doc.blocks
    assert Block("paragraph", "1 Vad är Kommunkompassen? 3") in doc.blocks  # the TOC is no TOC without its style


def test_merge_continued_from_no_cell_is_a_cell_of_its_own():
    """A `<w:vMerge/>` cell with no cell above it (first row) holds its own text: read, not refused as damaged."""
    table = "<w:tbl>" + tr(tc(p("Ensam"), props="<w:vMerge/>"), tc(p("Granne"))) + "</w:tbl>"
    doc = docx_reader.read(Path("merge.docx"), _docx(f"<w:document {NS}><w:body>{table}</w:body></w:document>"))
    assert [b for b in doc.blocks if b.kind != "page_header"] == [table_row(["Ensam", "Granne"])]
