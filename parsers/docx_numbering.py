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
    from lxml.etree import _Element

    from .docx_styles import Styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"
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


def num_properties(
    num_id: _Element | None, ilvl: _Element | None, style_id: str | None, styles: Styles
) -> tuple[str | None, int] | None:
    """(numId, level) of a paragraph, from its own numId and ilvl elements or its style chain; None if not numbered."""
    if num_id is None or ilvl is None:
        inherited_id, inherited_lvl = styles.numbering(style_id)
        num_id = num_id if num_id is not None else inherited_id
        ilvl = ilvl if ilvl is not None else inherited_lvl
    if num_id is None or num_id.get(VAL) == "0":  # numId 0 switches numbering off
        return None
    return num_id.get(VAL), int(ilvl.get(VAL) or 0) if ilvl is not None else 0


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

    def __init__(self, root: _Element | None) -> None:
        self.root = root
        self.counts: dict[str, dict[int, int]] = {}  # abstractNumId -> level -> count
        self._found: dict[str | None, tuple[str | None, dict[int, _Element]]] = {}
        self._level_values: dict[_Element, tuple[int, str, str]] = {}

    def _levels(self, num_id: str | None) -> tuple[str | None, dict[int, _Element]]:
        """The abstract numbering a numId points to and its levels, looked up once per numId."""
        if num_id not in self._found:
            self._found[num_id] = self._lookup(num_id)
        return self._found[num_id]

    def _lookup(self, num_id: str | None) -> tuple[str | None, dict[int, _Element]]:
        if self.root is None:
            return None, {}
        num = next((n for n in self.root.iter(f"{W}num") if n.get(f"{W}numId") == num_id), None)
        ref = num.find(f"{W}abstractNumId") if num is not None else None
        if ref is None:
            return None, {}
        abstract_id = ref.get(VAL)
        abstract = next(
            (a for a in self.root.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id), None
        )
        if abstract is None or abstract_id is None:
            return None, {}
        return abstract_id, {int(lvl.get(f"{W}ilvl") or 0): lvl for lvl in abstract.iter(f"{W}lvl")}

    def label(self, props: tuple[str | None, int] | None) -> str | None:
        """Count a paragraph with these numbering properties; its label, or None for bullets and unnumbered ones."""
        if props is None:
            return None
        abstract_id, levels = self._levels(props[0])
        level = props[1]
        if abstract_id is None or level not in levels:
            return None
        start, fmt, template = self._level(levels[level])
        counts = self.counts.setdefault(abstract_id, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if fmt in ("bullet", "none"):
            return None

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k)
            start, fmt, _ = self._level(lvl) if lvl is not None else (1, "decimal", "")
            return _format(counts.get(k, start), fmt)

        text = PLACEHOLDER.sub(number, template)
        return text.strip() or None

    def _level(self, lvl: _Element) -> tuple[int, str, str]:
        """A level's start, number format and text ("%1."), read once."""
        if lvl not in self._level_values:
            start, fmt = _value(lvl, "start", 1), _value(lvl, "numFmt", "decimal")
            self._level_values[lvl] = (start, fmt, _value(lvl, "lvlText", ""))
        return self._level_values[lvl]


@overload
def _value(lvl: _Element, tag: str, default: int) -> int: ...
@overload
def _value(lvl: _Element, tag: str, default: str) -> str: ...
def _value(lvl: _Element, tag: str, default: int | str) -> int | str:
    """A level's `<w:tag w:val=...>`, as int when the default is one; the default when absent."""
    el = lvl.find(f"{W}{tag}")
    value = el.get(f"{W}val") if el is not None else None
    if value is None:
        return default
    return int(value) if isinstance(default, int) else value
