"""The text checks: question-text and heading-text against the catalogue, damaged-text in free text.

The samples and every fixture are clean; damaged variants of the samples' text, in
every layout the repository reads, are flagged where they were damaged and only there.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import regex as re
from conftest import extract_path, extract_text, load_gold, sample_report
from damage import QUESTION_KINDS, Damaged, damaged_spec, drop_letter
from native_fixtures import FIXTURES as FIXTURES_NATIVE
from producer_matrix import CASES
from typer.testing import CliRunner

from kompass.parsers import lexicon
from kompass.parsers.detect import read_document
from kompass.pipeline.checks import texts
from kompass.pipeline.checks.texts import CHECKS as TEXT_CHECKS
from kompass.pipeline.checks.texts import damage, difference
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.cli import app
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import normalize
from kompass.pipeline.model import Evaluator, Report
from kompass.pipeline.publish.validation_report import marked, render
from synth import native
from synth import text as synth

NAMES = ("tranas-2017", "torsas-2017")
LAYOUTS = ("transcript", "word_export", "docx", "pdf")


def text_findings(report: Report):
    return [i for i in validate(report) if i.check_name in TEXT_CHECKS]


def render_layout(spec: dict, layout: str, seed: int) -> Report:
    if layout in ("transcript", "word_export"):
        return extract_text(getattr(synth, layout)(spec, seed))
    data = native.to_docx(spec, seed) if layout == "docx" else native.to_pdf(spec, seed)
    path = Path(f"variant.{layout}")
    return normalize(interpret(read_document(path, data), path))


# -- what differs ---------------------------------------------------------------------


STANDARD = "Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som ”attraktiv arbetsgivare”."


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ('Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som "attraktiv arbetsgivare".', None),
        ("TILLVARATAS befintliga och hur  rekryteras nya medarbetare ? Kommunen som attraktiv arbetsgivare", None),
        (
            "Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som attraktiv arbets givare.",
            "words split",
        ),
        (
            "Tillvaratas befintliga och hur rekryteras nyamedarbetare? Kommunen som attraktiv arbetsgivare.",
            "words glued",
        ),
        ("Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som", "text missing at the end"),
        ("Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som attraktiv arbetsgivre.", "other"),
        (
            "Tillvaratas befintliga och hur rekryteras nyamedarbetare? Kommunen som attraktiv arbets givare.",
            "words split and glued",
        ),
    ],
)
def test_what_differs_from_the_standard(printed, kind):
    assert difference(STANDARD, printed) == kind


def test_a_damaged_heading_is_named_with_its_area_and_position():
    report = sample_report("torsas-2017")
    report.areas[4].headings[2] = "Tvärsektoriellt sam arbete"
    (found,) = [i for i in text_findings(report) if i.check_name == "heading-text"]
    assert (found.area_no, found.field) == (4, "heading 3")
    assert found.expected == "Tvärsektoriellt samarbete" and found.observed == "Tvärsektoriellt sam arbete"
    assert "words split" in found.message


# -- clean texts stay clean -----------------------------------------------------------------


def fixture_specs() -> list[tuple[Path, dict]]:
    """Every .docx and PDF fixture made from a spec, with the spec it was made from."""
    out = [(fx.path(suffix), fx.spec()) for fx in FIXTURES_NATIVE for suffix in ("pdf", "docx")]
    out += [(case.path, case.fixture.spec()) for case in CASES]
    return [(path, spec) for path, spec in out if path.exists()]


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[\p{P}\p{S}]", " ", text.casefold()).split())


@pytest.mark.parametrize("name", NAMES)
def test_the_samples_have_no_text_findings(name):
    assert text_findings(sample_report(name)) == []


@pytest.mark.parametrize(("path", "spec"), fixture_specs(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_every_fixture_is_flagged_exactly_where_its_text_came_out_wrong(path, spec):
    """A fixture read right has no text findings; where a reader got a text wrong, that text is flagged."""
    report = extract_path(path)
    found = text_findings(report)
    wrong = {
        q.question_no
        for a in report.areas.values()
        for q in a.questions
        if any(g["question_no"] == q.question_no and _loose(g["text"]) != _loose(q.text) for g in spec["questions"])
    }
    flagged = {i.question_no for i in found if i.check_name == "question-text" and i.question_no}
    whole = [i for i in found if i.check_name == "question-text" and i.question_no is None]
    if whole:
        flagged |= set(whole[0].message.split("; questions ")[1].split(". ")[0].split(", "))
    assert flagged == wrong
    spec_headings = {a["area_no"]: [_loose(h) for h in a["headings"]] for a in spec["areas"]}
    for i in (i for i in found if i.check_name == "heading-text"):
        assert [_loose(h) for h in report.areas[i.area_no].headings] != spec_headings[i.area_no]
    spec_bullets = {_loose(b["text"]) for b in spec["bullets"]}
    for i in (i for i in found if i.check_name == "damaged-text" and i.field.split()[0] in ("strength", "improvement")):
        assert _loose(i.observed) not in spec_bullets, f"{i.field} was read right but flagged: {i.message}"


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("layout", ["transcript", "word_export"])
def test_rendered_variants_have_no_text_findings(layout, name, seed):
    assert text_findings(extract_text(getattr(synth, layout)(load_gold(name), seed))) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bra dialog m.m. med t.ex. föreningar, resp. nämnd",
        "Samverkan i dag med Tranås Direkt och Örnsköldsviks ProjectCompanion",
        "Medarbetarundersökningar och kommunövergripande kvalitetsdeklarationerna",
        "Friskvårds- och personalsatsningar inom IT och KKiK",
    ],
)
def test_compounds_names_and_abbreviations_are_not_damage(text):
    assert damage(text, Counter()) == []


@pytest.mark.parametrize(
    ("text", "kind", "repaired"),
    [
        ("Off entlighet och demokrati", "words split", "Offentlighet"),
        ("Det fi nns en plan", "words split", "finns"),
        ("Det finnsenplan för detta", "words glued", "finns en plan"),
        ("Bra kontaktinformtion till politiker", "letter missing", "kontaktinformation"),
    ],
)
def test_damaged_words_are_found_with_their_repair(text, kind, repaired):
    (found,) = damage(text, Counter())
    assert found.kind == kind and found.repaired == repaired


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("fortsatt utveckling av ledarskapmedev.andra verktyg", "ledarskap med ev"),
        ("utveckla arbetet med jämförelseravdeegna enheternas resultat", "jämförelser av de egna"),
        ("Lönekriteriersomär nedbrutna", "Lönekriterier som är"),
        ("Insyn iägardirektiven", "i ägardirektiven"),
        ("Dialog med bolagensiägardirektiven", "bolagens i ägardirektiven"),
        ("Jämförelser avde egna enheterna", "av de"),
    ],
)
def test_function_words_glued_to_words_and_compounds(text, repaired):
    (found,) = damage(text, Counter())
    assert found.kind == "words glued" and found.repaired == repaired


def glue_runs(text: str, n: int):
    """Every run of n words of the text with its spaces lost: (the text so damaged, the glued run)."""
    run = re.compile(r"(?<![\p{L}\p{P}])" + " ".join([r"\p{L}+"] * n) + r"(?![\p{L}\p{P}])")
    for m in run.finditer(text, overlapped=True):
        yield text[: m.start()] + m.group().replace(" ", "") + text[m.end() :], m.group()


FUNCTION_WORDS = texts.GLUE_WORDS | texts.PARTICLES


def test_glued_function_words_are_found_in_nearly_every_bullet():
    """Every run of two, three and four words of the samples' bullets that holds a function word, glued:
    damaged-text finds at least 97% of them, and none in the bullets as printed (the rest are runs whose
    glued form is itself a word, 'med mera', 'i det', or a function word that starts compounds, 'för')."""
    bullets = [b["text"] for name in NAMES for b in load_gold(name)["bullets"]]
    vocab = Counter(w for t in bullets for w in texts._tokens(t))
    assert [b for b in bullets if damage(b, vocab)] == []
    found = total = 0
    for text in bullets:
        for n in (2, 3, 4):
            for damaged, run in glue_runs(text, n):
                if not FUNCTION_WORDS & set(run.lower().split()):
                    continue
                glued = run.replace(" ", "")
                total += 1
                found += any(d.kind == "words glued" and d.printed == glued for d in damage(damaged, vocab))
    print(f"glued runs with a function word found: {found} of {total} ({found / total:.1%})")
    assert total > 3000 and found / total >= 0.97


def test_the_word_list_knows_swedish_and_its_compounds():
    assert lexicon.known("offentlighet") and not lexicon.known("entlighet")
    assert lexicon.compound("medarbetarundersökningar") is not None
    assert ("finns", "en", "plan") in lexicon.segmentations("finnsenplan")


# -- damaged variants in every layout ----------------------------------------------------------


def expected_bullets(report: Report, damaged: Damaged) -> dict[tuple[int, str], str]:
    """(area, 'kind position') of each damaged bullet as extracted, and its damaged word."""
    out = {}
    for (area, kind, pos), (_, word) in damaged.bullets.items():
        items = [f for f in report.areas[area].findings if f.kind == kind]
        found = [n for n, f in enumerate(items, start=1) if word in f.text]
        out[(area, f"{kind} {found[0] if found else pos}")] = word
    return out


SEEDS = (0, 1)


@cache
def _damaged_variant(layout: str, name: str, seed: int):
    """A gold report with damaged texts, rendered in a layout and read: (damaged, report, its text findings)."""
    damaged = damaged_spec(load_gold(name), seed)
    report = render_layout(damaged.spec, layout, seed)
    return damaged, report, text_findings(report)


def _flagged(found: list, report: Report, damaged: Damaged) -> tuple[set, dict]:
    """(the bullets damaged-text flagged, the damaged bullets as extracted)."""
    return {(i.area_no, i.field) for i in found if i.check_name == "damaged-text"}, expected_bullets(report, damaged)


# The variants are read once per process for both tests: pytest-xdist keeps the group in one.
@pytest.mark.xdist_group("damaged-variants")
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_damaged_text_is_flagged_where_it_was_damaged(layout, name, seed):
    damaged, report, found = _damaged_variant(layout, name, seed)
    questions = {i.question_no: i for i in found if i.check_name == "question-text"}
    assert set(questions) == set(damaged.questions)
    for no, kind in damaged.questions.items():
        assert f"({QUESTION_KINDS[kind]})" in questions[no].message
        assert questions[no].expected and questions[no].observed and questions[no].area_no == int(no.split(".")[0])
    assert not [i for i in found if i.check_name == "heading-text"]
    bullets, want = _flagged(found, report, damaged)
    if layout != "transcript":  # the glyph or list style marks every bullet: positions are the spec's
        assert set(want) == {(a, f"{k} {p}") for a, k, p in damaged.bullets}
    assert bullets <= set(want), "an undamaged bullet was flagged"
    hits = len(bullets & set(want))
    print(f"{layout} {name} seed {seed}: {hits} of {len(want)} damaged bullets flagged")
    assert hits >= 0.9 * len(want)


@pytest.mark.xdist_group("damaged-variants")
def test_flagged_share_of_damaged_bullets_is_at_least_95_percent():
    rates = {}
    for layout in LAYOUTS:
        hits = total = 0
        for name in NAMES:
            for seed in SEEDS:
                damaged, report, found = _damaged_variant(layout, name, seed)
                bullets, want = _flagged(found, report, damaged)
                hits, total = hits + len(bullets & set(want)), total + len(want)
        rates[layout] = (hits, total)
        print(f"{layout}: {hits}/{total} = {hits / total:.1%} of damaged bullets flagged")
    hits, total = map(sum, zip(*rates.values()))
    assert total > 0 and hits / total >= 0.95


# -- damaged throughout ---------------------------------------------------------------------------


def test_a_report_damaged_throughout_gets_one_report_level_finding(tmp_path):
    gold = load_gold("torsas-2017")
    spec = dict(gold, questions=[dict(q) for q in gold["questions"]])
    rng = __import__("random").Random(4)
    for q in spec["questions"]:
        q["text"] = drop_letter(q["text"], rng)[0]
    report = extract_text(synth.word_export(spec, 0))
    found = [i for i in text_findings(report) if i.check_name == "question-text"]
    assert len(found) == 1
    (whole,) = found
    assert whole.area_no is None and whole.question_no is None
    assert whole.message.startswith(f"{report.report_id}: text damaged: 45 of 45 questions")
    page = render([report], validate(report), tmp_path)
    assert "text damaged: 45 of 45 questions" in page.split("<h2>")[0]  # in the verdict line at the top


def test_a_glued_evaluator_name():
    report = sample_report("tranas-2017")
    report.evaluators[1] = Evaluator("AndersBergenek", None, "Halmstad")
    (found,) = [i for i in text_findings(report) if i.check_name == "damaged-text"]
    assert found.field == "evaluator 2" and found.expected == "Anders Bergenek"


def test_extract_validate_and_the_html_show_both_texts_with_the_difference_marked(tmp_path):
    damaged = damaged_spec(load_gold("tranas-2017"), 0)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "damaged.txt").write_text(synth.transcript(damaged.spec, 0), encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(raw), str(out), "-q"]).exit_code == 0
    rows = pq.read_table(out / "validation.parquet").to_pylist()
    flagged = {r["question_no"] for r in rows if r["check_name"] == "question-text"}
    assert flagged == set(damaged.questions)
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0 and pq.read_table(out / "validation.parquet").to_pylist() == rows
    page = (out / "validation_report.html").read_text(encoding="utf-8")
    split = next(r for r in rows if r["check_name"] == "damaged-text")
    standard, read = marked(split["expected"], split["observed"])
    assert f'<td class="text">{standard}</td><td class="text">{read}</td>' in page
    assert "<mark>" in read and "<mark>" in standard


def test_marked_marks_only_what_differs():
    assert marked("Offentlighet och demokrati", "Off entlighet och demokrati") == (
        "Off<mark>&#8203;</mark>entlighet och demokrati",
        "Off<mark> </mark>entlighet och demokrati",
    )
