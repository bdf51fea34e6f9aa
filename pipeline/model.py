"""The report model: plain dataclasses the interpreter fills and the writer flattens."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kompass.pipeline.checks.findings import Issue


@dataclass(slots=True)
class Evaluator:
    name: str
    role: str | None = None
    affiliation: str | None = None


@dataclass(slots=True)
class Question:
    question_no: str
    text: str
    achieved: int
    max_score: int
    percent: int
    page: int | None = None
    table_area: int | None = None  # the area of the table the row was printed in

    @property
    def area_no(self) -> int:
        return int(self.question_no.split(".")[0])


@dataclass(slots=True)
class Finding:
    """One bullet of STYRKOR (strength) or FÖRBÄTTRINGSOMRÅDEN (improvement)."""

    kind: str
    text: str
    boundary: str  # "marker": the layout kept the bullet glyph; "inferred": split by rule
    page: int | None = None


@dataclass(slots=True)
class Area:
    area_no: int
    name: str | None = None  # as in chapter 3
    table_name: str | None = None  # as in chapter 4
    score: int | None = None  # chapter 3 "Poäng", else the table's total row or the chart (score_source)
    score_source: str | None = None  # "chapter3", "table" or "chart": where score was read
    table_total: int | None = None  # chapter 4 total row: achieved
    table_max: int | None = None  # chapter 4 total row: max
    table_percent: int | None = None  # chapter 4 total row: percent
    chart_score: int | None = None  # chapter 2 bar chart label, where it survived
    headings: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    page: int | None = None  # page of the chapter 3 section heading
    table_page: int | None = None


@dataclass(slots=True)
class Report:
    source_format: str
    report_id: str | None = None
    source_path: str | None = None
    source_sha256: str | None = None
    compass_revision: str | None = None
    title: str | None = None
    municipality: str | None = None
    municipality_code: str | None = None
    municipality_type: str | None = None
    name_as_printed: str | None = None
    year: int | None = None
    evaluation_period: str | None = None
    report_date: dt.date | None = None
    cover_date: dt.date | None = None
    total_score: int | None = None
    page_count: int | None = None
    evaluators: list[Evaluator] = field(default_factory=list)
    areas: dict[int, Area] = field(default_factory=dict)
    reader_warnings: list[str] = field(default_factory=list)  # what the reader could not read; "normalized: " notes
    issues: list[Issue] | None = None  # validation findings, once checked

    @property
    def id(self) -> str:
        """report_id, which normalization sets before a report is checked or written."""
        if self.report_id is None:
            raise ValueError(f"{self.source_path}: the report has no report_id yet (not normalized)")
        return self.report_id

    def area(self, no: int) -> Area:
        """The area numbered `no`, created on first use."""
        if no not in self.areas:
            self.areas[no] = Area(no)
        return self.areas[no]

    @property
    def total_score_computed(self) -> int | None:
        scores = [a.score if a.score is not None else a.table_total for a in self.areas.values()]
        return sum(s for s in scores if s is not None) if any(s is not None for s in scores) else None


def share_texts(report: Report) -> Report:
    """The report with the texts that repeat from report to report (standard sub-questions, area names and
    headings, check names) made one string each, shared with every other report that prints them: a report
    sent from a worker arrives with copies of its own, a third of the memory of a run holding hundreds."""
    share = sys.intern
    for area in report.areas.values():
        if area.name is not None:
            area.name = share(area.name)
        if area.table_name is not None:
            area.table_name = share(area.table_name)
        area.headings = [share(h) for h in area.headings]
        for q in area.questions:
            q.text, q.question_no = share(q.text), share(q.question_no)
        for f in area.findings:
            f.kind, f.boundary = share(f.kind), share(f.boundary)
    for issue in report.issues or ():
        issue.check_name, issue.severity = share(issue.check_name), share(issue.severity)
        if issue.field is not None:
            issue.field = share(issue.field)
    return report
