"""Splitting run-on list text back into items, for layouts that lost the bullet glyphs.

A transcript prints a list as one run of text:
    Bra kontaktinformation till politiker Medborgarundersökningar för att fånga ...
Items in these reports are short noun phrases or imperatives that start with a
capital letter and rarely end with a function word, so an item starts at a
capitalised word unless the word before it binds it to what precedes: a
preposition or conjunction ("i Korthet"), a comma ("Korthet, Händer"), or a
name running on ("Tranås Direkt", "i satsningen Ständiga förbättringar"). After a full stop a
new item starts, unless the next sentence opens with a word that points back
("Vissa verksamheter saknas.", "Se gärna ...").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from kompass.pipeline.interpret.municipalities import lookup

# Words that cannot end an item: prepositions, conjunctions, articles, pronouns,
# auxiliaries, and the words that introduce an example.
FUNCTION_WORDS = frozenset(
    """
i och med av som till för på om såsom samt kring inom mellan från det den de en ett att är vid under
efter utan eller både hos mot genom enligt per via åt än bland utifrån gentemot avseende beträffande
rörande trots sedan innan före när där vilka vilken vilket varje sina sin sitt dess deras våra vår vårt kan ska skall bör måste har hade blir blev vara bli exempelvis t.ex. bl.a.
ex. dvs. d.v.s. s.k. såväl liksom respektive resp. inklusive även också mer fler än the of and
""".split()
)
# Sentence openers that point back to the sentence before, so continue its item.
CONTINUING_OPENERS = frozenset(
    """
Det Detta Dessa Den Denna Vissa Se Här Där Vilket Även Också Men Då Sedan Som Dock Samtidigt Därför
Dvs Exempelvis Bland
""".split()
)
ABBREVIATIONS = frozenset(
    "m.m. bl.a. t.ex. resp. ev. dvs. d.v.s. m.fl. fl. etc. s.k. mm. ca. st. o.s.v. osv. jfr. tex.".split()
)
TITLE_CASE = re.compile(r"^[\"”“'(]?\p{Lu}[\p{Ll}\p{Lu}-]*\p{Ll}")
STRIPPED = "\"”“'()[],;:"  # what _bare takes off a word's ends
SENTENCE_END = re.compile(r"[.!?][\"”)]*$")


GLYPHS = frozenset("•▪◦‣●■")  # bullet glyphs a run-on text may have kept, one token each


@dataclass(frozen=True)
class Piece:
    text: str
    start: int  # offset of the item's first character in the run


def _bare(word: str) -> str:
    return word.strip(STRIPPED).lower()


def _is_title_case(word: str) -> bool:
    if not (word[:1].isupper() or word[:1] in "\"”“'("):
        return False  # most words: no need to ask the pattern
    return bool(TITLE_CASE.match(word)) and not word.strip("\"”“'(),.").isupper()


@dataclass(frozen=True)
class Vocabulary:
    """What the whole document says about its words.

    names: capitalised words it writes right after a preposition or conjunction,
    where no item or sentence can start ("med Ledstjärnan", "av Tranås kommun");
    place_names: those of them that name a municipality ("Tranås", "Örnsköldsviks").
    """

    names: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()


ENDS_IN_A_LETTER = frozenset(w for w in FUNCTION_WORDS if w[-1].isalpha())  # not "t.ex.": a name can follow that
PLACE_WORD = re.compile(r"\b\p{Lu}\p{Ll}+\b")


def vocabulary(text: str) -> Vocabulary:
    """Collect a document's evidence about case from all of its text."""
    words = text.split()
    names = {
        _bare(word)
        for prev, word in zip(words, words[1:])
        if (prev in ENDS_IN_A_LETTER or (prev[0] in STRIPPED and prev.lstrip(STRIPPED) in ENDS_IN_A_LETTER))
        and (word[0].isupper() or word[0] in "\"”“'(")  # _is_title_case's first question, asked here
        and _is_title_case(word)
    }
    places = {w for w in set(PLACE_WORD.findall(text)) if _place(w)}
    return Vocabulary(frozenset(names), frozenset(w.lower() for w in places))


def _place(word: str) -> bool:
    """lookup(word, fuzzy=False) for a word of letters alone, remembered: the register does not change."""
    found = _PLACES.get(word)
    if found is None:
        found = _PLACES[word] = lookup(word, fuzzy=False) is not None
    return found


_PLACES: dict[str, bool] = {}


def is_boundary(prev: str, word: str, item_words: int, before_prev: str, vocab: Vocabulary, min_words: int = 2) -> bool:
    """Does an item start at `word`, given the two words before it and the current item's length?"""
    if not _is_title_case(word):
        return False
    return _starts_item(prev, word, item_words, _is_title_case(prev), _is_title_case(before_prev), vocab, min_words)


def _starts_item(
    prev: str, word: str, item_words: int, prev_title: bool, before_title: bool, vocab: Vocabulary, min_words: int
) -> bool:
    """is_boundary for a capitalised word, told whether the two words before it are capitalised."""
    if prev.endswith((",", ";", ":", "(", "/", "-", "–", "&")):
        return False
    if SENTENCE_END.search(prev) and prev.lower() not in ABBREVIATIONS:
        return word.strip("\"”“'(") not in CONTINUING_OPENERS
    if _bare(prev) in FUNCTION_WORDS or item_words < min_words:
        return False
    if prev_title and not before_title and _bare(prev) in vocab.place_names:
        # A name after a place name runs on: "Tranås Direkt", "Örnsköldsviks ProjectCompanion".
        return False
    # A name the document uses mid-sentence elsewhere ("i satsningen Ständiga förbättringar").
    return _bare(word) not in vocab.names


# Each token, with group 1 set where it starts as _is_title_case's pattern does (a capitalised word, found in
# running text): only such a token can start an item.
TOKEN_TITLED = re.compile(r"(?:(" + TITLE_CASE.pattern[1:] + r")\S*|\S+)")
GLYPH_WORD = re.compile(r"(?<!\S)[" + "".join(sorted(GLYPHS)) + r"](?!\S)")


def split_items(text: str, vocab: Vocabulary = Vocabulary(), min_words: int = 2) -> list[Piece]:
    """Split run-on list text into items with their offsets in `text`.

    min_words: the fewest words an item has (list bullets two, sub-headings one:
    "Personalstrategi Rekrytering ..." is two headings). A run that kept its bullet
    glyphs ("• Bra kontaktinformation • Medborgarundersökningar ...") is split at them.
    """
    tokens = list(TOKEN_TITLED.finditer(text))
    if not tokens:
        return []
    if GLYPH_WORD.search(text):
        return _split_at_glyphs(text, tokens)
    titled = [t.lastindex is not None for t in tokens]
    titled.append(False)  # titled[-1]: the word before the first, which there is not
    starts = [0]
    for i in [i for i, t in enumerate(titled) if t]:
        if i and _starts_item(
            tokens[i - 1].group(), tokens[i].group(), i - starts[-1], titled[i - 1], titled[i - 2], vocab, min_words
        ):
            starts.append(i)
    pieces = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(tokens)) - 1
        begin, end = tokens[first].start(), tokens[last].end()
        pieces.append(Piece(" ".join(text[begin:end].split()), begin))
    return pieces


def _split_at_glyphs(text: str, tokens: list[re.Match[str]]) -> list[Piece]:
    """Each glyph starts an item and is no part of its text; words before the first glyph are an item too."""
    pieces, item = [], []
    for token in [*tokens, None]:
        if token is not None and token.group() not in GLYPHS:
            item.append(token)
            continue
        if item:
            begin, end = item[0].start(), item[-1].end()
            pieces.append(Piece(" ".join(text[begin:end].split()), begin))
        item = []
    return pieces
