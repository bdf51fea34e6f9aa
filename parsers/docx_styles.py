"""A .docx's paragraph styles: each style id's name, list style and numbering, through the basedOn chain.

A paragraph names its style by id (`<w:pStyle w:val="Heading1"/>`); the id resolves as
python-docx resolves it: an unknown id, one of another type, or none at all means the
document's default paragraph style. Styles depend only on styles.xml, which the reports
of one template share byte for byte (python-docx's own is 350 kB), so a parsed table is
kept per distinct styles.xml and reused by the next report.
"""

from __future__ import annotations

import copy
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex as re
from lxml import etree

from .docx_package import parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"
STYLE_ID = f"{W}styleId"
NUM_ID_PATH = f"{W}pPr/{W}numPr/{W}numId"
ILVL_PATH = f"{W}pPr/{W}numPr/{W}ilvl"
LIST_STYLE = re.compile(r"^(?:list\s+(?:bullet|number)|punktlista|numrerad\s+lista)", re.I)
ON = ("1", "true", "on")


@dataclass(frozen=True)
class StyleDef:
    """What a paragraph takes from one w:style: its name, type, base, and the numId and ilvl of its own numPr.

    The numId and ilvl are copies, so the parsed styles.xml (4 MB for python-docx's template) is not kept alive.
    """

    name: str
    paragraph: bool
    based_on: str | None
    num_id: etree._Element | None
    ilvl: etree._Element | None


@dataclass
class Styles:
    """The paragraph styles of one styles.xml, with what each style id gives a paragraph, worked out once."""

    by_id: dict[str, StyleDef]
    default: StyleDef | None
    _names: dict[str | None, str] = field(default_factory=dict)
    _lists: dict[str | None, bool] = field(default_factory=dict)
    _numbering: dict[str | None, tuple[etree._Element | None, etree._Element | None]] = field(default_factory=dict)

    def style(self, style_id: str | None) -> StyleDef | None:
        """The style a paragraph with this pStyle id has: the default paragraph style when the id is unknown."""
        found = self.by_id.get(style_id) if style_id else None
        if found is None or not found.paragraph:
            return self.default
        return found

    def name(self, style_id: str | None) -> str:
        """The style's name ("heading 1", "toc 1", "List Bullet"), "" when it has none."""
        if style_id not in self._names:
            style = self.style(style_id)
            self._names[style_id] = style.name if style is not None else ""
        return self._names[style_id]

    def is_list(self, style_id: str | None) -> bool:
        """True when the style or one it is based on is a list style by name (List Bullet, Punktlista)."""
        if style_id not in self._lists:
            self._lists[style_id] = any(LIST_STYLE.match(s.name) for s in self._chain(style_id))
        return self._lists[style_id]

    def numbering(self, style_id: str | None) -> tuple[etree._Element | None, etree._Element | None]:
        """The numId and ilvl elements the style chain gives a paragraph (the nearest of each)."""
        if style_id not in self._numbering:
            num_id = ilvl = None
            for style in self._chain(style_id):
                num_id = num_id if num_id is not None else style.num_id
                ilvl = ilvl if ilvl is not None else style.ilvl
                if num_id is not None and ilvl is not None:
                    break
            self._numbering[style_id] = (num_id, ilvl)
        return self._numbering[style_id]

    def _chain(self, style_id: str | None) -> list[StyleDef]:
        """The style, the one it is based on, and so on; a cycle of basedOn ends where it comes round."""
        chain: list[StyleDef] = []
        style = self.style(style_id)
        while style is not None and not any(s is style for s in chain):
            chain.append(style)
            style = self.by_id.get(style.based_on) if style.based_on is not None else None
        return chain


def styles_of(blob: bytes | None) -> Styles:
    """The styles of a styles.xml; python-docx's default styles when the document has none, as it reads them."""
    return _styles(blob if blob is not None else _default_styles())


@lru_cache(maxsize=4)
def _styles(blob: bytes) -> Styles:
    by_id: dict[str, StyleDef] = {}
    defaults = []
    for style in parse(blob).iterchildren(f"{W}style"):
        found = _definition(style)
        style_id = style.get(STYLE_ID)
        if style_id is not None:
            by_id.setdefault(style_id, found)
        if found.paragraph and style.get(f"{W}default") in ON:
            defaults.append(found)
    return Styles(by_id, defaults[-1] if defaults else None)  # the last default counts, as the standard says


def _definition(style: etree._Element) -> StyleDef:
    name = style.find(f"{W}name")
    based_on = style.find(f"{W}basedOn")
    num_id, ilvl = style.find(NUM_ID_PATH), style.find(ILVL_PATH)
    return StyleDef(
        name=(name.get(VAL) or "") if name is not None else "",
        paragraph=style.get(f"{W}type") == "paragraph",
        based_on=(based_on.get(VAL) or "") if based_on is not None else None,
        num_id=copy.deepcopy(num_id) if num_id is not None else None,
        ilvl=copy.deepcopy(ilvl) if ilvl is not None else None,
    )


@lru_cache(maxsize=1)
def _default_styles() -> bytes:
    """python-docx's template styles (it adds them to a document without a styles part), found without importing it."""
    spec = importlib.util.find_spec("docx")
    assert spec is not None and spec.submodule_search_locations
    return (Path(next(iter(spec.submodule_search_locations))) / "templates" / "default-styles.xml").read_bytes()
