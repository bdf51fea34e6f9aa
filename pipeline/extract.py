"""Extraction as a library: one file to a Report, a folder to reports and failures."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parsers.detect import read_document
from parsers.errors import KompassError

from .interpret import interpret
from .model import Report
from .normalize import normalize

SUFFIXES = {".txt", ".pdf", ".docx", ".doc"}
# When a report is found in several files, keep the richest layout.
FORMAT_PREFERENCE = ["docx", "pdf", "word_export", "pdf_transcript"]


@dataclass
class Failure:
    source_path: str
    source_sha256: str | None
    error_kind: str
    message: str


@dataclass
class Outcome:
    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[tuple[Report, Report]] = field(default_factory=list)  # (dropped, kept)


def input_files(raw_dir: Path) -> list[Path]:
    """The report files under raw_dir, sorted, never following links out of it."""
    root = raw_dir.resolve()
    files = []
    for path in sorted(raw_dir.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            continue
        if path.name.startswith((".", "~$")):
            continue
        files.append(path)
    return files


def extract_bytes(data: bytes, path: Path, relative: str) -> Report:
    """Read, interpret and normalize one file's bytes; raises KompassError on bad input."""
    doc = read_document(path, data)
    report = interpret(doc, path)
    report.source_path = relative
    report.source_sha256 = hashlib.sha256(data).hexdigest()
    return normalize(report)


def extract_file(path: Path, root: Path | None = None) -> Report:
    """Extract one report file."""
    relative = str(path.relative_to(root)) if root else str(path)
    return extract_bytes(path.read_bytes(), path, relative)


def _attempt(path: Path, root: Path) -> Report | Failure:
    relative = str(path.relative_to(root))
    try:
        data = path.read_bytes()
    except OSError as e:
        return Failure(relative, None, "unreadable", f"cannot read the file: {e.strerror or e}")
    sha = hashlib.sha256(data).hexdigest()
    try:
        return extract_bytes(data, path, relative)
    except KompassError as e:
        return Failure(relative, sha, e.kind, e.message)
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
        return Failure(relative, sha, "internal_error", f"{type(e).__name__}: {e}")


def extract_iter(raw_dir: Path) -> Iterator[tuple[Path, Report | Failure]]:
    """Extract every file under raw_dir, yielding each result as it is ready."""
    for path in input_files(raw_dir):
        yield path, _attempt(path, raw_dir)


def deduplicate(reports: list[Report]) -> tuple[list[Report], list[tuple[Report, Report]]]:
    """Keep one report per report_id (the richest layout), and list the copies dropped."""
    by_id: dict[str, list[Report]] = {}
    for r in reports:
        by_id.setdefault(r.report_id, []).append(r)
    kept, dropped = [], []
    for rid in sorted(by_id):
        copies = sorted(by_id[rid], key=lambda r: (FORMAT_PREFERENCE.index(r.source_format)
                                                   if r.source_format in FORMAT_PREFERENCE else 99,
                                                   r.source_path))
        kept.append(copies[0])
        dropped += [(c, copies[0]) for c in copies[1:]]
    return kept, dropped


def extract_folder(raw_dir: Path, progress: Callable[[Path], None] | None = None) -> Outcome:
    """Extract every report under raw_dir; failures are collected, never raised."""
    outcome = Outcome()
    found = []
    for path, result in extract_iter(raw_dir):
        if progress:
            progress(path)
        if isinstance(result, Failure):
            outcome.failures.append(result)
        else:
            found.append(result)
    outcome.reports, outcome.duplicates = deduplicate(found)
    return outcome
