"""Normalization after interpretation: report ids, area keys, the compass revision."""

from __future__ import annotations

import unicodedata

import regex as re

from kompass.pipeline.interpret.areas import area_key, infer_revision
from kompass.pipeline.model import Area, Report


def slug(text: str) -> str:
    """ASCII slug: "Upplands Väsby" -> "upplands-vasby"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def report_id(report: Report) -> str:
    """Stable id from municipality and year ("tranas-2017"); the file's hash when either is unknown."""
    if report.municipality and report.year:
        return f"{slug(report.municipality)}-{report.year}"
    return f"unknown-{(report.source_sha256 or '')[:12]}"


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
