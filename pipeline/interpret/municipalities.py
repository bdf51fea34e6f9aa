"""SCB's register of Sweden's 290 municipalities, and matching names as reports print them."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Municipality:
    code: str  # SCB's 4-digit code, e.g. "0687"
    name: str  # short name as in the register, e.g. "Tranås", "Upplands Väsby"


@lru_cache(maxsize=1)
def register() -> dict[str, Municipality]:
    """All municipalities keyed by casefolded name."""
    with resources.files("kompass.pipeline.interpret").joinpath("kommuner.csv").open(encoding="utf-8") as f:
        return {row["name"].casefold(): Municipality(row["code"], row["name"]) for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def by_code() -> dict[str, Municipality]:
    """All municipalities keyed by SCB code."""
    return {m.code: m for m in register().values()}


def _norm(name: str) -> str:
    return " ".join(name.replace("–", "-").split()).casefold()


def lookup(name: str, fuzzy: bool = True) -> Municipality | None:
    """Match a printed name against the register.

    Tries the name as printed, then as a genitive ("Helsingborgs" -> Helsingborg,
    only when the shorter form is in the register: "Tranås" stays Tranås), then a
    close spelling ("Vänerborg" -> Vänersborg).
    """
    reg = register()
    key = _norm(name)
    if not key:
        return None
    if key in reg:
        return reg[key]
    if key.endswith("s") and key[:-1] in reg:
        return reg[key[:-1]]
    if fuzzy and len(key) >= 4:
        close = difflib.get_close_matches(key, reg.keys(), n=1, cutoff=0.88)
        if close:
            return reg[close[0]]
    return None


def lookup_words(words: list[str]) -> Municipality | None:
    """The register entry named by the last one, two or three of `words` (longest first)."""
    for n in (3, 2, 1):
        if len(words) >= n:
            hit = lookup(" ".join(words[-n:]), fuzzy=False)
            if hit:
                return hit
    for n in (3, 2, 1):
        if len(words) >= n:
            hit = lookup(" ".join(words[-n:]))
            if hit:
                return hit
    return None
