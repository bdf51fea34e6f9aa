"""One report per municipality and evaluation: ids and copies follow the SCB code and the year, never a
folded name, so Habo (0643) and Håbo (0305) evaluated the same year stay two reports."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pyarrow.parquet as pq
from conftest import SAMPLES, sample_report

import kompass
from kompass.pipeline.extract import deduplicate
from kompass.pipeline.interpret.normalize import report_id, slug
from kompass.pipeline.model import Report

REGISTER = Path(__file__).parents[1] / "pipeline" / "interpret" / "kommuner.csv"


def municipalities() -> list[dict[str, str]]:
    with REGISTER.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_municipality_of_the_register_has_its_own_id():
    rows = municipalities()
    assert len(rows) == 290
    ids = {
        row["code"]: report_id(Report("pdf", municipality=row["name"], municipality_code=row["code"], year=2017))
        for row in rows
    }
    assert len(set(ids.values())) == 290
    folded = [slug(row["name"]) for row in rows]
    for row, name in zip(rows, folded):
        if folded.count(name) == 1:  # today's ids stay where they were already unique
            assert ids[row["code"]] == f"{name}-2017"
    assert ids["0687"] == "tranas-2017" and ids["0834"] == "torsas-2017" and ids["0114"] == "upplands-vasby-2017"
    assert ids["0643"] == "habo-0643-2017" and ids["0305"] == "habo-0305-2017"


def test_without_a_municipality_the_file_is_the_identity():
    a = Report("pdf_transcript", source_sha256="ab" * 32, year=2017)
    b = Report("pdf_transcript", source_sha256="cd" * 32, year=2017)
    for r in (a, b):
        r.report_id = report_id(r)
    assert a.report_id == "unknown-" + "ab" * 6
    kept, dropped = deduplicate([a, b, copy.deepcopy(a)])
    assert [r.report_id for r in kept] == [a.report_id, b.report_id] and len(dropped) == 1


def test_copies_are_copies_only_when_code_and_year_agree():
    torsas = sample_report("torsas-2017")
    transcript = copy.deepcopy(torsas)
    transcript.source_format, transcript.source_path = "pdf_transcript", "elsewhere/torsas.txt"
    later = copy.deepcopy(torsas)
    later.year, later.source_path = 2021, "torsas-2021.txt"
    later.report_id = report_id(later)
    kept, dropped = deduplicate([transcript, torsas, later])
    assert kept == [torsas, later] and dropped == [(transcript, torsas)]


def named(text: str, name: str) -> str:
    return text.replace("Torsås", name)


def test_habo_and_habo_evaluated_the_same_year_are_two_reports(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = SAMPLES["torsas-2017"].read_text(encoding="utf-8")
    (raw / "habo.txt").write_text(named(text, "Habo"), encoding="utf-8")
    (raw / "håbo.txt").write_text(named(text, "Håbo"), encoding="utf-8")
    summary = kompass.extract(raw, tmp_path / "out", jobs=1)
    assert (summary.reports, summary.duplicates) == (2, 0)
    reports = pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()
    assert sorted((r["report_id"], r["municipality"], r["municipality_code"]) for r in reports) == [
        ("habo-0305-2017", "Håbo", "0305"),
        ("habo-0643-2017", "Habo", "0643"),
    ]
