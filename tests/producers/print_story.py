"""Print one matrix case with PyMuPDF's Story (run in a venv that has pymupdf).

    /tmp/tools/bin/python tests/producers/print_story.py CASE_NAME OUT.pdf

MuPDF lays out synth/html.py's HTML page by page in its own fonts (it knows
none of the CSS font families asked for); the running header is written onto
each page afterwards with Page.insert_text, as the Story recipes do it, so it
comes last in each page's content stream: the publisher, the date and the page
number each placed on its own, with no space glyph between them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pymupdf  # noqa: E402
from producer_matrix import CASES, Case  # noqa: E402

from synth.html import HtmlStyle, to_html  # noqa: E402
from synth.native import _date  # noqa: E402
from synth.text import PUBLISHER  # noqa: E402

PAGE = pymupdf.paper_rect("a4")
BODY = PAGE + (70, 72, -62, -60)  # the text area inside the margins


def render(case: Case, out: Path) -> None:
    spec = case.fixture.spec()
    html = to_html(
        spec,
        case.fixture.seed,
        HtmlStyle(table_rules=case.tables, bullet=case.bullet, chart="table", cell_valign=case.cells),
    )
    story = pymupdf.Story(html=html)
    laid = out.with_suffix(".laid.pdf")
    writer = pymupdf.DocumentWriter(str(laid))
    more = True
    while more:
        device = writer.begin_page(PAGE)
        more, _ = story.place(BODY)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(str(laid))
    for page in doc:
        if page.number == 0:
            continue
        # the header's parts each placed on their own, as a layout of header cells draws them
        page.insert_text((70, 45), PUBLISHER, fontsize=9)
        page.insert_text((300, 45), _date(spec), fontsize=9)
        page.insert_text((470, 45), f"{page.number + 1} ({doc.page_count})", fontsize=9)
    doc.subset_fonts()  # Story embeds its fonts whole
    doc.set_metadata({"producer": f"PyMuPDF {pymupdf.VersionBind} Story", "creationDate": "D:20170510120000"})
    doc.save(str(out), garbage=3, deflate=True)
    laid.unlink()


def main() -> None:
    name, out = sys.argv[1], Path(sys.argv[2])
    render(next(c for c in CASES if c.name == name), out)


if __name__ == "__main__":
    main()
