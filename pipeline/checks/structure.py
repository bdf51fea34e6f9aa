"""Checks of a report's structure: areas, numbering, area names and unreadable text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import regex as re

from kompass.parsers import textnorm
from kompass.parsers.blocks import is_note
from kompass.pipeline.checks.carried import has_section, has_table
from kompass.pipeline.checks.findings import ERROR, INFO, WARNING, Issue, issue, place
from kompass.pipeline.checks.numbers import AREA_NUMBERS, areas
from kompass.pipeline.interpret.areas import identify
from kompass.pipeline.model import Question, Report

CHECKS: dict[str, str] = {
    "missing-area": "all eight areas are there, each with its chapter 3 section and chapter 4 table",
    "question-numbering": "an area's sub-questions are numbered N.1, N.2, ... without gaps or repeats",
    "question-area": "a sub-question's number belongs to the area of the table it was printed in",
    "unknown-area-name": "each area's name is one of a known revision's (2010, 2016, 2020), so its key is sure",
    "unreadable-text": "the reader could read all of the document's text (no fonts without a Unicode map)",
    "normalized-text": "the reader normalized the text's forms (soft hyphens, decomposed letters, ...): for the record",
}


def check_missing_area(report: Report) -> Iterator[Issue]:
    """Eight areas, each with a chapter 3 section and a chapter 4 table; no others."""
    for no in AREA_NUMBERS:
        area = report.areas.get(no)
        section = area is not None and has_section(area)
        table = area is not None and has_table(area)
        if not section and not table:
            yield Issue(
                report.id,
                report.source_path,
                "missing-area",
                ERROR,
                f"{place(report.id, no)}: not found, neither its chapter 3 section nor its chapter 4 table",
                area_no=no,
                field="area",
                expected=str(no),
            )
        elif area is not None and not table:
            yield issue(
                report,
                "missing-area",
                WARNING,
                "the chapter 4 table was not found",
                area,
                field="table",
                expected="table",
                source_page=area.page,
            )
        elif area is not None and not section:
            yield issue(
                report,
                "missing-area",
                WARNING,
                "the chapter 3 section was not found",
                area,
                field="section",
                expected="section",
                source_page=area.table_page,
            )
    for no in sorted(set(report.areas) - set(AREA_NUMBERS)):
        yield issue(
            report,
            "missing-area",
            ERROR,
            f"reports have areas 1 to 8, this one an area {no}",
            report.areas[no],
            field="area",
            observed=str(no),
        )


def _sub(q: Question) -> int:
    return int(q.question_no.split(".")[1])


def check_question_numbering(report: Report) -> Iterator[Issue]:
    """An area's own sub-questions are N.1 to N.k, each once (rows printed elsewhere are question-area's)."""
    for area in areas(report):
        subs = sorted(_sub(q) for q in area.questions if q.area_no == area.area_no)
        if not subs or subs == list(range(1, len(subs) + 1)):
            continue
        no = area.area_no
        problems = [f"{no}.{s} missing" for s in range(1, max(subs) + 1) if s not in subs]
        problems += [f"{no}.{s} printed {n} times" for s, n in sorted(Counter(subs).items()) if n > 1]
        problems += [f"{no}.{s} comes before {no}.1" for s in subs if s < 1]
        observed = ", ".join(f"{no}.{s}" for s in subs)
        yield issue(
            report,
            "question-numbering",
            ERROR,
            f"the sub-questions are numbered {observed}: {'; '.join(problems)}",
            area,
            field="question_no",
            expected=f"{no}.1–{no}.{max(subs)}",
            observed=observed,
            source_page=area.table_page,
        )


def check_question_area(report: Report) -> Iterator[Issue]:
    """A question numbered N.k printed in another area's table."""
    for area in areas(report):
        for q in area.questions:
            if q.area_no != area.area_no:
                yield issue(
                    report,
                    "question-area",
                    ERROR,
                    f"the row is numbered for area {q.area_no} but printed in the table of area {area.area_no}",
                    area,
                    q,
                    field="area_no",
                    expected=str(area.area_no),
                    observed=str(q.area_no),
                    source_page=q.page,
                )


def check_unknown_area_name(report: Report) -> Iterator[Issue]:
    """Area names no revision uses: the area is extracted, but its area_key is a guess by number."""
    for area in areas(report):
        for which, name in (("chapter 3", area.name), ("chapter 4", area.table_name)):
            if name and identify(name) is None:
                yield issue(
                    report,
                    "unknown-area-name",
                    WARNING,
                    f"the {which} name {name!r} is no known area name; area_key is assigned by number"
                    + ("" if report.compass_revision else " and the revision is unknown"),
                    area,
                    field="area_name" if which == "chapter 3" else "table_name",
                    observed=name,
                )


def check_unreadable_text(report: Report) -> Iterator[Issue]:
    """Text the reader had to leave out ("(cid:NN)": a font without a Unicode map): values there may be missing."""
    for warning in report.reader_warnings:
        if is_note(warning):
            continue  # how text was read or normalized, not text left out
        page = re.match(r"page (\d+):", warning)
        yield issue(
            report, "unreadable-text", WARNING, warning, field="text", source_page=int(page.group(1)) if page else None
        )


def check_normalized_text(report: Report) -> Iterator[Issue]:
    """What the reader normalized in the text (reader_warnings starting "normalized: "), as information."""
    for note in report.reader_warnings:
        if textnorm.is_note(note):
            yield issue(report, "normalized-text", INFO, note, field="text")


FUNCTIONS: list[Callable[[Report], Iterator[Issue]]] = [
    check_missing_area,
    check_question_numbering,
    check_question_area,
    check_unknown_area_name,
    check_unreadable_text,
    check_normalized_text,
]
