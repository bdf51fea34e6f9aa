"""Extraction as a library: one file to a Report, one report per evaluation (the input files: pipeline/inputs.py)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from pathlib import Path

from kompass.parsers.detect import read_document
from kompass.pipeline.inputs import FORMAT_PREFERENCE, relative_name
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import identity, normalize
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
    """Keep one report per identity (municipality code and year, else the file's content: see
    normalize.identity), the richest layout; and list the copies dropped, each with the one kept.

    Reports of different identities are never copies, whatever their names fold to (Habo and Håbo).
    """
    by_identity: dict[tuple[str, str], list[Report]] = {}
    for r in reports:
        by_identity.setdefault(identity(r), []).append(r)
    kept, dropped = [], []
    for key in sorted(by_identity):
        copies = sorted(
            by_identity[key],
            key=lambda r: (
                FORMAT_PREFERENCE.index(r.source_format) if r.source_format in FORMAT_PREFERENCE else 99,
                r.source_path or "",
            ),
        )
        kept.append(copies[0])
        dropped += [(c, copies[0]) for c in copies[1:]]
    ids = Counter(r.id for r in kept)
    if max(ids.values(), default=1) > 1:  # two identities, one id: the id would join two reports' rows
        raise ValueError(f"report ids not unique: {sorted(i for i, n in ids.items() if n > 1)}")
    return sorted(kept, key=lambda r: r.id), dropped
