"""A spec rendered as a published report PDF (reportlab): what Word's "Save as PDF" would give.

Title page, page headers with date and "page (pages)", chapter headings, the
summary bar chart with its labels, per area a "Rubriker | Poäng" table, prose and
bulleted strengths and improvement areas, and the chapter 4 score tables with
ruling lines. Fonts are embedded TrueType subsets with integer metrics, as Word
writes them (reportlab's default fractional widths are not what real reports hold).
"""

from __future__ import annotations

import io
import os
import random
from functools import cache

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from synth.text import CHAPTER1, PROSE, PUBLISHER, evaluator_text
from synth.text import display_name as synth_display

FONT_DIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
REGULAR, BOLD = "KompassSans", "KompassSans-Bold"
FILLER = (
    "Kommunen har under perioden arbetat vidare med flera av de utvecklingsområden som lyftes fram vid "
    "den förra utvärderingen. Av intervjuerna framgår att arbetet är väl förankrat hos ledningen men att "
    "det ännu inte fått fullt genomslag i verksamheterna. Det finns en tydlig ambition att följa upp "
    "resultaten och att jämföra sig med andra kommuner."
)


def word_like_font(name: str, path: str) -> TTFont:
    """A TrueType font whose widths and metrics are written as integers, as Word writes them."""
    font = TTFont(name, path)
    face = font.face
    face.charWidths = {code: round(width) for code, width in face.charWidths.items()}
    face.defaultWidth = round(face.defaultWidth)
    face.ascent, face.descent, face.capHeight = round(face.ascent), round(face.descent), round(face.capHeight)
    face.bbox = [round(v) for v in face.bbox]
    return font


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(word_like_font(REGULAR, os.path.join(FONT_DIR, "Vera.ttf")))
    pdfmetrics.registerFont(word_like_font(BOLD, os.path.join(FONT_DIR, "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=11, leading=14.5, spaceAfter=6, alignment=TA_LEFT, bulletFontName=REGULAR
    )
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=4, spaceAfter=3),
        "cellbullet": ParagraphStyle(
            "cellbullet", parent=body, fontSize=9.5, leading=12, leftIndent=12, bulletIndent=0, spaceAfter=0
        ),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceBefore=12, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=6),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=30, leading=36, spaceAfter=18),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName=BOLD, fontSize=18, leading=24, spaceAfter=10),
    }


def display_name(spec: dict) -> str:
    return synth_display(spec)[0]


class BarChart(Flowable):
    """The summary chart: one bar per area with its score, axis ticks, and the "2017-454p" legend."""

    def __init__(self, label: str, scores: list[int]):
        super().__init__()
        self.label, self.scores = label, scores
        self.width, self.height = 15 * cm, 8 * cm

    def draw(self) -> None:
        c = self.canv
        c.setFont(REGULAR, 9)
        c.drawString(0, self.height - 12, "100")
        c.drawString(3 * cm, self.height - 12, self.label)
        base, scale = 14, (self.height - 30) / 100
        for tick in (80, 60, 40, 20, 0):
            c.drawRightString(20, base + tick * scale - 3, str(tick))
        for i, score in enumerate(self.scores):
            x = 30 + i * 1.6 * cm
            c.setFillColor(colors.HexColor("#4F81BD"))
            c.rect(x, base, 1.0 * cm, score * scale, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.drawCentredString(x + 0.5 * cm, base + score * scale + 3, str(score))


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("FONTNAME", (0, 0), (-1, 0), BOLD))
    table.setStyle(TableStyle(style))
    return table


def story(spec: dict, rng: random.Random) -> list:
    """The report's flowables, title page first."""
    st = _styles()
    rep = spec["report"]
    display = display_name(spec)
    year = rep["year"]
    out: list = [
        Spacer(1, 5 * cm),
        Paragraph("KommunKompassen", st["title"]),
        Paragraph("ANALYS AV", st["subtitle"]),
        Paragraph(f"{display.upper()} {year}", st["subtitle"]),
        Spacer(1, 2 * cm),
    ]
    if rep.get("evaluators"):
        out.append(Paragraph(f"Utvärderare: {evaluator_text(spec)}", st["body"]))
    out += [PageBreak(), Paragraph("Innehåll", st["h1"])]
    out += [Paragraph(f"Område {a['area_no']} {a['name']}", st["body"]) for a in spec["areas"]]
    out += [PageBreak(), Paragraph("1 Vad är Kommunkompassen?", st["h1"]), Paragraph(CHAPTER1, st["body"])]
    out += [Paragraph(t, st["bullet"], bulletText="•") for t in ("Intervjuer", "Officiella dokument")]
    period_words, _, period_year = (rep.get("evaluation_period") or f"april {year}").rpartition(" ")
    scores = [a["score"] for a in spec["areas"]]
    out += [
        PageBreak(),
        Paragraph(f"2 {display} i förhållande till Kommunkompassen: En sammanfattande genomgång", st["h1"]),
        Paragraph("Utvärderingen", st["h2"]),
        Paragraph(
            f"Utvärderingen av {display} genomfördes i {period_words} år {period_year} och var "
            "kommunens första utvärdering.",
            st["body"],
        ),
        Paragraph("Sammanfattning av resultat", st["h2"]),
        Paragraph(f"Nedan visas {display}s totalpoäng samt poängfördelningen per område.", st["body"]),
        BarChart(f"{display} {year}-{rep.get('total_score') or sum(scores)}p", scores),
        PageBreak(),
        Paragraph("3 Detaljerad genomgång i förhållande till Kommunkompassens åtta områden", st["h1"]),
    ]
    for area in spec["areas"]:
        no = area["area_no"]
        headings = [Paragraph(h, st["cellbullet"], bulletText="•") for h in area["headings"]]
        out += [
            Paragraph(f"Område {no} {area['name']}", st["h2"]),
            _table([["Rubriker", "Poäng"], [headings, str(area["score"])]], [11 * cm, 3 * cm]),
            Paragraph("Allmänt", st["h3"]),
        ]
        out += [Paragraph(PROSE if i == 0 else FILLER, st["body"]) for i in range(rng.randint(5, 16))]
        for kind, title in (("strength", "STYRKOR"), ("improvement", "FÖRBÄTTRINGSOMRÅDEN")):
            out.append(Paragraph(title, st["h3"]))
            out += [
                Paragraph(b["text"], st["bullet"], bulletText="•")
                for b in spec["bullets"]
                if b["area_no"] == no and b["kind"] == kind
            ]
    out += [
        PageBreak(),
        Paragraph("4. Översikt av poängfördelning", st["h1"]),
        Paragraph(
            f"Nedanstående tabeller visar {display}s resultat fördelat på delfrågor inom respektive område.", st["body"]
        ),
    ]
    for area in spec["areas"]:
        no = area["area_no"]
        rows = [[f"{no}.", area["table_name"], "Uppnått", "Max", "Procent"]]
        rows += [
            [q["question_no"], Paragraph(q["text"], st["cell"]), str(q["achieved"]), str(q["max"]), f"{q['percent']}%"]
            for q in spec["questions"]
            if q["area_no"] == no
        ]
        rows.append(["", "", str(area["table_total"]), "100", f"{round(area['table_total'])}%"])
        out += [_table(rows, [1.2 * cm, 9.3 * cm, 1.9 * cm, 1.4 * cm, 1.9 * cm]), Spacer(1, 12)]
    return out


def _numbered_canvas(date: str) -> type[canvas.Canvas]:
    """A canvas that draws "publisher  date  page (pages)" on every page but the first once all are laid out."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if number > 1:
                    self.setFont(REGULAR, 9)
                    self.drawString(2.5 * cm, A4[1] - 1.5 * cm, PUBLISHER)
                    self.drawRightString(A4[0] - 2.5 * cm, A4[1] - 1.5 * cm, f"{date}   {number} ({count})")
                    self.setLineWidth(0.5)
                    self.line(2.5 * cm, A4[1] - 1.7 * cm, A4[0] - 2.5 * cm, A4[1] - 1.7 * cm)
                super().showPage()
            super().save()

    return NumberedCanvas


def render(spec: dict, seed: int = 0) -> bytes:
    """The spec as a report PDF; the seed varies prose length and so where pages break."""
    return render_many([spec], seed)


def render_many(specs: list[dict], seed: int = 0) -> bytes:
    """Several reports one after another in one PDF (for a long document)."""
    register_fonts()
    rng = random.Random(seed)
    flowables: list = []
    for i, spec in enumerate(specs):
        if i:
            flowables.append(PageBreak())
        flowables += story(spec, rng)
    rep = specs[0]["report"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        title="KommunKompassen",
        author=PUBLISHER,
    )
    doc.build(flowables, canvasmaker=_numbered_canvas(rep.get("report_date") or f"{rep['year']}-05-10"))
    return out.getvalue()
