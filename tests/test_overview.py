"""overview.html: written by extract and by `kompass overview`, self-contained, with the samples' numbers in it."""

from __future__ import annotations

import copy
import math
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
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


# The charts against their data. Each chart is read back as a reader reads it:
# a mark's position through the axis' printed tick labels, a cell's printed
# number, a row's label; the expected values come from the specs the frames are
# built from, never from the chart code.

SVG = "{http://www.w3.org/2000/svg}"


def _scores(report_specs: list[dict]) -> pd.DataFrame:
    """An area_scores() frame of specs, as the dataset would hold it."""
    rows = []
    for n, spec in enumerate(report_specs):
        report = spec["report"]
        row = {
            "report_id": f"r{n:03d}",
            "municipality": report["municipality"],
            "municipality_code": None,
            "year": report["year"],
            "compass_revision": "2016",
            "source_format": "pdf_transcript",
            **{f"area_{a['area_no']}": a["score"] for a in spec["areas"]},
            "total_score": report["total_score"],
            "total_score_computed": sum(a["score"] for a in spec["areas"]),
        }
        rows.append(row)
    frame = pd.DataFrame(rows)
    columns = [*overview.AREA_COLUMNS, "year", "total_score", "total_score_computed"]
    return frame.astype({c: "Int16" for c in columns} | {"municipality": "str", "compass_revision": "category"})


def _repeated(count: int, seed: int) -> list[dict]:
    """Specs where the first municipalities are evaluated 3 and 2 times, in years out of order."""
    out = specs(count, seed)
    for spec, (name, year) in zip(out, [("Åmål", 2019), ("Åmål", 2016), ("Ale", 2018), ("Åmål", 2017), ("Ale", 2016)]):
        spec["report"].update(municipality=name, year=year)
    return out


def _chart(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text)  # also: the chart is well-formed XML


def _group(root: ET.Element, css_class: str) -> list[ET.Element]:
    """The children of the first <g> whose class list holds every word of css_class."""
    wanted = set(css_class.split())
    for g in root.iter(f"{SVG}g"):
        if wanted <= set((g.get("class") or "").split()):
            return list(g)
    raise AssertionError(f"no <g class={css_class!r}>")


def _tick_scale(axis: list[ET.Element], along: str) -> Callable[[float], float]:
    """value -> px along x or y, from an axis' printed tick labels (checked to be linear)."""
    ticks = [(float(t.text.replace("−", "-")), float(t.get(along))) for t in axis if t.tag == f"{SVG}text"]
    (v0, p0), (v1, p1) = ticks[0], ticks[-1]
    slope = (p1 - p0) / (v1 - v0)
    assert all(abs(p0 + (v - v0) * slope - p) < 0.11 for v, p in ticks), ticks
    return lambda value: p0 + (value - v0) * slope


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.mark.parametrize("count", [6, 60])  # one row per municipality: a short chart, and a long one (over 40 rows)
def test_totals_chart_puts_each_evaluation_at_its_total(count):
    report_specs = _repeated(count, seed=3)
    root = _chart(overview.totals_chart(_scores(report_specs)))
    x = _tick_scale(_group(root, "x-axis"), "x")
    by_name: dict[str, list[dict]] = {}
    for spec in report_specs:
        by_name.setdefault(spec["report"]["municipality"], []).append(spec["report"])
    rows = {t.text: float(t.get("y")) for t in _group(root, "row-labels")}
    latest = {float(c.get("cy")): float(c.get("cx")) for c in _group(root, "dots latest")}
    earlier: dict[float, list[float]] = {}
    for c in _group(root, "dots earlier"):
        earlier.setdefault(float(c.get("cy")), []).append(float(c.get("cx")))
    assert len(rows) == len(latest) == len(by_name)
    for name, reports in by_name.items():
        reports.sort(key=lambda r: r["year"])
        last = reports[-1]
        label = f"{name} {last['year']}" + (f" ({len(reports)}x)" if len(reports) > 1 else "")
        y = rows[label]
        assert latest[y] == pytest.approx(x(last["total_score"]), abs=0.1), label
        assert sorted(earlier.get(y, [])) == pytest.approx(sorted(x(r["total_score"]) for r in reports[:-1]), abs=0.1)
    latest_totals = {
        rows[f"{n} {r[-1]['year']}" + (f" ({len(r)}x)" if len(r) > 1 else "")]: r[-1]["total_score"]
        for n, r in by_name.items()
    }
    top_down = [latest_totals[y] for y in sorted(latest_totals)]
    assert top_down == sorted(top_down, reverse=True)  # the highest latest total on top


@pytest.mark.parametrize("count", [5, overview.ANNOTATE_UP_TO + 20])
def test_heat_map_cells_hold_the_area_scores(count):
    report_specs = specs(count, seed=5)
    frame = _scores(report_specs)
    labels = [f"{no} area" for no in range(1, 9)]
    root = _chart(overview.heat_map(frame, labels))
    expected = {
        f"{s['report']['municipality']} {s['report']['year']}": [a["score"] for a in s["areas"]] for s in report_specs
    }
    rows = {float(t.get("y")): t.text for t in _group(root, "row-labels")}
    assert sorted(rows.values()) == sorted(expected)
    cells = _group(root, "cells")
    assert len(cells) == 8 * count
    # every cell's tooltip names its report and area and says its score
    hints = {c.find(f"{SVG}title").text for c in cells}
    assert hints == {f"{name}, area {a + 1}: {v}" for name, values in expected.items() for a, v in enumerate(values)}
    # darker is a higher score, as the caption says
    shades = sorted((int(c.find(f"{SVG}title").text.rsplit(": ", 1)[1]), sum(_rgb(c.get("fill")))) for c in cells)
    assert all(a[1] >= b[1] for a, b in zip(shades, shades[1:]) if a[0] < b[0])
    numbers = _group(root, "values")
    if count > overview.ANNOTATE_UP_TO:
        assert numbers == []
        return
    printed: dict[str, list[tuple[float, str]]] = {}
    for t in numbers:
        printed.setdefault(rows[float(t.get("y"))], []).append((float(t.get("x")), t.text))
    assert {name: [v for _x, v in sorted(cells)] for name, cells in printed.items()} == {
        name: [str(v) for v in values] for name, values in expected.items()
    }


def test_change_chart_cells_are_the_differences_in_their_colours():
    report_specs = _repeated(8, seed=7)
    change = overview.changes(_scores(report_specs))
    root = _chart(overview.change_chart(change, [f"{no} area" for no in range(1, 9)]))
    by_name: dict[str, list[dict]] = {}
    for spec in report_specs:
        by_name.setdefault(spec["report"]["municipality"], []).append(spec)
    expected = {}
    for name, group in by_name.items():
        group.sort(key=lambda s: s["report"]["year"])
        for before, after in zip(group, group[1:]):
            total = after["report"]["total_score"] - before["report"]["total_score"]
            label = f"{name} {before['report']['year']}→{after['report']['year']}, total {total:+d}"
            expected[label] = [b["score"] - a["score"] for a, b in zip(before["areas"], after["areas"])]
    assert len(expected) == 3  # Åmål twice, Ale once
    rows = {float(t.get("y")): t.text for t in _group(root, "row-labels")}
    printed: dict[str, list[tuple[float, str]]] = {}
    for t in _group(root, "values"):
        printed.setdefault(rows[float(t.get("y"))], []).append((float(t.get("x")), t.text))
    assert {name: [v for _x, v in sorted(cells)] for name, cells in printed.items()} == {
        name: [f"{v:+d}" for v in values] for name, values in expected.items()
    }
    for cell in _group(root, "cells"):
        value = int(cell.find(f"{SVG}title").text.rsplit(": ", 1)[1])
        red, _green, blue = _rgb(cell.get("fill"))
        assert (blue > red) if value > 0 else (red > blue) if value < 0 else abs(red - blue) < 8, (value, red, blue)


@pytest.mark.parametrize("count", [3, 40])  # lines up to PROFILE_LINES_UP_TO reports, dots beyond
def test_profile_chart_marks_each_score_and_the_median(count):
    report_specs = specs(count, seed=9)
    root = _chart(overview.profile_chart(_scores(report_specs), [f"{no} area" for no in range(1, 9)]))
    y = _tick_scale(_group(root, "y-axis"), "y")
    columns = [float(t.get("x")) for t in _group(root, "x-labels")]

    def value(cy: str) -> float:
        return round((float(cy) - y(0)) / (y(100) - y(0)) * 100, 1)

    def area(cx: str) -> int:
        return min(range(8), key=lambda a: abs(columns[a] - float(cx)))

    marked: list[list[float]] = [[] for _ in range(8)]
    for circle in root.iterfind(f".//{SVG}g[@class='reports']//{SVG}circle"):
        marked[area(circle.get("cx"))].append(value(circle.get("cy")))
    scores = [[s["areas"][a]["score"] for s in report_specs] for a in range(8)]
    assert [sorted(m) for m in marked] == [sorted(s) for s in scores]
    lines = root.findall(f".//{SVG}g[@class='reports']//{SVG}polyline")
    assert len(lines) == (count if count <= overview.PROFILE_LINES_UP_TO else 0)
    (median,) = root.findall(f".//{SVG}g[@class='median']/{SVG}polyline")
    points = [p.split(",") for p in median.get("points").split()]
    assert [value(py) for _px, py in points] == pytest.approx([statistics.median(s) for s in scores], abs=0.05)


def test_question_chart_bars_are_the_mean_percents(samples):
    data = kompass.load(samples[1])
    root = _chart(overview.question_chart(overview.question_ranking(data)))
    x = _tick_scale(_group(root, "x-axis"), "x")
    tranas = load_gold("tranas-2017")
    torsas = {q["question_no"]: q for q in load_gold("torsas-2017")["questions"]}
    means = sorted((q["percent"] + torsas[q["question_no"]]["percent"]) / 2 for q in tranas["questions"])
    panels = root.findall(f".//{SVG}g[@class='bars']")
    assert len(panels) == 2
    zero = x(0)
    span = x(100) - zero
    widths = [[float(b.get("width")) / span * 100 for b in p] for p in panels]
    assert float(panels[0][0].get("x")) == pytest.approx(zero, abs=0.1)
    assert widths[0] == pytest.approx(means[:10], abs=0.05)
    assert widths[1] == pytest.approx(means[::-1][:10], abs=0.05)


def test_every_chart_parses_and_no_id_repeats(samples):
    html = (samples[1] / "overview.html").read_text(encoding="utf-8")
    charts = [_chart(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]
    assert len(charts) == 4  # no municipality of the samples is evaluated twice: no change chart
    ids = re.findall(r'\bid="([^"]*)"', html) + re.findall(r"\bid='([^']*)'", html)
    assert len(ids) == len(set(ids))
    for chart in charts:  # a heading line is never a lone dash
        assert all(any(c.isalnum() for c in s.text) for s in chart.iter(f"{SVG}tspan"))


HOSTILE = '<script>alert("x")</script> & Ö\'s </svg><iframe>'


def test_names_from_the_data_are_escaped(samples):
    data = kompass.load(samples[1])
    data.reports["municipality"] = [HOSTILE, HOSTILE + "2"]
    data.reports["source_path"] = ['a<b>"&.txt', "c'd.txt"]
    data.questions["question_text"] = HOSTILE
    html = overview.render(data, samples[1], samples[0])
    assert HOSTILE not in html
    page = _parse(html)
    assert not page.tags & {"script", "iframe"}
    charts = [_chart(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]
    shown = {t.text for chart in charts for t in chart.iter(f"{SVG}text")}
    assert f"{HOSTILE} 2017" in shown  # the name itself, as the reader sees it
    assert any(HOSTILE in (t or "") for t in shown if t and t[0].isdigit())  # a sub-question's text


def test_a_report_without_a_municipality_is_named_by_its_id():
    frame = _scores(specs(3, seed=2))
    frame.loc[1, "municipality"] = None
    root = _chart(overview.totals_chart(frame))
    labels = {t.text for t in _group(root, "row-labels")}
    assert f"r001 {frame.year[1]}" in labels and not any("nan" in t for t in labels)


def test_unknown_revisions_and_names_are_said_so_in_the_change_chart():
    frame = _scores(_repeated(4, seed=6))  # Åmål 2016, 2017, 2019; Ale once
    frame["compass_revision"] = pd.Categorical([None, "2016", None, "2020"])  # in spec order: 2019, 2016, 2018, 2017
    root = _chart(overview.change_chart(overview.changes(frame), [f"{no} area" for no in range(1, 9)]))
    labels = [t.text for t in _group(root, "row-labels")]
    assert [label.split(", ")[0] for label in labels] == ["Åmål 2016→2017", "Åmål 2017→2019"]
    assert labels[0].endswith("(revision 2016→2020)") and labels[1].endswith("(revision 2020→unknown)")
    assert not any("nan" in label for label in labels)


def test_the_page_needs_no_plotting_library(samples):
    overview.render(kompass.load(samples[1]), samples[1])
    assert not any(name.split(".")[0] == "matplotlib" for name in sys.modules)


def test_axis_ticks_are_round_and_inside_the_range():
    from kompass.pipeline.publish.svg import ticks

    for low, high in [(0, 100), (-37, 37), (312.5, 540.3), (0, 7), (348, 520)]:
        values = ticks(low, high)
        steps = {round(b - a, 9) for a, b in zip(values, values[1:])}
        assert 2 <= len(values) <= 8 and low <= values[0] and values[-1] <= high, (low, high, values)
        assert len(steps) == 1 and steps.pop() * 10 ** -math.floor(math.log10(values[1] - values[0])) in (1, 2, 2.5, 5)
