"""A .docx's package (Open Packaging Conventions): its parts found through their relationships, XML parsed.

The parts are reached as Word and python-docx reach them, from `_rels/.rels` through
each part's own `.rels`, and every part reached is read, so a damaged member (a bad
CRC, a broken deflate stream) makes the file unreadable wherever it lies. Only the
parts a reader needs are parsed: the main document, its styles, numbering, headers
and footers. The parser is the one python-docx uses (blank text removed, entities
not expanded), so a hostile file's entity declarations stay unexpanded.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = RT + "officeDocument"
STYLES = RT + "styles"
NUMBERING = RT + "numbering"
HEADER_TYPES = ("/header", "/footer")
MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class Rel:
    """One relationship of a part: its id, type and target part name (None when external)."""

    rid: str
    reltype: str
    target: str | None


@dataclass
class Package:
    """The parts of a .docx a reader needs: the main document's XML, and the bytes of its styles and numbering."""

    document: etree._Element
    headers: list[etree._Element] = field(default_factory=list)
    styles: bytes | None = None
    numbering: bytes | None = None


def parse(blob: bytes) -> etree._Element:
    """One part's XML, parsed as python-docx parses it."""
    return etree.fromstring(blob, PARSER)


def open_package(archive: zipfile.ZipFile) -> Package:
    """The main document, its headers and footers in relationship-id order, its styles and numbering.

    Raises KeyError for a missing part or content type, ValueError for a file that is no Word document.
    """
    content_types = _content_types(parse(archive.read("[Content_Types].xml")))
    reached = Reached(archive, content_types)
    reached.rels["/"] = _rels(archive, "/")
    reached.walk("/")
    blobs, rels = reached.blobs, reached.rels
    main = _related(rels["/"], OFFICE_DOCUMENT)
    if main is None:
        raise KeyError("no relationship of type 'officeDocument' in the package")
    content_type = content_types(main)
    if content_type != MAIN_CONTENT_TYPE:
        raise ValueError(f"{main} is not a Word document, its content type is '{content_type}'")
    document_rels = rels[main]
    styles = _related(document_rels, STYLES)
    numbering = _related(document_rels, NUMBERING)
    headers = {r.rid: r.target for r in document_rels if r.target and r.reltype.endswith(HEADER_TYPES)}
    return Package(
        document=parse(blobs[main]),
        headers=[parse(blobs[headers[rid]]) for rid in sorted(headers)],
        styles=blobs[styles] if styles else None,
        numbering=blobs[numbering] if numbering else None,
    )


ContentTypes = Callable[[str], str]


@dataclass
class Reached:
    """The parts reached so far: each one's bytes and relationships."""

    archive: zipfile.ZipFile
    content_types: ContentTypes
    blobs: dict[str, bytes] = field(default_factory=dict)
    rels: dict[str, list[Rel]] = field(default_factory=dict)

    def walk(self, partname: str) -> None:
        """Every part a part's relationships reach, read depth first and each once, in python-docx's order.

        The order (a part's `.rels`, its bytes, its content type, then what it points to) decides which
        damage a damaged file is reported with.
        """
        for rel in self.rels[partname]:
            if rel.target is None or rel.target in self.blobs:
                continue
            self.rels[rel.target] = _rels(self.archive, rel.target)
            self.blobs[rel.target] = self.archive.read(rel.target[1:])
            self.content_types(rel.target)  # python-docx refuses a part without a content type
            self.walk(rel.target)


def _rels(archive: zipfile.ZipFile, partname: str) -> list[Rel]:
    """The relationships in a part's `.rels` member, none when it has none."""
    directory, name = posixpath.split(partname)
    try:
        blob = archive.read(posixpath.join(directory, "_rels", f"{name}.rels")[1:])
    except KeyError:
        return []
    out = []
    for el in parse(blob).iter(RELS):
        target = el.get("Target") or ""
        external = el.get("TargetMode") == "External"
        out.append(
            Rel(
                el.get("Id") or "",
                el.get("Type") or "",
                None if external else posixpath.abspath(posixpath.join(directory, target)),
            )
        )
    return out


def _related(rels: list[Rel], reltype: str) -> str | None:
    """The part name the first internal relationship of a type points to, or None."""
    return next((r.target for r in rels if r.reltype == reltype and r.target), None)


def _content_types(root: etree._Element) -> ContentTypes:
    """A lookup partname -> content type from `[Content_Types].xml` (overrides by name, defaults by extension)."""
    overrides = {(el.get("PartName") or "").lower(): el.get("ContentType") for el in root.iter(f"{TYPES}Override")}
    defaults = {(el.get("Extension") or "").lower(): el.get("ContentType") for el in root.iter(f"{TYPES}Default")}

    def lookup(partname: str) -> str:
        found = overrides.get(partname.lower())
        if found is None:
            ext = posixpath.splitext(partname)[1]
            found = defaults.get(ext[1:].lower() if ext.startswith(".") else ext.lower())
        if found is None:
            raise KeyError(f"no content type for part {partname}")
        return found

    return lookup
