"""Checks of the text: sub-questions and headings against the revision's standard texts, free text by its words.

Within a revision every report prints the same sub-questions and headings
(pipeline/interpret/catalogue), so a text that differs beyond punctuation, quotes,
dashes, case and whitespace was damaged on the way: words split at a ligature
("Off entlighet"), glued where a PDF had no space glyphs ("finnsenplan"), or cut
where a row continued on the next page. Free text (bullets, area names, evaluator
names) has no standard; there split and glued words are found from the report's
own vocabulary and a Swedish word list (parsers/lexicon).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex as re

from kompass.parsers import lexicon
from kompass.pipeline.checks.findings import WARNING, Issue, issue
from kompass.pipeline.checks.numbers import areas
from kompass.pipeline.interpret.areas import identify
from kompass.pipeline.interpret.catalogue import standard_headings, standard_question
from kompass.pipeline.model import Area, Report

CHECKS: dict[str, str] = {
    "question-text": "a sub-question's text is the revision's standard text (punctuation, quotes, dashes, case aside)",
    "heading-text": "an area's headings ('Rubriker') are the revision's standard headings",
    "damaged-text": "bullets, area names and evaluator names hold no split or glued words and no word missing a letter",
}
TEXT_CHECKS = frozenset(CHECKS)
DAMAGED_THROUGHOUT = 0.5  # more than this share of a report's questions differ: one report-level finding
WORD = re.compile(r"\p{L}+")
HUMP = re.compile(r"\p{Lu}?\p{Ll}+")
TOKEN = re.compile(r"[\p{L}\p{N}]+")  # a score read into a heading ("... information 45") is a difference

# Words that never start or make up a compound: a run of them with the spaces lost is glued text.
GLUE_WORDS = frozenset(
    """
och att en ett det den de dem denna detta dessa som är var varit har hade haft kan kunde ska skall skulle bör
borde måste eller samt men inte ej sig sin sina sitt deras dess hans hennes vi ni vilket vilka
vilken finns fanns blir blev bli också även där när hur vad varför alla såsom både respektive exempelvis ev
""".split()
)
# Prepositions and particles: a compound may start with one (medarbetare, utveckling), a glued run has one inside.
PARTICLES = frozenset(
    """
i på av till för med om från mot under över efter inom mellan genom vid hos ut in upp ner fram kring utifrån
bland åt via utöver enligt inför bakom
""".split()
)
INNER_WORDS = tuple(sorted(GLUE_WORDS | PARTICLES))
# Words a glued run may start or end with and a compound may not: what is left must be a word or a compound
# of its own ("i|ägardirektiven", "lönekriterier|som|är", "ledarskap|med|ev"). Not the endings a word takes.
EDGE_WORDS = sorted((GLUE_WORDS | PARTICLES | {"år"}) - {"en", "de", "den", "dem", "et", "i", "ut", "in"})


def _tokens(text: str) -> list[str]:
    """The words and numbers of a text, lower-cased: punctuation, quotes and dashes are not words."""
    return TOKEN.findall(text.casefold()) if text else []


def difference(standard: str, printed: str) -> str | None:
    """What separates a printed text from the standard one, or None when only punctuation, case or spacing does.

    'words split', 'words glued', 'words split and glued', 'text missing at the end' or 'other'.
    """
    if printed == standard:
        return None
    want, got = _standard_tokens(standard), _tokens(printed)
    if want == got:
        return None
    if "".join(want) == "".join(got):
        cuts_want, cuts_got = _cuts(want), _cuts(got)
        split, glued = bool(cuts_got - cuts_want), bool(cuts_want - cuts_got)
        return "words split and glued" if split and glued else "words split" if split else "words glued"
    if got and len(got) < len(want) and "".join(want).startswith("".join(got)):
        return "text missing at the end"
    return "other"


@lru_cache(maxsize=4096)
def _standard_tokens(text: str) -> list[str]:
    """_tokens of a revision's standard text, which every report of the revision is compared with."""
    return _tokens(text)


def _cuts(words: list[str]) -> set[int]:
    out, at = set(), 0
    for w in words[:-1]:
        at += len(w)
        out.add(at)
    return out


# -- question-text and heading-text ------------------------------------------------


def check_question_text(report: Report) -> Iterator[Issue]:
    """Each sub-question against the catalogue; one report-level finding when most of them differ."""
    found: list[tuple[Issue, str]] = []
    checked = 0
    for area in areas(report):
        for q in area.questions:
            standard = standard_question(report.compass_revision, q.question_no)
            if standard is None:
                continue
            checked += 1
            kind = difference(standard.text, q.text)
            if kind:
                found.append(
                    (
                        issue(
                            report,
                            "question-text",
                            WARNING,
                            f"the text differs from the {report.compass_revision} revision's standard text ({kind}): "
                            f"printed {q.text!r}, standard {standard.text!r}",
                            area,
                            q,
                            field="question_text",
                            expected=standard.text,
                            observed=q.text,
                            source_page=q.page,
                        ),
                        kind,
                    )
                )
    if checked and len(found) > DAMAGED_THROUGHOUT * checked:
        kinds = Counter(kind for _, kind in found)
        numbers = ", ".join(i.question_no or "" for i, _ in found)
        yield issue(
            report,
            "question-text",
            WARNING,
            f"text damaged: {len(found)} of {checked} questions differ from the {report.compass_revision} "
            f"revision's standard texts ({', '.join(f'{k}: {n}' for k, n in kinds.most_common())}); "
            f"questions {numbers}. The layout's text cannot be trusted word for word",
            field="question_text",
            expected=str(checked),
            observed=str(len(found)),
        )
    else:
        yield from (i for i, _ in found)


def check_heading_text(report: Report) -> Iterator[Issue]:
    """Each area's headings against the catalogue: heading by heading when as many were read, else as one run."""
    for area in areas(report):
        standard = standard_headings(report.compass_revision, area.area_no)
        if standard is None or not area.headings:
            continue
        if len(area.headings) == len(standard):
            pairs = [(f"heading {n}", s, h) for n, (s, h) in enumerate(zip(standard, area.headings), start=1)]
        else:
            pairs = [("headings", " · ".join(standard), " · ".join(area.headings))]
        for field, want, got in pairs:
            kind = difference(want, got)
            if kind is None and field == "headings":
                kind = f"{len(area.headings)} headings read, {len(standard)} standard"
            if kind:
                yield issue(
                    report,
                    "heading-text",
                    WARNING,
                    f"{field} differs from the {report.compass_revision} revision's standard ({kind}): "
                    f"printed {got!r}, standard {want!r}",
                    area,
                    field=field,
                    expected=want,
                    observed=got,
                    source_page=area.page,
                )


# -- damaged-text ------------------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    kind: str  # words split, words glued, letter missing
    printed: str
    repaired: str
    start: int
    end: int


def vocabulary(report: Report) -> Counter[str]:
    """How often the report writes each word, over all of its text."""
    texts = [report.title or ""]
    texts += [e.name for e in report.evaluators]
    standard: list[str] = []  # texts every report of a revision prints alike: their words are remembered
    for area in report.areas.values():
        standard += [area.name or "", area.table_name or "", *area.headings]
        standard += [q.text for q in area.questions]
        texts += [f.text for f in area.findings]
    tokens = _tokens(" ".join(texts))  # a space joins no two words
    for text in standard:
        tokens += _standard_tokens(text)
    return Counter(tokens)


class _Word(NamedTuple):
    """What the word list says of one word, whatever text it is in (worked out once per word, see _word)."""

    fragment: bool  # not a word by itself: unknown, or lower-case without a vowel ('ff', 'nns')
    looked_at: bool  # may hide glued words or a lost letter: long enough, not common, not an abbreviation
    glued: tuple[str, ...] | None  # the words it is, glued (more likely so than as a compound)
    known: bool
    suspect: bool  # looked at, and glued or unknown: only such a word can be glued or missing a letter


_WORDS: dict[str, _Word] = {}


def _word(w: str) -> _Word:
    """The word's _Word, from a plain dict: a report's few thousand words are looked up, not worked out again.

    'fragment' is not judged by the report's own words: a reader that splits at a
    ligature splits every 'eff ektivitet' of the document alike.
    """
    found = _WORDS.get(w)
    if found is None:
        if len(_WORDS) > 200_000:
            _WORDS.clear()
        known = lexicon.known(w)
        looked_at = not ((len(w) < 5 and not _two_small_words(w)) or lexicon.common(w) or w.isupper())
        glued = _glued(w) if looked_at else None
        glued = glued if glued and _glue_beats_compound(w, glued) else None
        found = _WORDS[w] = _Word(
            fragment=not known or (w.islower() and not lexicon.has_vowel(w)),
            looked_at=looked_at,
            glued=glued,
            known=known,
            suspect=looked_at and (glued is not None or not known),
        )
    return found


def damage(text: str, vocab: Counter[str], names: bool = False) -> list[Damage]:
    """Split words, glued words and words missing a letter in free text.

    vocab: the report's words; one it writes twice or more is no damage, and two
    pieces it writes elsewhere as one word were split. names: the text is a
    person's name, which no word list holds: only names run together
    ('AndersBergenek') and split words are looked for.
    """
    strings = WORD.findall(text)
    looked_up = [_WORDS.get(w) or _word(w) for w in strings]
    words = _Matches(text)
    out = _split_words(text, words, strings, looked_up, vocab) if any(f.fragment for f in looked_up) else []
    if names:
        return sorted(out + _camel(text), key=lambda d: d.start)
    splits = [d for d in out if lexicon.known(d.repaired)]  # their words are no words of their own
    taken = {n for n, m in enumerate(words()) if any(d.start <= m.start() < d.end for d in splits)} if splits else set()
    # Only a suspect word can be damage: every other is known and not glued, which the loop below passes by.
    for i in [i for i, facts in enumerate(looked_up) if facts.suspect]:
        w, facts = strings[i], looked_up[i]
        if i in taken or vocab.get(w.casefold(), 0) >= 2:
            continue  # a word the report writes again is its own
        m = words()[i]
        if text[m.end() : m.end() + 1] == "." and len(w) <= 5:
            continue  # "resp.", "kommunförb." are abbreviations
        if facts.glued:
            out.append(Damage("words glued", w, _cased(w, facts.glued), m.start(), m.end()))
            continue
        if facts.known or (w[0].isupper() and not _first_of_sentence(text, m.start())):
            continue  # a known word or a name
        fixed = _letter_missing(w)
        if fixed:
            out.append(Damage("letter missing", w, _cased(w, (fixed,)), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


class _Matches:
    """The matches of a text's words, found when first asked for: most texts need only the words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[re.Match[str]] | None = None

    def __call__(self) -> list[re.Match[str]]:
        if self.found is None:
            self.found = list(WORD.finditer(self.text))
        return self.found


def _first_of_sentence(text: str, at: int) -> bool:
    return at == 0 or text[:at].rstrip().endswith((".", "!", "?", ":"))


@lru_cache(maxsize=65536)
def _letter_missing(w: str) -> str | None:
    """The word w is with a letter put back, where that is the likelier reading of an unknown word."""
    if _compound(w, strong=True):
        # A compound of known words, unless a common word is one letter away ('org|anserar'): only the
        # list's words are looked through, as a compound with a letter back is no common word.
        fixed = lexicon.one_letter_missing(w, compounds=False)
        return fixed if fixed and lexicon.common(fixed) else None
    fixed = lexicon.one_letter_missing(w)
    if not fixed:
        return None
    if lexicon.known(fixed) or not _compound(w) or _compound(fixed, strong=True):
        return fixed  # a weak reading as a compound ('medarbetar|undersökning|rna') gives way to a strong one
    return None


SMALL_WORDS = GLUE_WORDS | PARTICLES | lexicon.SHORT_WORDS


def _two_small_words(word: str) -> bool:
    """A four-letter run of two function words ('avde', 'deär'); other short words are never looked at."""
    return (
        len(word) == 4
        and word.islower()
        and not lexicon.known(word)
        and any(word[:i] in SMALL_WORDS and word[i:] in SMALL_WORDS for i in (1, 2, 3))
    )


def _split_words(
    text: str, words: _Matches, strings: list[str], looked_up: list[_Word], vocab: Counter[str]
) -> list[Damage]:
    """Words a space cut in two or three ('Off entlighet', 'kvali fi cerad'): together a word, apart a fragment.

    A whole the word list lacks counts if the report writes it elsewhere.
    """
    out: list[Damage] = []
    fragments = [n for n, facts in enumerate(looked_up) if facts.fragment]
    # Only the windows of up to three words holding a fragment: nearly every other is whole words.
    starts = sorted({i for f in fragments for i in range(max(0, f - 2), f + 1)})
    after = 0  # where the next window may start (a whole word found ends the words it took)
    for i in starts:
        if i < after:
            continue
        after = i + 1
        for span in (3, 2):
            if i + span > len(strings):
                continue
            parts = tuple(strings[i : i + span])
            joined = _WINDOWS.get(parts, _UNSEEN)
            if joined is _UNSEEN:
                joined = _window(parts)
            if joined is None:
                continue
            whole, known = joined
            if not (known or vocab.get(whole.casefold(), 0) >= 1):
                continue  # together no word, here or in the report
            run = words()[i : i + span]
            if any(text[a.end() : b.start()] != " " for a, b in zip(run, run[1:])):
                continue
            out.append(Damage("words split", " ".join(parts), whole, run[0].start(), run[-1].end()))
            if known:
                after = i + span
                break
    return out


_WINDOWS: dict[tuple[str, ...], tuple[str, bool] | None] = {}
_UNSEEN = ("", False)


def _window(parts: tuple[str, ...]) -> tuple[str, bool] | None:
    """What the words alone say of a window of split words: None where it is no split word whatever the
    report writes, else the whole and whether the word list knows it (remembered in _WINDOWS)."""
    if len(_WINDOWS) > 200_000:
        _WINDOWS.clear()
    whole = "".join(parts)
    found: tuple[str, bool] | None = (whole, lexicon.known(whole))
    if not all(p.islower() for p in parts[1:]) or (len(parts[0]) > 1 and parts[0].isupper()):
        found = None  # a capitalised word starts a name or a sentence; SKL, IT are abbreviations
    elif len(whole) < 4 or not any(_word(p).fragment for p in parts):
        found = None  # "m fl", "t ex": abbreviations written without their full stops
    _WINDOWS[parts] = found
    return found


def _compound(word: str, strong: bool = False, within: int = 99) -> bool:
    """A compound of known words, none of them one that never makes part of a compound ('och', 'att').

    strong: every part after the first four letters or more and the first three, the
    last no fragment, so that the reading is evidence ('medarbetar|undersökningar',
    not 'me|lan' or 'hat|era'). within: a reading of fewer parts than that.
    """
    return bool(_compound_readings(word, strong, within))


@lru_cache(maxsize=65536)
def _compound_readings(word: str, strong: bool = False, within: int = 99) -> tuple[tuple[str, ...], ...]:
    """The readings _compound accepts."""
    word = word.casefold()
    out = []
    for candidate in (word, word[:-1] if word.endswith("s") and len(word) > 6 else None):  # genitive or joining -s
        for parts in lexicon.compounds(candidate) if candidate else ():
            if len(parts) >= within or _glue_signal(parts) or not all(_plain(p) for p in parts):
                continue
            if (
                not strong
                or len(parts) == 1
                or (len(parts[0]) >= 3 and min(map(len, parts[1:])) >= 4 and _sure(parts[-1]))
            ):
                out.append(parts)
    return tuple(out)


JOINING = 0.5  # what a compound's part costs that is a joining or inflected form, not a word: 'arbets' of 'arbete'


def _as_words(parts: tuple[str, ...]) -> float:
    """How likely the parts are as words one after another: the sum of their log10 frequencies (a part the
    list lacks, as the compound it is read as)."""
    return sum(lexicon.zipf(p) - 9 if lexicon.known(p) else _best_compound(p) for p in parts)


def _best_compound(word: str) -> float:
    readings = _compound_readings(word)
    return max(map(_as_compound, readings)) if readings else -9.0


def _as_compound(parts: tuple[str, ...]) -> float:
    """How likely the parts are as one compound: each as the word it is, or the word whose joining or
    inflected form it is ('medarbetar' of 'medarbetare', 'undersökningarna' of 'undersökning')."""
    return sum(_form_zipf(p) - 9 for p in parts)


def _form_zipf(part: str) -> float:
    if lexicon.known(part):
        return lexicon.zipf(part)
    bases = [part + "e", part + "a", part[:-1], part[:-1] + "a"]
    bases += [part[: -len(e)] for e in lexicon.ENDINGS if part.endswith(e) and len(part) - len(e) > lexicon.MIN_PART]
    return max((lexicon.zipf(b) for b in bases if b), default=0.0) - JOINING


def _sure(head: str) -> bool:
    """A compound's last part that is no fragment: common, or six letters or more."""
    return lexicon.common(head) or len(head) >= 6


def _plain(part: str) -> bool:
    """A part a compound can have: itself no glued run ('föratt'), with or without a joining -s."""
    if part.endswith("s") and part[:-1] in GLUE_WORDS:
        return False
    return not any(len(words) > 1 and _glue_signal(words) for words in lexicon.segmentations(part))


ENDING_PARTS = frozenset("en de et na er ar or an".split())  # "metodik|en", "samverkan|de": an ending, not a word


def _glue_signal(parts: tuple[str, ...]) -> bool:
    """Words in a row that no compound has: a function word, a preposition after the first word,
    or a first preposition that makes no word with the next part ('till|andra', not 'med|arbetare')."""
    if len(parts) > 1 and parts[-1] in ENDING_PARTS and parts[-2] not in GLUE_WORDS | PARTICLES:
        parts = parts[:-1]  # the ending of the word before ("metodik|en"); a function word has none ("till|en")
    if any(p in GLUE_WORDS for p in parts) or any(p in PARTICLES for p in parts[1:]):
        return True
    if len(parts) > 1 and parts[0] in PARTICLES:
        joined = parts[0] + parts[1]
        return not (lexicon.known(joined) or lexicon.modifier(joined))
    return False


@lru_cache(maxsize=65536)
def _glued(word: str) -> tuple[str, ...] | None:
    """The words of a glued run ('finnsenplan', 'påÖrnsköldsviks'), or None for a compound or an unknown word."""
    humps = HUMP.findall(word)
    if len(humps) > 1 and any(h.casefold() in GLUE_WORDS | PARTICLES for h in humps):
        return tuple(humps)  # a capital inside the run: a name glued to the words around it
    readings = [parts for parts in lexicon.segmentations(word) if len(parts) > 1 and _glue_signal(parts)]
    if not readings:
        readings = [r for r in (_around_function_word(word.casefold()), _at_the_edges(word.casefold())) if r]
    return max(readings, key=_as_words) if readings else None  # the likeliest words: 'lönekriterier|som|är'


def _at_the_edges(word: str) -> tuple[str, ...] | None:
    """Function words glued before or after a word or compound the list does not hold whole: 'iägardirektiven'
    (a leading 'i' or one of GLUE_WORDS), 'lönekriteriersomär', 'ledarskapmedev' (any of EDGE_WORDS after)."""
    readings = [(fw, *rest) for fw in LEADING_WORDS if word.startswith(fw) and (rest := _whole(word[len(fw) :]))]
    readings += [(*rest, fw) for fw in EDGE_WORDS if word.endswith(fw) and (rest := _whole(word[: -len(fw)]))]
    return max(readings, key=_as_words) if readings else None  # the likeliest: 'lönekriterier|som|är'


LEADING_WORDS = sorted(GLUE_WORDS - {"en", "ett", "de", "den", "det", "dem"} | {"i"})  # not 'en|hetsmål', 'det|aljplan'


def _whole(rest: str) -> tuple[str, ...] | None:
    """rest as one word or compound of five letters or more, or as a glued run itself."""
    if len(rest) < 5:
        return None
    if lexicon.known(rest) or _compound(rest, strong=True):
        return (rest,)
    return _at_the_edges(rest)


MARGIN = 0.0


def _glue_beats_compound(word: str, glued: tuple[str, ...]) -> bool:
    """A glued run read as words is more likely than any reading of it as a compound of fewer parts
    ('jämförelser|av|de|egna', not 'jämförelser|avde|egna'; 'kunskaps|förmedlande', not 'kunskap|s|för|...')."""
    readings = _compound_readings(word, strong=True)
    if not readings:
        return True
    return _as_words(glued) > max(map(_as_compound, readings)) + MARGIN


def _around_function_word(word: str) -> tuple[str, ...] | None:
    """A function word between two words the list does not hold as one: 'ledarutvecklingsprogram|och|traineeprogram',
    'bolagens|i|ägardirektiven' (whether the reading beats the word's reading as a compound is asked after)."""
    for fw in INNER_WORDS:
        at = word.find(fw, 4)
        while 4 <= at <= len(word) - len(fw) - 4:
            left, right = word[:at], word[at + len(fw) :]
            if all(lexicon.known(side) or _compound(side, strong=True) for side in (left, right)):
                return left, fw, right
            at = word.find(fw, at + 1)
    return None


def _cased(original: str, parts: tuple[str, ...]) -> str:
    text = " ".join(parts)
    return text[0].upper() + text[1:] if original[:1].isupper() else text


def _repaired(text: str, found: list[Damage]) -> str:
    out, at = [], 0
    for d in found:
        out += [text[at : d.start], d.repaired]
        at = d.end
    return "".join(out) + text[at:]


def _describe(found: list[Damage]) -> str:
    return "; ".join(f"{d.kind}: {d.printed!r} for {d.repaired!r}" for d in found)


def check_damaged_text(report: Report) -> Iterator[Issue]:
    """Bullets, area names outside the catalogue and evaluator names, word by word."""
    vocab = vocabulary(report)
    for area in areas(report):
        for kind in ("strength", "improvement"):
            for pos, f in enumerate((f for f in area.findings if f.kind == kind), start=1):
                found = damage(f.text, vocab)
                if found:
                    yield _damaged(report, f"{kind} {pos}", f.text, found, area, f.page)
        for which, name in (("area_name", area.name), ("table_name", area.table_name)):
            if name and identify(name) is None:
                found = damage(name, vocab)
                if found:
                    yield _damaged(report, which, name, found, area, area.page)
    for pos, e in enumerate(report.evaluators, start=1):
        found = damage(e.name, vocab, names=True)
        if found:
            yield _damaged(report, f"evaluator {pos}", e.name, found, None, None)


def _camel(name: str) -> list[Damage]:
    """Two names run together: 'LarsStrid'."""
    return [
        Damage("words glued", m.group(), f"{m.group(1)} {m.group(2)}", m.start(), m.end())
        for m in re.finditer(r"\b(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)\b", name)
    ]


def _damaged(report: Report, field: str, text: str, found: list[Damage], area: Area | None, page: int | None) -> Issue:
    return issue(
        report,
        "damaged-text",
        WARNING,
        f"{field} looks damaged ({_describe(found)}): printed {text!r}",
        area,
        field=field,
        expected=_repaired(text, found),
        observed=text,
        source_page=page,
    )


FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [check_question_text, check_heading_text, check_damaged_text]
