"""Words split by a hyphen at the end of a printed line, joined back where the hyphen was the line's, not the word's.

A paged layout (PDF) breaks lines inside words: "kommun-" then "ens". The reader
joins the lines with `join`, which leaves a mark where a line ended in a hyphen
after a letter; once the whole document is read, `resolve` decides each mark
with the document's own vocabulary (and a Swedish word list where there is one):
- the next word is a conjunction: a suspended compound, kept with its space
  ("Kommun- och landstingsförbundet", "kort- och långsiktiga");
- the word without the hyphen is known ("kommunens"): joined;
- the word with the hyphen is known, or the hyphen is one Swedish writes
  (after a digit, an abbreviation in capitals, a single letter: "HR-strategi",
  "3-årig", "e-tjänster"; before a capital: "Kommun-Sverige"; before another hyphen:
  "miljö-ekonomi-socialt"): kept, joined without a space;
- otherwise joined: Swedish writes compounds closed, so a hyphen between two
  lower-case parts at a line end is hyphenation.
A line ending in a soft hyphen (U+00AD, Word's optional hyphen) is hyphenation by
definition and is joined at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import regex as re

from .textnorm import SOFT_HYPHEN

MARK = "\u2063"  # invisible separator: a format character, so never left in cleaned text
CONJUNCTIONS = frozenset("och eller samt respektive resp. resp som till än".split())
SPLIT = re.compile(rf"(\S*?)([\p{{L}}\p{{N}}])-{MARK}([^\s{MARK}]+)")
EDGE = "\"'”“’()[]{},.;:!?«»"
TOKEN = re.compile(r"\S+")


def join(first: str, second: str) -> str:
    """Two lines of one block as one text: a space between them, nothing after a slash the line
    broke at ("avdelningar/" + "enheter?": browsers break there), a mark after a line ending in a hyphen."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith("/"):
        return first + second
    if first.endswith(SOFT_HYPHEN):
        return first[:-1] + second
    if first.endswith("-") and len(first) > 1 and first[-2].isalnum() and second[0].isalnum():
        return first + MARK + second
    return f"{first} {second}"


def join_lines(lines: Iterable[str]) -> str:
    text = ""
    for line in lines:
        text = join(text, line)
    return text


def vocabulary(words: Iterable[str]) -> set[str]:
    """The casefolded words of a document as printed whole (split parts and punctuation left out)."""
    out = set()
    for word in words:
        bare = word.strip(EDGE).casefold()
        if bare and not bare.endswith("-") and SOFT_HYPHEN not in bare:
            out.add(bare)
    return out


def resolve(text: str, known: Callable[[str], bool], counts: Counter | None = None) -> str:
    """Every mark `join` left decided (see the module's rules); a stray soft hyphen removed."""
    if SOFT_HYPHEN in text:
        if counts is not None:
            counts["soft_hyphen"] += text.count(SOFT_HYPHEN)
        text = text.replace(SOFT_HYPHEN, "")
    if MARK not in text:
        return text
    while MARK in text:  # a mark inside a part already decided waits for the next round
        decided = SPLIT.sub(lambda m: _decide(m.group(1) + m.group(2), m.group(3), known, counts), text)
        text = decided.replace(MARK, " ") if decided == text else decided
    return text


def _decide(prefix: str, rest: str, known: Callable[[str], bool], counts: Counter | None) -> str:
    suffix = rest.rstrip(EDGE)
    lead = prefix.lstrip(EDGE)
    joined, hyphenated = (lead + suffix).casefold(), f"{lead}-{suffix}".casefold()
    if suffix.casefold() in CONJUNCTIONS or not suffix:
        return f"{prefix}- {rest}"
    if not known(hyphenated) and known(joined):
        return _joined(prefix, rest, counts)
    if known(hyphenated) or _hyphen_belongs(lead, suffix):
        return f"{prefix}-{rest}"
    return _joined(prefix, rest, counts)


def _joined(prefix: str, rest: str, counts: Counter | None) -> str:
    if counts is not None:
        counts["hyphen_joined"] += 1
    return prefix + rest


def _hyphen_belongs(lead: str, suffix: str) -> bool:
    """A hyphen Swedish writes inside a word: after a digit, capitals or one letter, before a capital,
    or in a chain of hyphened parts ("miljö-" / "ekonomi-socialt")."""
    if not lead or any(c.isdigit() for c in lead) or len(lead) == 1 or "-" in suffix.rstrip("-"):
        return True
    if lead.isupper() and not suffix.isupper():
        return True
    return suffix[0].isupper() and not lead.isupper()
