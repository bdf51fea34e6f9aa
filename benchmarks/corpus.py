"""Random but plausible report specs (the gold files' shape) for the benchmark corpus.

Each spec is a 2016-revision report of a random municipality and year, its area
structure and question texts taken from the Tranås gold file, its scores drawn
as true decimal values and printed the way reports round them, and its bullets
made from both gold files' bullets: each one the head of one of the list's bullets
spliced to the tail of another bullet of that kind, so no two reports print the same list (a cache
keyed on a bullet's text gains nothing here that it would not gain on real reports,
whose bullets differ). The spec is the expected extraction result.
"""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
KOMMUNER = ROOT / "pipeline" / "interpret" / "kommuner.csv"
STAD = {"Stockholm", "Göteborg", "Malmö", "Helsingborg", "Västerås", "Lidingö", "Landskrona", "Haparanda"}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "september", "oktober", "november"]
EVALUATORS = [
    ("Lars Strid", "SKL", "senior konsult"),
    ("Anders Bergenek", "Halmstad", None),
    ("Märit Melbi", "SKL", None),
    ("Josephine Härdin", "konsult", None),
    ("Anna Ekelöf", "Hylte kommun", None),
    ("Karin Peedu", "SKL", "utredare"),
]


def round_half_up(x: float) -> int:
    """How reports (and spreadsheets) round: 9.5 -> 10, 8.5 -> 9."""
    return math.floor(x + 0.5)


def _load(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def _municipalities() -> list[str]:
    with KOMMUNER.open(encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f)]


def specs(count: int, seed: int = 0) -> list[dict]:
    """`count` specs with distinct (municipality, year), reproducible from the seed."""
    rng = random.Random(seed)
    template = _load("tranas-2017")
    pool: dict[tuple[int, str], list[str]] = {}
    for gold in (template, _load("torsas-2017")):
        for b in gold["bullets"]:
            pool.setdefault((b["area_no"], b["kind"]), []).append(b["text"])
            pool.setdefault((0, b["kind"]), []).append(b["text"])
    names = _municipalities()
    seen: set[tuple[str, int]] = set()
    out: list[dict] = []
    while len(out) < count:
        name, year = rng.choice(names), rng.randint(2016, 2019)
        if (name, year) in seen:
            continue
        seen.add((name, year))
        out.append(_spec(rng, template, pool, name, year))
    return out


def _spliced(rng: random.Random, texts: list[str], tails: list[str]) -> str:
    """A new bullet: the first half of one of the list's bullets and the second half of another bullet of
    that kind, joined where the second goes on in lower case (so the join reads as one item, not two)."""
    first, second = rng.choice(texts), rng.choice(tails)
    head, tail = first.split(), second.split()
    head = head[: max(1, len(head) // 2)]
    joins = [i for i in range(len(tail) // 2, len(tail)) if tail[i][:1].islower()]
    if not joins or head[-1].endswith((".", ",", ";", ":")):
        return first
    return " ".join(head + tail[rng.choice(joins) :])


def _spec(rng: random.Random, template: dict, pool: dict, name: str, year: int) -> dict:
    typ = "region" if name == "Gotland" else "stad" if name in STAD else "kommun"
    month = rng.choice(MONTHS)
    evaluators = [{"name": n, "affiliation": a, "role": r} for n, a, r in rng.sample(EVALUATORS, rng.randint(1, 3))]
    areas, questions, bullets = [], [], []
    for area in template["areas"]:
        no = area["area_no"]
        true_sum = 0.0
        for q in (q for q in template["questions"] if q["area_no"] == no):
            a = round(rng.uniform(0.1, 0.95) * q["max"] * 2) / 2  # evaluators score in halves
            true_sum += a
            questions.append({**q, "achieved": round_half_up(a), "percent": round_half_up(100 * a / q["max"])})
        total = round_half_up(true_sum)
        areas.append({**area, "score": total, "table_total": total})
        for kind in ("strength", "improvement"):
            texts = pool[(no, kind)]
            for _ in range(rng.randint(2, min(6, len(texts)))):
                bullets.append({"area_no": no, "kind": kind, "text": _spliced(rng, texts, pool[(0, kind)])})
    report = {
        "municipality": name,
        "municipality_type": typ,
        "year": year,
        "report_date": f"{year}-{rng.randint(5, 12):02d}-{rng.randint(1, 28):02d}",
        "evaluation_period": f"{month} {year}",
        "total_score": sum(a["score"] for a in areas),
        "evaluators": evaluators,
        "pages": None,
    }
    return {"report": report, "areas": areas, "questions": questions, "bullets": bullets}
