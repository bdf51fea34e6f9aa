"""Rows of tables found from the words' positions, on small hand-placed tables: cells at the top or centred."""

from __future__ import annotations

from collections import Counter

from kompass.parsers import pdf
from kompass.parsers.pdf_tables import text_tables
from kompass.parsers.pdf_words import Word

PITCH, HEIGHT, SIZE = 12.0, 10.0, 10.0
NUMBERS = ((300.0, "8"), (350.0, "15"), (400.0, "53%"))


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, x0 + 6.0 * len(text), top, top + HEIGHT, "Helvetica", SIZE)


def _rows(rows: list[tuple[str, list[str]]], centred: bool) -> list[pdf.Line]:
    """A table of rows (number, question lines), each row's numbers on its first line or centred in it."""
    words: list[Word] = []
    top = 100.0
    for no, text in rows:
        for k, line in enumerate(text):
            x = 100.0
            for w in line.split():
                words.append(_word(w, x, top + k * PITCH))
                x += 6.0 * len(w) + 3.0
        at = top + (len(text) - 1) * PITCH / 2 if centred else top
        words += [_word(no, 60.0, at)] + [_word(t, x, at) for x, t in NUMBERS]
        top += len(text) * PITCH
    lines = pdf.group_lines(1, words)
    for line in lines:
        pdf.read_line(line, Counter())
    return lines


TABLE = [
    ("1.1", ["Finns en plan för", "demokratiutveckling", "och information?"]),  # odd: beside the middle line
    ("1.2", ["Informeras", "invånarna om", "aktuella frågor", "i politiken?"]),  # even: between two lines
    ("1.3", ["Informeras invånare?"]),
    ("1.4", ["Främjas", "invånardialog?"]),
]


def _texts(lines: list[pdf.Line], centred: bool) -> list[str]:
    tables, _ = text_tables(lines)
    assert len(tables) == 1
    return [" ".join(lines[j].text for j in row) for row in tables[0].rows]


def test_centred_numbers_belong_to_the_row_they_stand_in_the_middle_of():
    lines = _rows(TABLE, centred=True)
    rows = _texts(lines, centred=True)
    assert rows == [
        "Finns en plan för 1.1 demokratiutveckling 8 15 53% och information?",
        "Informeras invånarna om 1.2 8 15 53% aktuella frågor i politiken?",
        "1.3 Informeras invånare? 8 15 53%",
        "Främjas 1.4 8 15 53% invånardialog?",
    ]


def test_numbers_at_the_top_start_their_rows():
    lines = _rows(TABLE, centred=False)
    rows = _texts(lines, centred=False)
    assert rows[0] == "1.1 Finns en plan för 8 15 53% demokratiutveckling och information?"
    assert rows[1].startswith("1.2 Informeras") and rows[1].endswith("i politiken?")
    assert len(rows) == 4


def test_a_word_broken_between_letters_at_the_cell_end_is_marked_for_the_document_to_decide():
    """A single word filling its line ("kommunövergrip") joins the next line's start ("ande") where the
    parts are no words of their own; two words each on a line keep their space ("helhetstänkande" /
    "avseende")."""
    limit = 100.0 + 6.0 * len("kommunövergrip")
    lines = pdf.group_lines(1, [_word("kommunövergrip", 100.0, 100.0), _word("ande", 100.0, 112.0)])
    (text,) = pdf.cell_lines(lines, Counter(), limit)
    assert pdf._rejoin(text, lambda word: False) == "kommunövergripande"
    limit = 100.0 + 6.0 * len("helhetstänkande")
    lines = pdf.group_lines(1, [_word("helhetstänkande", 100.0, 100.0), _word("avseende", 100.0, 112.0)])
    (text,) = pdf.cell_lines(lines, Counter(), limit)
    assert pdf._rejoin(text, lambda word: False) == "helhetstänkande avseende"
    lines = pdf.group_lines(1, [_word("Finns", 100.0, 100.0), _word("ande", 100.0, 112.0)])
    assert pdf.cell_lines(lines, Counter(), limit) == ["Finns ande"]  # far from the cell's end: two words


def test_every_mark_is_decided_where_one_word_holds_two():
    """A word glued by a reader and broken twice ('Arbetarverksamheternamed' / 'analys...' / ...)."""
    text = pdf._rejoin(f"ledarutveck{pdf.BROKEN}lingsprogram{pdf.BROKEN}met och", lambda word: False)
    assert pdf.BROKEN not in text and text.endswith(" och")
