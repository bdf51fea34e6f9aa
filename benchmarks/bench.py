"""`make bench`: speed, memory and correctness of extraction, each against its target; exits 1 if one falls short.

Generates N report specs, renders them as PDF transcripts and Word exports
(synth/text.py), the first 50 as .docx and the first M as PDFs (synth/pdf.py),
plus one long PDF; times the whole `kompass extract` command (start-up included)
on each layout and checks every dataset against the specs; times bare pdfplumber
`extract_words()`, pypdfium2's own pass over every character and its box (the
physical floor of any pdfium word source) and both word sources over the same
pages, and compares the two word sources page by page; does the same per producer
of the test matrix (tests/fixtures/producers); times the two sample reports
against a bare `import pandas, pyarrow.parquet`, a re-run with nothing changed,
and measures the memory of a --jobs 2 run over 900 files. Every comparison is
made within this run, on this machine. Prints each figure with its target, writes
benchmarks/results.json, and with --readme rewrites the README's speed table.

    python -m benchmarks.bench [--reports 200] [--pdf-reports 20] [--long-pages 400] [--readme]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache, partial
from pathlib import Path

import pypdfium2 as pdfium

from synth import text as synth
from synth.native import to_docx
from synth.pdf import render, render_many

from . import check, compare
from .corpus import specs as make_specs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MATRIX = ROOT / "tests" / "fixtures" / "producers"
SAMPLES = ROOT / "data" / "raw"
README = ROOT / "README.md"
PAGE_COUNT = re.compile(r"Sveriges Kommuner och Landsting \S+ \d+ \((\d+)\)")
SINGLE = ["--jobs", "1", "--no-cache"]
MEMORY_FILES = 900
ENGINES = [  # name in benchmarks.engines, label
    ("bare_pdfplumber", "pdfplumber extract_words() (bare)"),
    ("pdfplumber", "pdfplumber word source (reference engine)"),
    ("pdfium", "pdfium word source"),
    ("pdfium_chars", "pypdfium2 chars and boxes (the floor)"),
    ("pdfium_text", "pypdfium2 plain text"),
]


@dataclass
class Target:
    """One figure and the bound it must meet: at least (>=) or at most (<=)."""

    what: str
    measured: float
    bound: float
    at_least: bool
    unit: str = ""
    note: str = ""

    @property
    def met(self) -> bool:
        return self.measured >= self.bound if self.at_least else self.measured <= self.bound

    def cells(self) -> tuple[str, str, str]:
        sign = "≥" if self.at_least else "≤"
        return (
            f"{_number(self.measured)}{self.unit}",
            f"{sign} {_number(self.bound)}{self.unit}",
            ("met" if self.met else "**missed**"),
        )


def _number(x: float) -> str:
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"


def _worker(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.worker", *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"worker {args[:2]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(times: int, run: Callable[[], dict]) -> dict:
    """The fastest of several runs of a whole command (what is left once the machine's noise is)."""
    return min((run() for _ in range(times)), key=lambda r: r["seconds"])


# -- the corpus --------------------------------------------------------------------------------------------


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
    corpus["memory_dir"] = str(_memory_corpus(root / "memory", seed))
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


def _memory_corpus(folder: Path, seed: int) -> Path:
    """900 files, each a report of its own: 410 transcripts, 410 Word exports, 50 .docx and 30 PDFs."""
    specs = make_specs(MEMORY_FILES, seed + 1)
    for layout, render_text, part in (
        ("pdf_transcript", synth.transcript, specs[:410]),
        ("word_export", synth.word_export, specs[410:820]),
    ):
        (folder / layout).mkdir(parents=True)
        for i, spec in enumerate(part):
            (folder / layout / f"r{i:04d}.txt").write_text(render_text(spec, seed=i), encoding="utf-8")
    (folder / "docx").mkdir()
    for i, spec in enumerate(specs[820:870]):
        (folder / "docx" / f"r{i:04d}.docx").write_bytes(to_docx(spec, seed=i))
    (folder / "pdf").mkdir()
    for i, spec in enumerate(specs[870:900]):
        (folder / "pdf" / f"r{i:04d}.pdf").write_bytes(render(spec, seed=i))
    return folder


# -- measuring ---------------------------------------------------------------------------------------------


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
        "peak_rss_mb": run["peak_tree_rss_mb"],
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
    """A re-run of the transcript corpus with nothing changed (best of three), then with one file changed."""
    raw, out = root / "pdf_transcript", root / "out-rerun"
    first = _worker("extract", str(raw), str(out))
    same = _best(3, lambda: _worker("extract", str(raw), str(out)))
    changed = sorted(raw.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    one = _worker("extract", str(raw), str(out))
    (root / "one").mkdir(exist_ok=True)
    (root / "one" / changed.name).write_bytes(changed.read_bytes())
    own = _worker("extract", str(root / "one"), str(root / "out-one"), *SINGLE)
    return {
        "first_seconds": first["seconds"],
        "unchanged_seconds": same["seconds"],
        "one_changed_seconds": one["seconds"],
        "that_file_alone_seconds": own["seconds"],
    }


def _samples(root: Path) -> dict:
    """The two sample reports, whole command with a fresh output folder, against a bare import of pandas and
    pyarrow.parquet; the best of five of each."""
    raw = root / "samples"
    shutil.copytree(SAMPLES, raw)
    kompass = str(Path(sys.executable).with_name("kompass"))
    outs = iter(range(100))
    extract = _best(5, lambda: _worker("command", kompass, "extract", str(raw), str(root / f"out-s{next(outs)}"), "-q"))
    return {"extract_seconds": extract["seconds"], "bare_import_seconds": _bare_import_seconds()}


@cache
def _bare_import_seconds() -> float:
    """A bare `import pandas, pyarrow.parquet`, best of five: what writing a dataset costs before anything is
    read, so no whole command can be faster (measured once a run)."""
    return _best(5, lambda: _worker("command", sys.executable, "-c", "import pandas, pyarrow.parquet"))["seconds"]


def _engines(files: list[str], root: Path, dump: bool) -> tuple[dict, dict]:
    """Each engine over the same PDFs: pages/s, and (dump) the two word sources' pages for comparison."""
    rows, dumps = {}, {}
    for name, label in ENGINES:
        path = str(root / f"{name}.pickle") if dump and name in ("pdfplumber", "pdfium") else None
        run = _worker("engine", name, *files, *(["--dump", path] if path else []))
        rows[name] = {"label": label, "pages": run["pages"], "seconds": run["seconds"]}
        rows[name]["pages_per_s"] = run["pages"] / run["seconds"]
        if path:
            dumps[name] = path
    bare = rows["bare_pdfplumber"]["seconds"]
    for row in rows.values():
        row["x_bare_pdfplumber"] = bare / row["seconds"]
    return rows, dumps


def producers(root: Path) -> dict:
    """Per producer of the test matrix (tests/fixtures/producers, grouped by the name before the first '-'):
    the engines over its pages, and `kompass extract --jobs 1` with the default engine, whole command."""
    groups: dict[str, list[str]] = {}
    for pdf in sorted(MATRIX.glob("*.pdf")):
        groups.setdefault(pdf.name.split("-", 1)[0], []).append(str(pdf))
    out: dict = {}
    floor = _bare_import_seconds()
    for producer, files in groups.items():
        folder = root / f"matrix-{producer}"
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder)
        engines, _ = _engines(files, root, dump=False)
        out_dir = root / f"out-{folder.name}"
        run = _best(2, partial(_worker, "extract", str(folder), str(out_dir), *SINGLE))
        bare = engines["bare_pdfplumber"]
        out[producer] = {
            "files": len(files),
            "pages": bare["pages"],
            "bare_pdfplumber_pages_per_s": bare["pages_per_s"],
            "pdfium_chars_pages_per_s": engines["pdfium_chars"]["pages_per_s"],
            "pdfium_words_pages_per_s": engines["pdfium"]["pages_per_s"],
            "extract_pages_per_s": bare["pages"] / run["seconds"],
            "chars_x_bare": engines["pdfium_chars"]["x_bare_pdfplumber"],
            "words_x_bare": engines["pdfium"]["x_bare_pdfplumber"],
            "extract_x_bare": bare["seconds"] / run["seconds"],
            "extract_seconds": run["seconds"],
            "bare_import_seconds": floor,
            "import_cap_x_bare": bare["seconds"] / floor,
        }
    return out


def measure(corpus: dict, root: Path) -> dict:
    results: dict = {"layouts": {}}
    for layout in ("pdf_transcript", "word_export", "docx"):
        results["layouts"][layout] = _extract_row(corpus, root, layout, layout, SINGLE)
    for layout in ("pdf_transcript", "word_export"):
        results["layouts"][f"{layout} (--jobs 2)"] = _extract_row(
            corpus, root, layout, f"{layout}-jobs2", ["--jobs", "2", "--no-cache"]
        )
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
    results["engines"], dumps = _engines(corpus["pdf_files"], root, dump=True)
    bare = results["engines"]["bare_pdfplumber"]["seconds"]
    for row in results["layouts"].values():
        if row["layout"] == "pdf":
            row["x_bare_pdfplumber"] = bare / row["seconds"]
    results["engine_identity"] = _identity(dumps)
    results["long_pdf"] = {}
    for name in ("pdfplumber", "pdfium"):
        run = _worker("engine", name, corpus["long_pdf"])
        results["long_pdf"][name] = {
            "pages": run["pages"],
            "seconds": run["seconds"],
            "pages_per_s": run["pages"] / run["seconds"],
            "peak_rss_mb": run["peak_rss_mb"],
        }
    results["reruns"] = _reruns(root)
    results["samples"] = _samples(root)
    memory = _worker("extract", corpus["memory_dir"], str(root / "out-memory"), "--jobs", "2", "--no-cache")
    results["memory"] = {
        "files": sum(1 for p in Path(corpus["memory_dir"]).rglob("*") if p.is_file()),
        "seconds": memory["seconds"],
        "peak_tree_rss_mb": memory["peak_tree_rss_mb"],
        "peak_tree_pss_mb": memory["peak_tree_pss_mb"],
        "peak_process_rss_mb": memory["peak_process_rss_mb"],
        "exit_code": memory["exit_code"],
    }
    results["producers"] = producers(root)
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


# -- the targets -------------------------------------------------------------------------------------------


def targets(results: dict, producers_only: bool = False) -> list[Target]:
    """What each figure must reach (see the README's "Speed and memory")."""
    out = []
    for name, row in (results.get("producers") or {}).items():
        out.append(
            Target(
                f"PDF from {name} ({row['files']} files, {row['pages']} pages): whole command, --jobs 1, "
                "vs bare pdfplumber extract_words()",
                row["extract_x_bare"],
                5.0,
                True,
                "x",
                f"pdfium word source {row['words_x_bare']:.1f}x, pypdfium2 chars+boxes {row['chars_x_bare']:.1f}x; "
                f"a bare `import pandas, pyarrow.parquet` alone would be {row['import_cap_x_bare']:.1f}x",
            )
        )
    if producers_only:
        return out
    layouts = results["layouts"]
    pdf = layouts["pdf (pdfium engine)"]
    out.append(
        Target(
            f"PDF corpus ({pdf['reports']} reports, {pdf['pages']} pages): whole command, --jobs 1, "
            "vs bare pdfplumber extract_words()",
            pdf["x_bare_pdfplumber"],
            5.0,
            True,
            "x",
            f"pdfium word source {results['engines']['pdfium']['x_bare_pdfplumber']:.1f}x, pypdfium2 chars+boxes "
            f"{results['engines']['pdfium_chars']['x_bare_pdfplumber']:.1f}x",
        )
    )
    plumber = layouts["pdf (pdfplumber engine)"]
    out.append(
        Target(
            "PDF corpus, --pdf-engine pdfplumber: time over bare extract_words()",
            1 / plumber["x_bare_pdfplumber"],
            1.3,
            False,
            "x",
        )
    )
    for layout, label in (("pdf_transcript", "PDF transcripts"), ("word_export", "Word exports")):
        row, two = layouts[layout], layouts[f"{layout} (--jobs 2)"]
        out.append(
            Target(
                f"{label} ({row['reports']} distinct reports): whole command, --jobs 1",
                row["reports_per_s"],
                150,
                True,
                " reports/s",
                f"--jobs 2: {two['reports_per_s']:.0f} reports/s",
            )
        )
    docx = layouts["docx"]
    out.append(
        Target(
            f".docx ({docx['reports']} reports): whole command, --jobs 1", docx["reports_per_s"], 25, True, " reports/s"
        )
    )
    samples = results["samples"]
    out.append(
        Target(
            "the two sample reports, whole command, over a bare `import pandas, pyarrow.parquet`",
            samples["extract_seconds"] / samples["bare_import_seconds"],
            3.0,
            False,
            "x",
            f"{samples['extract_seconds']:.2f} s against {samples['bare_import_seconds']:.2f} s",
        )
    )
    out.append(
        Target(
            f"re-run of {layouts['pdf_transcript']['reports']} transcripts, nothing changed",
            results["reruns"]["unchanged_seconds"],
            1.0,
            False,
            " s",
        )
    )
    memory = results["memory"]
    out.append(
        Target(
            f"peak memory of a --jobs 2 run over {memory['files']} files, all its processes (PSS: each page "
            "counted once, shared ones shared out)",
            memory["peak_tree_pss_mb"],
            250,
            False,
            " MB",
            f"the largest process {memory['peak_process_rss_mb']:.0f} MB RSS; RSS summed over the processes, "
            f"which counts the pages they share once in each, {memory['peak_tree_rss_mb']:.0f} MB",
        )
    )
    out.append(Target("both PDF engines give the same dataset", float(results["pdf_datasets_identical"]), 1, True))
    exact = min(row["check"]["report_match_rate"] for row in layouts.values() if "check" in row)
    out.append(Target("generated reports extracted exactly, every layout", 100 * exact, 100, True, "%"))
    return out


# -- reporting ---------------------------------------------------------------------------------------------


def table(found: list[Target]) -> str:
    """The targets as a Markdown table (the README's speed table)."""
    lines = ["| what | measured | target | |", "|---|---|---|---|"]
    for t in found:
        measured, bound, verdict = t.cells()
        lines.append(f"| {t.what} | {measured}{f' ({t.note})' if t.note else ''} | {bound} | {verdict} |")
    return "\n".join(lines)


def producer_table(rows: dict) -> str:
    """Per producer of the matrix: pages per second of each word source and of the whole command (Markdown)."""
    lines = [
        "| producer | files | pages | bare pdfplumber `extract_words()` | pypdfium2 chars and boxes | x bare "
        "| pdfium word source | x bare | `kompass extract --jobs 1` | x bare "
        "| a bare `import pandas, pyarrow.parquet` alone |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, p in rows.items():
        lines.append(
            f"| {name} | {p['files']} | {p['pages']} | {p['bare_pdfplumber_pages_per_s']:.1f} pages/s "
            f"| {p['pdfium_chars_pages_per_s']:.0f} | {p['chars_x_bare']:.1f}x | {p['pdfium_words_pages_per_s']:.0f} "
            f"| {p['words_x_bare']:.1f}x | {p['extract_pages_per_s']:.1f} | {p['extract_x_bare']:.1f}x "
            f"| {p.get('import_cap_x_bare', 0):.1f}x |"
        )
    return "\n".join(lines)


def report(results: dict) -> str:
    engines = results["engines"]
    lines = ["", "kompass extract, per layout (whole command, start-up included)"]
    lines.append(
        f"  {'layout':<28}{'options':<20}{'reports':>8}{'pages':>7}{'reports/s':>10}{'pages/s':>9}"
        f"{'peak RSS':>10}{'reports matching':>18}{'question rows':>15}"
    )
    for layout, row in results["layouts"].items():
        c = row.get("check", {})
        pages_per_s = f"{row['pages_per_s']:.1f}" if row["pages_per_s"] else "-"
        lines.append(
            f"  {layout:<28}{row['options']:<20}{row['reports']:>8}{row['pages'] or '-':>7}"
            f"{row['reports_per_s']:>10.1f}{pages_per_s:>9}{row['peak_rss_mb']:>8.0f}MB"
            f"{c.get('report_match_rate', 0):>17.1%} {c.get('question_match_rate', 0):>14.1%}"
        )
    lines.append(f"  --jobs 2 over --jobs 1, PDF corpus: {results['jobs2_speedup']:.2f}x")
    r = results["reruns"]
    lines.append(
        f"  re-run of the transcripts (cache on): first {r['first_seconds']:.2f} s, "
        f"unchanged {r['unchanged_seconds']:.2f} s, "
        f"one file changed {r['one_changed_seconds']:.2f} s (that file alone: {r['that_file_alone_seconds']:.2f} s)"
    )
    lines += ["", f"PDF word extraction, the same {engines['bare_pdfplumber']['pages']} pages"]
    for row in engines.values():
        lines.append(f"  {row['label']:<44}{row['pages_per_s']:>9.1f} pages/s {row['x_bare_pdfplumber']:>7.2f}x bare")
    ident = results["engine_identity"]
    lines.append(
        f"  pdfium vs pdfplumber words: {ident['identical_pages']}/{ident['pages']} pages identical (text, order, "
        f"positions within {ident['tolerance_pt']} pt); {ident['same_words_any_order']}/{ident['pages']} with the "
        "same words in any order"
    )
    lines += [f"    {e}" for e in ident["examples"]]
    for name, row in results["long_pdf"].items():
        lines.append(
            f"  long PDF, {name:<11}{row['pages']:>5} pages {row['pages_per_s']:>8.1f} pages/s, peak RSS "
            f"{row['peak_rss_mb']:.0f} MB"
        )
    rows = results.get("producers") or {}
    if rows:
        lines += ["", "PDF producers (tests/fixtures/producers), the same pages each:", producer_table(rows)]
    return "\n".join(lines)


def _targets_text(found: list[Target]) -> str:
    lines = ["", "Targets"]
    for t in found:
        measured, bound, verdict = t.cells()
        lines.append(
            f"  {'ok  ' if t.met else 'MISS'} {t.what}: {measured} (target {bound}){f'; {t.note}' if t.note else ''}"
        )
    missed = sum(not t.met for t in found)
    lines.append(f"  {len(found) - missed} of {len(found)} targets met" + (f", {missed} missed" if missed else ""))
    return "\n".join(lines)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_readme(found: list[Target], results: dict) -> None:
    """Put the targets table between the README's bench markers."""
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no {START} ... {END} section to rewrite")
    s = results["settings"]
    body = (
        f"{START}\nMeasured {s['date']} by `make bench` on this project's machine ({s['cpus']} cores, Python "
        f"{s['python']}, load average {s['load_before']} before the run and {s['load_after']} after it), every "
        f"ratio within that run:\n\n{table(found)}\n\n{producer_table(results.get('producers') or {})}\n{END}"
    )
    head, rest = text.split(START, 1)
    README.write_text(head + body + rest.split(END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reports per text layout (default 200)")
    parser.add_argument("--pdf-reports", type=int, default=20, help="reports rendered as PDF (default 20)")
    parser.add_argument("--long-pages", type=int, default=400, help="pages of the long PDF (default 400)")
    parser.add_argument("--docx-reports", type=int, default=50, help="reports rendered as .docx (default 50)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--readme", action="store_true", help="rewrite the README's speed table from this run")
    parser.add_argument(
        "--producers-only", action="store_true", help="only the producer matrix and its targets (a minute or two)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    # Modules are compiled once, as a normal install or first run does (this machine may set
    # PYTHONDONTWRITEBYTECODE, which would make every timed command compile kompass again).
    folders = [str(ROOT / d) for d in ("kompass", "parsers", "pipeline", "schemas")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL)
    if args.producers_only:
        with tempfile.TemporaryDirectory(prefix="kompass-bench-") as tmp:
            found = targets({"producers": producers(Path(tmp))}, producers_only=True)
        print(_targets_text(found))
        return 0 if all(t.met for t in found) else 1
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as tmp:
        root = Path(tmp)
        corpus = generate(
            root, args.reports, min(args.pdf_reports, args.reports), args.long_pages, args.seed, args.docx_reports
        )
        print(
            f"corpus: {args.reports} reports per text layout, {corpus['docx_reports']} .docx, "
            f"{len(corpus['pdf_files'])} PDFs ({corpus['pages']['pdf']} pages), one {args.long_pages}-page PDF, "
            f"{MEMORY_FILES} files for memory",
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
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
        "load_before": f"{load_before:.1f}",
        "load_after": f"{os.getloadavg()[0]:.1f}",
        "pdfium": pdfium.PDFIUM_INFO.version if hasattr(pdfium, "PDFIUM_INFO") else "",
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    found = targets(results)
    results["targets"] = [asdict(t) | {"met": t.met} for t in found]
    print(report(results))
    print(_targets_text(found))
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    if args.readme:
        write_readme(found, results)
        print(f"written: {README} (speed table)")
    return 0 if all(t.met for t in found) else 1


if __name__ == "__main__":
    sys.exit(main())
