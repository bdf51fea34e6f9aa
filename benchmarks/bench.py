"""`make bench`: speed, memory and correctness of extraction on a generated corpus.

Generates N report specs, renders them as PDF transcripts and Word exports
(pipeline/synth.py) and the first M as PDFs (render_pdf.py), plus one long PDF;
times `kompass extract` per layout and checks the dataset against the specs;
times bare pdfplumber extract_words, pypdfium2's plain text and both word
sources over the same PDF pages, and compares the two word sources page by page;
measures peak RSS of each word source on the long PDF. Prints a table and writes
benchmarks/results.json. Each measurement runs alone, in a process of its own.

    python -m benchmarks.bench [--reports 200] [--pdf-reports 20] [--long-pages 400]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from pipeline import synth

from . import check, compare
from .corpus import specs as make_specs
from .render_pdf import render, render_many

HERE = Path(__file__).resolve().parent
PAGE_COUNT = re.compile(r"Sveriges Kommuner och Landsting \S+ \d+ \((\d+)\)")
ENGINES = [  # name in benchmarks.engines, label
    ("bare_pdfplumber", "pdfplumber extract_words() (bare)"),
    ("pdfplumber", "pdfplumber word source (reference engine)"),
    ("pdfium", "pdfium word source"),
    ("pdfium_text", "pypdfium2 plain text"),
]


def _worker(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.worker", *args], capture_output=True, text=True,
                          cwd=HERE.parent)
    if done.returncode:
        raise RuntimeError(f"worker {args[:2]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(root: Path, reports: int, pdf_reports: int, long_pages: int, seed: int) -> dict:
    """Write the corpus under root; return what was written, with each layout's specs and page counts."""
    specs = make_specs(reports, seed)
    corpus: dict = {"specs": specs, "pages": {}}
    for layout, render_text in (("pdf_transcript", synth.transcript), ("word_export", synth.word_export)):
        folder = root / layout
        folder.mkdir()
        pages = 0
        for i, spec in enumerate(specs):
            text = render_text(spec, seed=i)
            found = PAGE_COUNT.search(text)
            pages += int(found.group(1)) if found else 0
            (folder / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")
        corpus["pages"][layout] = pages or None  # a Word export has no pages
    folder = root / "pdf"
    folder.mkdir()
    corpus["pdf_files"], pages = [], 0
    for i, spec in enumerate(specs[:pdf_reports]):
        path = folder / f"report-{i:04d}.pdf"
        path.write_bytes(render(spec, seed=i))
        pages += len(pdfium.PdfDocument(path))
        corpus["pdf_files"].append(str(path))
    corpus["pages"]["pdf"] = pages
    corpus["long_pdf"] = str(_long_pdf(root / "long.pdf", specs, long_pages))
    return corpus


def _long_pdf(path: Path, specs: list[dict], pages: int) -> Path:
    """One PDF of exactly `pages` pages: reports one after another, cut where the count is reached."""
    needed = max(1, pages // 18 + 1)
    data = render_many([specs[i % len(specs)] for i in range(needed)], seed=1)
    source = pdfium.PdfDocument(data)
    while len(source) < pages:
        needed *= 2
        data = render_many([specs[i % len(specs)] for i in range(needed)], seed=1)
        source = pdfium.PdfDocument(data)
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(pages)))
    cut.save(path)
    return path


def measure(corpus: dict, root: Path) -> dict:
    results: dict = {"layouts": {}, "engines": {}, "long_pdf": {}, "engine_identity": {}}
    layouts = ["pdf_transcript", "word_export"]
    if importlib.util.find_spec("parsers.pdf") is not None:
        layouts.append("pdf")
    for layout in layouts:
        out = root / f"out-{layout}"
        run = _worker("extract", str(root / layout), str(out))
        n = len(corpus["specs"]) if layout != "pdf" else len(corpus["pdf_files"])
        pages = corpus["pages"][layout]
        row = {"reports": n, "pages": pages, "seconds": run["seconds"], "reports_per_s": n / run["seconds"],
               "pages_per_s": pages / run["seconds"] if pages else None, "peak_rss_mb": run["peak_rss_mb"],
               "exit_code": run["exit_code"]}
        if (out / "reports.parquet").exists():
            specs = corpus["specs"][:n]
            row["check"] = check.match(out, specs, exact_bullets=layout != "pdf_transcript")
        results["layouts"][layout] = row
    dumps = {}
    for name, label in ENGINES:
        dump = str(root / f"{name}.pickle") if name in ("pdfplumber", "pdfium") else None
        run = _worker("engine", name, *corpus["pdf_files"], *(["--dump", dump] if dump else []))
        results["engines"][name] = {"label": label, "pages": run["pages"], "seconds": run["seconds"],
                                    "pages_per_s": run["pages"] / run["seconds"]}
        if dump:
            dumps[name] = dump
    bare = results["engines"]["bare_pdfplumber"]["pages_per_s"]
    for row in results["engines"].values():
        row["x_bare_pdfplumber"] = row["pages_per_s"] / bare
    for name in ("pdfplumber", "pdfium"):
        run = _worker("engine", name, corpus["long_pdf"])
        results["long_pdf"][name] = {"pages": run["pages"], "seconds": run["seconds"],
                                     "pages_per_s": run["pages"] / run["seconds"], "peak_rss_mb": run["peak_rss_mb"]}
    results["engine_identity"] = _identity(dumps)
    return results


def _identity(dumps: dict) -> dict:
    expected = pickle.loads(Path(dumps["pdfplumber"]).read_bytes())
    got = pickle.loads(Path(dumps["pdfium"]).read_bytes())
    pages = identical = same_words = 0
    examples = []
    for doc_a, doc_b in zip(expected, got):
        if len(doc_a) != len(doc_b):
            examples.append(f"page counts differ: {len(doc_a)} != {len(doc_b)}")
        for a, b in zip(doc_a, doc_b):
            pages += 1
            differences = compare.page_differences(a, b)
            identical += not differences
            same_words += compare.same_words_any_order(a, b)
            if differences and len(examples) < 5:
                examples.append(f"page {a.number}: {differences[0][:300]}")
    return {"pages": pages, "identical_pages": identical, "same_words_any_order": same_words,
            "tolerance_pt": compare.TOLERANCE, "examples": examples}


def report(results: dict) -> str:
    lines = ["", "kompass extract, per layout"]
    lines.append(f"  {'layout':<16}{'reports':>8}{'pages':>8}{'reports/s':>11}{'pages/s':>9}{'peak RSS':>10}"
                 f"{'reports matching':>18}{'question rows':>15}")
    for layout, row in results["layouts"].items():
        c = row.get("check", {})
        pages_per_s = f"{row['pages_per_s']:.1f}" if row["pages_per_s"] else "-"
        lines.append(f"  {layout:<16}{row['reports']:>8}{row['pages'] or '-':>8}{row['reports_per_s']:>11.1f}"
                     f"{pages_per_s:>9}{row['peak_rss_mb']:>8.0f}MB"
                     f"{c.get('report_match_rate', 0):>17.1%} {c.get('question_match_rate', 0):>14.1%}")
    if "pdf" not in results["layouts"]:
        lines.append("  pdf: no PDF reader yet (parsers/pdf.py); the engines below read the PDF corpus")
    engines = results["engines"]
    pages = engines["bare_pdfplumber"]["pages"]
    lines += ["", f"PDF word extraction, the same {pages} pages"]
    lines.append(f"  {'engine':<44}{'pages/s':>9}{'x bare pdfplumber':>19}")
    for row in engines.values():
        lines.append(f"  {row['label']:<44}{row['pages_per_s']:>9.1f}{row['x_bare_pdfplumber']:>18.2f}x")
    lines.append(f"  pdfium word source / plain text: {engines['pdfium']['pages_per_s'] / engines['pdfium_text']['pages_per_s']:.2f}"
                 f"; pdfium word source / pdfplumber word source: "
                 f"{engines['pdfium']['pages_per_s'] / engines['pdfplumber']['pages_per_s']:.2f}x")
    ident = results["engine_identity"]
    lines += ["", f"pdfium vs pdfplumber words: {ident['identical_pages']}/{ident['pages']} pages identical "
                  f"(text, order, positions within {ident['tolerance_pt']} pt); "
                  f"{ident['same_words_any_order']}/{ident['pages']} with the same words in any order"]
    lines += [f"  {e}" for e in ident["examples"]]
    lines += ["", "One long PDF"]
    for name, row in results["long_pdf"].items():
        lines.append(f"  {name:<12}{row['pages']:>5} pages {row['pages_per_s']:>8.1f} pages/s   peak RSS "
                     f"{row['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reports per text layout (default 200)")
    parser.add_argument("--pdf-reports", type=int, default=20, help="reports rendered as PDF (default 20)")
    parser.add_argument("--long-pages", type=int, default=400, help="pages of the long PDF (default 400)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as tmp:
        root = Path(tmp)
        corpus = generate(root, args.reports, min(args.pdf_reports, args.reports), args.long_pages, args.seed)
        print(f"corpus: {args.reports} reports per text layout, {len(corpus['pdf_files'])} PDFs "
              f"({corpus['pages']['pdf']} pages), one {args.long_pages}-page PDF", flush=True)
        results = measure(corpus, root)
    results["settings"] = {"reports": args.reports, "pdf_reports": len(corpus["pdf_files"]),
                           "long_pages": args.long_pages, "seed": args.seed,
                           "python": platform.python_version(), "machine": platform.machine(),
                           "pdfium": pdfium.PDFIUM_INFO.version if hasattr(pdfium, "PDFIUM_INFO") else "",
                           "total_seconds": round(time.perf_counter() - started, 1)}
    print(report(results))
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
