"""Extraction as a library: one file to a Report, the input files of a folder, one report per evaluation."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kompass.parsers.detect import read_document
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import identity, normalize
from kompass.pipeline.model import Report

SUFFIXES = {".txt", ".pdf", ".docx", ".doc"}
# When a report is found in several files, keep the richest layout.
FORMAT_PREFERENCE = ["docx", "pdf", "word_export", "pdf_transcript"]


@dataclass
class Failure:
    source_path: str
    source_sha256: str | None
    error_kind: str
    message: str


def input_files(raw_dir: Path) -> list[Path]:
    """The report files under raw_dir, sorted; links pointing out of raw_dir are not followed.

    Hidden files and Word's lock files ("~$rapport.docx") are skipped.
    """
    root = raw_dir.resolve()
    files = []
    for folder, dirs, names in os.walk(raw_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(folder) / name
            if path.suffix.lower() not in SUFFIXES or name.startswith((".", "~$")):
                continue
            if not path.resolve().is_relative_to(root) or not path.is_file():
                continue
            files.append(path)
    return sorted(files)


def relative_name(path: Path, root: Path) -> str:
    """A file's path under root as the dataset records it: NFC, so a name copied from a Mac (decomposed,
    "Trana\u030as.pdf") is the same source_path as the composed one."""
    return unicodedata.normalize("NFC", str(path.relative_to(root)))


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
