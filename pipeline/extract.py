"""Extraction as a library: one file to a Report, one report per id (the input files: pipeline/inputs.py)."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from kompass.parsers.detect import read_document
from kompass.pipeline.inputs import FORMAT_PREFERENCE, relative_name
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import normalize
from kompass.pipeline.model import Report


def extract_bytes(
    data: bytes, path: Path, relative: str, max_pages: int | None = None, pdf_engine: str = "pdfium"
) -> Report:
    """Read, interpret and normalize one file's bytes; raises KompassError on bad input."""
    doc = read_document(path, data, max_pages=max_pages, pdf_engine=pdf_engine)
    report = interpret(doc, path)
    report.source_path = relative
    report.source_sha256 = hashlib.sha256(data).hexdigest()
    return normalize(report)


def extract_file(path: Path, root: Path | None = None) -> Report:
    """Extract one report file (in this process, no time limit)."""
    relative = relative_name(path, root) if root else unicodedata.normalize("NFC", str(path))
    return extract_bytes(path.read_bytes(), path, relative)


def deduplicate(reports: list[Report]) -> tuple[list[Report], list[tuple[Report, Report]]]:
    """Keep one report per report_id (the richest layout), and list the copies dropped."""
    by_id: dict[str, list[Report]] = {}
    for r in reports:
        by_id.setdefault(r.id, []).append(r)
    kept, dropped = [], []
    for rid in sorted(by_id):
        copies = sorted(
            by_id[rid],
            key=lambda r: (
                FORMAT_PREFERENCE.index(r.source_format) if r.source_format in FORMAT_PREFERENCE else 99,
                r.source_path,
            ),
        )
        kept.append(copies[0])
        dropped += [(c, copies[0]) for c in copies[1:]]
    return kept, dropped
