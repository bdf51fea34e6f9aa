"""Normalization after interpretation: report ids, area keys, the compass revision."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex as re

from kompass.pipeline.interpret.areas import area_key, infer_revision
from kompass.pipeline.interpret.municipalities import by_code
from kompass.pipeline.model import Area, Report


def slug(text: str) -> str:
    """ASCII slug: "Upplands Väsby" -> "upplands-vasby"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def identity(report: Report) -> tuple[str, str]:
    """What makes two files copies of one report: the municipality's SCB code and the year of the evaluation;
    where either is unknown, the file's content (only the same bytes are the same report)."""
    if report.municipality_code and report.year:
        return (report.municipality_code, str(report.year))
    return ("sha256", report.source_sha256 or "")


@lru_cache(maxsize=1)
def _code_slugs() -> dict[str, str]:
    """Each municipality's slug by SCB code: its name's ("tranas"), with the code added where two names fold
    to one slug (Habo 0643 and Håbo 0305: "habo-0643", "habo-0305")."""
    names = by_code()
    folded = Counter(slug(m.name) for m in names.values())
    return {code: slug(m.name) if folded[slug(m.name)] == 1 else f"{slug(m.name)}-{code}" for code, m in names.items()}


def report_id(report: Report) -> str:
    """Stable id from the identity: municipality and year ("tranas-2017", "habo-0643-2017"); the file's hash
    ("unknown-3f2a...") where either is unknown."""
    code, year = identity(report)
    if code == "sha256":
        return f"unknown-{year[:12]}"
    return f"{_code_slugs().get(code) or slug(report.municipality or code)}-{year}"


SCORE_SOURCES = ("chapter3", "table", "chart")


def usable_score(area: Area) -> None:
    """One area score an analyst can use: chapter 3's "Poäng", else the table's total row, else the chart.

    Chapter 3 and the total row both print the rounded sum of the true scores, so
    where chapter 3's score could not be read the table's is the same number.
    """
    if area.score is not None:
        area.score_source = area.score_source or "chapter3"
    elif area.table_total is not None:
        area.score, area.score_source = area.table_total, "table"
    elif area.chart_score is not None:
        area.score, area.score_source = area.chart_score, "chart"


def normalize(report: Report) -> Report:
    """Fill the derived fields: report_id, compass_revision, each area's usable score and its source."""
    report.report_id = report_id(report)
    for area in report.areas.values():
        usable_score(area)
    report.compass_revision = infer_revision(
        {no: a.name for no, a in report.areas.items() if a.name},
        {no: a.table_name for no, a in report.areas.items() if a.table_name},
    )
    return report


def key_of(report: Report, area_no: int) -> str | None:
    return area_key(report.compass_revision, area_no)
