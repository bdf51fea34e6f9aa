"""Choose a reader from a file's content (never its name) and run it."""
from __future__ import annotations

from pathlib import Path

import regex as re

from . import transcript, word_export
from .blocks import Document
from .errors import EmptyFile, UnknownLayout, UnsupportedFormat
from .text import decode

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


def read_document(path: Path, data: bytes) -> Document:
    """Turn a file's bytes into a block stream with the reader its content calls for."""
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    kind = sniff(data)
    if kind == "pdf":
        from . import pdf

        return pdf.read(path, data)
    if kind == "docx":
        from . import docx

        return docx.read(path, data)
    if kind == "doc":
        raise UnsupportedFormat(path, "old binary Word (.doc) is not supported: save it as .docx or PDF and run again")
    if kind == "html":
        raise UnsupportedFormat(path, "this is an HTML page, not a report: save the report itself (PDF, .docx or text)")
    text = decode(data)
    if word_export.looks_like(text):
        return word_export.read(text)
    if transcript.looks_like(text):
        return transcript.read(text)
    raise UnknownLayout(path, "text in no known layout (neither a PDF transcript nor a Word export)")
