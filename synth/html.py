"""A report spec as HTML for print (Chromium, WeasyPrint): the same plan as synth/native.py.

Running header with page numbers from CSS @page margin boxes, tables ruled by
CSS borders in the style asked for, lists as <ul> (markers drawn by the browser)
or with the bullet glyph written in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from synth.native import Bullets, Chart, Heading, PageBreak, Para, Rubriker, ScoreTable, _date, _toc, plan
from synth.text import PUBLISHER


@dataclass
class HtmlStyle:
    font: str = "DejaVu Sans"  # a font family installed on the rendering machine
    size: float = 10.5  # pt
    table_rules: str = "grid"  # grid, horizontal, booktabs, shaded, none
    bullet: str = "disc"  # disc: <ul> markers the browser draws; else a glyph written before the text
    page_numbers: bool = True  # "6 (25)" in the running header (CSS counters)
    chart: str = "absolute"  # absolute: bars placed by CSS positions; table: a row of cells (no positioning)
    cell_valign: str = "top"  # vertical-align of every table cell: top, middle


RULES = {
    "grid": "td, th { border: 0.6pt solid #000; }",
    "horizontal": "td, th { border-top: 0.6pt solid #000; border-bottom: 0.6pt solid #000; }",
    "booktabs": (
        "thead th { border-top: 1pt solid #000; border-bottom: 0.6pt solid #000; }"
        " tr.total td { border-top: 0.6pt solid #000; border-bottom: 1pt solid #000; }"
    ),
    "shaded": "tbody tr:nth-child(odd) td { background: #e4e4e4; }",
    "none": "",
}


def to_html(spec: dict, seed: int = 0, style: HtmlStyle | None = None) -> str:
    style = style or HtmlStyle()
    title, body = plan(spec, seed)
    header = f"{PUBLISHER}\\00a0 \\00a0 \\00a0 {_date(spec)}\\00a0 \\00a0 \\00a0 "
    pages = ' counter(page) " (" counter(pages) ")"' if style.page_numbers else ""
    css = f"""
@page {{ size: A4; margin: 25mm 22mm 22mm 25mm;
  @top-left {{ content: "{header}"{pages}; font: 9pt "{style.font}"; }} }}
@page :first {{ @top-left {{ content: none; }} }}
body {{ font-family: "{style.font}"; font-size: {style.size}pt; line-height: 1.3; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 14pt; }} h3 {{ font-size: 11pt; }}
h1, h2, h3 {{ margin: 14pt 0 6pt 0; break-after: avoid; }}
.title {{ margin-top: 200pt; }} .title p {{ font-size: 11pt; }}
.title .big {{ font-size: 26pt; font-weight: bold; margin: 0; }}
.title .mid {{ font-size: 16pt; font-weight: bold; margin: 0 0 8pt 0; }}
.break {{ break-before: page; page-break-before: always; }}
ul {{ margin: 4pt 0 8pt 0; padding-left: 30pt; }} li {{ margin-bottom: 3pt; }}
ul.glyph {{ list-style: none; padding-left: 30pt; }}
ul.glyph li {{ text-indent: -14pt; }}
ul.glyph li span.mark {{ display: inline-block; width: 14pt; text-indent: 0; }}
table {{ border-collapse: collapse; margin: 6pt 0 14pt 0; font-size: {style.size - 1}pt; width: 100%; }}
td, th {{ padding: 3pt 5pt; vertical-align: {style.cell_valign}; text-align: left; font-weight: normal; }}
thead th {{ font-weight: bold; }}
tr {{ break-inside: avoid; }}
.chart {{ position: relative; height: 190pt; margin: 10pt 0 20pt 0; }}
.chart .label {{ position: absolute; left: 150pt; top: 0; font-weight: bold; font-size: 10pt; }}
.chart .bar {{ position: absolute; bottom: 0; width: 30pt; background: #999;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.chart .value {{ position: absolute; bottom: 4pt; width: 30pt; text-align: center; font-size: 8pt; }}
* {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
{RULES[style.table_rules]}
"""
    out = [f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>{css}</style></head><body>']
    out.append('<div class="title">')
    for i, line in enumerate(title):
        cls = "big" if i == 0 else "mid" if i < 3 else ""
        out.append(f'<p class="{cls}">{escape(line)}</p>')
    out.append("</div>")
    out.append('<h2 class="break">Innehåll</h2>')
    for n, (label, text) in enumerate(_toc(body)):
        out.append(f"<p>{escape(label)} {escape(text)} {'.' * 20} {3 + 2 * n}</p>")
    pending_break = True
    for el in body:
        cls = ' class="break"' if pending_break else ""
        pending_break = False
        if isinstance(el, PageBreak):
            pending_break = True
        elif isinstance(el, Heading):
            label = f"{escape(el.label)}&emsp;" if el.label else ""
            out.append(f"<h{el.level}{cls}>{label}{escape(el.text)}</h{el.level}>")
        elif isinstance(el, Para):
            out.append(f"<p{cls}>{escape(el.text)}</p>")
        elif isinstance(el, Bullets):
            out.append(_list(el.items, style))
        elif isinstance(el, Chart):
            out.append(_chart(el) if style.chart == "absolute" else _chart_table(el))
        elif isinstance(el, Rubriker):
            out.append(
                "<table><thead><tr><th>Rubriker</th><th>Poäng</th></tr></thead><tbody><tr>"
                f'<td style="width:75%">{_list(el.headings, style)}</td><td>{el.score}</td></tr></tbody></table>'
            )
        elif isinstance(el, ScoreTable):
            out.append(_score_table(el))
    out.append("</body></html>")
    return "\n".join(out)


def _list(items: list[str], style: HtmlStyle) -> str:
    if style.bullet == "disc":
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    mark = escape(style.bullet)
    return (
        '<ul class="glyph">' + "".join(f'<li><span class="mark">{mark}</span>{escape(i)}</li>' for i in items) + "</ul>"
    )


def _chart(el: Chart) -> str:
    parts = [f'<div class="chart"><div class="label">{escape(el.label)}</div>']
    for i, score in enumerate(el.scores):
        left = 40 + i * 50
        parts.append(f'<div class="bar" style="left:{left}pt;height:{score * 1.5}pt"></div>')
        parts.append(f'<div class="value" style="left:{left}pt">{score}</div>')
    parts.append("</div>")
    return "".join(parts)


def _chart_table(el: Chart) -> str:
    """The chart for a layout engine without CSS positions: the label, then the bars as cells of one row."""
    bars = "".join(
        f'<td style="vertical-align: bottom; width: 40pt;"><div style="height: {score * 1.5}pt; background: #999;">'
        f"</div>{score}</td>"
        for score in el.scores
    )
    return f'<p><b>{escape(el.label)}</b></p><table class="chart-bars"><tr>{bars}</tr></table>'


def _score_table(el: ScoreTable) -> str:
    widths = (7, 58, 11, 10, 14)
    head = "".join(
        f'<th style="width:{w}%">{escape(t)}</th>'
        for w, t in zip(widths, (f"{el.area_no}.", el.name, "Uppnått", "Max", "Procent"))
    )
    rows = "".join(
        f"<tr><td>{escape(q)}</td><td>{escape(t)}</td><td>{a}</td><td>{m}</td><td>{p}%</td></tr>"
        for q, t, a, m, p in el.rows
    )
    total = f'<tr class="total"><td colspan="2"></td><td>{el.total}</td><td>100</td><td>{el.total}%</td></tr>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}{total}</tbody></table>"
