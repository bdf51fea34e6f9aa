"""The dataset's tables: one Arrow schema each, with a description per column.

This module is the single source of truth: the writer casts to these schemas and
the tests check the written files against them.
"""

from __future__ import annotations

import json

import pyarrow as pa

from kompass.schemas import TABLE_NAMES

LABEL = pa.dictionary(pa.int8(), pa.string())


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _schema(description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": description, "pandas": pandas_metadata(fields)})


def pandas_metadata(fields: tuple[pa.Field, ...]) -> str:
    """The pandas metadata that makes pd.read_parquet give every integer column pandas' nullable
    integer (Int8, Int16, ...): without it a column with a null reads as float64 (62 as 62.0)."""
    columns = [
        {
            "name": f.name,
            "field_name": f.name,
            "pandas_type": str(f.type),
            "numpy_type": str(f.type).capitalize(),  # int16 -> Int16
            "metadata": None,
        }
        for f in fields
        if pa.types.is_integer(f.type)
    ]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns})


REPORT_ID = _field("report_id", pa.string(), "Stable slug of municipality and year, e.g. 'tranas-2017'", False)
AREA_NO = _field("area_no", pa.int8(), "Area number 1-8 as printed", False)
SOURCE_PAGE = _field(
    "source_page", pa.int16(), "Page of the source document the value was read from (null if the layout has no pages)"
)

REPORTS = _schema(
    "One row per extracted report",
    REPORT_ID,
    _field("source_path", pa.string(), "Path of the source file, relative to the input folder", False),
    _field("source_sha256", pa.string(), "SHA-256 of the source file's bytes", False),
    _field("source_format", LABEL, "Layout read: pdf, docx, pdf_transcript or word_export", False),
    _field("municipality", pa.string(), "Canonical municipality name as in SCB's register"),
    _field("municipality_code", pa.string(), "SCB's 4-digit municipality code (join key)"),
    _field("municipality_type", LABEL, "kommun, stad or region, as the report names it"),
    _field("name_as_printed", pa.string(), "The municipality's name as the report printed it"),
    _field("year", pa.int16(), "Year of the evaluation"),
    _field("evaluation_period", pa.string(), "When the evaluation took place, e.g. 'april 2017'"),
    _field("report_date", pa.date32(), "Report date from the page header (else the cover)"),
    _field("total_score", pa.int16(), "Total score as printed (chart label), null if not printed"),
    _field("total_score_computed", pa.int16(), "Sum of the area scores"),
    _field("compass_revision", LABEL, "Kommunkompassen revision inferred from area names: 2010, 2016 or 2020"),
    _field("page_count", pa.int16(), "Pages of the source document, where known"),
    _field(
        "reader_warnings",
        pa.list_(pa.string()),
        "What the reader could not read, e.g. 'page 3: 5 characters in a font without a Unicode map ...', "
        "and notes on what it normalized, which start 'normalized: ', e.g. 'normalized: 312 soft hyphens removed'",
    ),
    _field("evaluator_count", pa.int8(), "Number of evaluators named on the title page"),
    _field("title", pa.string(), "The title page as one line, where the layout has one"),
)

EVALUATORS = _schema(
    "One row per evaluator named on a report's title page",
    REPORT_ID,
    _field("position", pa.int8(), "Order on the title page, from 1", False),
    _field("name", pa.string(), "Evaluator's name", False),
    _field("role", pa.string(), "Role, e.g. 'senior konsult'"),
    _field("affiliation", pa.string(), "Organisation, e.g. 'SKL', 'Hylte kommun'"),
)

AREAS = _schema(
    "One row per scored area of a report",
    REPORT_ID,
    AREA_NO,
    _field("area_key", LABEL, "Canonical key of the area, the same across a revision's name variants"),
    _field("area_name", pa.string(), "Area name as printed in chapter 3"),
    _field("table_name", pa.string(), "Area name as printed in the chapter 4 table"),
    _field(
        "score",
        pa.int16(),
        "Area score: chapter 3's 'Poäng', else the chapter 4 total row, else the chapter 2 chart (see score_source)",
    ),
    _field(
        "score_source",
        LABEL,
        "Where score was read: chapter3 (the 'Poäng' cell), table (chapter 4 total row, chapter 3's score "
        "unreadable) or chart (the chapter 2 bar label, neither of the others found); null if no score",
    ),
    _field("table_total", pa.int16(), "Achieved total from the chapter 4 table's total row"),
    _field("max_score", pa.int16(), "Maximum from the chapter 4 total row (100 per area)"),
    _field("table_percent", pa.int16(), "Percent from the chapter 4 table's total row, as printed"),
    _field("chart_score", pa.int16(), "Area score from the chapter 2 bar chart, where its labels survived"),
    _field("headings", pa.list_(pa.string()), "The area's sub-headings ('Rubriker')"),
    _field("question_count", pa.int8(), "Number of sub-questions read for the area"),
    SOURCE_PAGE,
    _field("table_page", pa.int16(), "Page of the chapter 4 table"),
)

QUESTIONS = _schema(
    "One row per sub-question of a chapter 4 table",
    REPORT_ID,
    AREA_NO,
    _field("question_no", pa.string(), "Question number as printed, e.g. '1.1'", False),
    _field("question_text", pa.string(), "Question text, whitespace normalized"),
    _field(
        "question_key",
        pa.string(),
        "Stable key of what the sub-question asks, e.g. 'demokrati_strategi': the same in every report of a "
        "revision and across revisions where the question survives (null where the standard-text catalogue "
        "has no entry for the revision and number)",
    ),
    _field("achieved", pa.int16(), "Points achieved, as printed (rounded)"),
    _field("max_score", pa.int16(), "Maximum points"),
    _field("percent", pa.int16(), "Percent of maximum, as printed (rounded)"),
    _field("table_area_no", pa.int8(), "Area of the table the row was printed in (differs from area_no if misplaced)"),
    SOURCE_PAGE,
)

FINDINGS = _schema(
    "One row per bullet of STYRKOR (strengths) and FÖRBÄTTRINGSOMRÅDEN (improvement areas)",
    REPORT_ID,
    AREA_NO,
    _field("kind", LABEL, "strength or improvement", False),
    _field("position", pa.int16(), "Order within the area and kind, from 1", False),
    _field("text", pa.string(), "Bullet text, whitespace normalized, page headers removed", False),
    _field("boundary", LABEL, "How the bullet's start was found: marker (a glyph) or inferred (by rule)", False),
    SOURCE_PAGE,
)

TABLES: dict[str, pa.Schema] = {
    "reports": REPORTS,
    "evaluators": EVALUATORS,
    "areas": AREAS,
    "questions": QUESTIONS,
    "findings": FINDINGS,
}
assert tuple(TABLES) == TABLE_NAMES

FAILURES = _schema(
    "One row per input file that could not be extracted",
    _field("source_path", pa.string(), "Path of the source file, relative to the input folder", False),
    _field("source_sha256", pa.string(), "SHA-256 of the source file's bytes"),
    _field("error_kind", LABEL, "What went wrong: empty_file, not_a_report, unsupported_format, ...", False),
    _field("message", pa.string(), "One-line explanation", False),
)

VALIDATION = _schema(
    "One row per validation finding: a printed value that the report's other numbers do not bear out",
    REPORT_ID,
    _field("source_path", pa.string(), "Path of the source file the finding is about, relative to the input folder"),
    _field("check_name", LABEL, "Stable name of the check, e.g. subquestion-sum, percent-mismatch", False),
    _field(
        "severity",
        LABEL,
        "error: no reading of the printed values is consistent; "
        "warning: consistent only through rounding or a known variant, or something is missing; info",
        False,
    ),
    _field("area_no", pa.int8(), "Area the finding is about (null for the whole report)"),
    _field("question_no", pa.string(), "Sub-question the finding is about, e.g. '4.2' (null for an area or report)"),
    _field("field", pa.string(), "The value compared, e.g. 'score', 'percent', 'year'"),
    _field("expected", pa.string(), "What the other printed values call for, e.g. the table's total"),
    _field("observed", pa.string(), "What the report prints, e.g. the sum of the sub-question scores"),
    _field("naive_sum", pa.int16(), "Sum of the printed (rounded) parts, for sum checks"),
    _field("interval_low", pa.float64(), "Lowest sum the true (unrounded) parts can have, for sum checks"),
    _field("interval_high", pa.float64(), "Highest sum the true (unrounded) parts can have, for sum checks"),
    SOURCE_PAGE,
    _field("message", pa.string(), "Plain-language explanation naming report, area and question", False),
)
