"""The parser version: a hash of the readers' and interpreter's source, which the cache and the run record carry.

Its own module so that deciding whether a run can stand on the last one imports
none of the readers or checks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import kompass.parsers
import kompass.pipeline


def code_files() -> list[tuple[str, Path]]:
    """The readers' and interpreter's sources and data, (name, path), wherever kompass.parsers and
    kompass.pipeline were imported from (a wheel's site-packages, or the source tree of an editable install)."""
    found = []
    for package in (kompass.parsers, kompass.pipeline):
        for folder in map(Path, package.__path__):
            for source in sorted(folder.rglob("*.py")) + sorted(folder.rglob("*.csv")):
                found.append((f"{package.__name__}/{source.relative_to(folder).as_posix()}", source))
    return found


def _code_version() -> str:
    """A hash of the readers' and interpreter's source: any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for name, source in code_files():
        digest.update(name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _code_version()
