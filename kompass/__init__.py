"""kompass: Kommunkompassen evaluation reports to one normalized Parquet dataset.

The installed package holds the readers (`kompass.parsers`), the interpreter,
checks and writers (`kompass.pipeline`) and the table schemas (`kompass.schemas`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kommunkompass")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
