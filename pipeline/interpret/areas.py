"""The eight areas of each Kommunkompassen revision, and recognising their printed names."""

from __future__ import annotations

import difflib
from functools import lru_cache

import regex as re

# Canonical key per area, shared by the 2010 and 2016 revisions (whose areas 2
# and 7 were renamed); the 2020 revision has its own eight.
NAMES: dict[str, dict[int, str]] = {
    "2010": {
        1: "Offentlighet och demokrati",
        2: "Tillgänglighet och brukarorientering",
        3: "Politisk styrning och kontroll",
        4: "Ledarskap, ansvar och delegation",
        5: "Resultat och effektivitet",
        6: "Kommunen som arbetsgivare - personalpolitik",
        7: "Verksamhetsutveckling",
        8: "Kommunen som samhällsbyggare",
    },
    "2016": {
        2: "Brukarfokus, tillgänglighet och bemötande",
        7: "Ständiga förbättringar",
    },
    "2020": {
        1: "Samspel mellan förtroendevalda och medborgare",
        2: "Samhällsutveckling",
        3: "Styrning och kontroll",
        4: "Effektivitet",
        5: "Brukarens fokus",
        6: "Kvalitetsutveckling",
        7: "Arbetsliv",
        8: "Chefs- och ledarskap samt medarbetarskap",
    },
}
KEYS: dict[str, dict[int, str]] = {
    "2010": {
        1: "offentlighet_demokrati",
        2: "tillganglighet_brukarfokus",
        3: "politisk_styrning",
        4: "ledarskap_ansvar_delegation",
        5: "resultat_effektivitet",
        6: "arbetsgivare_personalpolitik",
        7: "forbattringsarbete",
        8: "samhallsbyggare",
    },
    "2020": {
        1: "samspel_fortroendevalda_medborgare",
        2: "samhallsutveckling",
        3: "styrning_kontroll",
        4: "effektivitet",
        5: "brukarens_fokus",
        6: "kvalitetsutveckling",
        7: "arbetsliv",
        8: "chefskap_ledarskap_medarbetarskap",
    },
}
# Older wording of the same areas (before 2010, and drift within a revision).
VARIANTS = {
    "Offentlighet och demokratisk kontroll": ("2010", 1),
    "Kommun som samhällsbyggare": ("2010", 8),
    "Kommunen som arbetsgivare, personalpolitik": ("2010", 6),
}


def _norm(name: str) -> str:
    name = re.sub(r"[\p{Pd},:;.]", " ", name.casefold())
    return " ".join(name.split())


def _catalogue() -> list[tuple[str, str, int]]:
    rows = [(_norm(n), rev, no) for rev, names in NAMES.items() for no, n in names.items()]
    rows += [(_norm(n), rev, no) for n, (rev, no) in VARIANTS.items()]
    return rows


CATALOGUE = _catalogue()
EXACT = {known: (rev, no) for known, rev, no in CATALOGUE}


@lru_cache(maxsize=4096)
def identify(name: str) -> tuple[str, int] | None:
    """(revision, area_no) of a printed area name, or None when it is no known name."""
    key = _norm(name)
    if key in EXACT:
        return EXACT[key]
    best, best_ratio = None, 0.0
    for known, rev, no in CATALOGUE:
        matcher = difflib.SequenceMatcher(None, key, known)
        if matcher.real_quick_ratio() < 0.85 or matcher.quick_ratio() < 0.85:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = (rev, no), ratio
    return best if best_ratio >= 0.85 else None


def area_key(revision: str | None, area_no: int) -> str | None:
    """The canonical key of an area: stable across the two names it had in 2010-2019."""
    family = "2020" if revision == "2020" else "2010"
    return KEYS[family].get(area_no)


def infer_revision(chapter3_names: dict[int, str], table_names: dict[int, str]) -> str | None:
    """The revision whose distinctive area names the report uses.

    2016 renamed areas 2 and 7 in chapter 3 but kept the 2010 name of area 2 in
    the chapter 4 tables, so area 2's table name says nothing.
    """
    votes = []
    for _no, name in list(chapter3_names.items()) + [(n, t) for n, t in table_names.items() if n != 2]:
        hit = identify(name)
        if hit is None:
            continue
        rev, known_no = hit
        if rev == "2020" or (rev == "2016") or (known_no in (2, 7) and rev == "2010"):
            votes.append(rev)
    if not votes:
        return None
    for rev in ("2020", "2016", "2010"):
        if rev in votes:
            return rev
    return None
