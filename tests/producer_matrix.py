"""The producer matrix: the native fixtures' specs printed by other PDF producers, in other styles.

Real reports are not all made by one program. Each case takes a spec of
tests/native_fixtures.py (a gold file or a declared variant) and a producer
(reportlab; LibreOffice from the .docx; Chromium or WeasyPrint from HTML) with a
table style (full grid, horizontal rules, booktabs: rules only around the header
and the total row, shaded rows without rules, no rules at all) and a bullet
(Word's Symbol-font bullet U+F0B7, a glyph in the text font, a marker the
browser draws as a shape). tests/producers/make_matrix.py writes the PDFs into
tests/fixtures/producers/; the tests read them back without any producer installed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from native_fixtures import FIXTURES, Fixture

MATRIX_DIR = Path(__file__).parent / "fixtures" / "producers"
SPECS = {fx.name: fx for fx in FIXTURES}
# A printed fixture with its space glyphs taken out (tests/producers/strip_spaces.py): words apart by
# position only, as macOS's Quartz and pdfTeX write them.
SPACES_STRIPPED = "position"


@dataclass(frozen=True)
class Case:
    spec: str  # a native fixture's name: its spec and seed
    producer: str  # reportlab, libreoffice, chromium, weasyprint
    tables: str  # grid, horizontal, booktabs, shaded, none
    bullet: str  # symbol (U+F0B7 / Symbol font), a glyph in the text font ("•", "–", "▪"), disc (drawn shape)
    font: str = ""  # producer's font where it matters ("" = the producer's default for the case)
    cells: str = "top"  # where a cell's text stands in a row taller than it: top, middle (centred vertically)
    source: str = ""  # for a re-save (producer "ghostscript"): the producer whose PDF of the same case it re-saves
    spaces: str = "glyphs"  # how words are set apart: glyphs (space glyphs drawn), or SPACES_STRIPPED

    @property
    def stripped_from(self) -> str:
        """The fixture a case with its spaces stripped is made from (its own name for a printed one)."""
        return replace(self, spaces="glyphs").name

    @property
    def name(self) -> str:
        marks = {"symbol": "symbol", "disc": "disc", "•": "dot", "–": "dash", "▪": "square"}
        middle = "-middle" if self.cells == "middle" else ""
        source = f"{self.source}-" if self.source else ""
        nospace = "-nospace" if self.spaces == SPACES_STRIPPED else ""
        return f"{self.producer}-{source}{self.spec}-{self.tables}{middle}-{marks[self.bullet]}{nospace}"

    @property
    def original(self) -> Case:
        """The case a re-save starts from: the same spec and style, printed by the source producer."""
        return Case(self.spec, self.source, self.tables, self.bullet, self.font, self.cells)

    @property
    def fixture(self) -> Fixture:
        return SPECS[self.spec]

    @property
    def path(self) -> Path:
        return MATRIX_DIR / f"{self.name}.pdf"


CASES = [
    Case("helsingborg-2017", "reportlab", "booktabs", "symbol"),
    Case("gotland-2017", "reportlab", "shaded", "▪"),
    Case("torsas-2017", "reportlab", "none", "–"),
    Case("tranas-2017", "libreoffice", "grid", "symbol"),
    Case("helsingborg-2017", "libreoffice", "horizontal", "•"),
    Case("gotland-2017", "libreoffice", "booktabs", "symbol"),
    Case("torsas-2017", "libreoffice", "shaded", "–"),
    Case("tranas-2017", "libreoffice", "none", "symbol"),
    Case("tranas-2017", "chromium", "grid", "disc"),
    Case("helsingborg-2017", "chromium", "horizontal", "•"),
    Case("gotland-2017", "chromium", "booktabs", "▪"),
    Case("torsas-2017", "chromium", "shaded", "disc"),
    Case("torsas-2017", "chromium", "none", "•"),
    Case("tranas-2017", "weasyprint", "grid", "•"),
    Case("helsingborg-2017", "weasyprint", "booktabs", "disc"),
    Case("gotland-2017", "weasyprint", "horizontal", "–"),
    Case("torsas-2017", "weasyprint", "none", "▪"),
]

# Layouts past the first four producers: fpdf2's write_html (equal-width columns, every cell centred
# vertically), MuPDF's Story (its own fonts, the header written after layout), Typst (hyphenated,
# cells at the top or centred), and Word tables whose cells are centred vertically.
CASES += [
    Case("tranas-2017", "fpdf2", "grid", "•", cells="middle"),
    Case("torsas-2017", "fpdf2", "headrule", "•", cells="middle"),
    Case("gotland-2017", "fpdf2", "columns", "•", cells="middle"),
    Case("helsingborg-2017", "story", "grid", "disc"),
    Case("tranas-2017", "story", "booktabs", "disc"),
    Case("gotland-2017", "typst", "grid", "–"),
    Case("helsingborg-2017", "typst", "booktabs", "•", cells="middle"),
    Case("torsas-2017", "libreoffice", "none", "symbol", cells="middle"),
    Case("gotland-2017", "libreoffice", "horizontal", "•", cells="middle"),
    Case("tranas-2017", "reportlab", "booktabs", "–", cells="middle"),
]

# Re-saves: Ghostscript's pdfwrite (`gs -sDEVICE=pdfwrite`) rewrites the fonts and their ToUnicode maps
# of the matrix's own LibreOffice and Typst PDFs, and maps each ligature glyph to CJK code points
# ("ff" as U+6600 U+6600, so the text reads "e昀昀ektivitet"); the glyphs and their widths are right.
CASES += [
    Case("tranas-2017", "ghostscript", "grid", "symbol", source="libreoffice"),
    Case("helsingborg-2017", "ghostscript", "horizontal", "•", source="libreoffice"),
    Case("gotland-2017", "ghostscript", "grid", "–", source="typst"),
]

# Words placed apart by position only: printed fixtures with every space glyph turned into a TJ offset
# of the same advance (tests/producers/strip_spaces.py), so no glyph moves. Chromium's Tj runs hold
# whole lines; LibreOffice's TJ arrays hold kerned runs in simple TrueType fonts.
CASES += [
    Case("helsingborg-2017", "chromium", "horizontal", "•", spaces=SPACES_STRIPPED),
    Case("torsas-2017", "chromium", "shaded", "disc", spaces=SPACES_STRIPPED),
    Case("helsingborg-2017", "libreoffice", "horizontal", "•", spaces=SPACES_STRIPPED),
]
