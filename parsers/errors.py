"""Named errors for inputs that cannot be read; each carries the file and a kind.

The CLI turns them into one-line messages and failure rows; `kind` is the
stable `error_kind` written to failures.parquet.
"""

from __future__ import annotations

from pathlib import Path


class KompassError(Exception):
    """A file could not be turned into a report."""

    kind = "error"

    def __init__(self, path: str | Path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{path}: {message}")


class EmptyFile(KompassError):
    kind = "empty_file"


class UnknownLayout(KompassError):
    kind = "unknown_layout"


class NotAReport(KompassError):
    kind = "not_a_report"


class UnsupportedFormat(KompassError):
    kind = "unsupported_format"


class CorruptFile(KompassError):
    kind = "corrupt_file"


class NoTextLayer(KompassError):
    kind = "no_text_layer"


class Encrypted(KompassError):
    kind = "encrypted"


class TooLarge(KompassError):
    kind = "too_large"


class HtmlPage(KompassError):
    kind = "html_page"
