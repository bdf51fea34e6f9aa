"""Reports of other revisions: the 2020 names, and names no revision knows."""

from __future__ import annotations

import copy

import pytest
from conftest import extract_text, load_gold

from kompass.pipeline.checks.validate import validate
from kompass.pipeline.interpret.areas import NAMES
from synth import text as synth

NAMES_2020 = NAMES["2020"]


def renamed(spec: dict, names: dict[int, str]) -> dict:
    spec = copy.deepcopy(spec)
    for area in spec["areas"]:
        area["name"] = area["table_name"] = names[area["area_no"]]
    return spec


@pytest.mark.parametrize("layout", ["transcript", "word_export"])
def test_2020_revision(layout):
    spec = renamed(load_gold("torsas-2017"), NAMES_2020)
    report = extract_text(getattr(synth, layout)(spec, seed=5))
    assert report.compass_revision == "2020"
    assert [a.name for a in report.areas.values()] == [NAMES_2020[n] for n in range(1, 9)]
    assert [a.table_name for a in report.areas.values()] == [NAMES_2020[n] for n in range(1, 9)]
    assert sum(len(a.questions) for a in report.areas.values()) == 45
    assert [a.score for a in report.areas.values()] == [a["score"] for a in spec["areas"]]


def test_unknown_area_names_are_extracted_anyway():
    names = {n: f"Nytt område nummer {n}" for n in range(1, 9)}
    spec = renamed(load_gold("tranas-2017"), names)
    report = extract_text(synth.word_export(spec, seed=1))
    assert report.compass_revision is None
    assert [a.name for a in report.areas.values()] == list(names.values())
    assert sum(len(a.questions) for a in report.areas.values()) == 45
    flagged = [i for i in validate(report) if i.check_name == "unknown-area-name"]
    assert len(flagged) == 16 and {i.area_no for i in flagged} == set(range(1, 9))
    assert all(i.severity == "warning" for i in flagged)


def test_2020_names_are_not_flagged():
    spec = renamed(load_gold("torsas-2017"), NAMES_2020)
    report = extract_text(synth.transcript(spec, seed=2))
    assert not [i for i in validate(report) if i.check_name == "unknown-area-name"]
