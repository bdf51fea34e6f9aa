"""The standard-text catalogue: its 2016 entries are the samples' texts, and every sub-question
of both samples gets the same question_key for the same number."""

from __future__ import annotations

import pyarrow.parquet as pq
import regex as re
from conftest import load_gold, raw_folder
from typer.testing import CliRunner

from kompass.pipeline.cli import app
from kompass.pipeline.interpret.catalogue import question_key, questions, standard_headings, standard_question


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[\p{P}\p{S}]", " ", text.casefold()).split())


def test_2016_has_the_45_questions_and_8_heading_lists_of_both_samples():
    for name in ("tranas-2017", "torsas-2017"):
        gold = load_gold(name)
        for q in gold["questions"]:
            assert _loose(standard_question("2016", q["question_no"]).text) == _loose(q["text"])
        for a in gold["areas"]:
            assert list(map(_loose, standard_headings("2016", a["area_no"]))) == list(map(_loose, a["headings"]))
    assert len([k for k in questions() if k[0] == "2016"]) == 45


def test_keys_are_readable_slugs_unique_within_a_revision():
    keys = [q.question_key for q in questions().values() if q.revision == "2016"]
    assert len(set(keys)) == len(keys) == 45
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", k) for k in keys)


def test_a_revision_or_number_without_an_entry_has_no_key():
    assert question_key("2016", "1.9") is None
    assert question_key("2010", "1.1") is None  # the domain guide gives no 2010 texts
    assert question_key(None, "1.1") is None
    assert standard_headings("2020", 1) is None


def test_question_key_is_filled_and_the_same_across_the_samples(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(raw_folder(tmp_path / "raw")), str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(tmp_path / "out" / "questions.parquet").to_pylist()
    assert len(rows) == 90 and all(r["question_key"] for r in rows)
    by_report: dict[str, dict[str, str]] = {}
    for r in rows:
        by_report.setdefault(r["report_id"], {})[r["question_no"]] = r["question_key"]
    assert by_report["tranas-2017"] == by_report["torsas-2017"]
    assert by_report["tranas-2017"]["1.1"] == "demokrati_strategi"
