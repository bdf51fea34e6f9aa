"""The block stream: what every reader produces and the interpreter consumes.

A block is a piece of a document's body in reading order, with provenance
(page, and a box where the layout has positions). Readers know formats, not
reports: they say "this is a list item", never "this is a strength".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "page_header"]


@dataclass(frozen=True)
class Block:
    """One unit of a document body.

    kind: heading, paragraph, list_item, table_row or page_header.
    text: the block's text (for a table row, the cells joined by " | ").
    cells: a table row's cells, each a tuple of its lines (a cell can hold a list).
    page: 1-based page number where known, else None.
    marker: the list glyph a list item carried ("•", "·", "-"), None if none.
    bbox: (x0, top, x1, bottom) in points where the layout has positions.
    """

    kind: BlockKind
    text: str
    page: int | None = None
    cells: tuple[tuple[str, ...], ...] = ()
    marker: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    level: int | None = None


# A reader warning is "page N: <text>" or "<text>". One whose text starts with NOTE says how
# something was read (a page re-read by the reference engine), one that starts with
# NORMALIZED what text normalization changed (textnorm): neither means text was lost, so
# both are kept in reports.reader_warnings but are not unreadable-text findings.
NOTE = "note: "
NORMALIZED = "normalized: "


def is_note(warning: str) -> bool:
    """True for a note on how text was read or normalized, False for a warning that text was lost."""
    head, sep, rest = warning.partition(": ")
    body = rest if sep and head.startswith("page ") else warning
    return body.startswith((NOTE, NORMALIZED))


@dataclass
class Document:
    """A reader's output: the blocks plus facts about the file itself."""

    source_format: str
    blocks: list[Block]
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)


def table_row(
    cells: list[list[str]] | list[str],
    page: int | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> Block:
    """Build a table_row block from cells (each a string or a list of lines)."""
    norm = tuple(tuple(c) if isinstance(c, (list, tuple)) else (c,) for c in cells)
    text = " | ".join(" ".join(c) for c in norm)
    return Block("table_row", text, page=page, cells=norm, bbox=bbox)
