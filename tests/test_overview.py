"""overview.html: written by extract and by `kompass overview`, self-contained, with the samples' numbers in it."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import load_gold, raw_folder
from typer.testing import CliRunner

import kompass
from benchmarks.corpus import specs
from kompass.pipeline.cli import app
from kompass.pipeline.publish import overview
from synth.text import transcript

runner = CliRunner()


class _Links(HTMLParser):
    """Every URL-bearing attribute, every element name, and the ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "action", "data") and value is not None:
                self.urls.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("overview")
    raw = raw_folder(root / "raw")
    out = root / "out"
    assert runner.invoke(app, ["extract", str(raw), str(out), "--jobs", "1"]).exit_code == 0
    return raw, out


def test_extract_writes_a_self_contained_page(samples):
    _raw, out = samples
    html = (out / "overview.html").read_text(encoding="utf-8")
    page = _parse(html)
    assert not page.tags & {"script", "link", "iframe", "object", "embed"}
    assert "@import" not in html
    assert re.findall(r"url\((?!#)", html) == []  # only references inside the page (SVG clip paths)
    for tag, url in page.urls:
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith("data:image/png;base64,"), (tag, url)
    assert html.count("<svg") >= 4


def test_the_samples_numbers_are_on_the_page(samples):
    _raw, out = samples
    html = (out / "overview.html").read_text(encoding="utf-8")
    for name in ("tranas-2017", "torsas-2017"):
        gold = load_gold(name)
        assert gold["report"]["municipality"] in html
        total = gold["report"]["total_score"] or sum(a["score"] for a in gold["areas"])
        assert re.search(rf'<a href="#r-{name}">{total}</a>', html), (name, total)  # the coverage cell
        assert f'id="r-{name}"' in html


def test_every_report_links_to_its_source_and_findings(samples):
    raw, out = samples
    page = _parse((out / "overview.html").read_text(encoding="utf-8"))
    validation_ids = _parse((out / "validation_report.html").read_text(encoding="utf-8")).ids
    findings = [url for _tag, url in page.urls if url.startswith("validation_report.html#")]
    assert sorted(unquote(url.split("#", 1)[1]) for url in findings) == ["torsas-2017", "tranas-2017"]
    assert all(unquote(url.split("#", 1)[1]) in validation_ids for url in findings)
    sources = [url for _tag, url in page.urls if url.endswith(".txt")]
    assert len(sources) == 2
    assert all((out / unquote(url)).resolve().is_file() for url in sources)
    assert {Path(unquote(url)).name for url in sources} == {p.name for p in raw.iterdir()}


def test_the_command_writes_the_same_page(samples):
    _raw, out = samples
    written = (out / "overview.html").read_bytes()
    (out / "overview.html").unlink()
    result = runner.invoke(app, ["overview", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "overview.html").read_bytes() == written


def test_sub_questions_are_keyed_by_the_catalogue_when_it_has_a_key(samples):
    data = kompass.load(samples[1])
    ranking = overview.question_ranking(data)
    assert "question_key" in data.questions.columns
    assert set(ranking.key) <= set(data.questions.question_key.dropna()) | set(data.questions.question_no)
    tranas = load_gold("tranas-2017")
    torsas = {q["question_no"]: q for q in load_gold("torsas-2017")["questions"]}
    # the weakest question, by the mean of the two reports' printed percents
    means = {q["question_no"]: (q["percent"] + torsas[q["question_no"]]["percent"]) / 2 for q in tranas["questions"]}
    assert ranking.percent.iloc[0] == min(means.values())
    without_keys = kompass.load(samples[1])
    without_keys.questions = without_keys.questions.drop(columns=["question_key"])
    assert set(overview.question_ranking(without_keys).key) == set(means)


def test_change_between_two_evaluations(tmp_path):
    first, second = specs(2, seed=11)
    earlier, later = copy.deepcopy(first), copy.deepcopy(second)
    for spec, year in ((earlier, 2016), (later, 2019)):
        spec["report"].update(
            municipality=first["report"]["municipality"],
            municipality_type=first["report"]["municipality_type"],
            year=year,
            evaluation_period=f"maj {year}",
            report_date=f"{year}-06-01",
        )
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, spec in enumerate((earlier, later)):
        (raw / f"r{n}.txt").write_text(transcript(spec, seed=n), encoding="utf-8")
    out = tmp_path / "out"
    kompass.extract(raw, out, jobs=1)
    change = overview.changes(kompass.load(out).area_scores())
    assert len(change) == 1
    row = change.iloc[0]
    assert (row.from_year, row.to_year) == (2016, 2019)
    expected = {f"area_{b['area_no']}": a["score"] - b["score"] for a, b in zip(later["areas"], earlier["areas"])}
    assert {k: int(row[k]) for k in expected} == expected
    assert int(row.total) == later["report"]["total_score"] - earlier["report"]["total_score"]
    html = (out / "overview.html").read_text(encoding="utf-8")
    assert f"{first['report']['municipality']} 2016→2019" in html
    assert "No municipality is evaluated more than once" not in html


def test_a_dataset_with_failures_and_no_reports(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    (raw / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(raw), str(out)]).exit_code == 1
    html = (out / "overview.html").read_text(encoding="utf-8")
    assert "This dataset holds no reports" in html
    assert "empty.txt" in html and "unsupported_format" in html
    assert runner.invoke(app, ["overview", str(out)]).exit_code == 0


def test_one_report(tmp_path):
    raw = tmp_path / "raw"
    raw_folder(raw)
    (raw / "torsas-2017.word-export.txt").unlink()
    out = tmp_path / "out"
    kompass.extract(raw, out, jobs=1)
    html = (out / "overview.html").read_text(encoding="utf-8")
    assert "Tranås" in html and "Torsås" not in html
    assert "With one report there is no median to compare with." in html
    assert html.count("<svg") >= 4


def test_no_dataset_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["overview", str(tmp_path)])
    assert result.exit_code == 2 and "no dataset" in result.output
