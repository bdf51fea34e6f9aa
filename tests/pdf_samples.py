"""Small PDFs, each made to exercise one thing a word source must get right, built with reportlab.

Text is drawn with embedded TrueType fonts with integer metrics (as Word embeds
them) unless a sample is about the standard fonts.
"""

from __future__ import annotations

import io
import os

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from synth.pdf import BOLD, REGULAR, register_fonts, word_like_font

SWEDISH = "Tranås kommun: Offentlighet och demokrati – åäö ÅÄÖ 53% (2017-05-10)"
BULLETS = ["• Bra kontaktinformation till politiker", "• Etiska riktlinjer för att motverka korruption"]
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _canvas(size=A4) -> tuple[canvas.Canvas, io.BytesIO]:
    register_fonts()
    out = io.BytesIO()
    return canvas.Canvas(out, pagesize=size), out


def _finish(c: canvas.Canvas, out: io.BytesIO) -> bytes:
    c.showPage()
    c.save()
    return out.getvalue()


def fonts_and_sizes() -> bytes:
    """Headings, body text and bullets in several sizes and weights; a ligature; kerned-looking gaps."""
    c, out = _canvas()
    y = 800
    for font, size in [(BOLD, 16), (BOLD, 13), (REGULAR, 11), (REGULAR, 10.5), (BOLD, 9), (REGULAR, 8)]:
        c.setFont(font, size)
        c.drawString(70.9, y, SWEDISH)
        y -= size * 1.6
    c.setFont(REGULAR, 11)
    for text in BULLETS:
        c.drawString(80, y, text[0])
        c.drawString(98, y, text[2:])
        y -= 16
    c.drawString(70.9, y, "Deﬁnierade ﬂöden, ﬁnns: ligaturer")  # fi and fl ligature glyphs
    y -= 16
    x = 70.9
    for word, gap in [("Uppnått", 2.5), ("tätt", 0.4), ("intill", 3.5), ("glapp", 40), ("Max", 0)]:
        c.drawString(x, y, word)  # gaps under and over pdfplumber's 3 pt word tolerance
        x += pdfmetrics.stringWidth(word, REGULAR, 11) + gap
    y -= 16
    c.setFont(BOLD, 11)
    c.drawString(70.9, y, "Fet")
    c.setFont(REGULAR, 11)
    c.drawString(70.9 + pdfmetrics.stringWidth("Fet", BOLD, 11), y, "stil direkt efter")  # font change mid-word
    return _finish(c, out)


def standard_fonts() -> bytes:
    """Helvetica and Times, not embedded: pdfminer measures them with its own AFM tables."""
    c, out = _canvas()
    y = 780
    for font, size in [
        ("Helvetica", 11),
        ("Helvetica-Bold", 14),
        ("Times-Roman", 10),
        ("Times-Bold", 12),
        ("Courier", 9),
    ]:
        c.setFont(font, size)
        c.drawString(56.7, y, SWEDISH)
        y -= 24
    return _finish(c, out)


def ruled_table() -> bytes:
    """A score table ruled with lines, stroked and filled rectangles; a curve and a triangle that are no rules."""
    c, out = _canvas()
    c.setLineWidth(0.5)
    rows = [
        ("1.", "Offentlighet och demokrati", "Uppnått", "Max", "Procent"),
        ("1.1", "Finns en plan/strategi för demokratiutveckling?", "8", "15", "50%"),
        ("1.2", "Informeras invånarna om aktuella frågor?", "14", "20", "68%"),
        ("", "", "53", "100", "53%"),
    ]
    xs = [70.9, 100.5, 380.2, 440.0, 480.3, 530.0]
    top = 700.0
    for r, row in enumerate(rows):
        y = top - r * 18
        c.setFont(BOLD if r == 0 else REGULAR, 9.5)
        for x, cell in zip(xs, row):
            c.drawString(x + 3, y - 13, cell)
        c.line(xs[0], y, xs[-1], y)
    c.line(xs[0], top - len(rows) * 18, xs[-1], top - len(rows) * 18)
    for x in xs:
        c.line(x, top, x, top - len(rows) * 18)
    c.rect(70.9, 560, 459.1, 40)  # stroked rectangle
    c.rect(70.9, 540, 459.1, 0.75, stroke=0, fill=1)  # a rule drawn as a thin filled rectangle, as Word does
    path = c.beginPath()  # a closed rectangle drawn with lines and "h"
    path.moveTo(70.9, 500)
    path.lineTo(200, 500)
    path.lineTo(200, 520)
    path.lineTo(70.9, 520)
    path.close()
    c.drawPath(path)
    c.circle(300, 450, 20)
    triangle = c.beginPath()
    triangle.moveTo(400, 430)
    triangle.lineTo(450, 430)
    triangle.lineTo(425, 470)
    triangle.close()
    c.drawPath(triangle)
    c.setDash(3, 2)
    c.line(70.9, 400, 530, 400)
    return _finish(c, out)


def transformed() -> bytes:
    """Text under a scaled and a translated CTM, rotated text, raised text, horizontal scaling, a form XObject."""
    c, out = _canvas()
    c.saveState()
    c.transform(0.75, 0, 0, 0.75, 20, 30)
    c.setFont(REGULAR, 14)
    c.drawString(100, 900, "Skalad text i en annan matris")
    c.restoreState()
    c.saveState()
    c.translate(300, 300)
    c.rotate(90)
    c.setFont(REGULAR, 10)
    c.drawString(0, 0, "Roterad text längs sidan")
    c.line(0, -5, 100, -5)
    c.restoreState()
    text = c.beginText(70.9, 200)
    text.setFont(REGULAR, 10)
    text.textOut("Upphöjd")
    text.setRise(3)
    text.textOut("2")
    text.setRise(0)
    text.setHorizScale(80)
    text.textOut(" smalare text")
    c.drawText(text)
    c.beginForm("header")
    c.setFont(REGULAR, 9)
    c.drawString(70.9, 810, "Sveriges Kommuner och Landsting")
    c.drawRightString(524.4, 810, "2017-05-10 6 (25)")
    c.line(70.9, 805, 524.4, 805)
    c.endForm()
    c.doForm("header")
    c.showPage()
    c.doForm("header")
    c.setFont(REGULAR, 11)
    c.drawString(70.9, 700, "Sidan efter, med samma sidhuvud")
    return _finish(c, out)


def rotated_page() -> bytes:
    """A page with /Rotate 90: pdfplumber reads it as displayed, so upright text turns sideways."""
    c, out = _canvas()
    c.setPageRotation(90)
    c.setFont(REGULAR, 11)
    c.drawString(70.9, 700, "Text på en roterad sida")
    c.drawString(70.9, 680, SWEDISH)
    c.line(70.9, 670, 400, 670)
    return _finish(c, out)


def offset_boxes() -> bytes:
    """A MediaBox that does not start at (0, 0), and a CropBox inside it."""
    c, out = _canvas(size=(600, 800))
    c.setCropBox((20, 30, 580, 780))
    c.setFont(REGULAR, 11)
    c.drawString(70.9, 700, SWEDISH)
    c.rect(70.9, 600, 300, 50)
    data = _finish(c, out)
    patched = data.replace(b"/MediaBox [ 0 0 600 800 ]", b"/MediaBox [ 9 7 600 800 ]")  # same length: xref holds
    assert patched != data
    return patched


def dejavu() -> bytes | None:
    """Square bullets (U+25AA), and more distinct glyphs than one font subset holds, so that one
    font comes as two subsets switching mid-word; needs DejaVu Sans, where the system has it."""
    if not os.path.exists(DEJAVU):
        return None
    name = "DejaVuSans-WordLike"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(word_like_font(name, DEJAVU))
    c, out = _canvas()
    c.setFont(name, 11)
    c.drawString(80, 800, "▪")
    c.drawString(98, 800, "Kommunen har en tydlig vision")
    c.drawString(80, 784, "▪ Tydlig styrning")
    widths = pdfmetrics.getFont(name).face.charWidths
    chars = [chr(cp) for cp in range(0x21, 0x600) if widths.get(cp) and not chr(cp).isspace()][:300]
    c.setFont(name, 8)
    y = 760
    for start in range(0, len(chars), 50):
        line = chars[start : start + 50]
        c.drawString(56.7, y, "".join(line[:25]) + " " + "".join(line[25:]))
        y -= 12
    c.drawString(56.7, y, f"Å{chars[-1]}ä{chars[-2]}ning æøå")  # letters of both subsets in one word
    return _finish(c, out)


def blank_page() -> bytes:
    c, out = _canvas()
    return _finish(c, out)


SAMPLES = {
    "fonts_and_sizes": fonts_and_sizes,
    "standard_fonts": standard_fonts,
    "ruled_table": ruled_table,
    "transformed": transformed,
    "rotated_page": rotated_page,
    "offset_boxes": offset_boxes,
    "dejavu": dejavu,
    "blank_page": blank_page,
}


def translated_labels() -> bytes:
    """Chart labels drawn under a translation, then a page header in the same font and size.

    pdfminer adds the translation to each label's baseline in binary floating point
    (500.3 + 5.04 = 505.34000000000003), which makes that label's size 9.000000000000057
    instead of 9.0, so pdfplumber starts a new font run at the header; pdfium has already
    folded the translation into one number and the run does not break. Same words, other order.
    """
    c, out = _canvas()
    c.setFont(REGULAR, 9)
    c.saveState()
    c.translate(70.9, 500.3)
    for x, y, label in [(40, 20.0, "53"), (80, 5.04, "64")]:
        c.drawCentredString(x, y, label)
    c.restoreState()
    c.drawString(70.9, 800, "Sveriges Kommuner och Landsting")
    return _finish(c, out)
