"""What pdfminer makes of a document's font dictionaries: descent and advance widths, by font name.

pdfium does not say what a font dictionary holds where pdfminer reads it
literally: LibreOffice writes `/Descent 0` (pdfium takes the font file's
descent instead), Chromium and WeasyPrint write fractional widths (pdfium
rounds them), and a ligature glyph's width (one code whose ToUnicode is "ffi")
cannot be asked of pdfium by Unicode. So the pdfium engine asks pdfminer's own
font objects, built from the dictionaries only (no page is interpreted).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .word_grouping import LIGATURES

if TYPE_CHECKING:
    from pdfminer.pdffont import PDFFont

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass
class FontFacts:
    """One font dictionary as pdfminer reads it: descent and widths (1/1000 em) by the text a code maps to."""

    descent: float
    widths: dict[str, float] = field(default_factory=dict)
    program: str = ""  # digest of the embedded font program, to tell subsets of one name apart


def _fact(font: PDFFont, program: bytes) -> FontFacts:
    widths: dict[str, float] = {}
    firsts: dict[str, float] = {}
    for cid in list(getattr(font, "widths", {}) or {}):
        if not isinstance(cid, int):
            continue
        try:
            text = font.to_unichr(cid)
        except Exception:  # a code without a Unicode value: pdfminer shows it as (cid:N)
            continue
        if text and text not in widths:
            widths[text] = font.char_width(cid) * 1000.0
            # pdfium reads a ligature glyph mapped to U+FB01 as its letters "fi"
            widths.setdefault(LIGATURES.get(text, text), widths[text])
            if len(text) > 1:
                firsts.setdefault(text[0], widths[text])
    # pdfium splits a glyph mapped to several code points into them at one origin and measures the first
    # alone before they are joined again: a first ("昀" of Ghostscript's "昀昀" for ff) that is no glyph of
    # its own takes the whole glyph's width, which the joined glyph then replaces.
    for text, width in firsts.items():
        widths.setdefault(text, width)
    digest = hashlib.sha1(program).hexdigest() if program else ""
    return FontFacts(float(font.descent), widths, digest)


def _program(spec: dict) -> bytes:
    from pdfminer.pdftypes import resolve1

    descriptor = resolve1(spec.get("FontDescriptor"))
    if descriptor is None and spec.get("DescendantFonts"):
        descendants = resolve1(spec["DescendantFonts"])
        descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor")) if descendants else None
    if not isinstance(descriptor, dict):
        return b""
    for key in ("FontFile", "FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if stream is not None:
            try:
                return stream.get_data()
            except Exception:
                return b""
    return b""


class DocumentFonts:
    """One document's font dictionaries as pdfminer reads them: parsed on first need, once for the widths and
    the glyph names both, and let go with the document."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    @cached_property
    def fonts(self) -> tuple[_Font, ...]:
        return _fonts(self.data)


def document_fonts(document: DocumentFonts) -> dict[str, list[FontFacts]]:
    """Every font of the document's pages (and their forms), by BaseFont without the subset tag."""
    out: dict[str, list[FontFacts]] = {}
    for found in document.fonts:
        out.setdefault(found.name, []).append(_fact(found.font, _program(found.spec)))
    return out


def glyph_names(document: DocumentFonts, wanted: Callable[[str], bool]) -> dict[str, dict[str, str]]:
    """Per font (BaseFont without the subset tag): the glyph name behind each ToUnicode text `wanted` picks.

    Names come from the font's /Encoding /Differences, else (a CID font, CID = glyph index) from its
    embedded program: a TrueType 'post' table of format 2 or a name-keyed CFF charset. A font with
    no names (post format 3, CID-keyed CFF, as Ghostscript writes them) gives none.
    """
    from pdfminer.pdftypes import resolve1

    out: dict[str, dict[str, str]] = {}
    for found in document.fonts:
        font_names: dict[str, str] = {}
        try:
            texts = _unicode_texts(found.font, found.spec)
            wanted_texts = {code: text for code, text in texts.items() if wanted(text)}
            if wanted_texts:
                by_code = _differences(resolve1(found.spec.get("Encoding"))) or _program_names(found.spec)
                font_names = {text: by_code[code] for code, text in wanted_texts.items() if code in by_code}
        except Exception:  # a damaged font dictionary or program: no names
            font_names = {}
        if font_names:
            out.setdefault(found.name, {}).update(font_names)
    return out


@dataclass(frozen=True)
class _Font:
    name: str  # pdfminer's fontname without the subset tag
    spec: dict
    font: PDFFont


def _fonts(data: bytes) -> tuple[_Font, ...]:
    """pdfminer's font objects for every font of the pages and their forms, built from the dictionaries only."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out: list[_Font] = []
    manager = PDFResourceManager(caching=True)
    seen: set[object] = set()

    def visit(resources: object, depth: int) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 4:
            return
        for ref in (resolve1(resources.get("Font")) or {}).values():
            key = getattr(ref, "objid", None) or id(ref)
            if key in seen:
                continue
            seen.add(key)
            spec = resolve1(ref)
            if not isinstance(spec, dict):
                continue
            try:
                font = manager.get_font(getattr(ref, "objid", None), spec)
            except Exception:
                continue
            out.append(_Font(SUBSET_TAG.sub("", getattr(font, "fontname", "") or ""), spec, font))
        for ref in (resolve1(resources.get("XObject")) or {}).values():
            xobject = resolve1(ref)
            attrs = getattr(xobject, "attrs", {})
            key = getattr(ref, "objid", None) or id(ref)
            if getattr(attrs.get("Subtype"), "name", None) == "Form" and key not in seen:
                seen.add(key)
                visit(attrs.get("Resources"), depth + 1)

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for page in PDFPage.create_pages(document):
            visit(page.resources, 0)
    except Exception:  # pdfium opened it; whatever pdfminer cannot read stays pdfium's
        pass
    return tuple(out)


def _unicode_texts(font: PDFFont, spec: dict) -> dict[int, str]:
    """The font's ToUnicode map: code (CID for a Type0 font) to text."""
    from pdfminer.cmapdb import FileUnicodeMap
    from pdfminer.pdftypes import resolve1

    unicode_map = getattr(font, "unicode_map", None)
    if not isinstance(unicode_map, FileUnicodeMap) or resolve1(spec.get("ToUnicode")) is None:
        return {}
    return {code: text for code, text in unicode_map.cid2unichr.items() if isinstance(code, int)}


def _differences(encoding: object) -> dict[int, str]:
    """Code to glyph name from an /Encoding dictionary's /Differences ([24 /f_f /fi 40 /parenleft])."""
    from pdfminer.pdftypes import resolve1

    if not isinstance(encoding, dict):
        return {}
    out: dict[int, str] = {}
    code = 0
    for item in resolve1(encoding.get("Differences")) or []:
        item = resolve1(item)
        if isinstance(item, int):
            code = item
        elif hasattr(item, "name"):
            out[code] = str(item.name)
            code += 1
    return out


def _program_names(spec: dict) -> dict[int, str]:
    """CID to glyph name from a CID font's embedded program, where CID and glyph index are one."""
    from pdfminer.pdftypes import resolve1

    descendants = resolve1(spec.get("DescendantFonts")) or []
    if not descendants:
        return {}
    descendant = resolve1(descendants[0])
    cid_to_gid = resolve1(descendant.get("CIDToGIDMap"))
    if cid_to_gid is not None and getattr(cid_to_gid, "name", None) != "Identity":
        return {}
    descriptor = resolve1(descendant.get("FontDescriptor")) or {}
    if resolve1(descriptor.get("FontFile2")) is not None:
        return dict(enumerate(truetype_post_names(_program(descendant))))
    if resolve1(descriptor.get("FontFile3")) is not None:
        return dict(enumerate(cff_charset_names(_program(descendant))))
    return {}


def truetype_post_names(program: bytes) -> list[str]:
    """Glyph names by glyph index from a TrueType 'post' table of format 2 ("" for the Macintosh standard
    names, index < 258, which this leaves unread); [] for any other format."""
    tables = {}
    for i in range(struct.unpack_from(">H", program, 4)[0]):
        tag, _, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * i)
        tables[tag] = (offset, length)
    if b"post" not in tables:
        return []
    at, length = tables[b"post"]
    if struct.unpack_from(">I", program, at)[0] != 0x00020000:
        return []
    count = struct.unpack_from(">H", program, at + 32)[0]
    indices = struct.unpack_from(f">{count}H", program, at + 34)
    strings, pos, end = [], at + 34 + 2 * count, at + length
    while pos < end:
        size = program[pos]
        strings.append(program[pos + 1 : pos + 1 + size].decode("latin-1"))
        pos += 1 + size
    return [strings[i - 258] if 258 <= i < 258 + len(strings) else "" for i in indices]


def cff_charset_names(program: bytes) -> list[str]:
    """Glyph names by glyph index from a name-keyed CFF font's charset; [] for a CID-keyed one."""
    from pdfminer.pdffont import CFFFont

    _, at = _cff_index(program, program[2])  # header, then the Name INDEX
    tops, at = _cff_index(program, at)
    strings, at = _cff_index(program, at)
    top = _cff_dict(tops[0])
    if (12, 30) in top or 17 not in top:  # ROS: CID-keyed, its charset holds CIDs
        return []
    count = len(_cff_index(program, top[17])[0])
    sids = [0]
    charset = top.get(15, 0)
    if charset < 3:  # a predefined charset (ISOAdobe, Expert): not worth the tables
        return []
    fmt, at = program[charset], charset + 1
    if fmt == 0:
        sids += struct.unpack_from(f">{count - 1}H", program, at)
    else:
        while len(sids) < count:
            first = struct.unpack_from(">H", program, at)[0]
            left = program[at + 2] if fmt == 1 else struct.unpack_from(">H", program, at + 2)[0]
            at += 3 if fmt == 1 else 4
            sids += range(first, first + left + 1)
    standard = CFFFont.STANDARD_STRINGS
    return [standard[sid] if sid < len(standard) else strings[sid - len(standard)].decode("latin-1") for sid in sids][
        :count
    ]


def _cff_index(data: bytes, at: int) -> tuple[list[bytes], int]:
    """A CFF INDEX at `at`: its items and where it ends."""
    count = struct.unpack_from(">H", data, at)[0]
    if not count:
        return [], at + 2
    size = data[at + 2]
    offsets = [int.from_bytes(data[at + 3 + i * size : at + 3 + (i + 1) * size], "big") for i in range(count + 1)]
    base = at + 3 + (count + 1) * size - 1
    return [data[base + offsets[i] : base + offsets[i + 1]] for i in range(count)], base + offsets[-1]


def _cff_dict(data: bytes) -> dict[int | tuple[int, int], int]:
    """A CFF DICT's operators with their last integer operand (reals read as 0: only offsets matter here)."""
    out: dict[int | tuple[int, int], int] = {}
    operand, i = 0, 0
    while i < len(data):
        b = data[i]
        if b <= 21:
            key: int | tuple[int, int] = (12, data[i + 1]) if b == 12 else b
            i += 2 if b == 12 else 1
            out[key] = operand
        elif b == 28:
            operand, i = struct.unpack_from(">h", data, i + 1)[0], i + 3
        elif b == 29:
            operand, i = struct.unpack_from(">i", data, i + 1)[0], i + 5
        elif b == 30:  # a real: nibbles up to an 0xf
            i += 1
            while i < len(data) and (data[i] & 0x0F) != 0x0F and (data[i] >> 4) != 0x0F:
                i += 1
            operand, i = 0, i + 1
        elif b <= 246:
            operand, i = b - 139, i + 1
        elif b <= 250:
            operand, i = (b - 247) * 256 + data[i + 1] + 108, i + 2
        elif b <= 254:
            operand, i = -(b - 251) * 256 - data[i + 1] - 108, i + 2
        else:
            i += 1
    return out
