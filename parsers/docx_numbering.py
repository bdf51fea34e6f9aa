"""Word's automatic numbering: the labels ("3", "Område 2", "4.") Word draws before numbered paragraphs.

The label is not in the paragraph's text: Word counts numbered paragraphs in
document order and draws `lvlText` ("%1", "Område %2") with the counts. A report
whose headings are numbered this way says "Detaljerad genomgång ..." in its XML
and "3 Detaljerad genomgång ..." on the page; the interpreter needs the latter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, overload

import regex as re

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLACEHOLDER = re.compile(r"%([1-9])")
ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def style_of(p: Paragraph) -> ParagraphStyle | None:
    """A paragraph's style, or None; looked up once per style id and document.

    python-docx's `paragraph.style` scans every style of the document on each call
    (most of the reading time on a 30-page report), so the lookups are kept on the part.
    """
    cache = p.part.__dict__.setdefault("_kompass_styles", {})
    style_id = p._p.style
    if style_id not in cache:
        try:
            cache[style_id] = p.style
        except (KeyError, ValueError):
            cache[style_id] = None
    return cache[style_id]


def num_properties(p: Paragraph) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, from its own properties or its style chain; None if not numbered."""
    num_id = p._p.find(f"{W}pPr/{W}numPr/{W}numId")
    ilvl = p._p.find(f"{W}pPr/{W}numPr/{W}ilvl")
    if num_id is None or ilvl is None:
        inherited_id, inherited_lvl = _style_numbering(p)
        num_id = num_id if num_id is not None else inherited_id
        ilvl = ilvl if ilvl is not None else inherited_lvl
    if num_id is None or num_id.get(f"{W}val") == "0":  # numId 0 switches numbering off
        return None
    return num_id.get(f"{W}val"), int(ilvl.get(f"{W}val")) if ilvl is not None else 0


def _style_numbering(p: Paragraph) -> tuple[BaseOxmlElement | None, BaseOxmlElement | None]:
    """The numId and ilvl elements a paragraph's style chain gives it, looked up once per style."""
    cache = p.part.__dict__.setdefault("_kompass_style_numbering", {})
    style_id = p._p.style
    if style_id not in cache:
        num_id = ilvl = None
        style = style_of(p)
        while style is not None and (num_id is None or ilvl is None):
            num_id = num_id if num_id is not None else style.element.find(f"{W}pPr/{W}numPr/{W}numId")
            ilvl = ilvl if ilvl is not None else style.element.find(f"{W}pPr/{W}numPr/{W}ilvl")
            style = style.base_style
        cache[style_id] = (num_id, ilvl)
    return cache[style_id]


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = chr(ord("a") + (n - 1) % 26)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for value, digits in ROMAN:
            while n >= value:
                out, n = out + digits, n - value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


class Numbering:
    """Counts numbered paragraphs in document order, as Word does, and gives each one's label."""

    def __init__(self, document: WordDocument) -> None:
        try:
            self.root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            self.root = None
        self.counts: dict[str, dict[int, int]] = {}  # abstractNumId -> level -> count

    def _levels(self, num_id: str) -> tuple[str | None, dict[int, BaseOxmlElement]]:
        if self.root is None:
            return None, {}
        num = next((n for n in self.root.iter(f"{W}num") if n.get(f"{W}numId") == num_id), None)
        ref = num.find(f"{W}abstractNumId") if num is not None else None
        if ref is None:
            return None, {}
        abstract_id = ref.get(f"{W}val")
        abstract = next(
            (a for a in self.root.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id), None
        )
        if abstract is None:
            return None, {}
        return abstract_id, {int(lvl.get(f"{W}ilvl")): lvl for lvl in abstract.iter(f"{W}lvl")}

    def label(self, p: Paragraph) -> str | None:
        """Count the paragraph if numbered; its label, or None for bullets and unnumbered paragraphs."""
        props = num_properties(p)
        if props is None:
            return None
        abstract_id, levels = self._levels(props[0])
        level = props[1]
        if abstract_id is None or level not in levels:
            return None
        counts = self.counts.setdefault(abstract_id, {})
        counts[level] = counts.get(level, _value(levels[level], "start", 1) - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if _value(levels[level], "numFmt", "decimal") in ("bullet", "none"):
            return None

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k)
            start = _value(lvl, "start", 1) if lvl is not None else 1
            return _format(counts.get(k, start), _value(lvl, "numFmt", "decimal") if lvl is not None else "decimal")

        text = PLACEHOLDER.sub(number, _value(levels[level], "lvlText", ""))
        return text.strip() or None


@overload
def _value(lvl: BaseOxmlElement, tag: str, default: int) -> int: ...
@overload
def _value(lvl: BaseOxmlElement, tag: str, default: str) -> str: ...
def _value(lvl: BaseOxmlElement, tag: str, default: int | str) -> int | str:
    """A level's `<w:tag w:val=...>`, as int when the default is one; the default when absent."""
    el = lvl.find(f"{W}{tag}")
    value = el.get(f"{W}val") if el is not None else None
    if value is None:
        return default
    return int(value) if isinstance(default, int) else value
