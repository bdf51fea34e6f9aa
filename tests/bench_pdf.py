"""Pages per second of the PDF reader against bare pdfplumber extract_words() (run by hand).

.venv/bin/python tests/bench_pdf.py [ROUNDS]
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402

from kompass.parsers import pdf  # noqa: E402

NATIVE = Path(__file__).parent / "fixtures" / "native"
FILES = [p for p in sorted(NATIVE.glob("*-20*.pdf"))]


def bare(data: bytes) -> int:
    """What any reader must pay: open, extract_words per page, close."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            page.extract_words(extra_attrs=["fontname", "size"])
            page.close()
        return len(doc.pages)


def reader(data: bytes) -> int:
    return pdf.read(Path("bench.pdf"), data).page_count


def rate(fn, files: list[bytes], rounds: int) -> float:
    start, pages = time.perf_counter(), 0
    for _ in range(rounds):
        for data in files:
            pages += fn(data)
    return pages / (time.perf_counter() - start)


def blocks_only(contents) -> float:
    """Pages per second of the reader's own work, from PageContent already in memory."""
    start, pages = time.perf_counter(), 0
    for page_list in contents:
        warnings: list[str] = []
        pages_ = [pdf.page_items(c, warnings) for c in page_list]
        pdf.mark_running_lines(pages_)
        pdf.flow(pages_)
        pages += len(pages_)
    return pages / (time.perf_counter() - start)


if __name__ == "__main__":
    from kompass.parsers.pdf_words import pages_pdfplumber

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    files = [p.read_bytes() for p in FILES]
    words, full = rate(bare, files, rounds), rate(reader, files, rounds)
    own = blocks_only([list(pages_pdfplumber(d)) for d in files] * 10 * rounds)
    print(f"{len(files)} files, {rounds} rounds")
    print(f"bare extract_words: {words:7.1f} pages/s")
    print(f"pdf.read          : {full:7.1f} pages/s ({100 * full / words:.0f}% of bare)")
    print(f"blocks from words : {own:7.1f} pages/s (the reader's own work)")
