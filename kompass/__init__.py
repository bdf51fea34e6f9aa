"""kompass: Kommunkompassen evaluation reports to one normalized Parquet dataset.

The installed package holds the readers (`kompass.parsers`), the interpreter,
checks and writers (`kompass.pipeline`) and the table schemas (`kompass.schemas`).
The Python API, `kompass.extract`, `kompass.load` and `kompass.validate`
(`kompass.pipeline.api`), is imported on first use, so `import kompass` stays cheap.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("kommunkompass")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from kompass.pipeline.api import (
        Dataset,
        ExtractSummary,
        InputNotFound,
        Interrupted,
        InvalidOption,
        NoDataset,
        OutputNotWritable,
        UsageError,
        extract,
        load,
        validate,
    )

__all__ = [
    "__version__",
    "Dataset",
    "ExtractSummary",
    "InputNotFound",
    "Interrupted",
    "InvalidOption",
    "NoDataset",
    "OutputNotWritable",
    "UsageError",
    "extract",
    "load",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from kompass.pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'kompass' has no attribute {name!r}")
