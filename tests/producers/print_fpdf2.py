"""Print one matrix case with fpdf2, as a user of its write_html would (run in a venv that has fpdf2).

    /tmp/tools/bin/python tests/producers/print_fpdf2.py CASE_NAME OUT.pdf

The body goes through write_html: headings, paragraphs, <ul> lists and <table>s
with fpdf2's own table layout (equal-width columns unless told otherwise, every
cell's text centred vertically in its row; the Rubriker headings a row each, the
score one cell down all of them). The running header is FPDF.header(), the chart fpdf2's rectangles. fonts:
DejaVu Sans (fpdf2's core fonts cannot write every character of the texts).
"""

from __future__ import annotations

import datetime as dt
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fpdf  # noqa: E402
from fpdf import FPDF  # noqa: E402
from producer_matrix import CASES, Case  # noqa: E402

from synth import native  # noqa: E402
from synth.text import PUBLISHER  # noqa: E402

# write_html's rules: grid (border="1" with line separators), horizontal (separators only), headrule (its
# default: one rule under the heading row), columns (border="1": the frame and the rules between columns)
BORDERS = {
    "grid": ('border="1"', True),
    "horizontal": ("", True),
    "headrule": ("", False),
    "columns": ('border="1"', False),
}


class Report(FPDF):
    def __init__(self, header: str):
        super().__init__(format="A4")
        self.running = header
        self.add_font("DejaVu", "", str(native.DEJAVU))
        self.add_font("DejaVu", "B", str(native.DEJAVU_BOLD))
        self.set_margins(22, 25, 22)
        self.set_auto_page_break(True, 20)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 9)
        self.set_xy(self.l_margin, 12)
        self.cell(0, 5, f"{self.running}     {self.page_no()} ({{nb}})")
        self.set_y(25)


def render(case: Case, out: Path) -> None:
    assert case.cells == "middle", "write_html centres every table cell vertically"
    spec, seed = case.fixture.spec(), case.fixture.seed
    title, body = native.plan(spec, seed)
    pdf = Report(f"{PUBLISHER}     {native._date(spec)}")
    attrs, separators = BORDERS[case.tables]

    def html(text: str) -> None:
        pdf.set_font("DejaVu", "", 10)
        pdf.write_html(text, table_line_separators=separators, ul_bullet_char=case.bullet)

    pdf.add_page()
    pdf.set_y(90)
    for i, line in enumerate(title):
        tag = "h1" if i == 0 else "h2" if i < 3 else "p"
        html(f"<{tag}>{escape(line)}</{tag}>")
    pdf.add_page()
    html("<h2>Innehåll</h2>")
    for n, (label, text) in enumerate(native._toc(body)):
        html(f"<p>{escape(label)} {escape(text)} {'.' * 20} {3 + 2 * n}</p>")
    pdf.add_page()
    for el in body:
        if isinstance(el, native.PageBreak):
            pdf.add_page()
        elif isinstance(el, native.Heading):
            label = f"{escape(el.label)} " if el.label else ""
            html(f"<h{el.level + 1}>{label}{escape(el.text)}</h{el.level + 1}>")
        elif isinstance(el, native.Para):
            html(f"<p>{escape(el.text)}</p>")
        elif isinstance(el, native.Bullets):
            html("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in el.items) + "</ul>")
        elif isinstance(el, native.Chart):
            chart(pdf, el)
        elif isinstance(el, native.Rubriker):
            # a cell holds no <br> in write_html: each heading its row, the score one cell down all of them
            first, *rest = [f"<td>{case.bullet} {escape(h)}</td>" for h in el.headings]
            rows = f'<tr>{first}<td rowspan="{len(el.headings)}">{el.score}</td></tr>'
            rows += "".join(f"<tr>{h}</tr>" for h in rest)
            html(
                f'<table {attrs}><thead><tr><th width="75%">Rubriker</th><th width="25%">Poäng</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
        elif isinstance(el, native.ScoreTable):
            head = "".join(f"<th>{escape(t)}</th>" for t in (f"{el.area_no}.", el.name, "Uppnått", "Max", "Procent"))
            rows = "".join(
                f"<tr><td>{escape(q)}</td><td>{escape(t)}</td><td>{a}</td><td>{m}</td><td>{p}%</td></tr>"
                for q, t, a, m, p in el.rows
            )
            total = f'<tr><td colspan="2"></td><td>{el.total}</td><td>100</td><td>{el.total}%</td></tr>'
            html(f"<table {attrs}><thead><tr>{head}</tr></thead><tbody>{rows}{total}</tbody></table>")
    pdf.set_producer(f"fpdf2 {fpdf.__version__}")  # it writes none of its own
    pdf.set_creation_date(dt.datetime(2017, 5, 10, 12, 0, tzinfo=dt.UTC))  # the same bytes every run
    pdf.output(str(out))


def chart(pdf: FPDF, el: native.Chart) -> None:
    """The chart's label over bars with their values, drawn where the text flow stands."""
    if pdf.get_y() > 200:
        pdf.add_page()
    top = pdf.get_y() + 4
    pdf.set_font("DejaVu", "B", 10)
    pdf.text(70, top + 4, el.label)
    base = top + 70
    pdf.set_font("DejaVu", "", 8)
    for i, score in enumerate(el.scores):
        x = 35 + i * 18
        pdf.set_fill_color(150)
        pdf.rect(x, base - score * 0.6, 11, score * 0.6, style="F")
        pdf.text(x + 3, base - 1.5, str(score))
    pdf.set_fill_color(255)
    pdf.set_y(base + 10)


def main() -> None:
    name, out = sys.argv[1], Path(sys.argv[2])
    render(next(c for c in CASES if c.name == name), out)


if __name__ == "__main__":
    main()
