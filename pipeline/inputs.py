"""A run's inputs: the report files of a folder, their names in the dataset, and a file that failed.

Apart from the readers, so that a run which stands on the last one lists and
hashes its inputs without importing them.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
