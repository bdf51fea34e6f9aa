"""One normalization of text at every reader's boundary: text a person reads as the same is the same string.

Real documents carry the same words in code points that differ: decomposed
letters ("a" + U+030A for "å", from macOS and some PDF text layers), Word's
optional hyphens (U+00AD) and zero-width characters copied from web pages,
no-break and other Unicode spaces, ligature glyphs (U+FB01 "ﬁ"), and the
private-use code points Word's Symbol and Wingdings fonts give their bullets
(U+F0B7). Every reader passes its text through `clean` before any pattern sees
it; what changed the text materially is counted, and `notes` words the counts
for Document.warnings in a form the checks tell apart from a reader's warnings.
"""

from __future__ import annotations

import re as stdlib_re
import unicodedata
from collections import Counter
from collections.abc import Callable

import regex as re

from .blocks import NORMALIZED as NOTE  # how a note on normalized text starts, among a Document's warnings

BULLET = "•"
# The glyphs Word draws bullets with, as a PDF's text layer or a text export gives
# them: private-use code points of the Symbol (U+F0xx = Symbol's byte 0xxx) and
# Wingdings fonts: U+F0B7 Symbol •, U+F0A7 Wingdings ▪, U+F076 ❖, U+F0D8 ➢, U+F0FC ✓.
PRIVATE_BULLETS = {
    "\uf0b7": BULLET,
    "\uf0a7": BULLET,
    "\uf076": BULLET,
    "\uf0d8": BULLET,
    "\uf0fc": BULLET,
    "\uf0a8": BULLET,
    "\uf06c": BULLET,
    "\uf06e": BULLET,
    "\uf06f": BULLET,
    "\uf071": BULLET,
    "\uf0e8": BULLET,
    "\uf02d": "–",  # Symbol's minus, Word's dash bullet
}
LIGATURES = dict(zip("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06", ["ff", "fi", "fl", "ffi", "ffl", "st", "st"]))
HYPHENS = {"\u2010": "-", "\u2011": "-"}  # hyphen, non-breaking hyphen: drawn as "-"
SPACE_CHARS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Format characters (Cf): soft hyphen, zero-width space and joiners, word joiner,
# byte-order mark, direction marks: none is seen, all are removed.
ODD = re.compile(f"[\\p{{Cf}}{SPACE_CHARS}\u2010\u2011\ufb00-\ufb06{''.join(PRIVATE_BULLETS)}]")
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\u0085]")
LINE_BREAK_CHARS = "\r\u2028\u2029\u0085"


def plain_class(ranges: list[tuple[int, int]], left_out: Callable[[str], object]) -> str:
    """The code points of these ranges that left_out does not pick, as a character class of the standard re
    (whose scan of a plain class is a fast loop, where a Unicode property makes regex look at each character)."""
    plain = [c for first, last in ranges for c in range(first, last + 1) if not left_out(chr(c))]
    spans: list[list[int]] = []
    for c in plain:
        if spans and spans[-1][1] == c - 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return "".join(stdlib_re.escape(chr(a)) + ("-" + stdlib_re.escape(chr(b)) if b > a else "") for a, b in spans)


# Every character ODD might match, found by the standard re's scan (a fast loop over a plain class) where
# ODD's Unicode property makes the regex module look at every character: Latin letters and common
# punctuation (dashes, quotes, ellipsis) are left out, each one that ODD does not match.
MAYBE_ODD = stdlib_re.compile(f"[^{plain_class([(0, 0x24F), (0x2012, 0x2027), (0x2030, 0x205E)], ODD.match)}]")
_ODD_CHARS: dict[str, bool] = {}


def _is_odd(ch: str) -> bool:
    odd = _ODD_CHARS.get(ch)
    if odd is None:
        odd = _ODD_CHARS[ch] = bool(ODD.match(ch))
    return odd


def _has_odd(text: str) -> bool:
    """ODD.search(text) finds something: each distinct candidate character asked of ODD once."""
    return any(_is_odd(m.group()) for m in MAYBE_ODD.finditer(text))


def _sub_odd(text: str, tally: Counter) -> str:
    """ODD.sub with _replacement, found as _has_odd finds them."""
    out, at = [], 0
    for m in MAYBE_ODD.finditer(text):
        ch = m.group()
        if _is_odd(ch):
            out += [text[at : m.start()], _replacement(ch, tally)]
            at = m.end()
    return "".join(out) + text[at:]


SOFT_HYPHEN = "\u00ad"
KINDS = {  # counted kind: how a note words it
    "soft_hyphen": "soft hyphens removed",
    "invisible": "zero-width or other invisible characters removed",
    "composed": "decomposed letters composed (NFC)",
    "ligature": "ligatures read as letters",
    "bullet": "private-use bullet glyphs (Symbol/Wingdings fonts) read as bullets",
    "hyphen_joined": "words split by a hyphen at a line end joined",
}


def clean(text: str, counts: Counter | None = None, keep_final_soft_hyphen: bool = False) -> str:
    """The text with every form above normalized, NFC; counts (if given) records what changed materially.

    keep_final_soft_hyphen: a PDF word ending in U+00AD ends a line Word hyphenated
    there; the reader joins it to the next line (parsers/hyphenation.py) and needs the mark.
    """
    if text.isascii():
        return text
    if not _has_odd(text):
        if unicodedata.is_normalized("NFC", text):
            return text
        out = text
    else:
        tally = counts if counts is not None else Counter()
        final = keep_final_soft_hyphen and text.endswith(SOFT_HYPHEN) and len(text) > 1 and text[-2].isalpha()
        out = _sub_odd(text[:-1] if final else text, tally)
        if final:
            out += SOFT_HYPHEN
    composed = unicodedata.normalize("NFC", out)
    if counts is not None and len(composed) < len(out):
        counts["composed"] += len(out) - len(composed)
    return composed


def _replacement(ch: str, tally: Counter) -> str:
    if ch == SOFT_HYPHEN:
        tally["soft_hyphen"] += 1
        return ""
    if ch in LIGATURES:
        tally["ligature"] += 1
        return LIGATURES[ch]
    if ch in PRIVATE_BULLETS:
        tally["bullet"] += 1
        return PRIVATE_BULLETS[ch]
    if ch in HYPHENS:
        return HYPHENS[ch]
    if unicodedata.category(ch) == "Cf":
        tally["invisible"] += 1
        return ""
    return " "  # a no-break or other Unicode space


def text_layout(text: str, counts: Counter | None = None) -> str:
    """A whole text file: line ends (CRLF, CR, U+2028/2029, NEL) as "\\n", a byte-order mark dropped, then clean."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if any(c in text for c in LINE_BREAK_CHARS):  # most files have none: no need to scan with the pattern
        text = LINE_BREAKS.sub("\n", text)
    return clean(text, counts)


def notes(counts: Counter) -> list[str]:
    """The counts as notes for Document.warnings: "normalized: 312 soft hyphens removed"."""
    return [f"{NOTE}{counts[kind]} {words}" for kind, words in KINDS.items() if counts[kind]]


def is_note(warning: str) -> bool:
    """True for a note on normalized text (information), False for a reader's warning."""
    return warning.startswith(NOTE)


def is_clean(text: str) -> bool:
    """True when clean would leave the text as it is (for tests and assertions)."""
    return text.isascii() or (not _has_odd(text) and unicodedata.is_normalized("NFC", text))
