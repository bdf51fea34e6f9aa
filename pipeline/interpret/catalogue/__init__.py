"""The revisions' standard texts: sub-question texts with their stable keys, and each area's headings.

Kept as data (questions.csv, headings.csv beside this module; README.md names the
sources). A revision or number the catalogue lacks has no entry: it is not checked
and gets no key, never a guess.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class StandardQuestion:
    revision: str
    question_no: str
    question_key: str
    text: str


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def questions() -> dict[tuple[str, str], StandardQuestion]:
    """(revision, question_no) -> the standard question."""
    return {
        (r["revision"], r["question_no"]): StandardQuestion(
            r["revision"], r["question_no"], r["question_key"], r["text"]
        )
        for r in _rows("questions.csv")
    }


@cache
def headings() -> dict[tuple[str, int], tuple[str, ...]]:
    """(revision, area_no) -> the area's standard headings, in order."""
    out: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for r in _rows("headings.csv"):
        out.setdefault((r["revision"], int(r["area_no"])), []).append((int(r["position"]), r["text"]))
    return {k: tuple(text for _, text in sorted(v)) for k, v in out.items()}


def standard_question(revision: str | None, question_no: str) -> StandardQuestion | None:
    return questions().get((revision, question_no)) if revision else None


def question_key(revision: str | None, question_no: str) -> str | None:
    """The stable key of a sub-question ('demokrati_strategi' for 2016's 1.1), None without an entry."""
    q = standard_question(revision, question_no)
    return q.question_key if q else None


def standard_headings(revision: str | None, area_no: int) -> tuple[str, ...] | None:
    return headings().get((revision, area_no)) if revision else None


def revision_questions(revision: str | None) -> int:
    """How many sub-questions the catalogue holds for a revision (45 for 2016, 0 for one it lacks)."""
    return sum(1 for rev, _ in questions() if rev == revision)
