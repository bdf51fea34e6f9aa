"""Reading a report's title page: municipality, year, month, cover date and evaluators.

Titles come in two orders, and in upper or mixed case:
    KommunKompassen ANALYS AV TRANÅS KOMMUN 2017 Utvärderare: Lars Strid, senior konsult (SKL) och ...
    KommunKompassen HELSINGBORGS STAD 2014 ANALYS AV. Utvärderare: Lars Strid, SKL Anders Dryselius, Hylte kommun
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex as re

from kompass.pipeline.interpret.municipalities import Municipality, lookup, lookup_words
from kompass.pipeline.model import Evaluator

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
BRAND = re.compile(r"^\s*Kommun\s?Kompassen\.?\s*", re.I)
ANALYS_AV = re.compile(r"\bANALYS\s+AV\b\.?", re.I)
UTVARDERARE = re.compile(r"\bUtvärderare\b\s*:?", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
TYPE_WORD = re.compile(r"\b(kommun|stad|region)\b", re.I)
MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
# Words that make a comma-separated piece an organisation rather than a person.
ORG_WORDS = re.compile(
    r"\b(kommun|kommuns|stad|stads|region|regionen|landsting|landstinget|lt|skl|skr|konsult|ab|"
    r"universitet|högskola|sveriges|f\.d\.)\b",
    re.I,
)
ROLE_AFFIL = re.compile(r"^(?P<role>[^()]+?)\s*\((?P<affil>[^()]+)\)$")
NAME_WORD = re.compile(r"^(?:\p{Lu}\.|\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?)$")
NOT_BEFORE_A_NAME = frozenset(("kommun", "kommuns", "stad", "län", "AB"))  # "Hylte kommun": no person
RAPPORT = re.compile(r"\bRAPPORT\b|[.:]", re.I)
REGION = re.compile(r"\bregion\s+(\S+(?:\s+\S+)?)", re.I)
OCH = re.compile(r"\s+och\s+", re.I)
SAMT = re.compile(r"\s+samt\s+", re.I)
TRAILING_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")
NAME_IN_TEXT = re.compile(r"((?:\p{Lu}[\p{L}-]*\s){1,3})(kommun|stad)s?\b|\bRegion\s+(\p{Lu}\p{L}+)")
SPACE = re.compile(r"\s+")


@dataclass
class Title:
    municipality: Municipality | None = None
    name_as_printed: str | None = None
    municipality_type: str | None = None
    year: int | None = None
    month: str | None = None
    cover_date: dt.date | None = None
    evaluators: list[Evaluator] = field(default_factory=list)


def _smart_case(text: str) -> str:
    """Re-case a list printed in capitals ("MÄRIT MELBI, SKL" -> "Märit Melbi, SKL")."""
    if not text.isupper():
        return text

    def word(w: str) -> str:
        bare = w.strip("().,")
        if bare in ("SKL", "SKR", "AB"):
            return w
        if bare.lower() in ("och", "samt", "kommun", "stad", "region", "f.d", "f.d."):
            return w.lower()
        return "-".join(p.capitalize() for p in w.lower().split("-"))

    return " ".join(word(w) for w in text.split())


def parse_title(text: str) -> Title:
    """Parse a title page flattened to one line."""
    text = " ".join(text.split())
    out = Title()
    rest = BRAND.sub("", text)
    head, evaluators = rest, ""
    analys = ANALYS_AV.search(rest)
    if analys and rest[: analys.start()].strip():
        head, evaluators = rest[: analys.start()], rest[analys.end() :]
    elif analys:
        head = rest[analys.end() :]
        utv = UTVARDERARE.search(head)
        if utv:
            head, evaluators = head[: utv.start()], head[utv.end() :]
        else:
            year = YEAR.search(head)
            typ = TYPE_WORD.search(head)
            cut = year.end() if year else typ.end() if typ else len(head)
            head, evaluators = head[:cut], head[cut:]
    evaluators = UTVARDERARE.sub("", evaluators, count=1)
    _read_head(head, out)
    evaluators, out.cover_date = _take_date(evaluators)
    if out.municipality and out.municipality_type:
        # "Kalix kommun Märit Melbi, SKL ...": the cover repeats the municipality.
        evaluators = _without_leading(evaluators, f"{out.name_as_printed or ''} {out.municipality_type}")
    out.evaluators = parse_evaluators(evaluators)
    return out


def _without_leading(text: str, words: str) -> str:
    """text less the words at its start (any case, any spaces between), if they stand there as words:
    "Kalix kommun Märit Melbi" less "Kalix kommun"."""
    at = len(text) - len(text.lstrip())
    for n, word in enumerate(words.split()):
        if n:
            gap = SPACE.match(text, at)
            if not gap:
                return text
            at = gap.end()
        if text[at : at + len(word)].casefold() != word.casefold():
            return text
        at += len(word)
    if at < len(text) and (text[at].isalnum() or text[at] == "_"):
        return text  # the last word goes on: "Kalix kommunal ..."
    return text[at:]


def _take_date(text: str) -> tuple[str, dt.date | None]:
    m = DATE.search(text)
    if not m:
        return text, None
    try:
        date = dt.date(*map(int, m.groups()))
    except ValueError:
        return text, None
    return text[: m.start()] + text[m.end() :], date


def _read_head(head: str, out: Title) -> None:
    year = YEAR.search(head)
    if year:
        out.year = int(year.group())
        head = head[: year.start()] + " " + head[year.end() :]
    month = MONTH.search(head)
    if month:
        out.month = month.group(1).lower()
        head = head[: month.start()] + " " + head[month.end() :]
    head = RAPPORT.sub(" ", head)
    region = REGION.search(head)
    typ = TYPE_WORD.search(head)
    if region:
        words, out.municipality_type = region.group(1).split(), "region"
    elif typ:
        words, out.municipality_type = head[: typ.start()].split(), typ.group(1).lower()
    else:
        words = head.split()
    hit = lookup_words(words) if words else None
    if hit:
        out.municipality = hit
        n = len(hit.name.split())
        out.name_as_printed = " ".join(words[-n:]) if len(words) >= n else hit.name
        if out.municipality_type is None:
            out.municipality_type = "kommun"


def _split_pieces(text: str) -> list[str]:
    """Split an evaluator list at commas and "och", keeping "(...)" together."""
    text = OCH.sub(" , ", text)
    pieces, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            pieces.append(cur)
            cur = ""
        else:
            cur += ch
    pieces.append(cur)
    return [p.strip(" .") for p in pieces if p.strip(" .")]


def _names_in(words: list[str]) -> list[list[str]]:
    """Split a run of capitalised words into person names of two (or three) words."""
    if len(words) <= 3:
        return [words]
    if len(words) % 2 == 0:
        return [words[i : i + 2] for i in range(0, len(words), 2)]
    return [words[:3]] + _names_in(words[3:])


def _is_name_word(words: list[str], i: int) -> bool:
    """A capitalised word that is no organisation word and not the first of "Hylte kommun"."""
    w = words[i]
    if not NAME_WORD.match(w) or ORG_WORDS.fullmatch(w):
        return False
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return nxt not in NOT_BEFORE_A_NAME


def parse_evaluators(text: str) -> list[Evaluator]:
    """Evaluators from the title's list: names, each maybe with a role and an affiliation.

    Pieces run together ("Lars Strid, SKL Anders Dryselius, Hylte kommun"), so each
    comma piece is read word by word: runs of two or more name words are people,
    everything else is the affiliation of the person before it. "samt" closes a
    group whose members share the affiliation printed last ("Märit Melbi, Linda
    Persson-Melin, SKL samt Anna Marnell, Katrineholms kommun").
    """
    people: list[Evaluator] = []
    for group in SAMT.split(_smart_case(" ".join(text.split()))):
        members: list[Evaluator] = []
        for piece in _split_pieces(group):
            role_aff = ROLE_AFFIL.match(piece)
            if role_aff and members and members[-1].affiliation is None and not _is_name_word(piece.split(), 0):
                members[-1].role = role_aff.group("role").strip()
                members[-1].affiliation = role_aff.group("affil").strip()
                continue
            paren = TRAILING_PARENTHESIS.search(piece)
            if paren:
                piece = piece[: paren.start()]
            # "Lena Tegenfeldt. Sveriges Kommuner ...": a full stop ends a name, not "J." an initial.
            words = [w.rstrip(".") if len(w) > 2 else w for w in piece.split()]
            i = 0
            while i < len(words):
                j = i
                while j < len(words) and _is_name_word(words, j):
                    j += 1
                if j - i >= 2:
                    for name in _names_in(words[i:j]):
                        members.append(Evaluator(" ".join(name)))
                    i = j
                    continue
                k = max(j, i + 1)
                while k < len(words) and not (
                    _is_name_word(words, k) and k + 1 < len(words) and _is_name_word(words, k + 1)
                ):
                    k += 1
                if members:
                    _add_affiliation(members[-1], " ".join(words[i:k]))
                i = k
            if paren and members:
                _add_affiliation(members[-1], paren.group(1))
        _share_affiliation(members)
        people.extend(members)
    return people


def _add_affiliation(person: Evaluator, text: str) -> None:
    text = text.strip(" ,.")
    if not text:
        return
    if person.affiliation is None:
        person.affiliation = text
    else:
        person.affiliation = f"{person.affiliation} {text}"


def _share_affiliation(people: list[Evaluator]) -> None:
    """ "Ewa Luvö, Karolina Dahlbom, Gunnar Gidenstam, SKL": one affiliation for all."""
    if len(people) > 1 and people[-1].affiliation and all(p.affiliation is None for p in people[:-1]):
        for p in people[:-1]:
            p.affiliation = people[-1].affiliation


def municipality_in_text(text: str) -> tuple[Municipality, str, str] | None:
    """The first "<Name> kommun|stad" or "Region <Name>" in running text that is in the register."""
    for m in NAME_IN_TEXT.finditer(text):
        if m.group(3):
            hit = lookup(m.group(3))
            if hit:
                return hit, m.group(3), "region"
            continue
        words = m.group(1).split()
        hit = lookup_words(words)
        if hit:
            n = len(hit.name.split())
            return hit, " ".join(words[-n:]), m.group(2).lower()
    return None
