"""`make bench`: speed, memory and correctness of extraction on a generated corpus.

Generates N report specs, renders them as PDF transcripts and Word exports
(synth/text.py) and the first M as PDFs (synth/pdf.py), plus one long PDF;
times `kompass extract` per layout and checks the dataset against the specs;
times bare pdfplumber extract_words, pypdfium2's plain text and both word
sources over the same PDF pages, and compares the two word sources page by page;
measures peak RSS of each word source on the long PDF. Prints a table and writes
benchmarks/results.json. Each measurement runs alone, in a process of its own.

    python -m benchmarks.bench [--reports 200] [--pdf-reports 20] [--long-pages 400]
"""

from __future__ import annotations

import argparse
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

from synth import text as synth
from synth.native import to_docx
from synth.pdf import render, render_many

from . import check, compare
from .corpus import specs as make_specs

HERE = Path(__file__).resolve().parent
PAGE_COUNT = re.compile(r"Sveriges Kommuner och Landsting \S+ \d+ \((\d+)\)")
ENGINES = [  # name in benchmarks.engines, label
    ("bare_pdfplumber", "pdfplumber extract_words() (bare)"),
    ("pdfplumber", "pdfplumber word source (reference engine)"),
    ("pdfium", "pdfium word source"),
    ("pdfium_text", "pypdfium2 plain text"),
]


def _worker(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", *args], capture_output=True, text=True, cwd=HERE.parent
    )
    if done.returncode:
        raise RuntimeError(f"worker {args[:2]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(root: Path, reports: int, pdf_reports: int, long_pages: int, seed: int, docx_reports: int = 50) -> dict:
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
    folder = root / "docx"
    folder.mkdir()
    for i, spec in enumerate(specs[:docx_reports]):
        (folder / f"report-{i:04d}.docx").write_bytes(to_docx(spec, seed=i))
    corpus["docx_reports"] = min(docx_reports, len(specs))
    corpus["pages"]["docx"] = None
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


SINGLE = ["--jobs", "1", "--no-cache"]


def _extract_row(corpus: dict, root: Path, layout: str, name: str, options: list[str]) -> dict:
    """Time `kompass extract` over one layout's folder; check the dataset against the specs."""
    out = root / f"out-{name}"
    run = _worker("extract", str(root / layout), str(out), *options)
    n = {"pdf": len(corpus["pdf_files"]), "docx": corpus["docx_reports"]}.get(layout, len(corpus["specs"]))
    pages = corpus["pages"][layout]
    row = {
        "layout": layout,
        "options": " ".join(options),
        "reports": n,
        "pages": pages,
        "seconds": run["seconds"],
        "reports_per_s": n / run["seconds"],
        "pages_per_s": pages / run["seconds"] if pages else None,
        "peak_rss_mb": run["peak_rss_mb"],
        "exit_code": run["exit_code"],
        "out": str(out),
    }
    if (out / "overview.html").exists():
        row["overview_kb"] = (out / "overview.html").stat().st_size / 1024
    if (out / "reports.parquet").exists():
        row["check"] = check.match(out, corpus["specs"][:n], exact_bullets=layout != "pdf_transcript")
    return row


def _same_tables(a: Path, b: Path) -> bool:
    """Two datasets hold equal tables (file metadata such as the run time aside)."""
    import pyarrow.parquet as pq

    return all(pq.read_table(a / f.name).equals(pq.read_table(b / f.name)) for f in sorted(a.glob("*.parquet")))


def _reruns(root: Path) -> dict:
    """A re-run of the transcript corpus with nothing changed, then with one file changed (cache on)."""
    raw, out = root / "pdf_transcript", root / "out-rerun"
    first = _worker("extract", str(raw), str(out))
    same = _worker("extract", str(raw), str(out))
    changed = sorted(raw.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    one = _worker("extract", str(raw), str(out))
    own = _worker("extract", str(root / "one"), str(root / "out-one"), *SINGLE) if _copy_one(changed, root) else {}
    return {
        "first_seconds": first["seconds"],
        "unchanged_seconds": same["seconds"],
        "one_changed_seconds": one["seconds"],
        "that_file_alone_seconds": own.get("seconds"),
    }


def _copy_one(path: Path, root: Path) -> bool:
    (root / "one").mkdir(exist_ok=True)
    (root / "one" / path.name).write_bytes(path.read_bytes())
    return True


def measure(corpus: dict, root: Path) -> dict:
    results: dict = {"layouts": {}, "engines": {}, "long_pdf": {}, "engine_identity": {}}
    for layout in ("pdf_transcript", "word_export", "docx"):
        results["layouts"][layout] = _extract_row(corpus, root, layout, layout, SINGLE)
    pdf = {
        engine: _extract_row(corpus, root, "pdf", f"pdf-{engine}", [*SINGLE, "--pdf-engine", engine])
        for engine in ("pdfium", "pdfplumber")
    }
    results["layouts"]["pdf (pdfium engine)"] = pdf["pdfium"]
    results["layouts"]["pdf (pdfplumber engine)"] = pdf["pdfplumber"]
    two = _extract_row(corpus, root, "pdf", "pdf-jobs2", ["--jobs", "2", "--no-cache", "--pdf-engine", "pdfium"])
    results["layouts"]["pdf (pdfium, --jobs 2)"] = two
    results["pdf_datasets_identical"] = _same_tables(Path(pdf["pdfium"]["out"]), Path(pdf["pdfplumber"]["out"]))
    results["jobs2_speedup"] = pdf["pdfium"]["seconds"] / two["seconds"]
    results["reruns"] = _reruns(root)
    dumps = {}
    for name, label in ENGINES:
        dump = str(root / f"{name}.pickle") if name in ("pdfplumber", "pdfium") else None
        run = _worker("engine", name, *corpus["pdf_files"], *(["--dump", dump] if dump else []))
        results["engines"][name] = {
            "label": label,
            "pages": run["pages"],
            "seconds": run["seconds"],
            "pages_per_s": run["pages"] / run["seconds"],
        }
        if dump:
            dumps[name] = dump
    bare = results["engines"]["bare_pdfplumber"]["pages_per_s"]
    for row in results["engines"].values():
        row["x_bare_pdfplumber"] = row["pages_per_s"] / bare
    for row in results["layouts"].values():
        if row["layout"] == "pdf":
            row["x_bare_pdfplumber"] = row["pages_per_s"] / bare
    for name in ("pdfplumber", "pdfium"):
        run = _worker("engine", name, corpus["long_pdf"])
        results["long_pdf"][name] = {
            "pages": run["pages"],
            "seconds": run["seconds"],
            "pages_per_s": run["pages"] / run["seconds"],
            "peak_rss_mb": run["peak_rss_mb"],
        }
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
    return {
        "pages": pages,
        "identical_pages": identical,
        "same_words_any_order": same_words,
        "tolerance_pt": compare.TOLERANCE,
        "examples": examples,
    }


def report(results: dict) -> str:
    engines = results["engines"]
    lines = ["", "kompass extract, per layout (--jobs 1 --no-cache unless said; whole command, start-up included)"]
    lines.append(
        f"  {'layout':<26}{'reports':>8}{'pages':>7}{'reports/s':>10}{'pages/s':>9}{'x bare':>8}"
        f"{'peak RSS':>10}{'reports matching':>18}{'question rows':>15}"
    )
    for layout, row in results["layouts"].items():
        c = row.get("check", {})
        pages_per_s = f"{row['pages_per_s']:.1f}" if row["pages_per_s"] else "-"
        ratio = f"{row['x_bare_pdfplumber']:.2f}x" if "x_bare_pdfplumber" in row else "-"
        lines.append(
            f"  {layout:<26}{row['reports']:>8}{row['pages'] or '-':>7}{row['reports_per_s']:>10.1f}"
            f"{pages_per_s:>9}{ratio:>8}{row['peak_rss_mb']:>8.0f}MB"
            f"{c.get('report_match_rate', 0):>17.1%} {c.get('question_match_rate', 0):>14.1%}"
        )
    lines.append(
        f"  x bare: pages/s against bare pdfplumber extract_words() over the same pages "
        f"({engines['bare_pdfplumber']['pages_per_s']:.1f} pages/s)"
    )
    lines.append(
        f"  PDF datasets of the two engines identical: {results['pdf_datasets_identical']}; "
        f"--jobs 2 over --jobs 1: {results['jobs2_speedup']:.2f}x"
    )
    transcripts = results["layouts"]["pdf_transcript"]
    if "overview_kb" in transcripts:
        lines.append(
            f"  overview.html of the {transcripts['reports']} transcripts: {transcripts['overview_kb']:.0f} KB"
        )
    r = results["reruns"]
    lines.append(
        f"  re-run of {results['layouts']['pdf_transcript']['reports']} transcripts (cache on): first "
        f"{r['first_seconds']:.2f} s, unchanged {r['unchanged_seconds']:.2f} s, one file changed "
        f"{r['one_changed_seconds']:.2f} s (that file alone: {r['that_file_alone_seconds']:.2f} s)"
    )
    pages = engines["bare_pdfplumber"]["pages"]
    lines += ["", f"PDF word extraction, the same {pages} pages"]
    lines.append(f"  {'engine':<44}{'pages/s':>9}{'x bare pdfplumber':>19}")
    for row in engines.values():
        lines.append(f"  {row['label']:<44}{row['pages_per_s']:>9.1f}{row['x_bare_pdfplumber']:>18.2f}x")
    lines.append(
        "  pdfium word source / plain text: "
        f"{engines['pdfium']['pages_per_s'] / engines['pdfium_text']['pages_per_s']:.2f}"
        f"; pdfium word source / pdfplumber word source: "
        f"{engines['pdfium']['pages_per_s'] / engines['pdfplumber']['pages_per_s']:.2f}x"
    )
    ident = results["engine_identity"]
    lines += [
        "",
        f"pdfium vs pdfplumber words: {ident['identical_pages']}/{ident['pages']} pages identical "
        f"(text, order, positions within {ident['tolerance_pt']} pt); "
        f"{ident['same_words_any_order']}/{ident['pages']} with the same words in any order",
    ]
    lines += [f"  {e}" for e in ident["examples"]]
    lines += ["", "One long PDF"]
    for name, row in results["long_pdf"].items():
        lines.append(
            f"  {name:<12}{row['pages']:>5} pages {row['pages_per_s']:>8.1f} pages/s   peak RSS "
            f"{row['peak_rss_mb']:.0f} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reports per text layout (default 200)")
    parser.add_argument("--pdf-reports", type=int, default=20, help="reports rendered as PDF (default 20)")
    parser.add_argument("--long-pages", type=int, default=400, help="pages of the long PDF (default 400)")
    parser.add_argument("--docx-reports", type=int, default=50, help="reports rendered as .docx (default 50)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as tmp:
        root = Path(tmp)
        corpus = generate(
            root, args.reports, min(args.pdf_reports, args.reports), args.long_pages, args.seed, args.docx_reports
        )
        print(
            f"corpus: {args.reports} reports per text layout, {len(corpus['pdf_files'])} PDFs "
            f"({corpus['pages']['pdf']} pages), one {args.long_pages}-page PDF",
            flush=True,
        )
        results = measure(corpus, root)
    results["settings"] = {
        "reports": args.reports,
        "pdf_reports": len(corpus["pdf_files"]),
        "long_pages": args.long_pages,
        "seed": args.seed,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "pdfium": pdfium.PDFIUM_INFO.version if hasattr(pdfium, "PDFIUM_INFO") else "",
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    print(report(results))
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
