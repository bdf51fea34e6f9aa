"""validation_report.html: the validation findings as one self-contained page for an analyst.

First which reports and areas to distrust, then a reports x checks table of
counts, then every finding with its printed numbers, the reconciled interval (a
small inline SVG where a sum was checked) and a link to the source page. Inline
CSS and SVG only: the page opens from disk with no network.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections import Counter
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from kompass.pipeline.checks.carried import completeness
from kompass.pipeline.checks.findings import ERROR, SEVERITIES, WARNING, Issue, summary
from kompass.pipeline.checks.reconcile import UNIT, between, decimal, printed
from kompass.pipeline.checks.texts import TEXT_CHECKS
from kompass.pipeline.checks.validate import CHECKS
from kompass.pipeline.model import Report

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px 32px;max-width:1500px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #d7dbe3;padding-bottom:4px}
.lead{color:#4a5163;margin:0 0 14px}
table{border-collapse:collapse;margin:6px 0 10px}
th,td{border:1px solid #d7dbe3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f7;font-weight:600;font-size:12px}
td.n{text-align:center;font-variant-numeric:tabular-nums;min-width:44px}
.error{background:#fbe0dd;color:#9b1c12}.warning{background:#fff1c2;color:#6f5500}
.info{background:#e2ecfb;color:#1c4f94}.ok{background:#e3f3e4;color:#1f6b2a}.none{color:#b3b8c4}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.verdicts td{font-size:14px}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.msg{min-width:420px;max-width:640px}.muted{color:#6b7285;font-size:12px}
td.rid{white-space:nowrap}
code{white-space:nowrap;font-size:12px;background:#f1f3f7;padding:0 3px;border-radius:2px}
svg text{font:10px system-ui,sans-serif}
td.text{min-width:220px;max-width:360px}mark{background:#ffd2a8;color:inherit;padding:0 1px;border-radius:2px}
"""
ABBREVIATION = {"error": "E", "warning": "W", "info": "I"}


def _badge(severity: str, text: str | None = None) -> str:
    return f'<span class="badge {severity}">{escape(text or severity)}</span>'


def _worst(issues: list[Issue]) -> str | None:
    present = {i.severity for i in issues}
    return next((s for s in SEVERITIES if s in present), None)


def _link(path: str | None, page: int | None, out_dir: Path, raw_dir: Path | None, source_format: str | None) -> str:
    """A relative link to the source file (and #page=N for PDFs); the bare path if the sources' folder is unknown."""
    if not path:
        return ""
    label = escape(path) + (f", p. {page}" if page else "")
    if raw_dir is None:
        return f'<span class="muted">{label}</span>'
    href = _href(raw_dir, path, out_dir)
    if page and source_format == "pdf":
        href += f"#page={page}"
    return f'<a href="{escape(href)}">{label}</a>'


@cache
def _href(raw_dir: Path, path: str, out_dir: Path) -> str:
    """Where a source file is, relative to out_dir; worked out once per file in a render (which clears it):
    a report's findings all link to its file."""
    return quote(Path(os.path.relpath(on_disk(raw_dir, path), out_dir)).as_posix())


def on_disk(raw_dir: Path, path: str) -> Path:
    """The file a source_path names: source_path is NFC, the name on disk may be decomposed (copied from a Mac)."""
    here = raw_dir / path
    if here.exists():
        return here
    folder = raw_dir
    for part in Path(path).parts:
        try:
            folder = next((e for e in folder.iterdir() if unicodedata.normalize("NFC", e.name) == part), folder / part)
        except OSError:
            return here
    return folder


def sum_chart(issue: Issue) -> str:
    """Inline SVG: the printed total's rounding band, the reconciled range of the true sum, the naive sum."""
    if issue.interval_low is None or issue.interval_high is None or issue.expected is None or issue.naive_sum is None:
        return ""
    total = int(issue.expected)
    span, band = between(issue.interval_low, issue.interval_high), printed(total)
    naive = issue.naive_sum * UNIT  # positions in 200ths, as the intervals count (exact, and quick)
    low = min(span.lo, band.lo, naive) - UNIT
    high = max(span.hi, band.hi, naive) + UNIT
    width, left, right = 230, 8, 8

    def x(v: int) -> float:
        return round(left + (v - low) / (high - low) * (width - left - right), 1)

    fits = span.meets(band)
    colour = "#2f7d3a" if fits else "#c0392b"
    return (
        f'<svg width="{width}" height="44" viewBox="0 0 {width} 44" role="img" '
        f'aria-label="printed total {total}, true sum {escape(str(span))}, naive sum {issue.naive_sum}">'
        f'<rect x="{x(band.lo)}" y="6" width="{x(band.hi) - x(band.lo)}" height="22" fill="#e6e8ee"/>'
        f'<rect x="{x(span.lo)}" y="12" width="{max(x(span.hi) - x(span.lo), 1.5)}" height="10" '
        f'fill="{colour}" opacity="0.85"/>'
        f'<line x1="{x(total * UNIT)}" x2="{x(total * UNIT)}" y1="3" y2="31" stroke="#1d2330" stroke-width="2"/>'
        f'<path d="M{x(naive) - 4},10 l8,8 m0,-8 l-8,8" stroke="#6b7285" stroke-width="1.6"/>'
        f'<line x1="{left}" x2="{width - right}" y1="31" y2="31" stroke="#9aa1b1"/>'
        f'<text x="{x(total * UNIT)}" y="42" text-anchor="middle">{total}</text>'
        f'<text x="{x(naive)}" y="8" text-anchor="middle" fill="#6b7285">'
        f"{'' if issue.naive_sum == total else issue.naive_sum}</text>"
        "</svg>"
    )


def _areas_text(issues: list[Issue]) -> str:
    areas = sorted({i.area_no for i in issues if i.area_no is not None})
    if not areas:
        return "the report as a whole"
    return f"area{'s' * (len(areas) > 1)} {', '.join(map(str, areas))}"


def _throughout(issue: Issue) -> bool:
    """The one report-level question-text finding: the report's text is damaged throughout."""
    return issue.check_name == "question-text" and issue.question_no is None and issue.area_no is None


def _verdict(issues: list[Issue]) -> tuple[str, str]:
    """(severity class, one line) saying what to distrust in a report."""
    damaged = next((i for i in issues if _throughout(i)), None)
    if damaged is not None:
        severity, line = _verdict([i for i in issues if i is not damaged])
        text = f"text damaged: {damaged.observed} of {damaged.expected} questions"
        return (WARNING if severity == "ok" else severity), text + ("" if severity == "ok" else f"; {line}")
    errors = [i for i in issues if i.severity == ERROR]
    warnings = [i for i in issues if i.severity == WARNING]
    if errors:
        checks = sorted({i.check_name for i in errors})
        return ERROR, f"distrust {_areas_text(errors)}: {', '.join(checks)}"
    if warnings:
        by_check: dict[str, list[Issue]] = {}
        for i in warnings:
            by_check.setdefault(i.check_name, []).append(i)
        return WARNING, "usable, warnings only: " + "; ".join(
            f"{check} in {_areas_text(found)}" for check, found in sorted(by_check.items())
        )
    return "ok", "clean: every check passed" + (" (see the info below)" if issues else "")


def marked(expected: str, observed: str) -> tuple[str, str]:
    """Both texts as HTML, each with what the other lacks or has otherwise in <mark>."""
    matcher = difflib.SequenceMatcher(None, expected, observed, autojunk=False)
    left, right = [], []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        a, b = escape(expected[a0:a1]), escape(observed[b0:b1])
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        left.append(f"<mark>{a or '&#8203;'}</mark>" if a or op == "insert" else "")
        right.append(f"<mark>{b or '&#8203;'}</mark>" if b or op == "delete" else "")
    return "".join(left), "".join(right)


def render(reports: list[Report], issues: list[Issue], out_dir: Path, raw_dir: Path | None = None) -> str:
    """The whole page as HTML text; raw_dir (the sources' folder) makes the source paths links."""
    _href.cache_clear()  # the files as they are now
    by_report: dict[str, list[Issue]] = {r.id: [] for r in reports}
    for i in issues:
        by_report.setdefault(i.report_id, []).append(i)
    known = {r.id: r for r in reports}
    verdicts = {rid: _verdict(found) for rid, found in by_report.items()}
    rank = {s: n for n, s in enumerate([*SEVERITIES, "ok"])}
    ordered = sorted(by_report, key=lambda rid: (rank[verdicts[rid][0]], rid))  # the ones to distrust first
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        "<title>kompass validation report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Validation report</h1>",
        f'<p class="lead">{len(by_report)} reports: {escape(summary(issues))}. '
        f"Dataset: <code>{escape(str(out_dir))}</code>. "
        "Error: no reading of the printed numbers is consistent, do not trust the value. "
        "Warning: consistent only through rounding or a known variant, or something is missing. "
        "Info: for the record.</p>",
        _verdict_table(ordered, verdicts, known),
        _count_table(ordered, by_report, list(CHECKS) + sorted({i.check_name for i in issues} - set(CHECKS))),
        *(_report_section(rid, known.get(rid), by_report[rid], out_dir, raw_dir) for rid in ordered),
        "<h2>The checks</h2><table><tr><th>check</th><th>asks whether</th></tr>",
        *(f"<tr><td><code>{escape(c)}</code></td><td>{escape(d)}</td></tr>" for c, d in CHECKS.items()),
        '</table><p class="muted">Sums are reconciled: each true score lies within ±0.5 of its printed '
        "points and within ±0.5 percentage points of its printed percent; a total is consistent if those true "
        "scores can sum to a value that rounds to it. Chart: grey band = values that round to the printed total "
        "(black line), bar = range of the true sum (green: it meets the band, red: it does not), × = sum of the "
        "printed scores.</p></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _verdict_table(ordered: list[str], verdicts: dict[str, tuple[str, str]], known: dict[str, Report]) -> str:
    rows = ['<table class="verdicts"><tr><th>report</th><th>source</th><th>read</th><th>verdict</th></tr>']
    for rid in ordered:
        severity, line = verdicts[rid]
        layout = known[rid].source_format if rid in known else ""
        read = completeness(known[rid]) if rid in known else ""
        rows.append(
            f'<tr><td class="rid"><a href="#{escape(rid)}">{escape(rid)}</a></td><td>{escape(layout)}</td>'
            f'<td class="num">{escape(read)}</td><td class="{severity}">{escape(line)}</td></tr>'
        )
    return "\n".join(rows) + "</table>"


def _count_table(ordered: list[str], by_report: dict[str, list[Issue]], checks: list[str]) -> str:
    """Reports x checks: findings counted by severity, each cell coloured by its worst."""
    rows = [
        "<h2>Findings per report and check</h2><table><tr><th>report</th>"
        + "".join(f'<th title="{escape(CHECKS.get(c, ""))}">{escape(c)}</th>' for c in checks)
        + "</tr>"
    ]
    for rid in ordered:
        cells = []
        for check in checks:
            found = [i for i in by_report[rid] if i.check_name == check]
            n = Counter(i.severity for i in found)
            text = " ".join(f"{n[s]}{ABBREVIATION[s]}" for s in SEVERITIES if n[s])
            cells.append(f'<td class="n {_worst(found) or "none"}">{text or "·"}</td>')
        rows.append(f'<tr><td class="rid"><a href="#{escape(rid)}">{escape(rid)}</a></td>{"".join(cells)}</tr>')
    rows.append(
        '</table><p class="muted">Counts: E errors, W warnings, I info. Hover a column for what the check asks.</p>'
    )
    return "\n".join(rows)


def _report_section(rid: str, report: Report | None, issues: list[Issue], out_dir: Path, raw_dir: Path | None) -> str:
    title = escape(rid)
    if report is not None:
        title += (
            f' <span class="muted">{escape(report.municipality or "?")} {report.year or "?"}, '
            f"{escape(report.source_format)}: "
            f"{_link(report.source_path, None, out_dir, raw_dir, report.source_format)}</span>"
        )
    out = [f'<h2 id="{escape(rid)}">{title}</h2>']
    if report is not None:
        out.append(f'<p class="complete">Read: {escape(completeness(report))}</p>')
    if not issues:
        out.append('<p class="ok badge">no findings</p>')
        return "\n".join(out)
    out.append(
        "<table><tr><th>finding</th><th>where</th><th>called for</th><th>printed</th>"
        "<th>naive sum</th><th>true sum</th><th>picture</th><th>what it means</th><th>source</th></tr>"
    )
    order = {s: n for n, s in enumerate(SEVERITIES)}
    for i in sorted(issues, key=lambda i: (order.get(i.severity, 9), i.area_no or 0, i.question_no or "")):
        interval = (
            f"{decimal(i.interval_low)}–{decimal(i.interval_high)}"
            if i.interval_low is not None and i.interval_high is not None and i.naive_sum is not None
            else ""
        )
        where = " · ".join(
            x
            for x in (
                "" if i.area_no is None else f"area {i.area_no}",
                i.question_no and f"question {i.question_no}",
                i.field,
            )
            if x
        )
        fmt = report.source_format if report and i.source_path == report.source_path else None
        if i.check_name in TEXT_CHECKS and not _throughout(i) and i.expected and i.observed:
            standard, read = marked(i.expected, i.observed)  # the two texts side by side, differences marked
            values = f'<td class="text">{standard}</td><td class="text">{read}</td>'
        else:
            values = f'<td class="num">{escape(i.expected or "")}</td><td class="num">{escape(i.observed or "")}</td>'
        out.append(
            f"<tr><td>{_badge(i.severity)}<br><code>{escape(i.check_name)}</code></td>"
            f'<td class="muted">{escape(where)}</td>'
            + values
            + f'<td class="num">{"" if i.naive_sum is None else i.naive_sum}</td>'
            f'<td class="num">{interval}</td><td>{sum_chart(i)}</td>'
            f'<td class="msg">{escape(i.message)}</td>'
            f"<td>{_link(i.source_path, i.source_page, out_dir, raw_dir, fmt)}</td></tr>"
        )
    out.append("</table>")
    return "\n".join(out)
