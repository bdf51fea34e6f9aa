"""The parser version: a hash of the readers' and interpreter's source, which the cache and the run record carry.

Its own module so that deciding whether a run can stand on the last one imports
none of the readers or checks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def _code_version() -> str:
    """A hash of the readers' and interpreter's source: any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for package in ("parsers", "pipeline"):
        folder = Path(__file__).parent.parent / package
        for source in sorted(folder.rglob("*.py")) + sorted(folder.rglob("*.csv")):
            digest.update(source.relative_to(folder).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _code_version()
