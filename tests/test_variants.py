"""The same code extracts other reports of the text layouts: each sample's values
rendered as the other layout (with page breaks in other places) come back out."""

from __future__ import annotations

import pytest
from conftest import extract_text, load_gold
from gold_compare import (
    area_values,
    boundary_agreement,
    bullets,
    gold_area_values,
    gold_bullets,
    gold_question_values,
    question_values,
    text_per_list,
)

from synth import text as synth


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("name", ["tranas-2017", "torsas-2017"])
@pytest.mark.parametrize("layout", ["transcript", "word_export"])
def test_rendered_variant(layout, name, seed):
    gold = load_gold(name)
    report = extract_text(getattr(synth, layout)(gold, seed))
    assert report.source_format == {"transcript": "pdf_transcript", "word_export": "word_export"}[layout]
    assert report.municipality == gold["report"]["municipality"]
    assert report.year == gold["report"]["year"]
    assert report.evaluation_period == gold["report"]["evaluation_period"]
    assert area_values(report) == gold_area_values(gold)
    assert question_values(report) == gold_question_values(gold)
    assert text_per_list(bullets(report)) == text_per_list(gold_bullets(gold))
    if layout == "word_export":
        assert bullets(report) == gold_bullets(gold)
    else:
        assert boundary_agreement(report, gold) >= 0.9
        assert report.total_score == gold["report"]["total_score"]
        assert [e.name for e in report.evaluators] == [e["name"] for e in gold["report"]["evaluators"]]
        assert [a.chart_score for a in report.areas.values()] == [a["score"] for a in gold["areas"]]
