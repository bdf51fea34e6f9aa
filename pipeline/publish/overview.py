"""overview.html: what an analyst opens first, one self-contained page of the dataset's results.

What the dataset holds, coverage (municipality x year), total and area scores,
each report against the dataset's median, change between evaluations, the
weakest and strongest sub-questions, and every report with links to its source
and its findings. Charts are matplotlib figures rendered as inline SVG at write
time: the page runs no script and loads nothing, so it opens from disk offline.
"""

from __future__ import annotations

import io
import os
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pandas as pd

from kompass.pipeline.interpret.areas import NAMES
from kompass.pipeline.publish.frames import AREA_COLUMNS, Dataset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FILE_NAME = "overview.html"
VALIDATION_HTML = "validation_report.html"
MAX_SCORE = 800
REVISION_COLOURS = {"2010": "#4c72b0", "2016": "#dd8452", "2020": "#55a868"}
UNKNOWN_COLOUR = "#8c8c8c"
ANNOTATE_UP_TO = 60  # rows of a heat map that still get their numbers printed in the cells

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
    """A frame's rows as named tuples (typed Any: the columns are known here, not to the type checker)."""
    return list(frame.itertuples())


def _label(row: Any) -> str:
    return f"{row.municipality or row.report_id} {'' if pd.isna(row.year) else int(row.year)}".strip()


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
            "svg.hashsalt": "kompass",  # the same data gives the same file
            "font.family": "DejaVu Sans",  # ships with matplotlib: the same text widths everywhere
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 10,
            "axes.titleweight": "bold",
        }
    ):
        yield


def _svg(fig: Figure) -> str:
    """A figure as an <svg> element to inline (no XML prolog), scaled down to fit narrow windows."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)  # matplotlib's RDF block
    # matplotlib repeats its whole font fallback list in every text element
    return re.sub(r"font-family: 'DejaVu Sans'[^;\"]*", "font-family: 'DejaVu Sans', Verdana, sans-serif", text)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))  # laid out once, by savefig's tight bounding box


def _rows_height(rows: int, per_row: float = 0.2, least: float = 1.6) -> float:
    return max(least, 0.8 + rows * per_row)


def totals_chart(scores: pd.DataFrame) -> str:
    """One row per municipality: its latest total as a dot coloured by revision, earlier evaluations as open circles."""
    from matplotlib.lines import Line2D

    frame = scores.assign(total=_total(scores).astype("Float64"), who=scores.municipality.fillna(scores.report_id))
    frame = frame[frame.total.notna()]
    if frame.empty:
        return ""
    frame = frame.sort_values(["who", "year", "report_id"])
    latest = frame.drop_duplicates("who", keep="last").sort_values(["total", "who"])
    rows = {who: n for n, who in enumerate(latest.who)}
    small = len(rows) <= 40
    fig = _figure(9, _rows_height(len(rows), 0.24 if small else 0.15))
    ax = fig.add_subplot()
    earlier = frame.drop(latest.index)
    for who, group in frame.groupby("who", sort=False):
        if len(group) > 1:  # a thin line joins a municipality's evaluations
            values = group.total.astype(float)
            ax.plot([values.min(), values.max()], [rows[who]] * 2, color="#b3b8c4", lw=1, zorder=1)
    if not earlier.empty:
        ax.scatter(
            earlier.total.astype(float),
            [rows[w] for w in earlier.who],
            s=26,
            facecolor="white",
            edgecolor="#6b7285",
            zorder=2,
        )
    colours = [REVISION_COLOURS.get(str(r), UNKNOWN_COLOUR) for r in latest.compass_revision]
    ax.scatter(latest.total.astype(float), range(len(latest)), s=40 if small else 26, c=colours, zorder=3)
    evaluations = frame.who.value_counts()
    labels = [_label(r) + (f"  ({evaluations[r.who]}x)" if evaluations[r.who] > 1 else "") for r in _rows(latest)]
    ax.set_yticks(range(len(latest)), labels, fontsize=9 if small else 6.5)
    if small:
        for n, value in enumerate(latest.total.astype(float)):
            ax.annotate(f"{value:.0f}", (value, n), xytext=(7, 0), textcoords="offset points", va="center", fontsize=8)
    low, high = float(frame.total.min()), float(frame.total.max())
    pad = max(25.0, (high - low) * 0.08)
    ax.set_xlim(max(0.0, low - pad), min(MAX_SCORE, high + pad * 1.6))
    ax.set_ylim(-0.8, len(latest) - 0.2)
    ax.set_xlabel("total score (of 800)")
    ax.xaxis.grid(True, color="#e3e6ec")
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    present = [r for r in REVISION_COLOURS if r in set(latest.compass_revision.astype(str))]
    handles = [
        Line2D([], [], marker="o", ls="", color=REVISION_COLOURS[r], label=f"latest evaluation, {r} revision")
        for r in present
    ]
    if latest.compass_revision.isna().any():
        handles.append(Line2D([], [], marker="o", ls="", color=UNKNOWN_COLOUR, label="latest, revision unknown"))
    if not earlier.empty:
        handles.append(Line2D([], [], marker="o", ls="", mfc="white", mec="#6b7285", label="an earlier evaluation"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    if not small:  # a long chart: the scale on top too, where the reader starts
        ax.tick_params(axis="x", labeltop=True, top=True)
    return _svg(fig)


def heat_map(scores: pd.DataFrame, labels: list[str]) -> str:
    """Reports x the eight areas, each cell the area score (0-100)."""
    import numpy as np

    frame = _in_order(scores)
    values = frame[AREA_COLUMNS].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    rows = len(frame)
    fig = _figure(10, _rows_height(rows, 0.26 if rows <= ANNOTATE_UP_TO else 0.13, 1.6) + 0.9)
    ax = fig.add_subplot()
    image = ax.imshow(values, cmap="YlGnBu", vmin=0, vmax=100, aspect="auto", interpolation="nearest")
    ax.set_xticks(
        range(8), ["\n".join(textwrap.wrap(label, 13, break_long_words=False)) for label in labels], fontsize=7
    )
    ax.xaxis.set_ticks_position("top")
    ax.set_yticks(range(rows), [_label(r) for r in _rows(frame)], fontsize=8 if rows <= ANNOTATE_UP_TO else 5.5)
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    if rows <= ANNOTATE_UP_TO:
        for (r, c), v in np.ndenumerate(values):
            if not np.isnan(v):
                ax.text(c, r, f"{v:.0f}", ha="center", va="center", fontsize=8, color="white" if v >= 60 else "#1d2330")
    fig.colorbar(image, ax=ax, shrink=min(1.0, 4 / max(rows, 1) + 0.3), label="area score", pad=0.01)
    return _svg(fig)


def profile_chart(scores: pd.DataFrame, labels: list[str]) -> str:
    """Each report's eight area scores as a line, against the dataset's median and middle half."""
    import numpy as np

    values = scores[AREA_COLUMNS].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    fig = _figure(9, 3.8)
    ax = fig.add_subplot()
    x = np.arange(1, 9)
    few = len(values) <= 8
    for row, line in zip(_rows(scores), values):
        if few:
            ax.plot(x, line, marker="o", ms=4, lw=1.4, label=_label(row))
        else:
            ax.plot(x, line, color="#9aa5bd", lw=0.6, alpha=0.45)
    if len(values) > 1:
        median = np.nanmedian(values, axis=0)
        if len(values) >= 4:
            low, high = np.nanpercentile(values, [25, 75], axis=0)
            ax.fill_between(x, low, high, color="#1d2330", alpha=0.12, label="middle half of the reports")
        ax.plot(x, median, color="#1d2330", lw=2.6, ls="--" if few else "-", label="median of the dataset")
    ax.set_xticks(x, ["\n".join(textwrap.wrap(label, 13, break_long_words=False)) for label in labels], fontsize=7.5)
    ax.set_ylim(0, 100)
    ax.set_ylabel("area score")
    ax.yaxis.grid(True, color="#e3e6ec")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return _svg(fig)


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
    import numpy as np
    from matplotlib.colors import TwoSlopeNorm

    values = change[AREA_COLUMNS].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    rows = len(change)
    span = max(5.0, float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 5.0)
    fig = _figure(10, _rows_height(rows, 0.3 if rows <= ANNOTATE_UP_TO else 0.13, 1.6) + 0.9)
    ax = fig.add_subplot()
    image = ax.imshow(values, cmap="RdBu", norm=TwoSlopeNorm(0, -span, span), aspect="auto", interpolation="nearest")
    names = []
    for r in _rows(change):
        revisions = "" if r.from_revision == r.to_revision else f" (revision {r.from_revision}→{r.to_revision})"
        total = "" if pd.isna(r.total) else f", total {int(r.total):+d}"
        names.append(f"{r.municipality} {r.from_year}→{r.to_year}{total}{revisions}")
    ax.set_yticks(range(rows), names, fontsize=8 if rows <= ANNOTATE_UP_TO else 5.5)
    ax.set_xticks(
        range(8), ["\n".join(textwrap.wrap(label, 13, break_long_words=False)) for label in labels], fontsize=7
    )
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    if rows <= ANNOTATE_UP_TO:
        for (r, c), v in np.ndenumerate(values):
            if not np.isnan(v):
                ax.text(
                    c,
                    r,
                    f"{v:+.0f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if abs(v) > span * 0.6 else "#1d2330",
                )
    fig.colorbar(image, ax=ax, shrink=min(1.0, 4 / max(rows, 1) + 0.3), label="change in points", pad=0.01)
    return _svg(fig)


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
    text = grouped.question_text.agg(lambda t: t.dropna().mode().iloc[0] if t.notna().any() else "")
    number = grouped.question_no.agg(lambda n: n.mode().iloc[0])
    out = pd.DataFrame(
        {
            "key": text.index,
            "number": number.to_numpy(),
            "text": text.to_numpy(),
            "reports": grouped.report_id.nunique().to_numpy(),
            "percent": grouped.percent.mean().astype(float).to_numpy(),
        }
    )
    return out.sort_values(["percent", "key"], ignore_index=True)


def question_chart(ranking: pd.DataFrame, show: int = 10) -> str:
    """The weakest and the strongest sub-questions as horizontal bars of their mean percent."""
    show = min(show, (len(ranking) + 1) // 2)
    weakest, strongest = ranking.head(show), ranking.tail(show).iloc[::-1]
    fig = _figure(10, _rows_height(show, 0.34, 1.8) * 2 + 0.3)
    axes = fig.subplots(2, 1)
    for ax, part, colour, title in (
        (axes[0], weakest, "#c44e52", f"the {show} weakest sub-questions"),
        (axes[1], strongest, "#4c72b0", f"the {show} strongest sub-questions"),
    ):
        n = range(len(part))
        ax.barh(n, part.percent, color=colour, height=0.65)
        ax.set_yticks(
            n,
            [f"{n}  {textwrap.shorten(str(t), 70, placeholder='…')}" for n, t in zip(part.number, part.text)],
            fontsize=8,
        )
        ax.invert_yaxis()
        for i, (p, reports) in enumerate(zip(part.percent, part.reports)):
            ax.text(p + 1, i, f"{p:.0f}%  ({_plural(int(reports), 'report')})", va="center", fontsize=7.5)
        ax.set_xlim(0, 118)
        ax.set_xticks(range(0, 101, 20))
        ax.set_title(title, loc="left")
        ax.set_xlabel("mean percent of the maximum")
    return _svg(fig)


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
    found = data.validation.assign(severity=data.validation.severity.astype(str))
    for rid, severity in zip(found.report_id, found.severity):
        mine = counts.setdefault(str(rid), {})
        mine[severity] = mine.get(severity, 0) + 1
    out = {}
    for rid in data.reports.report_id:
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
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["YlGnBu"]
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
                style = f' style="background:{to_hex(cmap(0.1 + 0.8 * share))};color:{"#fff" if share > 0.55 else "#1d2330"}"'
            line.append(f'<td class="c"{style}>{links}</td>')
        count = sum(len(cells.get((who, c), [])) for c in columns)
        rows.append(f"<tr><td>{escape(str(who))}</td>{''.join(line)}<td class='n'>{count}</td></tr>")
    rows.append("</table></div>")
    return "\n".join(rows)


def _report_table(
    data: Dataset, scores: pd.DataFrame, out_dir: Path, raw_dir: Path | None, verdicts: dict[str, tuple[str, str]]
) -> str:
    first_table_page = data.areas.groupby("report_id").table_page.min()
    latest_ids = set(_latest_ids(scores))
    rows = [
        "<h2 id='reports'>Every report</h2>",
        '<p class="note">Source: the file the report was read from (for a PDF, the page where its score tables '
        "begin). Findings: the report's section of the validation report.</p>",
        "<table><tr><th>report</th><th>municipality</th><th>year</th><th>revision</th><th>layout</th>"
        "<th>total</th><th>latest?</th><th>validation</th><th>source</th></tr>",
    ]
    source_paths = data.reports.set_index("report_id").source_path
    for r in _rows(_in_order(scores.assign(total=_total(scores)))):
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
    with _style():
        scores = data.area_scores()
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
                "Each line is one report's eight area scores; the dark line is the median report of this dataset"
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
