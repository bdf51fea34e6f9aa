"""The landmarks of a Kommunkompassen report, as patterns over text.

One pattern set serves every layout: in a Word export a landmark fills a block
("STYRKOR"), in a PDF transcript it sits inside a run-on page line
("... dialogform. FÖRBÄTTRINGSOMRÅDEN Resultaten av ..."), so the interpreter
finds landmarks anywhere in a block's text and splits the text around them.
"""

from __future__ import annotations

import regex as re

# Chapter and section landmarks, in the order of a report. Each named group says
# which landmark matched; "area_no" and "name" carry values. A heading's number
# may touch its text when a PDF's tab stop sits right after it: "Område 2Brukarfokus".
LANDMARKS = re.compile(
    r"""
      (?P<toc>\bInnehåll(?:sförteckning)?\b)
    | (?P<ch1>\b1\.?\s*Vad\s+är\s+Kommun\s?kompassen\s*\?)
    | (?P<ch2>\b2\.?\s*(?P<ch2_name>(?:\p{Lu}[\p{L}-]*\s){1,3}(?:kommun|stad)|Region\s+\p{Lu}\p{L}+)\s+i\s+förhållande\s+till\s+Kommun\s?kompassen)
    | (?P<ch3>\b3\.?\s*Detaljerad\s+genomgång\b[^.]{0,80}?\bområden\b)
    | (?P<area>\bOmråde\s+(?P<area_no>[1-8])(?:\b|(?=\p{Lu}))\.?)
    | (?P<rubriker>\bRubriker\b)
    | (?P<poang>\bPoäng\b)
    | (?P<allmant>\bAllmänt\b)
    | (?P<strengths>\bSTYRKOR\b|^Styrkor$)
    | (?P<improvements>\bFÖRBÄTTRINGSOMRÅDEN\b|^Förbättringsområden$)
    | (?P<ch4>\b4\.?\s*Översikt\s+av\s+poängfördelning\b|\bPoängsammanställning\b)
    | (?P<kortfakta>\bKortfakta\s+om\b)
    """,
    re.X | re.V1,
)

# Words one of which every landmark holds, in the case it is written: a text with none of them holds no
# landmark, and is not searched (most blocks of a Word export are such).
LANDMARK_WORDS = (
    "Innehåll",
    "Vad",
    "förhållande",
    "Detaljerad",
    "Område",
    "Rubriker",
    "Poäng",
    "Allmänt",
    "STYRKOR",
    "Styrkor",
    "FÖRBÄTTRINGSOMRÅDEN",
    "Förbättringsområden",
    "Översikt",
    "Kortfakta",
)

# A table of contents entry ends in a dot leader and a page number: "Område 1 Offentlighet...6".
TOC_ENTRY = re.compile(r"\.{3,}\s*\d{1,3}\b|\t\d{1,3}$")

# Chapter 2.
EVALUATION_PERIOD = re.compile(
    r"Utvärderingen\s+av\s+.{1,60}?\s+genomfördes\s+(?:under\s+|i\s+|den\s+)?"
    r"(?P<period>[\p{L}/\s,–-]{0,40}?)\s*(?:år\s+)?(?P<year>(?:19|20)\d\d)\b",
)
# The bar chart's label survives in a transcript: "Tranås kommun 2017-454p".
CHART_TOTAL = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*[-–]\s*(?P<total>\d{2,3})\s*p\b")
CHART_NUMBERS = re.compile(r"\G\s*(\d{1,3})\b(?![-.,:%])")


def wrapped(word: str) -> str:
    """A pattern for a word that a narrow table cell may break anywhere: "Uppnåt" / "t", "Uppnå" / "tt"."""
    return r"\s?".join(re.escape(c) for c in word)


# Chapter 4 tables. The header may wrap in a PDF ("Uppnåt" / "t", "Ma" / "x").
TABLE_HEADER = re.compile(
    r"(?<![\d.])(?P<no>[1-8])\.\s*(?P<name>\p{L}[^%]{0,90}?)\s+"
    + wrapped("Uppnått").replace("å", "[åa]")
    + r"\s+"
    + wrapped("Max")
    + r"(?:\s+"
    + wrapped("Procent")
    + r")?\b"
)
# A narrow first column breaks the number itself: "1." / "1" (read "1. 1").
QUESTION_ROW = re.compile(
    r"(?<![\d.])(?P<area>[1-8])\.\s?(?P<sub>\d{1,2})\s+(?P<text>\S.*?)\s+"
    r"(?P<achieved>\d{1,3})\s+(?P<max>\d{1,3})\s+(?P<percent>\d{1,3})\s*%",
    re.S,
)
TOTAL_ROW = re.compile(r"(?<![\d.])(?P<achieved>\d{1,3})\s+(?P<max>\d{1,3})\s+(?P<percent>\d{1,3})\s*%")
# The three in one search, as the scan of chapter 4 takes them: the first to start, and where two start
# together the header before the row and the row before a total. A row and a total share the names of their
# numbers; only DOTALL's "." differs, and only the question row has one.
CHAPTER4_ROWS = re.compile(
    f"(?P<header>{TABLE_HEADER.pattern})|(?P<question>{QUESTION_ROW.pattern})|(?P<total>{TOTAL_ROW.pattern})", re.S
)

# The running header: "Sveriges Kommuner och Landsting 2017-05-10 6 (25)". Its parts may be placed
# apart with no space between them, and a reader may then glue the date on: "Landsting2017-05-10".
HEADER_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
HEADER_PAGES = re.compile(r"(?:(?P<page>\d{1,3})\s*)?\((?P<count>\d{1,3})\)")

# A list glyph at the start of a line (a table cell holding a list).
GLYPH = re.compile(r"^\s*[·•▪◦‣\uf0b7\uf0a7■□●○–-]\s+")
INTEGER = re.compile(r"^\s*(\d{1,3})\b")
