""" "Wrong implies flagged" over every fixture and variant, and over documents made to fail.

Each case pairs a spec (the values a document was made from) with what kompass
extracts from the document; tests/invariant.py lists every value that differs
and asserts a finding points at each. Run with -s to see, per case, how many
values were wrong and how many covered (the totals close the run).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import extract_path, extract_text, load_gold, sample_report
from invariant import assert_wrong_implies_flagged
from native_fixtures import FIXTURES
from producer_matrix import CASES

from kompass.parsers.detect import read_document
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import normalize
from synth import text

GOLDS = ["tranas-2017", "torsas-2017"]
SPECS = {fx.name: fx for fx in FIXTURES}  # the gold values with a title page and header date to print


def check(case: str, spec: dict, report) -> int:
    return assert_wrong_implies_flagged(case, spec, report, validate(report))


# -- what the repository holds: clean, so nothing is wrong ------------------------------------


@pytest.mark.parametrize("name", GOLDS)
def test_samples(name):
    assert check(name, load_gold(name), sample_report(name)) == 0


@pytest.mark.parametrize(
    "fx, suffix",
    [(fx, suffix) for fx in FIXTURES for suffix in ("pdf", "docx") if getattr(fx, suffix)],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_native_fixtures(fx, suffix):
    assert check(f"{fx.name}.{suffix}", fx.spec(), extract_path(fx.path(suffix))) == 0


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("name", GOLDS)
@pytest.mark.parametrize("layout", ["transcript", "word_export"])
def test_text_variants(layout, name, seed):
    spec = load_gold(name)
    if layout == "transcript":  # its page headers print a date where the gold (a Word export's) has none
        spec["report"]["report_date"] = text.printed_date(spec)
    check(f"{layout}-{name}-{seed}", spec, extract_text(getattr(text, layout)(spec, seed)))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_producer_matrix(case):
    check(case.name, case.fixture.spec(), extract_path(case.path))


# -- documents made to fail ----------------------------------------------------------------------
# Each damage changes what the document prints; the spec keeps the true values.


def _area(spec: dict, no: int) -> dict:
    return next(a for a in spec["areas"] if a["area_no"] == no)


def rubriker_unreadable(spec: dict) -> None:
    """Chapter 3's "Poäng" cells print nothing readable, in every area."""
    for a in spec["areas"]:
        a["score_printed"] = ""


def score_glued_to_heading(spec: dict) -> None:
    """The score cell read onto the first heading: 'Strategi för ... information 53', no score of its own."""
    for a in spec["areas"][:3]:
        a["headings"][0] = f"{a['headings'][0]} {a['score']}"
        a["score_printed"] = ""


def second_line_lost(spec: dict) -> None:
    """The first sub-question of each area keeps only the words of its first line."""
    for no in range(1, 9):
        q = next(q for q in spec["questions"] if q["area_no"] == no)
        words = q["text"].split()
        q["text"] = " ".join(words[: max(2, len(words) // 2)])


def list_dropped(spec: dict) -> None:
    """Area 3's STYRKOR list is gone."""
    spec["bullets"] = [b for b in spec["bullets"] if (b["area_no"], b["kind"]) != (3, "strength")]


def bullets_merged(spec: dict) -> None:
    """Area 2's first two improvement bullets printed as one."""
    items = [b for b in spec["bullets"] if (b["area_no"], b["kind"]) == (2, "improvement")]
    items[0]["text"] = f"{items[0]['text']} {items[1]['text']}"
    spec["bullets"].remove(items[1])


def foreign_characters(spec: dict) -> None:
    """A replacement character, an Arabic presentation form, a private-use glyph and an ideograph inside words.

    The PDF's font (DejaVu Sans) draws the first two; the others it cannot draw, so the PDF leaves
    them out, while a transcript keeps every character.
    """
    heading = _area(spec, 4)["headings"]
    heading[1] = heading[1].replace("a", "\ufffd", 1)
    q = next(q for q in spec["questions"] if q["area_no"] == 6)
    q["text"] = q["text"].replace("e", "\ufe8e", 1)
    b1, b2 = [b for b in spec["bullets"] if b["area_no"] == 1][:2]
    b1["text"] = b1["text"].replace("o", "\ue00b", 1)
    b2["text"] = b2["text"].replace("o", "\u53e3", 1)


DAMAGES = [rubriker_unreadable, score_glued_to_heading, second_line_lost, list_dropped, bullets_merged]
DAMAGES += [foreign_characters]


def _render(layout: str, printed: dict, seed: int, tmp_path: Path):
    if layout == "pdf_transcript":
        return extract_text(text.transcript(printed, seed), "variant.txt")
    # Rendered in a child process: registering DejaVu Sans with reportlab changes the fonts that
    # later in-process renderings (tests/pdf_samples.py) embed.
    spec_file, path = tmp_path / "printed.json", tmp_path / "variant.pdf"
    spec_file.write_text(json.dumps(printed), encoding="utf-8")
    script = (
        "import json, sys; from pathlib import Path; from synth.native import Style, to_pdf; "
        "spec = json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')); "
        "Path(sys.argv[2]).write_bytes(to_pdf(spec, int(sys.argv[3]), Style(font='DejaVuSans', bullet='symbol')))"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", script, spec_file, path, str(seed)], check=True, cwd=root)
    data = path.read_bytes()
    return normalize(interpret(read_document(path, data), path))


@pytest.mark.parametrize("name", GOLDS)
@pytest.mark.parametrize("layout", ["pdf", "pdf_transcript"])
@pytest.mark.parametrize("damage", DAMAGES, ids=lambda d: d.__name__)
def test_damaged(damage, layout, name, tmp_path):
    spec = SPECS[name].spec()
    printed = copy.deepcopy(spec)
    damage(printed)
    report = _render(layout, printed, 5, tmp_path)
    assert report.source_format == layout
    wrong = check(f"{damage.__name__}-{layout}-{name}", spec, report)
    if damage is rubriker_unreadable:  # the tables give the same score: nothing wrong, but said where from
        assert wrong == 0 and {a.score_source for a in report.areas.values()} == {"table"}
    elif damage is not bullets_merged or layout == "pdf":  # a transcript has no bullet glyphs to lose
        assert wrong > 0  # the damage did reach the extraction


def zeros_dropped(transcript: str) -> str:
    """A harsher transcript: every 0 digit gone ("år 2009" became "år 29"), in headers, tables and prose."""
    head, mark, body = transcript.partition("Transkript:")
    return head + mark + body.replace("0", "")


def page_numbers_first(transcript: str) -> str:
    """Each page starts with its number, and headers lose date and page: "2 Sveriges Kommuner och Landsting (34)"."""
    return re.sub(rf"{text.PUBLISHER} \d{{4}}-\d\d-\d\d (\d+) \((\d+)\)", rf"\1 {text.PUBLISHER} (\2)", transcript)


@pytest.mark.parametrize("name", GOLDS)
@pytest.mark.parametrize("damage", [zeros_dropped, page_numbers_first], ids=lambda d: d.__name__)
def test_damaged_transcript_text(damage, name):
    spec = SPECS[name].spec()
    report = extract_text(damage(text.transcript(spec, 7)), "variant.txt")
    assert check(f"{damage.__name__}-{name}", spec, report) > 0


@pytest.mark.parametrize("name", GOLDS)
def test_unreadable_rubriker_scores_come_from_the_tables(name, tmp_path):
    """A PDF whose Rubriker scores are unreadable: areas.score from the tables, score_source 'table',
    one finding per area."""
    spec = SPECS[name].spec()
    printed = copy.deepcopy(spec)
    rubriker_unreadable(printed)
    report = _render("pdf", printed, 5, tmp_path)
    assert [a.score for a in report.areas.values()] == [a["table_total"] for a in spec["areas"]]
    assert {a.score_source for a in report.areas.values()} == {"table"}
    new = [i for i in validate(report) if not (i.check_name == "subquestion-sum" and i.severity == "warning")]
    assert sorted((i.check_name, i.severity, i.area_no, i.field) for i in new) == [
        ("missing-value", "info", no, "score") for no in range(1, 9)
    ]
