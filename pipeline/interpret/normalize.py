"""Normalization after interpretation: report ids, area keys, the compass revision."""

from __future__ import annotations

import unicodedata

import regex as re

from kompass.pipeline.interpret.areas import area_key, infer_revision
from kompass.pipeline.model import Report


def slug(text: str) -> str:
    """ASCII slug: "Upplands Väsby" -> "upplands-vasby"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def report_id(report: Report) -> str:
    """Stable id from municipality and year ("tranas-2017"); the file's hash when either is unknown."""
    if report.municipality and report.year:
        return f"{slug(report.municipality)}-{report.year}"
    return f"unknown-{(report.source_sha256 or '')[:12]}"


def normalize(report: Report) -> Report:
    """Fill the derived fields: report_id, compass_revision."""
    report.report_id = report_id(report)
    report.compass_revision = infer_revision(
        {no: a.name for no, a in report.areas.items() if a.name},
        {no: a.table_name for no, a in report.areas.items() if a.table_name},
    )
    return report


def key_of(report: Report, area_no: int) -> str | None:
    return area_key(report.compass_revision, area_no)
