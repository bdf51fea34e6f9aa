"""Reader for a Word document exported as plain text.

The export writes one paragraph a line, list items as "· item", every table
cell on its own tab-led line (rows separated by blank lines), numbered headings
as "label<TAB>text", and leaves Word's bookmarks in:
    [bookmark: _Toc500236711]Område 1<TAB>Offentlighet och demokrati
It has no pages, so blocks carry no page number.
"""

from __future__ import annotations

import regex as re

from .blocks import Block, Document, table_row

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
LIST_GLYPHS = "·•▪◦‣"  # Word's private-use glyphs arrive as "•" (textnorm)
LIST_ITEM = re.compile(rf"^\s*([{LIST_GLYPHS}])\s+(.*)$")
# A numbered heading: a short label ("3", "Område 1", "2.1") then a tab.
HEADING = re.compile(r"^(\S[^\t]{0,14})\t(\S.*)$")
GLYPHS = frozenset(LIST_GLYPHS)  # a line whose first character after spaces is none of them is no item


def looks_like(text: str) -> bool:
    """True when the text has the export's tab-led cells or "· " list items."""
    lines = text.split("\n")
    if sum(1 for ln in lines if ln.startswith("\t")) >= 3:
        return True
    listed = sum(1 for ln in lines if _item(ln))
    return listed >= 3 and max(map(len, lines), default=0) < 3000


def _item(line: str) -> re.Match[str] | None:
    """LIST_ITEM's match, asked only of a line that starts with one of its glyphs (most lines do not)."""
    return LIST_ITEM.match(line) if line.lstrip()[:1] in GLYPHS else None


def read(text: str) -> Document:
    """Turn the export's lines into blocks: headings, paragraphs, list items, table rows."""
    blocks: list[Block] = []
    row: list[list[str]] = []

    def end_row() -> None:
        if row:
            blocks.append(table_row([[ln for ln in c if ln] or [""] for c in row]))
            row.clear()

    for raw in text.split("\n"):
        line = (BOOKMARK.sub("", raw) if "[bookmark: " in raw else raw).rstrip()
        if not line.strip():
            end_row()
            continue
        if line.startswith("\t"):
            row.append([line.strip()])
            continue
        if row:  # an untabbed line inside a row continues the last cell
            row[-1].append(line.strip())
            continue
        item = _item(line)
        heading = HEADING.match(line) if "\t" in line[1:16] else None  # its label: 1 to 15 characters
        if item:
            blocks.append(Block("list_item", item.group(2).strip(), marker=item.group(1)))
        elif heading:
            label, title = heading.groups()
            blocks.append(Block("heading", f"{label.strip()} {title.strip()}"))
        else:
            blocks.append(Block("paragraph", line.strip()))
    end_row()
    return Document("word_export", blocks)
