"""A report spec as Typst markup: the same plan as synth/native.py, for the Typst compiler to print.

The running header with page numbers is the page's `header`, tables are Typst
tables in the style asked for (their cells aligned at the top or centred
vertically, columns as wide as their text or all equal), lists use Typst's list
marker, and with `hyphenate` Typst breaks words at line ends by its Swedish
patterns. All text goes in as string literals, so nothing in it is read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from synth.native import Bullets, Chart, Heading, PageBreak, Para, Rubriker, ScoreTable, _date, _toc, plan
from synth.text import PUBLISHER


@dataclass
class TypstStyle:
    font: str = "Libertinus Serif"  # one of the fonts the Typst compiler carries
    size: float = 10.5  # pt
    table_rules: str = "grid"  # grid, horizontal, booktabs, none
    bullet: str = "•"  # Typst's list marker
    cell_valign: str = "top"  # top, horizon (centred vertically)
    equal_columns: bool = False  # chapter 4 tables: five columns of one width, not sized to their text
    hyphenate: bool = False


STROKES = {
    "grid": "stroke: 0.5pt",
    "horizontal": "stroke: (x: none, y: 0.5pt)",
    "booktabs": "stroke: none",
    "none": "stroke: none",
}


def s(text: str) -> str:
    """Text as a Typst string literal (code mode; `#` before it in markup)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_typst(spec: dict, seed: int = 0, style: TypstStyle | None = None) -> str:
    style = style or TypstStyle()
    title, body = plan(spec, seed)
    header = f"{PUBLISHER}    {_date(spec)}    "
    out = [
        '#set page(paper: "a4", margin: (left: 25mm, right: 22mm, top: 25mm, bottom: 22mm), header: context {',
        "  if counter(page).get().first() > 1 {",
        f"    set text(size: 9pt); {s(header)}; counter(page).display(); [ (]; str(counter(page).final().first()); [)]",
        "  }",
        "})",
        f'#set text(font: "{style.font}", size: {style.size}pt, lang: "sv", hyphenate: {str(style.hyphenate).lower()})',
        f"#set par(justify: {str(style.hyphenate).lower()})",
        f"#set list(marker: {s(style.bullet)}, indent: 12pt)",
        "#set heading(numbering: none)",
        "#show heading.where(level: 1): set text(size: 16pt)",
        "#show heading.where(level: 2): set text(size: 14pt)",
        "#show heading.where(level: 3): set text(size: 11pt)",
        f"#set table(inset: 4pt, align: left + {style.cell_valign}, {STROKES[style.table_rules]})",
        "#v(150pt)",
    ]
    for i, line in enumerate(title):
        size, weight = (26, "bold") if i == 0 else (16, "bold") if i < 3 else (11, "regular")
        out.append(f'#text(size: {size}pt, weight: "{weight}", {s(line)})')
        out.append("")
    out.append("#pagebreak()")
    out.append(f"#heading(level: 2, {s('Innehåll')})")
    for n, (label, text) in enumerate(_toc(body)):
        out.append(f"#{s(f'{label} {text}')} #box(width: 1fr, repeat[.]) #{s(str(3 + 2 * n))}")
        out.append("")
    out.append("#pagebreak()")
    for el in body:
        if isinstance(el, PageBreak):
            out.append("#pagebreak()")
        elif isinstance(el, Heading):
            label = f"#{s(el.label)} #h(1em) " if el.label else ""
            out.append(f"#heading(level: {el.level})[{label}#{s(el.text)}]")
        elif isinstance(el, Para):
            out.append(f"#par({s(el.text)})")
        elif isinstance(el, Bullets):
            out.append(_list(el.items))
        elif isinstance(el, Chart):
            out.append(_chart(el))
        elif isinstance(el, Rubriker):
            out.append(
                f"#table(columns: (3fr, 1fr), {_rules(style, 0, 2)}table.header({s('Rubriker')}, {s('Poäng')}), "
                f"{_list(el.headings)[1:]}, {s(str(el.score))})"
            )
        elif isinstance(el, ScoreTable):
            out.append(_score_table(el, style))
    return "\n".join(out) + "\n"


def _list(items: list[str]) -> str:
    return "#list(" + ", ".join(s(i) for i in items) + ")"


def _rules(style: TypstStyle, header: int, rows: int) -> str:
    """booktabs: rules above and below the header and around the last row (Typst's table.hline)."""
    if style.table_rules != "booktabs":
        return ""
    lines = [0, header + 1, rows - 1, rows] if rows > 2 else [0, header + 1, rows]
    return "".join(f"table.hline(y: {y}, stroke: {'1pt' if y in (0, rows) else '0.5pt'}), " for y in lines)


def _chart(el: Chart) -> str:
    bars = ", ".join(
        f"stack(spacing: 2pt, rect(width: 28pt, height: {score * 1.5}pt, fill: luma(60%)), "
        f"text(size: 8pt, {s(str(score))}))"
        for score in el.scores
    )
    return f'#text(weight: "bold", {s(el.label)})\n\n#grid(columns: 8, gutter: 12pt, align: bottom, {bars})'


def _score_table(el: ScoreTable, style: TypstStyle) -> str:
    columns = "(1fr,) * 5" if style.equal_columns else "(auto, 1fr, auto, auto, auto)"
    head = ", ".join(s(t) for t in (f"{el.area_no}.", el.name, "Uppnått", "Max", "Procent"))
    rows = [", ".join(s(v) for v in (q, t, str(a), str(m), f"{p}%")) for q, t, a, m, p in el.rows]
    total = f"table.cell(colspan: 2, []), {s(str(el.total))}, {s('100')}, {s(f'{el.total}%')}"
    body = ", ".join([*rows, total])
    return (
        f"#table(columns: {columns}, {_rules(style, 0, len(el.rows) + 2)}"
        f"table.header(..({head},).map(c => strong(c))), {body})"
    )
