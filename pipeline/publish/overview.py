"""overview.html: what an analyst opens first, one self-contained page of the dataset's results.

What the dataset holds, coverage (municipality x year), total and area scores,
each report against the dataset's median, change between evaluations, the
weakest and strongest sub-questions, and every report with links to its source
and its findings. The charts are drawn as inline SVG when the page is written
(svg.py): the page runs no script and loads nothing, so it opens from disk offline.
"""

from __future__ import annotations

import math
import os
import statistics
import textwrap
from collections import namedtuple
from collections.abc import Callable
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from kompass.pipeline.interpret.areas import NAMES
from kompass.pipeline.publish import svg
from kompass.pipeline.publish.frames import AREA_COLUMNS, Dataset

FILE_NAME = "overview.html"
VALIDATION_HTML = "validation_report.html"
MAX_SCORE = 800
REVISION_COLOURS = {"2010": "#4c72b0", "2016": "#dd8452", "2020": "#55a868"}
UNKNOWN_COLOUR = "#8c8c8c"
ANNOTATE_UP_TO = 60  # rows of a heat map that still get their numbers printed in the cells
PROFILE_LINES_UP_TO = 8  # reports the profile chart draws as lines; more would tangle, so they are dots

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px 32px;max-width:1280px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:34px 0 6px;border-bottom:1px solid #d7dbe3;padding-bottom:4px}
p.lead,p.note{color:#4a5163;margin:4px 0 12px;max-width:900px}p.note{font-size:13px}
nav a{margin-right:14px;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{border:1px solid #d7dbe3;border-radius:6px;padding:8px 14px;min-width:120px;background:#fafbfc}
.card b{display:block;font-size:22px;font-variant-numeric:tabular-nums}.card span{color:#4a5163;font-size:12px}
table{border-collapse:collapse;margin:6px 0 10px}
th,td{border:1px solid #d7dbe3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f7;font-weight:600;font-size:12px;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums}td.c{text-align:center;font-variant-numeric:tabular-nums;min-width:46px}
.error{background:#fbe0dd;color:#9b1c12}.warning{background:#fff1c2;color:#6f5500}.ok{background:#e3f3e4;color:#1f6b2a}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.muted{color:#6b7285;font-size:12px}.empty{font-size:16px;padding:14px;border:1px dashed #b3b8c4;border-radius:6px}
figure{margin:8px 0 4px}figure svg{max-width:100%;height:auto}figcaption{color:#4a5163;font-size:13px;max-width:900px}
.scroll{max-height:640px;overflow:auto;display:inline-block;border:1px solid #eef0f4}
td.c a{color:inherit}
.tall{max-height:85vh;overflow-y:auto;display:inline-block;border:1px solid #eef0f4;margin-top:6px}
"""


def _area_labels(revisions: pd.Series) -> tuple[list[str], str]:
    """Names for area columns 1-8, and a caption note when the dataset mixes revisions."""
    counts = revisions.dropna().astype(str).value_counts()
    main = str(counts.index[0]) if len(counts) else "2016"
    names = dict(NAMES["2010"])
    if main in ("2016", "2020"):
        names.update(NAMES[main])
    labels = [f"{no} {names[no]}" for no in range(1, 9)]
    families = {"2020" if r == "2020" else "2010" for r in counts.index}
    note = (
        " The dataset mixes the 2020 revision with earlier ones: the 2020 revision renamed all eight areas, so "
        f"an area number does not mean the same across them (names shown: the {main} revision)."
        if len(families) > 1
        else ""
    )
    return labels, note


def _total(scores: pd.DataFrame) -> pd.Series:
    """The printed total where the layout kept it, else the sum of the area scores."""
    return scores.total_score.fillna(scores.total_score_computed)


def _rows(frame: pd.DataFrame) -> list[Any]:
    """A frame's rows as named tuples of plain values, a missing one NA or NaN.

    Column by column, as itertuples reads arrow-backed columns element by element
    (slow); typed Any, as the columns are known here, not to the type checker.
    """
    row = _row_type(tuple(frame.columns))
    return [row(*values) for values in zip(*(frame[c].tolist() for c in frame.columns))]


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Row", columns)


def _text(value: Any) -> str:
    """A value from the data as text, a missing one as ''."""
    return "" if pd.isna(value) else str(value)


def _label(row: Any) -> str:
    """'Tranås 2017': a report as charts name it (its report_id when the municipality is unknown)."""
    return f"{_text(row.municipality) or row.report_id} {'' if pd.isna(row.year) else int(row.year)}".strip()


def _values(frame: pd.DataFrame) -> list[list[float | None]]:
    """The eight area columns of each row, a missing score as None."""
    columns = [frame[c].tolist() for c in AREA_COLUMNS]
    return [[None if pd.isna(v) else float(v) for v in row] for row in zip(*columns)]


def _wrapped(labels: list[str]) -> list[list[str]]:
    """Area names broken into short lines for a column heading or an axis label.

    A dash stays on the line before it ('Kommunen som arbetsgivare - personalpolitik'
    would otherwise leave a lone '-' on a line of its own).
    """
    out = []
    for label in labels:
        lines: list[str] = []
        for line in textwrap.wrap(label, 13, break_long_words=False):
            if lines and not any(c.isalnum() for c in line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        out.append(lines)
    return out


def totals_chart(scores: pd.DataFrame) -> str:
    """One row per municipality: its latest total as a dot coloured by revision, earlier evaluations as open circles."""
    frame = scores.assign(total=_total(scores), who=scores.municipality.fillna(scores.report_id))
    by_who: dict[str, list[Any]] = {}
    for r in sorted(
        (r for r in _rows(frame) if not pd.isna(r.total)),
        key=lambda r: (pd.isna(r.year), 0 if pd.isna(r.year) else int(r.year), r.report_id),
    ):
        by_who.setdefault(r.who, []).append(r)
    if not by_who:
        return ""
    # the highest latest total on top
    latest = sorted((group[-1] for group in by_who.values()), key=lambda r: (int(r.total), r.who), reverse=True)
    earlier = [r for group in by_who.values() for r in group[:-1]]
    rows = {r.who: n for n, r in enumerate(latest)}
    small = len(rows) <= 40
    row_height, size = (max(24.0, 80 / len(rows)), 12.0) if small else (13.0, 9.0)  # a few rows: room around
    names = [_label(r) + (f" ({len(by_who[r.who])}x)" if len(by_who[r.who]) > 1 else "") for r in latest]
    revisions = {None if pd.isna(r.compass_revision) else str(r.compass_revision) for r in latest}
    keys = [
        svg.Key(f"latest evaluation, {r} revision", "dot", REVISION_COLOURS[r])
        for r in REVISION_COLOURS
        if r in revisions
    ]
    if revisions - set(REVISION_COLOURS):
        keys.append(svg.Key("latest, revision unknown", "dot", UNKNOWN_COLOUR))
    if earlier:
        keys.append(svg.Key("an earlier evaluation", "ring", svg.MUTED))

    totals = [int(r.total) for group in by_who.values() for r in group]
    low, high = min(totals), max(totals)
    pad = max(25.0, (high - low) * 0.08)
    left = math.ceil(svg.widest(names, size) + 14)
    width = 640.0
    legend_width, legend_height = svg.legend_size(keys, 11, across=width)
    top = 4 + legend_height + (26 if not small else 6)  # a long chart has its scale on top too
    bottom = top + (len(rows) + 0.6) * row_height
    x = svg.Linear(max(0.0, low - pad), min(MAX_SCORE, high + pad * 1.6), left, left + width)
    values = svg.ticks(x.low, x.high)

    def y(who: str) -> float:
        return top + (rows[who] + 0.8) * row_height

    parts = [
        svg.legend(keys, left, 4 + 11 * 1.75 / 2, 11, across=width),
        svg.x_axis(x, values, bottom, top),
        svg.text(left + width / 2, bottom + 34, "total score (of 800)", 12, "middle"),
    ]
    if not small:
        parts.append(svg.group("x-axis top", [svg.text(x(v), top - 12, svg.label(v), 11, "middle") for v in values]))
    parts.append(svg.group("row-labels", [svg.text(left - 8, y(r.who), n, size, "end") for r, n in zip(latest, names)]))
    joins = [  # a thin line joins a municipality's evaluations
        svg.line(x(min(t)), y(who), x(max(t)), y(who), "#b3b8c4")
        for who, group in by_who.items()
        if len(t := [int(r.total) for r in group]) > 1
    ]
    rings = [svg.circle(x(r.total), y(r.who), 3.4, "white", svg.MUTED, f"{_label(r)}: {r.total}") for r in earlier]
    dots, numbers = [], []
    for r in latest:
        revision = "revision unknown" if pd.isna(r.compass_revision) else f"{r.compass_revision} revision"
        colour = REVISION_COLOURS.get(str(r.compass_revision), UNKNOWN_COLOUR)
        hint = f"{_label(r)}: {r.total} ({revision})"
        dots.append(svg.circle(x(r.total), y(r.who), 4.3 if small else 3.4, colour, hint=hint))
        if small:
            numbers.append(svg.text(x(r.total) + 9, y(r.who), str(r.total), 10.5))
    parts += [svg.group("joins", joins), svg.group("dots earlier", rings), svg.group("dots latest", dots)]
    parts.append(svg.group("values", numbers))
    return svg.document(max(left + width + 24, left + legend_width), bottom + 48, parts, "total scores by municipality")


def _matrix(
    names: list[str],
    columns: list[str],
    values: list[list[float | None]],
    cell: Callable[[float], tuple[str, str, str]],
    bar: tuple[svg.Ramp, float, float, str, str],
    title: str,
) -> str:
    """A heat map: rows by columns, each cell coloured, with its number printed up to ANNOTATE_UP_TO rows.

    cell(value) gives (fill, printed text, text colour); bar is (ramp, low, high, caption, gradient id).
    """
    few = len(names) <= ANNOTATE_UP_TO
    row_height, size = (math.ceil(max(26, 110 / max(len(names), 1))), 11.0) if few else (12, 8.5)
    heading = _wrapped(columns)
    cell_width = max(70, math.ceil(svg.widest((line for lines in heading for line in lines), 9.5) + 8))
    top = math.ceil(max(len(lines) for lines in heading) * 9.5 * 1.2 + 10)
    left = math.ceil(svg.widest(names, size) + 10)
    parts = [
        svg.group(
            "column-labels",
            [
                svg.lines_of_text(left + (c + 0.5) * cell_width, top - 8 - (len(lines) - 0.5) * 9.5 * 1.2, lines, 9.5)
                for c, lines in enumerate(heading)
            ],
        ),
        svg.group(
            "row-labels",
            [svg.text(left - 6, top + (r + 0.5) * row_height, n, size, "end") for r, n in enumerate(names)],
        ),
    ]
    cells, numbers = [], []
    for r, (name, row) in enumerate(zip(names, values)):
        for c, value in enumerate(row):
            if value is None:
                continue
            fill, printed, ink = cell(value)
            x, y = left + c * cell_width, top + r * row_height
            cells.append(svg.rect(x, y, cell_width, row_height, fill, f"{name}, area {c + 1}: {printed}"))
            if few:
                numbers.append(svg.text(x + cell_width / 2, y + row_height / 2, printed, 10.5, "middle", ink))
    height = len(names) * row_height
    ramp, low, high, caption, ident = bar
    bar_height = min(height, 260.0)
    bar_left = left + len(columns) * cell_width + 14
    parts += [
        svg.group("cells", cells),
        svg.group("values", numbers),
        svg.colour_bar(ramp, low, high, bar_left, top, bar_height, caption, ident),
    ]
    return svg.document(
        bar_left + svg.colour_bar_width(low, high, bar_height) + 6, top + max(height, bar_height) + 6, parts, title
    )


def heat_map(scores: pd.DataFrame, labels: list[str]) -> str:
    """Reports x the eight areas, each cell the area score (0-100); the rows in the frame's order."""

    def cell(value: float) -> tuple[str, str, str]:
        return svg.YLGNBU.at(value / 100), f"{value:.0f}", "white" if value >= 60 else svg.INK

    bar = (svg.YLGNBU, 0.0, 100.0, "area score", "areas-ramp")
    return _matrix([_label(r) for r in _rows(scores)], labels, _values(scores), cell, bar, "area scores by report")


def profile_chart(scores: pd.DataFrame, labels: list[str]) -> str:
    """Each report's eight area scores against the dataset's median and middle half.

    Up to PROFILE_LINES_UP_TO reports each is a coloured line; more would tangle,
    so each report is a dot per area then, spread sideways so the dots do not hide each other.
    """
    values = _values(scores)
    few = len(values) <= PROFILE_LINES_UP_TO
    wrapped = _wrapped(labels)
    step = max(78.0, svg.widest((line for lines in wrapped for line in lines), 9.5) + 8)
    left, top, height = 58.0, 10.0, 250.0
    xs = [left + (n + 0.5) * step for n in range(8)]
    y = svg.Linear(0, 100, top + height, top)
    parts = [
        svg.y_axis(y, svg.ticks(0, 100, 6), left, left + 8 * step),
        svg.line(left, top + height, left + 8 * step, top + height, svg.INK, 0.8),
        svg.text(16, top + height / 2, "area score", 12, "middle", rotate=True),
        svg.group(
            "x-labels",
            [svg.lines_of_text(xs[n], top + height + 14, lines, 9.5) for n, lines in enumerate(wrapped)],
        ),
    ]
    keys: list[svg.Key] = []
    areas = [[v for v in column if v is not None] for column in zip(*values)]
    if len(values) >= 4:
        # quartiles as numpy and pandas interpolate them by default ("inclusive", R's type 7)
        quartiles = [statistics.quantiles(a, n=4, method="inclusive") if len(a) > 1 else a * 3 for a in areas]
        band = [(xs[n], y(q[2])) for n, q in enumerate(quartiles) if q]
        band += [(xs[n], y(q[0])) for n, q in reversed(list(enumerate(quartiles))) if q]
        parts.append(svg.group("band", [svg.polygon(band, svg.INK, 0.12)]))
        keys.append(svg.Key("middle half of the reports", "band", svg.INK))
    reports = []
    for n, (row, line) in enumerate(zip(_rows(scores), values)):
        if few:
            colour = svg.CATEGORIES[n % len(svg.CATEGORIES)]
            points = [(xs[a], y(v)) for a, v in enumerate(line) if v is not None]
            marks = [
                svg.circle(xs[a], y(v), 3.2, colour, hint=f"{_label(row)}, {labels[a]}: {v:.0f}")
                for a, v in enumerate(line)
                if v is not None
            ]
            reports.append(svg.group("report", [svg.polyline(points, colour, 1.6), *marks]))
            keys.append(svg.Key(_label(row), "line", colour, marked=True))
        else:
            spread = ((n * 0.6180339887) % 1 - 0.5) * step * 0.55  # the golden ratio: even, repeatable
            reports.append(
                svg.group(
                    "report",
                    [svg.circle(xs[a] + spread, y(v), 2) for a, v in enumerate(line) if v is not None],
                    ' fill="#6b7a99" fill-opacity="0.4"',
                )
            )
    if not few:
        keys.insert(0, svg.Key("one report's score", "dot", "#8e99b3"))
    parts.append(svg.group("reports", reports))
    if len(values) > 1:
        median = [(xs[n], y(statistics.median(a))) for n, a in enumerate(areas) if a]
        parts.append(svg.group("median", [svg.polyline(median, svg.INK, 2.6, "7 4" if few else "")]))
        keys.append(svg.Key("median of the dataset", "line", svg.INK, "7 4" if few else "", width=2.6))
    legend_width, _ = svg.legend_size(keys, 11)
    parts.append(svg.legend(keys, left + 8 * step + 20, top + 8, 11))
    bottom = top + height + 14 + max(len(lines) for lines in wrapped) * 9.5 * 1.2
    return svg.document(
        left + 8 * step + 20 + legend_width + 8, bottom + 4, parts, "area scores of each report against the median"
    )


def changes(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of consecutive evaluations of a municipality: the change of each area and the total."""
    columns = [*AREA_COLUMNS, "total"]
    records = scores.assign(total=_total(scores)).astype(object).to_dict("records")
    by_who: dict[object, list[dict]] = {}
    for r in records:
        who = r["municipality_code"] if not pd.isna(r["municipality_code"]) else r["municipality"]
        if not pd.isna(who) and not pd.isna(r["year"]):
            by_who.setdefault(who, []).append(r)
    rows = []
    for group in by_who.values():
        group.sort(key=lambda r: (int(r["year"]), r["report_id"]))
        for before, after in zip(group[:-1], group[1:]):
            row = {
                "municipality": after["municipality"],
                "from_year": int(before["year"]),
                "to_year": int(after["year"]),
                "from_revision": before["compass_revision"],
                "to_revision": after["compass_revision"],
            }
            for column in columns:
                a, b = before[column], after[column]
                row[column] = pd.NA if pd.isna(a) or pd.isna(b) else int(b) - int(a)
            rows.append(row)
    rows.sort(key=lambda r: (swedish(r["municipality"]), r["to_year"]))
    frame = pd.DataFrame(
        rows, columns=["municipality", "from_year", "to_year", "from_revision", "to_revision", *columns]
    )
    return frame.astype({c: "Int16" for c in columns})


def change_chart(change: pd.DataFrame, labels: list[str]) -> str:
    """Municipality pairs x areas (and total): the change in points, red for a fall, blue for a rise."""
    values = _values(change)
    span = max([5.0, *(abs(v) for row in values for v in row if v is not None)])
    names = []
    for r in _rows(change):
        before, after = _text(r.from_revision) or "unknown", _text(r.to_revision) or "unknown"
        revisions = "" if before == after else f" (revision {before}→{after})"
        total = "" if pd.isna(r.total) else f", total {int(r.total):+d}"
        who = _text(r.municipality) or "(municipality unknown)"
        names.append(f"{who} {r.from_year}→{r.to_year}{total}{revisions}")

    def cell(value: float) -> tuple[str, str, str]:
        return (
            svg.RDBU.at((value + span) / (2 * span)),
            f"{value:+.0f}",
            "white" if abs(value) > span * 0.6 else svg.INK,
        )

    bar = (svg.RDBU, -span, span, "change in points", "change-ramp")
    return _matrix(names, labels, values, cell, bar, "change of the area scores between evaluations")


def question_ranking(data: Dataset) -> pd.DataFrame:
    """Sub-questions by their mean percent over the reports: key, text as most often printed, reports, mean percent.

    The key is the catalogue's question_key where the dataset has that column,
    else the printed number (and the 2020 revision's numbers apart from the others').
    """
    questions = data.questions[data.questions.percent.notna()].copy()
    if questions.empty:
        return pd.DataFrame(columns=["key", "number", "text", "reports", "percent"])
    if "question_key" in questions.columns and questions.question_key.notna().any():
        key = questions.question_key.astype(object).where(questions.question_key.notna(), questions.question_no)
    else:
        revision = questions.report_id.map(data.reports.set_index("report_id").compass_revision.astype(object))
        key = questions.question_no.where(revision != "2020", questions.question_no + " (2020)")
    questions["key"] = key.astype(str)
    grouped = questions.groupby("key", sort=True)
    out = pd.DataFrame(
        {
            "number": _most_often(questions, "question_no"),
            "text": _most_often(questions, "question_text"),
            "reports": grouped.report_id.nunique(),
            "percent": grouped.percent.mean().astype(float),
        }
    )
    out = out.assign(text=out.text.fillna("")).rename_axis("key").reset_index()
    return out.sort_values(["percent", "key"], ignore_index=True)


def _most_often(questions: pd.DataFrame, column: str) -> pd.Series:
    """Per key, the value of column printed most often; of a tie the first in sort order (as Series.mode)."""
    counts = questions.groupby(["key", column]).size()  # sorted by key, then value: idxmax takes the first
    best = counts.groupby(level="key").idxmax()
    return pd.Series([value for _key, value in best], index=best.index, dtype=object)


def question_chart(ranking: pd.DataFrame, show: int = 10) -> str:
    """The weakest and the strongest sub-questions as horizontal bars of their mean percent."""
    show = min(show, (len(ranking) + 1) // 2)
    weakest, strongest = ranking.head(show), ranking.tail(show).iloc[::-1]
    size, row_height, width = 11.0, 24.0, 560.0

    def name(row: Any) -> str:
        return f"{row.number} {textwrap.shorten(str(row.text), 70, placeholder='…')}"

    left = svg.widest((name(r) for r in _rows(ranking.head(show)) + _rows(ranking.tail(show))), size) + 12
    x = svg.Linear(0, 118, left, left + width)
    parts, top = [], 4.0
    for part, colour, title in (
        (weakest, "#c44e52", f"the {show} weakest sub-questions"),
        (strongest, "#4c72b0", f"the {show} strongest sub-questions"),
    ):
        bars_top = top + 24
        bottom = bars_top + len(part) * row_height + 4
        bars, names, numbers = [], [], []
        for n, r in enumerate(_rows(part)):
            middle = bars_top + (n + 0.5) * row_height
            hint = f"{r.number} {r.text}: {r.percent:.0f}%"
            bars.append(
                svg.rect(x(0), middle - row_height * 0.33, x(r.percent) - x(0), row_height * 0.66, colour, hint)
            )
            names.append(svg.text(left - 8, middle, name(r), size, "end"))
            numbers.append(
                svg.text(x(r.percent) + 5, middle, f"{r.percent:.0f}% ({_plural(int(r.reports), 'report')})", 9.5)
            )
        parts += [
            svg.text(left, top + 10, title, 13, bold=True),
            svg.x_axis(x, svg.ticks(0, 100, 6), bottom, bars_top),
            svg.line(left, bars_top, left, bottom, svg.INK, 0.8),
            svg.group("bars", bars),
            svg.group("row-labels", names),
            svg.group("values", numbers),
            svg.text(left + width / 2, bottom + 30, "mean percent of the maximum", 12, "middle"),
        ]
        top = bottom + 48
    return svg.document(left + width + 16, top - 6, parts, "the weakest and the strongest sub-questions")


def _source_link(path: str, page: int | None, out_dir: Path, raw_dir: Path | None, source_format: str) -> str:
    label = escape(path) + (f", p. {page}" if page else "")
    if raw_dir is None:
        return f'<span class="muted">{label}</span>'
    href = quote(Path(os.path.relpath(raw_dir / path, out_dir)).as_posix())
    if page and source_format == "pdf":
        href += f"#page={page}"
    return f'<a href="{escape(href)}">{label}</a>'


def _verdicts(data: Dataset) -> dict[str, tuple[str, str]]:
    """report_id -> (class, text) from the validation findings: the worst severity and its count."""
    counts: dict[str, dict[str, int]] = {}
    sizes = data.validation.groupby(["report_id", "severity"], observed=True).size()
    for (rid, severity), n in zip(sizes.index.tolist(), sizes.tolist()):
        counts.setdefault(str(rid), {})[str(severity)] = int(n)
    out = {}
    for rid in data.reports.report_id.tolist():
        mine = counts.get(rid, {})
        if mine.get("error"):
            out[rid] = ("error", _plural(mine["error"], "error"))
        elif mine.get("warning"):
            out[rid] = ("warning", _plural(mine["warning"], "warning"))
        else:
            out[rid] = ("ok", "clean")
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _cards(items: list[tuple[str, str]]) -> str:
    return (
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for k, v in items)
        + "</div>"
    )


def _counts(series: pd.Series) -> str:
    counts = series.dropna().astype(str).value_counts().sort_index()
    return ", ".join(f"{k} ({v})" for k, v in counts.items()) or "none"


def _holds(data: Dataset, scores: pd.DataFrame, verdicts: dict[str, tuple[str, str]]) -> str:
    reports = data.reports
    years = reports.year.dropna().astype(int)
    municipalities = reports.municipality_code.astype(object).where(
        reports.municipality_code.notna(), reports.municipality
    )
    worst = pd.Series([v[0] for v in verdicts.values()], dtype=object).value_counts()
    severities = data.validation.severity.astype(str).value_counts()
    parts = [
        "<h2 id='holds'>What the dataset holds</h2>",
        _cards(
            [
                ("reports", str(len(reports))),
                ("municipalities", str(municipalities.nunique())),
                (
                    "years",
                    f"{years.min()}–{years.max()}"
                    if len(years) and years.min() != years.max()
                    else (str(years.min()) if len(years) else "none"),
                ),
                ("files that failed", str(len(data.failures))),
                ("reports with errors", str(worst.get("error", 0))),
                ("reports with warnings only", str(worst.get("warning", 0))),
                ("clean reports", str(worst.get("ok", 0))),
            ]
        ),
        "<table>",
        f"<tr><th>revisions</th><td>{escape(_counts(reports.compass_revision))}</td></tr>",
        f"<tr><th>layouts read</th><td>{escape(_counts(reports.source_format))}</td></tr>",
        "<tr><th>validation findings</th><td>"
        + escape(
            ", ".join(_plural(int(severities.get(s, 0)), s) for s in ("error", "warning"))
            + f", {int(severities.get('info', 0))} info"
        )
        + f' — <a href="{VALIDATION_HTML}">validation_report.html</a> says which numbers to distrust</td></tr>',
        "</table>",
    ]
    if len(data.failures):
        parts.append(
            "<p>Files that could not be read (<code>failures.parquet</code>):</p><table>"
            "<tr><th>file</th><th>error_kind</th><th>message</th></tr>"
            + "".join(
                f"<tr><td>{escape(str(f.source_path))}</td><td>{escape(str(f.error_kind))}</td>"
                f"<td>{escape(str(f.message))}</td></tr>"
                for f in _rows(data.failures)
            )
            + "</table>"
        )
    return "\n".join(parts)


def swedish(name: object) -> str:
    """A sort key in Swedish alphabetical order: å, ä, ö after z, in that order (Åmål, Älmhult, Örebro)."""
    return str(name).casefold().translate(_SWEDISH)


_SWEDISH = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "é": "e", "ü": "y"})


def _coverage(scores: pd.DataFrame) -> str:
    """Municipality x year table, each cell the total score, shaded by it."""
    frame = scores.assign(total=_total(scores), who=scores.municipality.fillna("(municipality unknown)"))
    years = sorted(int(y) for y in frame.year.dropna().unique())
    columns: list[int | None] = [*years, *([None] if frame.year.isna().any() else [])]
    cells: dict[tuple[str, int | None], list] = {}
    for r in _rows(frame):
        cells.setdefault((r.who, None if pd.isna(r.year) else int(r.year)), []).append(r)
    rows = [
        "<h2 id='coverage'>Coverage: municipalities by year of evaluation</h2>",
        '<p class="note">Each cell is the total score of that evaluation (the printed total, or the sum of the area '
        "scores where the layout lost the chart); the shade follows the score. Click a cell for the report.</p>",
        '<div class="scroll"><table><tr><th>municipality</th>'
        + "".join(f"<th>{'year unknown' if c is None else c}</th>" for c in columns)
        + "<th>evaluations</th></tr>",
    ]
    for who in sorted(frame.who.unique(), key=swedish):
        line = []
        for column in columns:
            hit = cells.get((who, column), [])
            if not hit:
                line.append('<td class="c"></td>')
                continue
            links = " / ".join(
                f'<a href="#r-{escape(r.report_id)}">{"?" if pd.isna(r.total) else int(r.total)}</a>' for r in hit
            )
            first = hit[0].total
            style = ""
            if not pd.isna(first):
                share = float(first) / MAX_SCORE
                style = f' style="background:{svg.YLGNBU.at(0.1 + 0.8 * share)};color:{"#fff" if share > 0.55 else "#1d2330"}"'
            line.append(f'<td class="c"{style}>{links}</td>')
        count = sum(len(cells.get((who, c), [])) for c in columns)
        rows.append(f"<tr><td>{escape(str(who))}</td>{''.join(line)}<td class='n'>{count}</td></tr>")
    rows.append("</table></div>")
    return "\n".join(rows)


def _report_table(
    data: Dataset, scores: pd.DataFrame, out_dir: Path, raw_dir: Path | None, verdicts: dict[str, tuple[str, str]]
) -> str:
    pages = data.areas.groupby("report_id").table_page.min()
    first_table_page = dict(zip(pages.index.tolist(), pages.tolist()))
    latest_ids = set(_latest_ids(scores))
    rows = [
        "<h2 id='reports'>Every report</h2>",
        '<p class="note">Source: the file the report was read from (for a PDF, the page where its score tables '
        "begin). Findings: the report's section of the validation report.</p>",
        "<table><tr><th>report</th><th>municipality</th><th>year</th><th>revision</th><th>layout</th>"
        "<th>total</th><th>latest?</th><th>validation</th><th>source</th></tr>",
    ]
    source_paths = dict(zip(data.reports.report_id.tolist(), data.reports.source_path.tolist()))
    for r in _rows(scores.assign(total=_total(scores))):
        page = first_table_page.get(r.report_id)
        page = None if page is None or pd.isna(page) else int(page)
        css, text = verdicts[r.report_id]
        source_path = source_paths.get(r.report_id, "")
        rows.append(
            f'<tr id="r-{escape(r.report_id)}"><td>{escape(r.report_id)}</td><td>{escape(str(r.municipality or ""))}</td>'
            f"<td>{'' if pd.isna(r.year) else int(r.year)}</td>"
            f"<td>{escape('' if pd.isna(r.compass_revision) else str(r.compass_revision))}</td>"
            f"<td>{escape(str(r.source_format))}</td>"
            f"<td class='n'>{'' if pd.isna(r.total) else int(r.total)}</td>"
            f"<td>{'latest' if r.report_id in latest_ids else ''}</td>"
            f'<td><a class="badge {css}" href="{VALIDATION_HTML}#{quote(r.report_id)}">{escape(text)}</a></td>'
            f"<td>{_source_link(str(source_path), page if str(r.source_format) == 'pdf' else None, out_dir, raw_dir, str(r.source_format))}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by municipality (Swedish order), then year; reports without a municipality last."""
    key = frame.municipality.map(lambda m: "\uffff" if pd.isna(m) else swedish(m))
    order = frame.assign(_key=key, _year=frame.year.astype("Float64").fillna(0)).sort_values(
        ["_key", "_year", "report_id"]
    )
    return order.drop(columns=["_key", "_year"])


def _latest_ids(scores: pd.DataFrame) -> list[str]:
    from kompass.pipeline.publish.frames import latest

    return list(latest(scores).report_id)


def _figure_block(svg: str, caption: str, rows: int = 0) -> str:
    """A chart and its caption; a chart of many rows scrolls in a box of the window's height, caption above it."""
    if not svg:
        return ""
    if rows > 40:
        return f'<figure><figcaption>{caption} Scroll the chart for all {rows} rows.</figcaption><div class="tall">{svg}</div></figure>'
    return f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"


def render(data: Dataset, out_dir: Path, raw_dir: Path | None = None, title: str | None = None) -> str:
    """The whole page as HTML text; raw_dir (the sources' folder) makes the source paths links."""
    out_dir = Path(out_dir)
    head = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title or 'Kommunkompassen dataset overview')}</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Kommunkompassen: overview of the dataset</h1>",
        f'<p class="lead">Dataset <code>{escape(str(out_dir))}</code>: {len(data.reports)} report'
        f"{'s' * (len(data.reports) != 1)}. Scores are as printed in the reports (each area 0–100, total 0–800). "
        "Scores of different Kommunkompassen revisions (2010, 2016, 2020) are not directly comparable.</p>",
    ]
    if data.reports.empty:
        body = [
            '<p class="empty">This dataset holds no reports'
            + (f": none of its {len(data.failures)} files could be read." if len(data.failures) else ".")
            + " Nothing to chart yet.</p>",
            _holds(data, pd.DataFrame(), {}),
        ]
        return "\n".join([*head, *body, "</body></html>"]) + "\n"
    scores = _in_order(data.area_scores())
    verdicts = _verdicts(data)
    labels, mixed = _area_labels(scores.compass_revision)
    change = changes(scores)
    ranking = question_ranking(data)
    nav = [("holds", "what it holds"), ("coverage", "coverage"), ("totals", "total scores")]
    nav += [("areas", "area scores"), ("profile", "profiles"), ("change", "change"), ("questions", "sub-questions")]
    nav += [("reports", "every report")]
    body = [
        "<nav>" + "".join(f'<a href="#{a}">{escape(t)}</a>' for a, t in nav) + "</nav>",
        _holds(data, scores, verdicts),
        _coverage(scores),
        "<h2 id='totals'>Total scores compared</h2>",
        _figure_block(
            totals_chart(scores),
            "One row per municipality, ordered by its latest total: the filled dot is the latest evaluation, "
            "coloured by revision; open circles are earlier evaluations of the same municipality (the count "
            "is after the name). The scale starts near the lowest total, not at 0.",
            scores.municipality.fillna(scores.report_id).nunique(),
        ),
        "<h2 id='areas'>Area scores</h2>",
        _figure_block(
            heat_map(scores, labels),
            "Reports (rows) by the eight areas (columns); darker is a higher score (0–100)." + mixed,
            len(scores),
        ),
        "<h2 id='profile'>Each report against the median</h2>",
        _figure_block(
            profile_chart(scores, labels),
            (
                "Each line is one report's eight area scores"
                if len(scores) <= PROFILE_LINES_UP_TO
                else "Each dot is one report's score in an area (spread sideways so that none hides another)"
            )
            + "; the dark line is the median report of this dataset"
            + (", the band the middle half of the reports." if len(scores) >= 4 else ".")
            + (" With one report there is no median to compare with." if len(scores) == 1 else "")
            + mixed,
        ),
        "<h2 id='change'>Change between evaluations</h2>",
        _figure_block(
            change_chart(change, labels),
            "Each row is a municipality's evaluation against its previous one: points gained (blue) or lost "
            "(red) per area; the row label gives the change of the total. A change of revision between the two "
            "is named: its scores are not directly comparable.",
            len(change),
        )
        if not change.empty
        else '<p class="note">No municipality is evaluated more than once in this dataset.</p>',
        "<h2 id='questions'>Sub-questions: the weakest and the strongest</h2>",
        _figure_block(
            question_chart(ranking),
            "Sub-questions by their mean percent of the maximum over the reports that print them (shown with "
            "the number and text most reports print), the same question told by "
            + (
                "the catalogue's question key, across the revisions' numbering."
                if "question_key" in data.questions.columns
                else "number (1.1, 4.2, ...; the 2020 revision's numbered apart)."
            ),
        )
        if not ranking.empty
        else '<p class="note">No sub-question table was read.</p>',
        _report_table(data, scores, out_dir, raw_dir, verdicts),
    ]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"
