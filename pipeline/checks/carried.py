"""What each layout carries, declared once, and the check that every carried value was extracted.

CARRIED is the table (shown in the README): one row per value, the layouts
that print it. A value a layout carries but the extraction lacks is a
`missing-value` finding; a value a layout cannot carry (a Word export has no
title page, so no evaluators) is never one. An area missing altogether, or its
chapter 3 section or chapter 4 table, is missing-area's: its values are not
reported again here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kompass.pipeline.checks.findings import INFO, WARNING, Issue, issue
from kompass.pipeline.checks.numbers import AREA_NUMBERS, areas
from kompass.pipeline.model import Area, Question, Report

LAYOUTS = ("pdf", "docx", "pdf_transcript", "word_export")
ALL = frozenset(LAYOUTS)
TITLE_PAGE = frozenset({"pdf", "docx", "pdf_transcript"})  # the Word export starts at chapter 1
HEADERS = frozenset({"pdf", "docx", "pdf_transcript"})  # page headers with the report date
PAGED = frozenset({"pdf", "pdf_transcript"})  # headers say "6 (25)"; the chart's labels survive as text
GLYPHS = frozenset({"pdf", "docx", "word_export"})  # a transcript lost the bullet glyphs


@dataclass(frozen=True)
class Value:
    """A value a report holds: where (report, area, question), its field name, and the layouts that carry it."""

    level: str  # "report", "area", "question"
    field: str
    part: str  # what it is, where the report prints it
    layouts: frozenset[str]


CARRIED: tuple[Value, ...] = (
    Value("report", "municipality", "municipality (title page; chapter 2's running text)", ALL),
    Value("report", "year", "year of the evaluation", ALL),
    Value("report", "evaluators", "evaluators (title page)", TITLE_PAGE),
    Value("report", "report_date", "report date (page header)", HEADERS),
    Value("report", "page_count", "page count (page header '6 (25)')", PAGED),
    Value("report", "total_score", "total score (chapter 2 chart label '2017-454p')", PAGED),
    Value("area", "area_name", "area name (chapter 3 section heading)", ALL),
    Value("area", "score", "area score (chapter 3 'Poäng')", ALL),
    Value("area", "headings", "sub-headings (chapter 3 'Rubriker')", ALL),
    Value("area", "strength", "STYRKOR bullets", ALL),
    Value("area", "improvement", "FÖRBÄTTRINGSOMRÅDEN bullets", ALL),
    Value("area", "bullet_boundaries", "where each bullet starts (its glyph or list style)", GLYPHS),
    Value("area", "table_name", "area name (chapter 4 table header)", ALL),
    Value("area", "table_total", "chapter 4 total row: achieved", ALL),
    Value("area", "table_max", "chapter 4 total row: max", ALL),
    Value("area", "table_percent", "chapter 4 total row: percent", ALL),
    Value("question", "question_text", "sub-question text", ALL),
    Value("question", "achieved", "sub-question points achieved", ALL),
    Value("question", "max_score", "sub-question maximum", ALL),
    Value("question", "percent", "sub-question percent", ALL),
)

CHAPTER3 = {"area_name", "score", "headings", "strength", "improvement"}
CHAPTER4 = {"table_name", "table_total", "table_max", "table_percent"}
TOTAL_ROW = ("table_total", "table_max", "table_percent")
MOST = 0.5  # a report missing more than this share of its report and area values gets one finding

CHECKS: dict[str, str] = {
    "missing-value": "every value the report's layout carries (README: what each layout carries) was extracted",
}


def carried(layout: str, level: str | None = None) -> list[Value]:
    """The values a layout carries, optionally of one level."""
    return [v for v in CARRIED if layout in v.layouts and (level is None or v.level == level)]


def carries(layout: str, field: str) -> bool:
    return any(v.field == field and layout in v.layouts for v in CARRIED)


def score_source(area: Area) -> str | None:
    """Where the area's score came from; a report built without normalize() has only chapter 3's."""
    return area.score_source or ("chapter3" if area.score is not None else None)


def has_section(area: Area) -> bool:
    """Chapter 3's section was found: its heading, or its own score."""
    return area.name is not None or score_source(area) == "chapter3"


def has_table(area: Area) -> bool:
    return bool(area.questions) or area.table_total is not None


def _report_missing(report: Report, field: str) -> bool:
    value = getattr(report, field)
    return value is None or value == []


def _area_missing(area: Area, field: str) -> bool:
    if field in ("strength", "improvement"):
        return not any(f.kind == field for f in area.findings)
    if field == "score":
        return score_source(area) != "chapter3"
    if field == "area_name":
        return area.name is None
    value = getattr(area, field)
    return value is None or value == []


def _question_missing(q: Question, field: str) -> bool:
    value = getattr(q, "text" if field == "question_text" else field)
    return value is None or value == ""


def _part(field: str) -> str:
    return next(v.part for v in CARRIED if v.field == field)


def missing_values(report: Report) -> Iterator[Issue]:
    """A finding per carried value the extraction lacks (before any report-level summary)."""
    layout = report.source_format
    for v in carried(layout, "report"):
        if _report_missing(report, v.field):
            yield issue(
                report,
                "missing-value",
                WARNING,
                f"no {v.part} found, though a {layout} report carries it",
                field=v.field,
                observed="none",
            )
    area_fields = [v.field for v in carried(layout, "area") if v.field != "bullet_boundaries"]
    question_fields = [v.field for v in carried(layout, "question")]
    for area in areas(report):
        if area.area_no not in AREA_NUMBERS:
            continue
        section, table = has_section(area), has_table(area)
        if not section and not table:
            continue  # missing-area: the whole area
        total_row_lost = all(getattr(area, f) is None for f in TOTAL_ROW)
        for field in area_fields:
            if (field in CHAPTER3 and not section) or (field in CHAPTER4 and not table):
                continue
            if field in TOTAL_ROW[1:] and total_row_lost:
                continue  # one finding for the whole total row, under table_total
            if not _area_missing(area, field):
                continue
            yield _area_issue(report, area, field, total_row_lost)
        for q in area.questions:
            for field in question_fields:
                if _question_missing(q, field):
                    yield issue(
                        report,
                        "missing-value",
                        WARNING,
                        f"the {_part(field)} was not found",
                        area,
                        q,
                        field=field,
                        observed="none",
                        source_page=q.page,
                    )


def _area_issue(report: Report, area: Area, field: str, total_row_lost: bool) -> Issue:
    if field == "score" and area.score is not None:
        taken = {"table": "the chapter 4 table's total row", "chart": "the chapter 2 chart's label"}[
            area.score_source or ""
        ]
        return issue(
            report,
            "missing-value",
            INFO,
            f"chapter 3's area score ('Poäng') was not found; the score, {area.score}, is taken from {taken} "
            f"(score_source = '{area.score_source}')",
            area,
            field="score",
            expected=str(area.score),
            observed="none",
            source_page=area.page,
        )
    what = "the chapter 4 table's total row" if field == "table_total" and total_row_lost else f"the {_part(field)}"
    return issue(
        report,
        "missing-value",
        WARNING,
        f"{what} was not found"
        + (", and no other part of the report gives the area's score" if field == "score" else ""),
        area,
        field=field,
        observed="none",
        source_page=area.table_page if field in CHAPTER4 else area.page,
    )


def inferred_starts(report: Report) -> Iterator[Issue]:
    """Bullets whose starts were inferred in a layout that marks them: the glyphs were not recognized."""
    if not carries(report.source_format, "bullet_boundaries"):
        return
    lists = [
        (area, kind)
        for area in areas(report)
        for kind in ("strength", "improvement")
        if any(f.kind == kind for f in area.findings)
    ]
    guessed = [(a, k) for a, k in lists if any(f.kind == k and f.boundary != "marker" for f in a.findings)]
    said = (
        f"a {report.source_format} report marks where each bullet starts (a glyph or a list style), "
        "but none was recognized here, so the starts were inferred from the text and bullets may be "
        "split or merged"
    )
    if guessed and len(guessed) == len(lists):
        yield issue(
            report,
            "missing-value",
            WARNING,
            f"the bullets' starts in all {len(lists)} lists: {said}",
            field="bullet_boundaries",
            observed="inferred",
        )
        return
    for area, kind in guessed:
        yield issue(
            report,
            "missing-value",
            WARNING,
            f"the {_part(kind)}' starts: {said}",
            area,
            field="bullet_boundaries",
            expected=kind,
            observed="inferred",
            source_page=area.page,
        )


def _checked(report: Report) -> int:
    """How many report and area values missing-value looks at in this report."""
    layout = report.source_format
    present = [a for a in areas(report) if a.area_no in AREA_NUMBERS and (has_section(a) or has_table(a))]
    per_area = [v for v in carried(layout, "area") if v.field != "bullet_boundaries"]
    return len(carried(layout, "report")) + len(present) * len(per_area)


def check_missing_value(report: Report) -> Iterator[Issue]:
    """Every carried value present; a report that lacks most of them gets one finding, not dozens."""
    found = list(missing_values(report)) + list(inferred_starts(report))
    lacking = [i for i in found if i.severity == WARNING and i.question_no is None]
    checked = _checked(report)
    if checked and len(lacking) > MOST * checked:
        fields = sorted({i.field or "" for i in found})
        yield issue(
            report,
            "missing-value",
            WARNING,
            f"{len(lacking)} of the {checked} report and area values a {report.source_format} report carries "
            f"were not found ({', '.join(fields)}): the extraction read little of this document",
            field="report",
            expected=str(checked),
            observed=str(checked - len(lacking)),
        )
        return
    yield from found


FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [check_missing_value]


def markdown() -> str:
    """CARRIED as the README's table: one row per value, a ✓ under each layout that carries it."""
    rows = [f"| value | where | {' | '.join(f'`{x}`' for x in LAYOUTS)} |", "|---|---|" + "---|" * len(LAYOUTS)]
    for v in CARRIED:
        marks = " | ".join("✓" if x in v.layouts else "–" for x in LAYOUTS)
        rows.append(f"| `{v.field}` | {v.level}: {v.part} | {marks} |")
    return "\n".join(rows)


def completeness(report: Report) -> str:
    """How much of the report was read: '8/8 areas, 45/45 questions, 8/8 scores, 16/16 lists'.

    Questions are counted against the numbering (an area whose rows go up to N.6 has six);
    scores taken from the table or the chart are counted, and said so.
    """
    present = [report.areas[no] for no in AREA_NUMBERS if no in report.areas]
    numbered = sum(
        max((int(q.question_no.split(".")[1]) for q in a.questions if q.area_no == a.area_no), default=0)
        for a in present
    )
    read = sum(len({q.question_no for q in a.questions if q.area_no == a.area_no}) for a in present)
    scored = [a for a in present if a.score is not None]
    borrowed = [a for a in scored if score_source(a) != "chapter3"]
    kinds = [{f.kind for f in a.findings} for a in present]
    lists = sum(kind in found for found in kinds for kind in ("strength", "improvement"))
    scores = f"{len(scored)}/{len(AREA_NUMBERS)} scores" + (
        f" ({len(borrowed)} not from chapter 3)" if borrowed else ""
    )
    questions = f"{read}/{numbered} questions" if numbered else "0 questions"
    return f"{len(present)}/{len(AREA_NUMBERS)} areas, {questions}, {scores}, {lists}/{2 * len(AREA_NUMBERS)} lists"
