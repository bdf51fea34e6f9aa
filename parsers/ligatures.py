"""Ligature glyphs whose ToUnicode map lies, read as the letters they draw.

Ghostscript's pdfwrite re-save maps the ff, fi and fl glyphs of LibreOffice's and Typst's PDFs to
CJK code points (ToUnicode `<26><26><66006600>`: ff as U+6600 U+6600, so the text reads
"e昀昀ektivitet"); the glyphs and their widths are right. A run of letters foreign to the page's
script inside a word is read from its glyph's name where the font gives one ("f_f", "fi",
"uniFB01"), else as the one ligature that makes the word a known Swedish word (parsers/lexicon.py);
where neither reads it, it stays as it is (and the foreign-character check flags it). Both engines
call this on every page, so their words stay the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .blocks import NOTE
from .font_dicts import SUBSET_TAG, DocumentFonts, glyph_names
from .pdf_words import PageContent, Word

# The letters a ligature glyph may draw, most common first (the word list picks one of them).
LETTERS = ("ff", "fi", "fl", "ffi", "ffl", "ft", "st", "fb", "fh", "fj", "fk", "tt")
FIRST_FOREIGN = "\u0250"  # past Latin Extended-B: below it every letter is Latin
LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def script(char: str) -> str:
    """A letter's script as its Unicode name begins ("LATIN", "CJK", "HANGUL"); "" for a non-letter."""
    if not char.isalpha():
        return ""
    if char < FIRST_FOREIGN:
        return "LATIN"
    return unicodedata.name(char, "").split(" ", 1)[0]


def glyph_letters(name: str) -> str | None:
    """The letters a ligature glyph's name spells ("f_f_i", "ffi", "uniFB03", "f_l.alt"), or None."""
    base = name.split(".", 1)[0]
    if base.startswith("uni") and len(base) == 7:
        try:
            char = chr(int(base[3:], 16))
        except ValueError:
            return None
        decomposed = unicodedata.normalize("NFKC", char)
        return decomposed if decomposed in LETTERS else None
    parts = base.split("_")
    if len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts):
        return "".join(parts)
    return base if base in LETTERS else None


def foreign_letters(words: list[Word]) -> frozenset[str]:
    """Letters of the page's words in a script other than the one most of its letters are in."""
    text = "".join(w.text for w in words)
    if not text or max(text) < FIRST_FOREIGN:  # most pages: no letter past Latin, nothing to count
        return frozenset()
    counts = Counter(text)
    scripts: Counter[str] = Counter()
    for char, n in counts.items():
        scripts[script(char)] += n
    scripts.pop("", None)
    if len(scripts) < 2:
        return frozenset()
    main = scripts.most_common(1)[0][0]
    return frozenset(c for c in counts if script(c) not in ("", main))


@dataclass
class DocumentLigatures:
    """One document's ligature readings: glyph names (asked of the font dictionaries on first need), and
    readings the word list decided, kept for the pages after."""

    fonts: DocumentFonts = field(repr=False)
    _names: dict[str, dict[str, str]] | None = field(default=None, init=False, repr=False)
    _decided: dict[tuple[str, str], str] = field(default_factory=dict, init=False)

    def names(self, fontname: str) -> Mapping[str, str]:
        """The font's foreign texts with the letters their glyph names spell."""
        if self._names is None:
            found = glyph_names(self.fonts, lambda text: any(script(c) not in ("", "LATIN") for c in text))
            self._names = {
                font: {text: letters for text, name in names.items() if (letters := glyph_letters(name))}
                for font, names in found.items()
            }
        return self._names.get(SUBSET_TAG.sub("", fontname), {})

    def read(self, content: PageContent) -> PageContent:
        """The page with its ligature glyphs read as their letters, and a note saying how many and how."""
        foreign = foreign_letters(content.words)
        if not foreign:
            return content
        runs = re.compile(f"[{re.escape(''.join(sorted(foreign)))}]+")
        keys = {(SUBSET_TAG.sub("", w.fontname), r): w.fontname for w in content.words for r in runs.findall(w.text)}
        readings: dict[tuple[str, str], tuple[str, str]] = {}  # (font, run) -> (letters, how they were found)
        for key, fontname in keys.items():
            by_name = _by_names(key[1], self.names(fontname))
            if by_name is not None:
                readings[key] = (by_name, "names")
            elif key in self._decided:
                readings[key] = (self._decided[key], "list")
        voted = _by_word_list(content.words, runs, keys.keys() - readings.keys())
        self._decided.update(voted)
        readings.update({key: (letters, "list") for key, letters in voted.items()})
        counts: dict[str, Counter[str]] = {"names": Counter(), "list": Counter()}
        words = []
        for word in content.words:
            font, text = SUBSET_TAG.sub("", word.fontname), word.text
            for run in dict.fromkeys(runs.findall(text)):
                found = readings.get((font, run))
                if found is not None:
                    counts[found[1]][found[0]] += text.count(run)
                    text = text.replace(run, found[0])
            words.append(replace(word, text=text) if text != word.text else word)
        named, listed = counts["names"], counts["list"]
        notes = list(content.notes)
        if named:
            notes.append(f"{NOTE}{_glyphs(named)} read from their glyph names ({_shown(named)})")
        if listed:
            notes.append(f"{NOTE}{_glyphs(listed)} read by the word list ({_shown(listed)})")
        return replace(content, words=words, notes=notes)


def _glyphs(counts: Counter[str]) -> str:
    n = sum(counts.values())
    return f"{n} ligature glyph{'s' if n != 1 else ''}"


def _shown(counts: Counter[str]) -> str:
    return ", ".join(f"{letters} {n}" for letters, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _by_names(run: str, names: Mapping[str, str]) -> str | None:
    """The run read glyph by glyph from the font's named texts (longest first), if they cover all of it."""
    out, at = [], 0
    keys = sorted(names, key=len, reverse=True)
    while at < len(run):
        found = next((k for k in keys if run.startswith(k, at)), None)
        if found is None:
            return None
        out.append(names[found])
        at += len(found)
    return "".join(out)


def _by_word_list(
    words: list[Word], runs: re.Pattern[str], keys: AbstractSet[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """Per (font, run): the one ligature that makes the most of the page's words holding it known words."""
    from .lexicon import known, word_form

    if not keys:
        return {}
    votes: dict[tuple[str, str], Counter[str]] = {key: Counter() for key in keys}
    for word in words:
        font = SUBSET_TAG.sub("", word.fontname)
        for token in LETTER_RUN.findall(word.text):
            found = [run for run in dict.fromkeys(runs.findall(token)) if (font, run) in keys]
            if len(found) != 1:  # one unknown glyph at a time: two in one word would need every pairing
                continue
            run = found[0]
            lowered = [token.replace(run, letters).lower() for letters in LETTERS]
            good = [letters for letters, w in zip(LETTERS, lowered) if known(w)]
            if not good:
                good = [letters for letters, w in zip(LETTERS, lowered) if word_form(w)]
            if len(good) == 1:
                votes[(font, run)][good[0]] += 1
    out = {}
    for key, counted in votes.items():
        ranked = counted.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            out[key] = ranked[0][0]
    return out
