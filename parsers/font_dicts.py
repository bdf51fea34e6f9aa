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
from dataclasses import dataclass, field
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


def document_fonts(data: bytes) -> dict[str, list[FontFacts]]:
    """Every font of the document's pages (and their forms), by BaseFont without the subset tag."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out: dict[str, list[FontFacts]] = {}
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
            name = SUBSET_TAG.sub("", getattr(font, "fontname", "") or "")
            out.setdefault(name, []).append(_fact(font, _program(spec)))
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
        return out
    return out
