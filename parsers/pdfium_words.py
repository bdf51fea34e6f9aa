"""The fast word source: pdfplumber's words and rules, computed from pdfium's characters.

pdfium (through pypdfium2's raw API) parses a page many times faster than
pdfminer, but neither its character boxes nor its character order are
pdfminer's. So each character's box is rebuilt the way pdfminer's LTChar builds
it, in the same order of operations: from pdfium's glyph origin and text matrix,
the glyph's advance width, and a box from the font's descent to one font size
above it. Characters are put back in content order, pdfium's generated spaces and
line breaks dropped, its split ligatures joined, and words grouped as pdfplumber
groups them (word_grouping.py). What still differs is listed in
docs/pdf-engines.md.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING
from unicodedata import combining

import pypdfium2.raw as pr
from pdfminer.fontmetrics import FONT_METRICS

from .font_dicts import SUBSET_TAG, DocumentFonts, FontFacts, document_fonts
from .ligatures import DocumentLigatures
from .page_frame import PageFrame, decimal_of
from .page_objects import PageObjects, object_matrix, untyped, walk_page
from .pdf_words import REREAD, PageContent, PdfBroken, PdfLocked, pdfplumber_page
from .word_grouping import LIGATURES, CharFields, group_words

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF

LIGATURE_OF = {letters: glyph for glyph, letters in LIGATURES.items()}


_get_text_object = untyped(pr.FPDFText_GetTextObject, ctypes.c_void_p)
_get_char_origin = untyped(pr.FPDFText_GetCharOrigin, ctypes.c_int)
_is_generated = untyped(pr.FPDFText_IsGenerated, ctypes.c_int)
_get_matrix = untyped(pr.FPDFText_GetMatrix, ctypes.c_int)
_get_font_size = untyped(pr.FPDFTextObj_GetFontSize, ctypes.c_int)
_get_font = untyped(pr.FPDFTextObj_GetFont, ctypes.c_void_p)


PDFIUM_ERRORS = {
    1: "unknown error",
    2: "file not found or unreadable",
    3: "not a PDF or corrupted",
    6: "page not found or damaged",
}


def pages_pdfium(data: bytes) -> Iterator[PageContent]:
    """Each page's words and rules, as pages_pdfplumber gives them; pdfium handles closed as we go."""
    buffer = ctypes.create_string_buffer(data, len(data))  # pdfium reads from it until the document closes
    doc = pr.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not doc:
        code = pr.FPDF_GetLastError()
        if code in (pr.FPDF_ERR_PASSWORD, pr.FPDF_ERR_SECURITY):
            raise PdfLocked(f"pdfium error {code}: a password or unsupported security handler")
        raise PdfBroken(f"pdfium cannot open the PDF (error {code}: {PDFIUM_ERRORS.get(code, 'unknown')})")
    reference = _Reference(data)
    dictionaries = DocumentFonts(data)  # pdfminer's reading of the font dictionaries, made on first need
    ligatures = DocumentLigatures(dictionaries)  # ligature glyphs whose ToUnicode map lies, read as their letters
    try:
        fonts = _FontTable(dictionaries)
        for index in range(pr.FPDF_GetPageCount(doc)):
            page = pr.FPDF_LoadPage(doc, index)
            if not page:
                raise PdfBroken(f"pdfium cannot load page {index + 1}")
            try:
                frame = PageFrame.of(page)
                objects = walk_page(page, frame)
                fonts.unmeasured = 0
                chars = _page_chars(page, frame, fonts, objects)
            finally:
                pr.FPDF_ClosePage(page)
            if fonts.unmeasured:
                # A glyph whose width neither the font dictionary nor pdfium gives has a box of
                # no width, and the word it sits in would split there ("Off entlighet"):
                # this page's words come from the reference engine instead, if it can read them.
                again = reference.page(index, f"{fonts.unmeasured} glyphs without a known width")
                if again is not None:
                    yield ligatures.read(again)
                    continue
            marks = sorted(objects.marks, key=lambda r: (r.top, r.x0))
            content = PageContent(index + 1, frame.width, frame.height, group_words(chars), objects.rules, marks)
            yield ligatures.read(content)
    finally:
        pr.FPDF_CloseDocument(doc)
        reference.close()
        del buffer


class _Reference:
    """The reference engine (pdfplumber) for single pages, opened on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: PDF | None = None
        self._broken = False

    def page(self, index: int, why: str) -> PageContent | None:
        """The page as pdfplumber reads it, with a note saying why; None where pdfplumber cannot read it."""
        import pdfplumber

        if self._broken:
            return None
        try:
            if self._pdf is None:
                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            content = pdfplumber_page(self._pdf.pages[index])
        except Exception:  # a damaged file pdfium reads and pdfminer does not: pdfium's words stand
            self._broken = True
            return None
        content.notes.append(f"{REREAD}: {why} in the fast engine")
        return content

    def close(self) -> None:
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:  # closing walks the pages again, and a damaged page tree fails there too
                pass


class _FontTable:
    """Per-font facts, asked once per document: name, descent, advance widths.

    Embedded fonts take descent and widths from pdfminer's reading of the font
    dictionary (font_dicts.py), where pdfium's differ; pdfium's widths are the
    fallback for a glyph the dictionary does not map.
    """

    def __init__(self, dictionaries: DocumentFonts) -> None:
        self._dictionaries = dictionaries
        self._dicts: dict[str, list[FontFacts]] | None = None
        self._fonts: dict[int, tuple[str, float, FontFacts | None]] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._name = ctypes.create_string_buffer(256)
        self._value = ctypes.c_float()
        self.unmeasured = 0  # glyphs of the current page no width was found for
        self._unknown: set[tuple[int, str]] = set()

    def font(self, font: pr.FPDF_FONT) -> tuple[str, float]:
        """(fontname as pdfplumber gives it but without the subset tag, descent in 1/1000 em)."""
        key = _address(font)
        found = self._fonts.get(key)
        if found is None:
            size = pr.FPDFFont_GetBaseFontName(font, self._name, len(self._name))
            name = self._name.value.decode("latin-1") if size else ""
            facts = None
            if name in FONT_METRICS:
                # pdfminer takes a standard font's name and metrics from its own AFM tables,
                # whatever the PDF says; pdfium's descent is the substitute font's.
                afm = FONT_METRICS[name][0]
                afm_descent = afm.get("Descent")
                name, descent = (
                    str(afm["FontName"]),
                    float(afm_descent) if isinstance(afm_descent, int | float) else 0.0,
                )
            else:
                facts = self._facts(font, name)
                if facts is not None:
                    descent = facts.descent
                else:
                    pr.FPDFFont_GetDescent(font, 1000.0, self._value)
                    descent = self._value.value
            found = self._fonts[key] = (name, -abs(descent), facts)
        return found[0], found[1]

    def _facts(self, font: pr.FPDF_FONT, name: str) -> FontFacts | None:
        """pdfminer's reading of this font's dictionary: by name, and by the font program if names repeat."""
        if self._dicts is None:
            self._dicts = document_fonts(self._dictionaries)
        candidates = self._dicts.get(SUBSET_TAG.sub("", name)) or []
        if len({(c.descent, tuple(sorted(c.widths.items()))) for c in candidates}) > 1:
            program = _font_program(font)
            candidates = [c for c in candidates if c.program == program] or candidates
        return candidates[0] if candidates else None

    def width(self, font: pr.FPDF_FONT, key: int, text: str) -> float:
        """The advance width (1/1000 em) of the glyph that pdfium read as `text`, as pdfminer measures it."""
        found = self._widths.get((key, text))
        if found is None:
            facts = self._fonts[key][2] if key in self._fonts else None
            found = facts.widths.get(text) if facts is not None else None
            if found is None:
                # pdfium answers 0 for a glyph it cannot map back to a code (a ligature read as "ff")
                found = _pdfium_width(self, font, text) or None
            if found is None:
                self._unknown.add((key, text))
                found = 0.0
            self._widths[(key, text)] = found
        if not found and (key, text) in self._unknown and not text.isspace():
            self.unmeasured += 1
        return found


def _pdfium_width(table: _FontTable, font: pr.FPDF_FONT, text: str) -> float | None:
    glyph = LIGATURE_OF.get(text, text) if len(text) > 1 else text
    if len(glyph) == 1 and pr.FPDFFont_GetGlyphWidth(font, ord(glyph), 1000.0, table._value):
        return table._value.value
    return None


def _font_program(font: pr.FPDF_FONT) -> str:
    """Digest of the embedded font program pdfium holds for this font ("" if none)."""
    size = ctypes.c_size_t()
    if not pr.FPDFFont_GetFontData(font, None, 0, size) or not size.value:
        return ""
    buffer = (ctypes.c_uint8 * size.value)()
    pr.FPDFFont_GetFontData(font, buffer, size.value, size)
    return hashlib.sha1(bytes(buffer)).hexdigest()


def _address(pointer: ctypes._Pointer | ctypes.c_void_p) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


@lru_cache(maxsize=4096)
def _decimal(value: float) -> float:
    return decimal_of(value)


class _TextStyle:
    """What the chars of a page's text objects of one font, size and matrix share: line boxes, glyph extents."""

    __slots__ = (
        "a",
        "b",
        "c",
        "d",
        "size",
        "font",
        "font_key",
        "name",
        "descent",
        "upright",
        "plain",
        "extent",
        "line",
    )

    def __init__(
        self, font_key: int, size: float, linear: tuple[float, float, float, float], frame: PageFrame, fonts: _FontTable
    ):
        self.size = _decimal(size)
        self.font = ctypes.cast(ctypes.c_void_p(font_key), pr.FPDF_FONT)
        self.font_key = font_key
        self.name, self.descent = fonts.font(self.font)
        self.a, self.b, self.c, self.d = frame.linear(*map(_decimal, linear))
        self.upright = self.a * self.d > 0 and self.b * self.c <= 0
        # Horizontal text on an unrotated page: every char of a line shares top,
        # bottom and size, and x0 is the origin itself.
        self.plain = self.b == 0 and self.c == 0 and self.a > 0 and self.d > 0 and frame.ctm[:4] == (1, 0, 0, 1)
        self.extent: dict[str, float] = {}
        self.line: tuple[float | None, float, float, float] = (None, 0.0, 0.0, 0.0)  # (baseline, top, bottom, size)


class _Styles:
    """A page's text styles, each made once: text objects are many (Chromium draws a title glyph by glyph),
    their styles few, and asking pdfium for an object's font, size and matrix is cheap next to making one."""

    def __init__(self, textpage: pr.FPDF_TEXTPAGE, frame: PageFrame, fonts: _FontTable) -> None:
        self._textpage = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
        self._frame, self._fonts = frame, fonts
        self._known: dict[tuple[int, float, float, float, float, float], _TextStyle] = {}
        self._matrix = pr.FS_MATRIX()
        self._size = ctypes.c_float()
        self._matrix_ref, self._size_ref = ctypes.byref(self._matrix), ctypes.byref(self._size)

    def of_char(self, index: int, handle: int) -> _TextStyle:
        """The style of the text object that holds char `index`, its matrix as the text page gives it
        (through the forms the object sits in)."""
        _get_matrix(self._textpage, index, self._matrix_ref)
        m = self._matrix
        return self.of_object(handle, (m.a, m.b, m.c, m.d))

    def of_object(self, handle: int, linear: tuple[float, float, float, float]) -> _TextStyle:
        obj = ctypes.c_void_p(handle)
        _get_font_size(obj, self._size_ref)
        font = _get_font(obj) or 0
        key = (font, self._size.value, *linear)
        style = self._known.get(key)
        if style is None:
            style = self._known[key] = _TextStyle(font, self._size.value, linear, self._frame, self._fonts)
        return style


def _page_chars(page: pr.FPDF_PAGE, frame: PageFrame, fonts: _FontTable, objects: PageObjects) -> list[CharFields]:
    """The page's characters with pdfminer's boxes, in content order."""
    textpage = pr.FPDFText_LoadPage(page)
    if not textpage:
        return []
    try:
        count = pr.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        buffer = (ctypes.c_ushort * (count + 1))()
        pr.FPDFText_GetText(textpage, 0, count, buffer)
        # pdfium hands a hyphen that ends a line as U+FFFE; pdfminer, as the hyphen it is.
        text = bytes(buffer)[: 2 * count].decode("utf-16-le", "replace").replace("\ufffe", "-")
        return _chars(textpage, text, frame, fonts, objects)
    finally:
        pr.FPDFText_ClosePage(textpage)


def _chars(
    textpage: pr.FPDF_TEXTPAGE, text: str, frame: PageFrame, fonts: _FontTable, objects: PageObjects
) -> list[CharFields]:
    """One tuple per glyph (the fields of Char); the loop this engine spends its time in."""
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    get_object, get_origin, is_generated = _get_text_object, _get_char_origin, _is_generated
    x_move, x_shift = frame.ctm[4], frame.x_shift
    styles = _Styles(textpage, frame, fonts)
    texts = objects.texts
    seen: dict[int, tuple[int, _TextStyle]] = {}  # text object -> (content position, style)
    out: list[CharFields] = []
    append = out.append
    runs: list[tuple[int, int]] = []  # (content position, first char) of each text object's run
    last_key = None
    obj: _TextStyle | None = None
    px = py = pkey = None
    for i, u in enumerate(text):  # (pdfium's U+FFFE for a line-end hyphen is "-" already)
        space = u.isspace()
        if space and is_generated(handle, i):
            continue  # pdfium's own spaces and line breaks: pdfminer has none
        key = get_object(handle, i) or 0  # a NULL handle (None) as the address 0
        if key != last_key:
            last_key = key
            found = seen.get(key)
            if found is None:
                known = texts.get(key)
                found = seen[key] = (known[0] if known is not None else len(texts), styles.of_char(i, key))
            runs.append((found[0], len(out)))
            obj = found[1]
        assert obj is not None  # the first char has no last_key, so obj is set above
        get_origin(handle, i, pox, poy)
        x, y = ox.value, oy.value
        if x == px and y == py and key == pkey and not space and not combining(out[-1][0][-1]):
            # pdfium splits a ligature glyph into its letters, all at the glyph's origin.
            # (A combining mark has no advance: the letter after it shares its origin, yet is no ligature.)
            append(_char(out.pop()[0] + u, x, y, obj, frame, fonts))
            continue
        px, py, pkey = x, y, key
        if obj.plain:
            line = obj.line
            if line[0] != y:
                line = obj.line = _plain_line(y, obj, frame)
            extent = obj.extent.get(u)
            if extent is None:
                extent = obj.extent[u] = obj.a * (fonts.width(obj.font, obj.font_key, u) * 0.001 * obj.size)
            e = x + x_move
            append((u, e + x_shift, extent + e + x_shift, line[1], line[2], True, obj.name, line[3], obj.font_key))
        else:
            append(_char(u, x, y, obj, frame, fonts))
    if len(seen) < len(texts):
        _lone_spaces(seen, objects, styles, frame, fonts, out, runs)
    return _in_content_order(out, runs)


def _lone_spaces(
    seen: dict[int, tuple[int, _TextStyle]],
    objects: PageObjects,
    styles: _Styles,
    frame: PageFrame,
    fonts: _FontTable,
    out: list[CharFields],
    runs: list[tuple[int, int]],
) -> None:
    """Text objects that draw only blank glyphs: pdfium's text page skips any object narrower than
    0.01 pt, while pdfminer keeps its spaces (which split words and end the previous font run).
    One space at each such object's origin, in its font, stands for them."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for key, (position, outer) in objects.texts.items():
        if key in seen:
            continue
        page_object = ctypes.cast(key, pr.FPDF_PAGEOBJECT)
        if not pr.FPDFPageObj_GetBounds(page_object, left, bottom, right, top) or right.value - left.value >= 0.01:
            continue  # drawn text pdfium left out for its own reasons (a repeated object: fake bold)
        matrix = object_matrix(page_object, outer)
        runs.append((position, len(out)))
        out.append(_char(" ", matrix[4], matrix[5], styles.of_object(key, matrix[:4]), frame, fonts))


def _in_content_order(chars: list[CharFields], runs: list[tuple[int, int]]) -> list[CharFields]:
    """Put runs of chars back in their text objects' content order (stable) if pdfium moved any."""
    if all(a[0] <= b[0] for a, b in zip(runs, runs[1:])):
        return chars
    ends = [start for _, start in runs[1:]] + [len(chars)]
    pieces = sorted(((pos, start, end) for (pos, start), end in zip(runs, ends)), key=lambda r: r[0])
    return [c for _, start, end in pieces for c in chars[start:end]]


def _char(text: str, x: float, y: float, obj: _TextStyle, frame: PageFrame, fonts: _FontTable) -> CharFields:
    """pdfminer's LTChar box, in pdfminer's order of operations (so sizes come out bit for bit)."""
    advance = fonts.width(obj.font, obj.font_key, text) * 0.001 * obj.size
    if obj.plain:
        line = obj.line
        if line[0] != y:
            line = obj.line = _plain_line(y, obj, frame)
        e = x + frame.ctm[4]
        return (
            text,
            e + frame.x_shift,
            obj.a * advance + e + frame.x_shift,
            line[1],
            line[2],
            True,
            obj.name,
            line[3],
            obj.font_key,
        )
    # Any matrix and page rotation: four corners through the matrix, as pdfminer.utils.apply_matrix_rect.
    a, b, c, d = obj.a, obj.b, obj.c, obj.d
    e, f = frame.device(x, _decimal(y))
    low = obj.descent * 0.001 * obj.size
    high = low + obj.size
    xs = (c * low + e, a * advance + c * low + e, a * advance + c * high + e, c * high + e)
    ys = (d * low + f, b * advance + d * low + f, b * advance + d * high + f, d * high + f)
    y0, y1 = min(ys), max(ys)
    return (
        text,
        min(xs) + frame.x_shift,
        max(xs) + frame.x_shift,
        (frame.height - y1) + frame.top_shift,
        (frame.height - y0) + frame.top_shift,
        obj.upright,
        obj.name,
        y1 - y0,
        obj.font_key,
    )


def _plain_line(y: float, obj: _TextStyle, frame: PageFrame) -> tuple[float, float, float, float]:
    # A baseline is usually a short decimal from the content stream: recover it
    # exactly, so that top, bottom and size (which pdfplumber groups by) match.
    f = _decimal(y) + frame.ctm[5]
    low = obj.descent * 0.001 * obj.size
    high = low + obj.size
    y0, y1 = obj.d * low + f, obj.d * high + f
    return y, (frame.height - y1) + frame.top_shift, (frame.height - y0) + frame.top_shift, y1 - y0
