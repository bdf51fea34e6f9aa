"""Flattening reports into the dataset's Arrow tables, and writing them as Parquet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kompass.pipeline.interpret.catalogue import question_key
from kompass.pipeline.interpret.normalize import key_of
from kompass.pipeline.model import Area, Evaluator, Finding, Question, Report
from kompass.pipeline.publish.generations import Output, publish, readable, text_output
from kompass.schemas import TABLES
from kompass.schemas.tables import FAILURES


def _sub_no(question_no: str) -> tuple[int, ...]:
    return tuple(int(p) for p in question_no.split(".") if p.isdigit())


def rows(report: Report) -> dict[str, list[dict]]:
    """One report's rows for every table, in a fixed order."""
    rid = report.id
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["reports"].append(
        {
            "report_id": rid,
            "source_path": report.source_path,
            "source_sha256": report.source_sha256,
            "source_format": report.source_format,
            "municipality": report.municipality,
            "municipality_code": report.municipality_code,
            "municipality_type": report.municipality_type,
            "name_as_printed": report.name_as_printed,
            "year": report.year,
            "evaluation_period": report.evaluation_period,
            "report_date": report.report_date,
            "total_score": report.total_score,
            "total_score_computed": report.total_score_computed,
            "compass_revision": report.compass_revision,
            "page_count": report.page_count,
            "reader_warnings": list(report.reader_warnings),
            "evaluator_count": len(report.evaluators),
            "title": report.title,
        }
    )
    for pos, e in enumerate(report.evaluators, start=1):
        out["evaluators"].append(
            {"report_id": rid, "position": pos, "name": e.name, "role": e.role, "affiliation": e.affiliation}
        )
    for no in sorted(report.areas):
        a = report.areas[no]
        out["areas"].append(
            {
                "report_id": rid,
                "area_no": no,
                "area_key": key_of(report, no),
                "area_name": a.name,
                "table_name": a.table_name,
                "score": a.score,
                "score_source": a.score_source,
                "table_total": a.table_total,
                "max_score": a.table_max,
                "table_percent": a.table_percent,
                "chart_score": a.chart_score,
                "headings": list(a.headings),
                "question_count": len(a.questions),
                "source_page": a.page,
                "table_page": a.table_page,
            }
        )
        for q in sorted(a.questions, key=lambda q: _sub_no(q.question_no)):
            out["questions"].append(
                {
                    "report_id": rid,
                    "area_no": q.area_no,
                    "question_no": q.question_no,
                    "question_text": q.text,
                    "question_key": question_key(report.compass_revision, q.question_no),
                    "achieved": q.achieved,
                    "max_score": q.max_score,
                    "percent": q.percent,
                    "table_area_no": q.table_area,
                    "source_page": q.page,
                }
            )
        for kind in ("strength", "improvement"):
            for pos, f in enumerate((f for f in a.findings if f.kind == kind), start=1):
                out["findings"].append(
                    {
                        "report_id": rid,
                        "area_no": no,
                        "kind": kind,
                        "position": pos,
                        "text": f.text,
                        "boundary": f.boundary,
                        "source_page": f.page,
                    }
                )
    return out


def tables(reports: list[Report]) -> dict[str, pa.Table]:
    """All reports as Arrow tables, rows ordered by report id, then as printed.

    Gathered column by column, report by report: the rows as dicts are never all in
    memory at once (900 reports' would be some 80 MB).
    """
    columns: dict[str, dict[str, list]] = {name: {f: [] for f in TABLES[name].names} for name in TABLES}
    for report in sorted(reports, key=lambda r: r.id):
        for name, table_rows in rows(report).items():
            for field, values in columns[name].items():
                values.extend(row[field] for row in table_rows)
    return {name: pa.Table.from_pydict(columns[name], schema=TABLES[name]) for name in TABLES}


def failures_table(failures: list) -> pa.Table:
    """Failure rows (pipeline.inputs.Failure), sorted by path."""
    rows_ = sorted((f.__dict__ for f in failures), key=lambda r: r["source_path"])
    return pa.Table.from_pylist(rows_, schema=FAILURES)


def parquet_output(name: str, table: pa.Table, metadata: dict[str, str] | None = None) -> Output:
    """<name>.parquet holding the table, with the run's metadata added to the schema's."""
    if metadata:
        table = table.replace_schema_metadata(
            {**(table.schema.metadata or {}), **{k.encode(): v.encode() for k, v in metadata.items()}}
        )
    return Output(f"{name}.parquet", lambda path: pq.write_table(table, path))


def write(
    tables_: dict[str, pa.Table],
    out_dir: Path,
    metadata: dict[str, str] | None = None,
    files: Mapping[str, str | Iterable[str]] | None = None,
    extra: Sequence[Output] = (),
    keep_others: bool = False,
) -> None:
    """Publish every table as <name>.parquet, each of `files` (name -> text) and the extra outputs
    into out_dir, all or nothing (generations.py). keep_others: the dataset's other files stay."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = [parquet_output(name, table, metadata) for name, table in tables_.items()]
    outputs += [text_output(name, text) for name, text in (files or {}).items()]
    publish(out_dir, [*outputs, *extra], keep_others=keep_others)


def read(out_dir: Path) -> list[Report]:
    """The reports a dataset was written from, rebuilt from its tables (the inverse of rows()).

    Reads the current generation (generations.readable). Raises FileNotFoundError naming the first
    table missing from out_dir.
    """
    folder = readable(out_dir)
    data = {name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in TABLES}
    reports = {}
    for r in data["reports"]:
        reports[r["report_id"]] = Report(
            source_format=r["source_format"],
            report_id=r["report_id"],
            source_path=r["source_path"],
            source_sha256=r["source_sha256"],
            compass_revision=r["compass_revision"],
            title=r["title"],
            municipality=r["municipality"],
            municipality_code=r["municipality_code"],
            municipality_type=r["municipality_type"],
            name_as_printed=r["name_as_printed"],
            year=r["year"],
            evaluation_period=r["evaluation_period"],
            report_date=r["report_date"],
            total_score=r["total_score"],
            page_count=r["page_count"],
            reader_warnings=list(r["reader_warnings"] or []),
        )
    for e in data["evaluators"]:
        reports[e["report_id"]].evaluators.append(Evaluator(e["name"], e["role"], e["affiliation"]))
    for a in data["areas"]:
        reports[a["report_id"]].areas[a["area_no"]] = Area(
            a["area_no"],
            name=a["area_name"],
            table_name=a["table_name"],
            score=a["score"],
            score_source=a.get("score_source"),
            table_total=a["table_total"],
            table_max=a["max_score"],
            table_percent=a["table_percent"],
            chart_score=a["chart_score"],
            headings=list(a["headings"] or []),
            page=a["source_page"],
            table_page=a["table_page"],
        )
    for q in data["questions"]:
        table = q["table_area_no"] if q["table_area_no"] is not None else q["area_no"]
        reports[q["report_id"]].areas[table].questions.append(
            Question(
                q["question_no"],
                q["question_text"],
                q["achieved"],
                q["max_score"],
                q["percent"],
                page=q["source_page"],
                table_area=q["table_area_no"],
            )
        )
    for f in data["findings"]:
        reports[f["report_id"]].areas[f["area_no"]].findings.append(
            Finding(f["kind"], f["text"], f["boundary"], f["source_page"])
        )
    return list(reports.values())
