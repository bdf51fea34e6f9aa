"""Write the producer matrix (run by hand; CI only reads the PDFs it wrote).

    .venv/bin/python tests/producers/make_matrix.py [--only NAME-PART] [--weasyprint PATH]

Needs Debian's libreoffice-writer-nogui (soffice), chromium and ghostscript, WeasyPrint, and a
Python with fpdf2, PyMuPDF and Typst, all outside the project:
`python3 -m venv /tmp/tools && /tmp/tools/bin/pip install weasyprint fpdf2 pymupdf typst`,
then --weasyprint /tmp/tools/bin/weasyprint --tools /tmp/tools/bin/python (the defaults
look on PATH and in /tmp/tools). fpdf2, Story and Typst print from scripts beside this
one (print_fpdf2.py, print_story.py, print_typst.py). A "ghostscript" case re-saves its source
case's PDF (written earlier in the same run, or already in the fixtures) with Debian's
ghostscript (`gs -sDEVICE=pdfwrite`). Each case of tests/producer_matrix.py
becomes tests/fixtures/producers/<name>.pdf. LibreOffice prints the .docx that
synth/native.py writes (laid out for print: A4, column widths, the table style);
Chromium and WeasyPrint print synth/html.py's HTML. LibreOffice and the browsers
stamp dates into the file, so the bytes differ from run to run; the text does not.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from producer_matrix import CASES, MATRIX_DIR, Case  # noqa: E402

from synth.html import HtmlStyle, to_html  # noqa: E402
from synth.native import Style, render_pdf, to_docx  # noqa: E402

# producers driven from Python packages kept out of the project: each script runs in the tools venv
SCRIPTS = {"fpdf2": "print_fpdf2.py", "story": "print_story.py", "typst": "print_typst.py"}
CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
]


def native_style(case: Case) -> Style:
    base = case.fixture.pdf or Style()
    base = replace(base, font=case.font) if case.font else base
    return replace(base, table_rules=case.tables, bullet=case.bullet, docx_print=True, cell_valign=case.cells)


def html_style(case: Case) -> HtmlStyle:
    return HtmlStyle(table_rules=case.tables, bullet=case.bullet)


def produce(case: Case, work: Path, weasyprint: str, tools: str) -> bytes:
    spec, seed = case.fixture.spec(), case.fixture.seed
    if case.producer == "ghostscript":
        out = work / f"{case.name}.pdf"
        source = case.original.path
        subprocess.run(["gs", "-q", "-sDEVICE=pdfwrite", "-o", str(out), str(source)], check=True)
        return out.read_bytes()
    if case.producer in SCRIPTS:
        out = work / f"{case.name}.pdf"
        subprocess.run([tools, str(HERE / SCRIPTS[case.producer]), case.name, str(out)], check=True)
        return out.read_bytes()
    if case.producer == "reportlab":
        return render_pdf(spec, seed, native_style(case))[0]
    if case.producer == "libreoffice":
        source = work / f"{case.name}.docx"
        source.write_bytes(to_docx(spec, seed, native_style(case)))
        profile = tempfile.mkdtemp(dir=work)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
            + ["--outdir", str(work), str(source)],
            check=True,
            capture_output=True,
        )
        return source.with_suffix(".pdf").read_bytes()
    source = work / f"{case.name}.html"
    source.write_text(to_html(spec, seed, html_style(case)), encoding="utf-8")
    out = work / f"{case.name}.pdf"
    if case.producer == "chromium":
        profile = tempfile.mkdtemp(dir=work)
        command = CHROMIUM + [f"--user-data-dir={profile}", f"--print-to-pdf={out}", source.as_uri()]
        subprocess.run(command, check=True, capture_output=True)
    elif case.producer == "weasyprint":
        subprocess.run([weasyprint, str(source), str(out)], check=True, capture_output=True)
    else:
        raise ValueError(f"unknown producer {case.producer!r}")
    return out.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose name contains this")
    parser.add_argument("--weasyprint", default=shutil.which("weasyprint") or "weasyprint")
    parser.add_argument("--tools", default="/tmp/tools/bin/python", help="a Python with fpdf2, pymupdf and typst")
    args = parser.parse_args()
    MATRIX_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            if args.only in case.name:
                data = produce(case, Path(tmp), args.weasyprint, args.tools)
                case.path.write_bytes(data)
                print(f"{len(data):>8}  {case.path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
