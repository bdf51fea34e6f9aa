"""Write the native-format fixtures (run by hand: `.venv/bin/python tests/make_fixtures.py`).

Each fixture of tests/native_fixtures.py becomes a .docx and/or a .pdf in
tests/fixtures/native/, plus <name>.pdf.json: the page the renderer put each
bullet and sub-question on. The error fixtures (one file per reported problem)
go beside them. Deterministic: the same code writes the same files.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from native_fixtures import FIXTURES, NATIVE  # noqa: E402

from synth.native import render_pdf, to_docx  # noqa: E402


def reports() -> None:
    for fx in FIXTURES:
        spec = fx.spec()
        if fx.docx:
            fx.path("docx").write_bytes(to_docx(spec, fx.seed, fx.docx))
        if fx.pdf:
            data, placed = render_pdf(spec, fx.seed, fx.pdf)
            fx.path("pdf").write_bytes(data)
            fx.path("pdf.json").write_text(json.dumps(asdict(placed), indent=1, sort_keys=True) + "\n")


def scanned_pdf() -> bytes:
    """A page with only a picture on it (a scan): shapes and an image, no text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    gray = bytes((x * 7 + y * 3) % 256 for y in range(40) for x in range(30))
    c.drawImage(ImageReader(_pgm(30, 40, gray)), 70, 400, width=450, height=380)
    c.rect(70, 100, 450, 250, stroke=1, fill=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def _pgm(width: int, height: int, pixels: bytes) -> io.BytesIO:
    """A tiny grayscale image as PGM, which reportlab reads through Pillow."""
    return io.BytesIO(b"P5 %d %d 255\n" % (width, height) + pixels)


def encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1, encrypt="hemligt")
    c.drawString(70, 770, "KommunKompassen ANALYS AV TRANÅS KOMMUN 2017")
    c.showPage()
    c.save()
    return buf.getvalue()


def docx_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2017, 5, 10, 0, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("word/styles.xml", (2017, 5, 10, 0, 0, 0)), "<w:styles/>")
    return buf.getvalue()


def zip_bomb() -> bytes:
    """A .docx-shaped zip whose directory says its members unpack to 3 x 100 MB.

    A real bomb of that size is ~300 KB of deflated zeros; the reader decides from
    the directory alone, so the fixture keeps the small members and states the
    large sizes (in the local headers too, as a real bomb would).
    """
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("word/document.xml", (2017, 5, 10, 0, 0, 0)), b"<w:document/>", zipfile.ZIP_DEFLATED)
        for n in range(3):
            z.writestr(
                zipfile.ZipInfo(f"word/media/image{n}.bin", (2017, 5, 10, 0, 0, 0)), bytes(1024), zipfile.ZIP_DEFLATED
            )
    data = bytearray(buf.getvalue())
    big = 100 * 2**20
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(signature)
        while pos >= 0:
            name_len = struct.unpack_from("<H", data, pos + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = pos + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + name_len].startswith(b"word/media/"):
                struct.pack_into("<I", data, pos + size_at, big)
            pos = data.find(signature, pos + 4)
    return bytes(data)


def errors() -> None:
    tranas = (NATIVE / "tranas-2017.pdf").read_bytes()
    files = {
        "scanned.pdf": scanned_pdf(),
        "encrypted.pdf": encrypted_pdf(),
        "truncated.pdf": tranas[: len(tranas) // 3],
        "not-a-zip.docx": b"PK\x03\x04" + b"this was a Word document once" * 20,
        "no-document-xml.docx": docx_without_document(),
        "zip-bomb.docx": zip_bomb(),
    }
    for name, data in files.items():
        (NATIVE / name).write_bytes(data)


if __name__ == "__main__":
    NATIVE.mkdir(parents=True, exist_ok=True)
    reports()
    errors()
    for path in sorted(NATIVE.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(NATIVE.parent.parent)}")
