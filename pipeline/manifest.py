"""What the last run of `kompass extract` read and said, so an unchanged input is not processed again.

Kept in OUT_DIR/.cache/manifest.json: the parser code's version, the settings
that change results, the sha256 of every input file, and the lines the run printed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kompass.pipeline.cache import entry_path
from kompass.pipeline.parser_version import PARSER_VERSION

if TYPE_CHECKING:
    from kompass.pipeline.settings import Settings

NAME = "manifest.json"


def state(tasks: list[tuple[Path, str]], settings: Settings) -> dict:
    """The inputs of a run: code version, result-changing settings, file hashes."""
    files: dict[str, str | None] = {}  # None: the file could not be read
    for path, relative in tasks:
        try:
            files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            files[relative] = None
    return {
        "code": PARSER_VERSION,
        "pdf_engine": settings.pdf_engine,
        "max_pages": settings.max_pages,
        "max_bytes": settings.max_bytes,
        "files": files,
    }


def unchanged(out_dir: Path, current: dict, outputs: list[str]) -> dict | None:
    """The last run's record if it read exactly these inputs and its output files are all there."""
    try:
        last = json.loads((out_dir / ".cache" / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if last.get("inputs") != current or not all((out_dir / name).exists() for name in outputs):
        return None
    return last


def save(
    out_dir: Path, current: dict, stdout: list[str], stderr: list[str], exit_code: int, summary: dict | None = None
) -> None:
    """Record a finished run (after its dataset was written), with its summary for a run that stands in for it."""
    folder = out_dir / ".cache"
    tmp = folder / f".{NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(
            json.dumps(
                {"inputs": current, "stdout": stdout, "stderr": stderr, "exit_code": exit_code, "summary": summary}
            ),
            encoding="utf-8",
        )
        os.replace(tmp, folder / NAME)
    except OSError:
        tmp.unlink(missing_ok=True)  # without a manifest the next run just does the work again


def cache_files(current: dict) -> set[str]:
    """The names in OUT_DIR/.cache that a run of these inputs uses: the manifest and one entry per input read."""
    return {NAME} | {entry_path(Path(), sha, current["pdf_engine"]).name for sha in current["files"].values() if sha}
