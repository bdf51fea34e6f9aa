"""Plausibility of texts, where arithmetic cannot see: a score glued onto text, a text cut short,
characters no Swedish prose holds, bullet lists that two copies of a report disagree on."""

from __future__ import annotations

import re as stdlib_re
import statistics
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

import regex as re

from kompass.parsers.textnorm import plain_class
from kompass.pipeline.checks.findings import ERROR, WARNING, Issue, issue, place
from kompass.pipeline.checks.numbers import AREA_MAX, areas
from kompass.pipeline.model import Area, Question, Report

CHECKS: dict[str, str] = {
    "glued-score": "no heading, area name or question text holds the area's score as a word, nor ends in a number "
    "where the area has no score (the score cell read into the text)",
    "numbers-in-text": "no question text holds sub-question numbers ('1.2 1.3 Finns ...': rows read together)",
    "damaged-numbers": "the sub-question maxima add up to 100 in most areas; if not, the text lost digits throughout",
    "truncated-text": "a question text ends as the report's others do ('?'), not mid-sentence (a lost second line)",
    "broken-join": "no slash with a space on one side only ('avdelningar/ enheter'): a line break joined with a space",
    "foreign-character": "texts hold no characters foreign to Swedish prose (CJK, private use, U+FFFD, control "
    "characters, presentation forms, another script's letter inside a word)",
    "merged-bullets": "a bullet does not read as two: a sentence start inside it, after a word with no punctuation",
}
COPY_CHECKS: dict[str, str] = {
    "list-length": "two copies of a report have bullet lists of about the same length",
}
KINDS = {"strength": "STYRKOR", "improvement": "FÖRBÄTTRINGSOMRÅDEN"}
TRAILING_NUMBER = re.compile(r"\s(\d{1,3})\s*$")
STANDALONE_NUMBER = re.compile(r"(?<!\S)\d{1,3}(?!\S)")
QUESTION_NUMBER = re.compile(r"(?<![\d.])[1-9]\.\d{1,2}(?![\d.%])")
# Ideographs, kana, hangul; private use; U+FFFD; control characters; presentation forms (ligatures
# U+FB00-FB4F, Arabic U+FB50-FDFF and U+FE70-FEFF, CJK compatibility U+FE30-FE4F, half/full width U+FF00-FFEF).
FOREIGN = re.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Co}\uFFFD\p{Cc}"
    r"\uFB00-\uFDFF\uFE30-\uFE4F\uFE70-\uFEFF\uFF00-\uFFEF]"
)
LOPSIDED_SLASH = re.compile(r"\p{L}/ \p{L}|\p{L} /\p{L}")
# A letter of another script touching a Latin one: "Finns اn plan" (a wrong font map), wherever it is.
ALIEN_IN_WORD = re.compile(r"\p{Latin}[^\p{Latin}\P{L}]|[^\p{Latin}\P{L}]\p{Latin}")
CUT = re.compile(r"[\p{L},/\-–]$")  # a text ending in a letter, comma or dash stops mid-sentence


def _texts(report: Report) -> Iterator[tuple[Area | None, Question | None, str, str, str]]:
    """(area, question, field, label, text) for every text the report holds."""
    if report.municipality:
        yield None, None, "municipality", "municipality", report.municipality
    for n, e in enumerate(report.evaluators, start=1):
        yield None, None, f"evaluator {n}", f"evaluator {n}", e.name
    for area in areas(report):
        if area.name:
            yield area, None, "area_name", "chapter 3 area name", area.name
        if area.table_name:
            yield area, None, "table_name", "chapter 4 area name", area.table_name
        for n, h in enumerate(area.headings, start=1):
            yield area, None, f"heading {n}", f"heading {n}", h
        for q in area.questions:
            yield area, q, "question_text", "question text", q.text
        counts = dict.fromkeys(KINDS, 0)
        for f in area.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
            label = f"{KINDS.get(f.kind, f.kind)} bullet {counts[f.kind]}"
            yield area, None, f"{f.kind} {counts[f.kind]}", label, f.text


def _strings(report: Report) -> list[str]:
    """The texts of _texts, in its order, without their places (for the one search most reports end with)."""
    out = ([report.municipality] if report.municipality else []) + [e.name for e in report.evaluators]
    for area in areas(report):
        out += [name for name in (area.name, area.table_name) if name]
        out += area.headings
        out += [q.text for q in area.questions]
        out += [f.text for f in area.findings]
    return out


def _shown(text: str, limit: int = 90) -> str:
    return repr(text if len(text) <= limit else "…" + text[-limit:])


def _glued_number(text: str, scores: set[int], heading: bool) -> tuple[re.Match, str] | None:
    """A number standing as a word in the text that is the area's score; where the area has no score,
    a number a score could be (0-100) ending the text, or anywhere in a heading."""
    for m in STANDALONE_NUMBER.finditer(text):
        if int(m.group()) in scores:
            return m, "the area's score"
        if not scores and heading and int(m.group()) <= 100:
            return m, "where the area has no score of its own"
    end = TRAILING_NUMBER.search(text)
    if not scores and end and int(end.group(1)) <= 100:
        return end, "where the area has no score of its own"
    return None


def check_glued_score(report: Report) -> Iterator[Issue]:
    """A heading, area name or question text holding the area's score: the score cell read as text."""
    looked_at = [t for a in areas(report) for t in (a.name, a.table_name, *a.headings, *(q.text for q in a.questions))]
    if not STANDALONE_NUMBER.search(" ".join(t for t in looked_at if t)):
        return  # no number stands as a word in any of them (one search; a space joins no two words)
    for area, q, field, label, text in _texts(report):
        if area is None or not field.startswith(("heading", "area_name", "table_name", "question_text")):
            continue
        scores = {n for n in (area.score, area.table_total, area.chart_score) if n is not None}
        found = _glued_number(text, scores, heading=q is None)
        if not found:
            continue
        m, said = found
        number = m.group().strip()
        yield issue(
            report,
            "glued-score",
            WARNING,
            f"the {label} holds {number}, {said}: {_shown(text)}; the score was probably read into the text",
            area,
            q,
            field=field,
            expected=" ".join((text[: m.start()] + " " + text[m.end() :]).split()),
            observed=text,
            source_page=q.page if q else area.page,
        )


def check_numbers_in_text(report: Report) -> Iterator[Issue]:
    """A question text holding sub-question numbers ('1.2 1.3 Finns ...'): several rows read as one cell."""
    for area in areas(report):
        for q in area.questions:
            numbers = QUESTION_NUMBER.findall(q.text)
            if numbers:
                yield issue(
                    report,
                    "numbers-in-text",
                    WARNING,
                    f"the question text holds the sub-question numbers {', '.join(numbers)}: {_shown(q.text)}; "
                    "rows of the table were read together",
                    area,
                    q,
                    field="question_text",
                    observed=q.text,
                    source_page=q.page,
                )


def check_damaged_numbers(report: Report) -> Iterator[Issue]:
    """Maxima that add up to 100 in few of a report's areas: its digits were damaged throughout.

    Every area's maxima add up to 100; a text where they do not in most areas lost digits
    everywhere (some transcripts drop every 0: "år 2009" became "år 29"), in its prose too.
    """
    tables = [a for a in areas(report) if a.questions]
    off = [a.area_no for a in tables if sum(q.max_score for q in a.questions) != AREA_MAX]
    if len(tables) >= 4 and len(off) > len(tables) / 2:
        yield issue(
            report,
            "damaged-numbers",
            ERROR,
            f"the sub-question maxima add up to {AREA_MAX} in only {len(tables) - len(off)} of {len(tables)} "
            f"areas (not in {', '.join(map(str, off))}): the numbers were misread throughout, digits lost (a "
            "transcript that dropped every 0 does this) or cells read into other rows; trust no number of this "
            "report, in its tables, title or texts, before checking it in the document",
            field="report",
            expected=str(len(tables)),
            observed=str(len(tables) - len(off)),
        )


def check_truncated_text(report: Report) -> Iterator[Issue]:
    """A question text stopping mid-sentence where the report's questions end in '?': its last line was lost."""
    questions = [(a, q) for a in areas(report) for q in a.questions]
    asked = sum(q.text.rstrip().endswith("?") for _, q in questions)
    if not asked:
        return  # the report does not end its questions with "?": nothing to compare with
    for area, q in questions:
        text = q.text.rstrip()
        if text and CUT.search(text):
            yield issue(
                report,
                "truncated-text",
                WARNING,
                f"the question text ends mid-sentence, {_shown(text)}, where {asked} of the report's "
                f"{len(questions)} questions end with '?': its last line was probably lost",
                area,
                q,
                field="question_text",
                observed=text,
                source_page=q.page,
            )


def check_broken_join(report: Report) -> Iterator[Issue]:
    """A slash spaced on one side only: the text broke after (or before) it and the lines were joined with a space."""
    joined = "\0".join(_strings(report))
    if ("/ " not in joined and " /" not in joined) or not LOPSIDED_SLASH.search(joined):
        return  # one search over all texts (NUL is no letter: no match spans two)
    for area, q, field, label, text in _texts(report):
        found = LOPSIDED_SLASH.search(text)
        if found:
            yield issue(
                report,
                "broken-join",
                WARNING,
                f"the {label} has a slash spaced on one side only, {found.group(0)!r}, in {_shown(text)}: "
                "a line break there was joined with a space",
                area,
                q,
                field=field,
                expected=text[: found.start()] + found.group(0).replace(" ", "") + text[found.end() :],
                observed=text,
                source_page=q.page if q else area.page if area else None,
            )


LATIN = re.compile(r"\p{Latin}")
NON_LATIN_LETTER = re.compile(r"[^\p{Latin}\P{L}]")


@lru_cache(maxsize=4096)
def _suspect(char: str) -> bool:
    """A character foreign_character may report: foreign itself, or a letter of another script."""
    return bool(FOREIGN.match(char) or NON_LATIN_LETTER.match(char))


# Every character that may be _suspect, found by the standard re's scan of a plain class: Latin letters,
# digits and common punctuation that are not are left out, so a report's text is not looked at char by char.
MAYBE_SUSPECT = stdlib_re.compile(f"[^{plain_class([(0, 0x24F), (0x2010, 0x205E)], _suspect)}]")


def _name(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"


def check_foreign_character(report: Report) -> Iterator[Issue]:
    """Characters no Swedish prose holds: a wrong font map, a lost glyph, a control code in the text."""
    everything = " ".join(_strings(report))  # a space touches no letter and is no foreign character
    if not any(_suspect(m.group()) for m in MAYBE_SUSPECT.finditer(everything)):
        return  # nearly every report: its hundred or so distinct characters looked at once, not every text
    for area, q, field, label, text in _texts(report):
        chars = sorted(
            set(FOREIGN.findall(text)) | {c for m in ALIEN_IN_WORD.findall(text) for c in m if not LATIN.match(c)}
        )
        if not chars:
            continue
        word = next((w for w in text.split() if any(c in w for c in chars)), chars[0])
        yield issue(
            report,
            "foreign-character",
            WARNING,
            f"the {label} holds {', '.join(map(_name, chars))}, foreign to Swedish prose, in {word!r}: {_shown(text)}",
            area,
            q,
            field=field,
            observed=text,
            source_page=q.page if q else area.page if area else None,
        )


LONG = 2.0  # a bullet this many times the report's median length, with a capitalised word inside, is two
SENTENCE_START = re.compile(r"(?<=(\S+) )(\p{Lu}\p{Ll}+)")
LOWER_INSIDE = re.compile(r"(?<=\s)\p{Ll}+")


def _common_words(report: Report) -> set[str]:
    """Words the report writes in lower case inside its texts: capitalised mid-text, one starts a sentence."""
    # One search over all texts: NUL is no space, so a text's first word stays its first.
    return set(LOWER_INSIDE.findall("\0".join(_strings(report))))


LOWER_WORD = re.compile(r"\p{Ll}+")
SPACE = re.compile(r"\s")


def _written_in_lower_case(joined: str, word: str) -> bool:
    """word in _common_words of the report whose texts are joined (by NUL), asked of this one word: where it
    stands after a space and no lower-case letter follows (LOWER_INSIDE's runs are as long as they go)."""
    if not LOWER_WORD.fullmatch(word):
        return False
    at = joined.find(word)
    while at != -1:
        end = at + len(word)
        if at and _char_is(SPACE, joined[at - 1]) and not (end < len(joined) and _char_is(LOWER_WORD, joined[end])):
            return True
        at = joined.find(word, at + 1)
    return False


@lru_cache(maxsize=4096)
def _char_is(pattern: re.Pattern[str], char: str) -> bool:
    return bool(pattern.match(char))


def _names(report: Report) -> set[str]:
    """First words of area names and headings: cited in bullets as names ("med Ständiga förbättringar")."""
    out = set()
    for area in areas(report):
        for name in (area.name, area.table_name, *area.headings):
            if name:
                out.add(name.split()[0])
    return out


def check_merged_bullets(report: Report) -> Iterator[Issue]:
    """A bullet holding a second one: after a word that ends no sentence, a capitalised word the report
    writes in lower case or starts other bullets with, or any capitalised word in a bullet twice the usual length.

    Only where the layout marked each bullet (a glyph lost merges two); inferred
    starts are the dataset's own guess and say so in findings.boundary.
    """
    # What the report says of its words is worked out when a bullet first needs it: a transcript has none.
    names: set[str] | None = None
    joined: str | None = None
    starts: list[str] = []
    typical = 0.0
    for area in areas(report):
        counts = dict.fromkeys(KINDS, 0)
        for f in area.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
            if f.boundary != "marker":
                continue
            for m in SENTENCE_START.finditer(f.text):
                before, word = m.group(1), m.group(2)
                if names is None:
                    names = _names(report)
                if before[-1] in '.,;:!?)”"' or before[0].isupper() or word in names:
                    continue
                if joined is None:
                    joined = "\0".join(_strings(report))
                    starts = [f.text.split()[0] for a in areas(report) for f in a.findings if f.text.split()]
                    typical = statistics.median([len(f.text) for a in areas(report) for f in a.findings] or [0])
                if (
                    word not in starts
                    and len(f.text) < LONG * typical
                    and not _written_in_lower_case(joined, word.lower())
                ):
                    continue  # a name ("i Kommunbladet"), not a word the report writes in lower case or starts with
                yield issue(
                    report,
                    "merged-bullets",
                    WARNING,
                    f"the {KINDS.get(f.kind, f.kind)} bullet {counts[f.kind]} reads as two, the second starting "
                    f"{f.text[m.start() : m.start() + 40]!r}: {_shown(f.text)}; a bullet's glyph was probably lost",
                    area,
                    field=f"{f.kind} {counts[f.kind]}",
                    expected=f"{f.text[: m.start()].rstrip()} | {f.text[m.start() :]}",
                    observed=f.text,
                    source_page=f.page,
                )
                break


def _lists(report: Report) -> dict[tuple[int, str], list[str]]:
    out: dict[tuple[int, str], list[str]] = {}
    for area in areas(report):
        for f in area.findings:
            out.setdefault((area.area_no, f.kind), []).append(f.text)
    return out


GLYPH_LAYOUTS = {"pdf", "docx", "word_export"}  # bullet starts kept; a transcript's are inferred


def compare_lists(kept: Report, copy: Report) -> list[Issue]:
    """A bullet list much shorter or longer in one copy of a report than in the other.

    Where both layouts keep the bullet glyphs any difference in count is one; where
    a transcript inferred the starts, counts may differ a little, the text may not.
    """
    mine, theirs = _lists(kept), _lists(copy)
    exact = kept.source_format in GLYPH_LAYOUTS and copy.source_format in GLYPH_LAYOUTS
    issues = []
    for area_no, kind in sorted(set(mine) | set(theirs)):
        a, b = mine.get((area_no, kind), []), theirs.get((area_no, kind), [])
        chars_a, chars_b = len(" ".join(a)), len(" ".join(b))
        count_off = len(a) != len(b) if exact else abs(len(a) - len(b)) >= 2 or not (a and b)
        text_off = abs(chars_a - chars_b) > 0.2 * max(chars_a, chars_b)
        if not (count_off or text_off):
            continue
        area = kept.areas.get(area_no)
        where = place(kept.id, area_no, (area.table_name or area.name) if area else None)
        issues.append(
            Issue(
                kept.id,
                copy.source_path,
                "list-length",
                WARNING,
                f"{where}: the {KINDS.get(kind, kind)} list has {len(b)} bullets ({chars_b} characters) in "
                f"{copy.source_path} ({copy.source_format}), {len(a)} ({chars_a} characters) in the copy kept, "
                f"{kept.source_path} ({kept.source_format}): a bullet was lost, split or merged in one of them",
                area_no=area_no,
                field=kind,
                expected=str(len(a)),
                observed=str(len(b)),
            )
        )
    return issues


FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [
    check_glued_score,
    check_numbers_in_text,
    check_damaged_numbers,
    check_truncated_text,
    check_broken_join,
    check_foreign_character,
    check_merged_bullets,
]
