"""What a run may spend on one file, and how: the runner's settings, validated on creation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """What a run may spend on one file, and how. Validated on creation."""

    jobs: int = 1
    timeout: float = 60.0  # seconds per file
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 400
    pdf_engine: str = "pdfium"
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.max_bytes < 1 or self.max_pages < 1:
            raise ValueError("size and page limits must be positive")
