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
LIST_ITEM = re.compile(r"^\s*([·•▪◦‣])\s+(.*)$")  # Word's private-use glyphs arrive as "•" (textnorm)
# A numbered heading: a short label ("3", "Område 1", "2.1") then a tab.
HEADING = re.compile(r"^(\S[^\t]{0,14})\t(\S.*)$")


def looks_like(text: str) -> bool:
    """True when the text has the export's tab-led cells or "· " list items."""
    lines = text.split("\n")
    tabbed = sum(1 for ln in lines if ln.startswith("\t"))
    listed = sum(1 for ln in lines if LIST_ITEM.match(ln))
    return tabbed >= 3 or (listed >= 3 and max(map(len, lines), default=0) < 3000)


def read(text: str) -> Document:
    """Turn the export's lines into blocks: headings, paragraphs, list items, table rows."""
    blocks: list[Block] = []
    row: list[list[str]] = []

    def end_row() -> None:
        if row:
            blocks.append(table_row([[ln for ln in c if ln] or [""] for c in row]))
            row.clear()

    for raw in text.split("\n"):
        line = BOOKMARK.sub("", raw).rstrip()
        if not line.strip():
            end_row()
            continue
        if line.startswith("\t"):
            row.append([line.strip()])
            continue
        if row:  # an untabbed line inside a row continues the last cell
            row[-1].append(line.strip())
            continue
        item = LIST_ITEM.match(line)
        heading = HEADING.match(line)
        if item:
            blocks.append(Block("list_item", item.group(2).strip(), marker=item.group(1)))
        elif heading:
            label, title = heading.groups()
            blocks.append(Block("heading", f"{label.strip()} {title.strip()}"))
        else:
            blocks.append(Block("paragraph", line.strip()))
    end_row()
    return Document("word_export", blocks)
