"""Damaging a spec's text the ways readers damage it, recording what was damaged where.

Each damage is one a real layout produces: a space after an ff/fi/fl ligature
("Off entlighet"), the spaces of a phrase lost ("finnsenplan"), a sub-question's
last words lost at a page break, one letter lost inside a word. The spec is then
rendered in any layout (synth/text.py, synth/native.py) and the checks must name
each damaged sub-question by its number and each damaged bullet by kind and position.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

import regex as re

LIGATURE = re.compile(r"(?<=\p{L})(ff|fi|fl)(?=\p{L}{2})")
SPLIT, GLUE, END, LETTER = "split", "glue", "end", "letter"
QUESTION_KINDS = {SPLIT: "words split", GLUE: "words glued", END: "text missing at the end", LETTER: "other"}


@dataclass
class Damaged:
    spec: dict
    questions: dict[str, str] = field(default_factory=dict)  # question_no -> damage
    bullets: dict[tuple[int, str, int], tuple[str, str]] = field(
        default_factory=dict
    )  # (area, kind, pos) -> (damage, damaged word)


def split_ligature(text: str, rng: random.Random) -> tuple[str, str] | None:
    """A space after an ff/fi/fl inside a word: 'Offentlighet' -> 'Off entlighet'."""
    spots = list(LIGATURE.finditer(text))
    if not spots:
        return None
    m = rng.choice(spots)
    damaged = text[: m.end()] + " " + text[m.end() :]
    before, after = re.search(r"\p{L}+$", text[: m.end()]).group(), re.match(r"\p{L}+", text[m.end() :]).group()
    return damaged, f"{before} {after}"


def glue(text: str, rng: random.Random) -> tuple[str, str] | None:
    """The spaces of three words in a row lost: 'finns en plan' -> 'finnsenplan'."""
    runs = list(re.finditer(r"(?<![\p{L}\p{P}])\p{L}+ \p{L}+ \p{L}+(?![\p{L}\p{P}])", text, overlapped=True))
    if not runs:
        return None
    m = rng.choice(runs)
    return text[: m.start()] + m.group().replace(" ", "") + text[m.end() :], m.group().replace(" ", "")


def drop_end(text: str, rng: random.Random) -> tuple[str, str] | None:
    """The last two words lost (the row continued on a page the reader did not join)."""
    words = text.split(" ")
    if len(words) < 4:
        return None
    return " ".join(words[:-2]), words[-3]


def drop_letter(text: str, rng: random.Random) -> tuple[str, str] | None:
    """One letter inside a lower-case word of six or more letters lost."""
    words = [m for m in re.finditer(r"(?<![\p{L}\p{P}])\p{Ll}{6,}(?![\p{L}])", text)]
    if not words:
        return None
    m = rng.choice(words)
    at = m.start() + rng.randrange(1, len(m.group()) - 1)
    damaged = text[:at] + text[at + 1 :]
    return damaged, m.group()[: at - m.start()] + m.group()[at - m.start() + 1 :]


DAMAGES = {SPLIT: split_ligature, GLUE: glue, END: drop_end, LETTER: drop_letter}


def _apply(text: str, kinds: list[str], rng: random.Random) -> tuple[str, str, str] | None:
    for kind in kinds:
        done = DAMAGES[kind](text, rng)
        if done:
            return done[0], kind, done[1]
    return None


def damaged_spec(gold: dict, seed: int, questions: int = 12, bullet_share: float = 0.5) -> Damaged:
    """The spec with `questions` sub-questions and about `bullet_share` of the bullets damaged, kinds in turn."""
    rng = random.Random(seed)
    spec = copy.deepcopy(gold)
    out = Damaged(spec)
    order = list(QUESTION_KINDS)
    for n, q in enumerate(rng.sample(spec["questions"], questions)):
        first = order[n % len(order)]
        done = _apply(q["text"], [first] + [k for k in order if k != first], rng)
        if done:
            q["text"], kind, _ = done
            out.questions[q["question_no"]] = kind
    bullet_kinds = [SPLIT, GLUE, LETTER]
    position: dict[tuple[int, str], int] = {}
    turn = 0
    for b in spec["bullets"]:
        key = (b["area_no"], b["kind"])
        position[key] = position.get(key, 0) + 1
        if rng.random() >= bullet_share:
            continue
        first = bullet_kinds[turn % len(bullet_kinds)]
        done = _apply(b["text"], [first] + [k for k in bullet_kinds if k != first], rng)
        if done:
            turn += 1
            b["text"], kind, word = done
            out.bullets[(b["area_no"], b["kind"], position[key])] = (kind, word)
    return out
