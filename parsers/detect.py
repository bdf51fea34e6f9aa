"""Choose a reader from a file's content (never its name) and run it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex as re

from . import textnorm, transcript, word_export
from .blocks import Document
from .errors import CorruptFile, EmptyFile, HtmlPage, TooLarge, UnknownLayout, UnsupportedFormat
from .text import UTF16_BOMS, decode

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML = re.compile(rb"^\s*(<!doctype html|<html|<\?xml)", re.I)


def sniff(data: bytes) -> str:
    """Name the layout of a file's bytes: pdf, docx, doc, html or text."""
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "doc"
    if HTML.match(data[:512]):
        return "html"
    return "text"


def preload(suffixes: set[str], pdf_engine: str = "pdfium") -> None:
    """Import now the readers files of these suffixes will need (else on the first such file): a runner
    does it once before it forks its workers, which then share the modules instead of each importing them."""
    if ".pdf" in suffixes:
        from . import pdf

        pdf.engine_function(pdf_engine)
    if ".docx" in suffixes:
        from . import docx  # noqa: F401


def read_document(path: Path, data: bytes, max_pages: int | None = None, pdf_engine: str = "pdfium") -> Document:
    """Turn a file's bytes into a block stream with the reader its content calls for."""
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    kind = sniff(data)
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx") and kind != suffix[1:]:
        raise CorruptFile(
            path,
            f"named {suffix} but its content is not {suffix[1:].upper()} (it looks like {kind}): damaged or misnamed",
        )
    if kind == "pdf":
        from . import pdf

        return pdf.read(path, data, engine=pdf_engine, max_pages=max_pages)
    if kind == "docx":
        from . import docx

        return docx.read(path, data)
    if kind == "doc":
        raise UnsupportedFormat(path, "old binary Word (.doc) is not supported: save it as .docx or PDF and run again")
    if kind == "html":
        raise HtmlPage(path, "this is an HTML page, not a report: save the report itself (PDF, .docx or text)")
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise UnknownLayout(path, "binary content that is neither PDF nor Word: not a report")
    counts: Counter = Counter()
    text = textnorm.text_layout(decode(data), counts)
    if word_export.looks_like(text):
        return _noted(word_export.read(text), counts)
    if transcript.looks_like(text):
        doc = transcript.read(text)
        if max_pages and doc.page_count and doc.page_count > max_pages:
            raise TooLarge(path, f"{doc.page_count} pages, over the {max_pages}-page limit (--max-pages)")
        return _noted(doc, counts)
    raise UnknownLayout(path, "text in no known layout (neither a PDF transcript nor a Word export)")


def _noted(doc: Document, counts: Counter) -> Document:
    doc.warnings += textnorm.notes(counts)
    return doc
