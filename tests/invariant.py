""" "Wrong implies flagged": every value an extraction got wrong has a validation finding pointing at it.

wrong_values() compares a report with the spec it was made from (the gold shape)
and lists each value that differs: title fields, area scores, question numbers,
texts and points, headings, bullets. covering() finds the findings that point at
one: the same area (and question) and a field naming that value. A rounding
warning does not count: it is said of every report.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from kompass.pipeline.checks.carried import carries
from kompass.pipeline.checks.findings import WARNING, Issue
from kompass.pipeline.model import Report


@dataclass(frozen=True)
class Wrong:
    area_no: int | None
    question_no: str | None
    field: str
    expected: object
    got: object

    def __str__(self) -> str:
        where = " ".join(x for x in (self.area_no and f"area {self.area_no}", self.question_no) if x)
        return f"{where or 'report'} {self.field}: expected {self.expected!r}, got {self.got!r}"


# The finding fields that point at a value of each kind (catalogue checks number them: "heading 2", "strength 3").
POINTS_AT: dict[str, set[str]] = {
    "municipality": {"municipality"},
    "year": {"year"},
    "evaluators": {"evaluators", "evaluator"},
    "report_date": {"report_date"},
    "total_score": {"total_score", "total"},
    "area": {"area", "section", "table"},
    "score": {"score", "chart_score", "total"},
    "headings": {"headings", "heading"},
    "strength": {"strength", "bullet_boundaries"},
    "improvement": {"improvement", "bullet_boundaries"},
    "question_no": {"question_no", "area_no", "max_score"},
    "question_text": {"question_text"},
    "achieved": {"achieved", "percent", "total"},
    "max_score": {"max_score", "percent"},
    "percent": {"percent"},
}
ROUNDING = {"subquestion-sum", "total-score"}  # their warnings say "consistent through rounding"


def _base(field: str | None) -> str:
    return re.sub(r" \d+$", "", field or "")


def _number(no: str) -> tuple[int, ...]:
    return tuple(int(p) for p in no.split("."))


def wrong_values(spec: dict, report: Report) -> list[Wrong]:
    """Every value of the spec the report holds differently (or not at all), where the layout can carry it."""
    layout = report.source_format
    rep = spec["report"]
    out: list[Wrong] = []

    def compare(field: str, expected, got, area_no=None, question_no=None) -> None:
        if expected != got:
            out.append(Wrong(area_no, question_no, field, expected, got))

    title = {
        "municipality": (rep["municipality"], report.municipality),
        "year": (rep["year"], report.year),
        "evaluators": ([e["name"] for e in rep.get("evaluators") or []], [e.name for e in report.evaluators]),
        "report_date": (rep.get("report_date"), report.report_date.isoformat() if report.report_date else None),
        "total_score": (rep.get("total_score") or sum(a["score"] for a in spec["areas"]), report.total_score),
    }
    for field, (expected, got) in title.items():
        if carries(layout, field) or got not in (None, []):
            compare(field, expected, got)
    glyphs = carries(layout, "bullet_boundaries")
    for a in spec["areas"]:
        no = a["area_no"]
        area = report.areas.get(no)
        if area is None:
            out.append(Wrong(no, None, "area", no, None))
            continue
        compare("score", a["score"], area.score, no)
        compare("headings", a["headings"], area.headings, no)
        for kind in ("strength", "improvement"):
            want = [b["text"] for b in spec["bullets"] if b["area_no"] == no and b["kind"] == kind]
            got = [f.text for f in area.findings if f.kind == kind]
            if glyphs:
                compare(kind, want, got, no)
            else:  # a transcript's bullet starts are inferred: the list's text must be right
                compare(kind, " ".join(want), " ".join(got), no)
        questions = {q.question_no: q for x in report.areas.values() for q in x.questions if q.area_no == no}
        specified = {q["question_no"]: q for q in spec["questions"] if q["area_no"] == no}
        for qno in sorted(set(questions) | set(specified), key=_number):
            q, s = questions.get(qno), specified.get(qno)
            if q is None or s is None or q.table_area not in (None, no):
                out.append(Wrong(no, qno, "question_no", s and qno, q and qno))
                continue
            compare("question_text", s["text"], q.text, no, qno)
            for field, key in (("achieved", "achieved"), ("max_score", "max"), ("percent", "percent")):
                compare(field, s[key], getattr(q, field), no, qno)
    return out


def points_at(finding: Issue, wrong: Wrong) -> bool:
    """The finding names this value: its report-level summary, its area's absence, or its own field there."""
    if finding.check_name in ROUNDING and finding.severity == WARNING:
        return False
    field = _base(finding.field)
    if field == "report" and finding.area_no is None:
        return True  # one finding for the whole report: most values missing, digits damaged throughout
    if finding.check_name == "missing-area" and finding.area_no == wrong.area_no:
        return True
    if field not in POINTS_AT[wrong.field]:
        return False
    if finding.area_no is not None and finding.area_no != wrong.area_no:
        return False
    return finding.question_no is None or finding.question_no == wrong.question_no


def uncovered(spec: dict, report: Report, issues: list[Issue]) -> tuple[list[Wrong], list[Wrong]]:
    """(every wrong value, those no finding points at)."""
    wrong = wrong_values(spec, report)
    mine = [i for i in issues if i.report_id == report.report_id]
    return wrong, [w for w in wrong if not any(points_at(i, w) for i in mine)]


TALLY: dict[str, tuple[int, int]] = {}  # case -> (wrong, covered), printed at the end of the run


def assert_wrong_implies_flagged(case: str, spec: dict, report: Report, issues: list[Issue]) -> int:
    """Every wrong value is covered by a finding; returns how many values were wrong."""
    wrong, missed = uncovered(spec, report, issues)
    TALLY[case] = (len(wrong), len(wrong) - len(missed))
    print(f"{case}: {len(wrong)} values wrong, {len(wrong) - len(missed)} covered")
    assert not missed, f"{case}: {len(missed)} of {len(wrong)} wrong values have no finding:\n" + "\n".join(
        f"  {w}" for w in missed[:30]
    )
    return len(wrong)
