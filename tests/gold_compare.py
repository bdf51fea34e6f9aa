"""Comparing an extracted Report with gold values, field by field."""

from __future__ import annotations

from kompass.pipeline.model import Report


def bullets(report: Report) -> list[tuple[int, str, str]]:
    return [(no, f.kind, f.text) for no in sorted(report.areas) for f in report.areas[no].findings]


def gold_bullets(gold: dict) -> list[tuple[int, str, str]]:
    return [(b["area_no"], b["kind"], b["text"]) for b in gold["bullets"]]


def boundary_agreement(report: Report, gold: dict) -> float:
    """Share of gold bullets extracted with exactly the same text (same start and end)."""
    got = set(bullets(report))
    expected = gold_bullets(gold)
    return sum(b in got for b in expected) / len(expected)


def text_per_list(items: list[tuple[int, str, str]]) -> dict[tuple[int, str], str]:
    """All bullet text of each (area, kind) run together: equal whatever the boundaries."""
    out: dict[tuple[int, str], list[str]] = {}
    for no, kind, text in items:
        out.setdefault((no, kind), []).append(text)
    return {k: " ".join(v) for k, v in out.items()}


def area_values(report: Report) -> list[dict]:
    return [
        {
            "area_no": a.area_no,
            "name": a.name,
            "table_name": a.table_name,
            "score": a.score,
            "table_total": a.table_total,
            "headings": a.headings,
        }
        for a in (report.areas[n] for n in sorted(report.areas))
    ]


def gold_area_values(gold: dict) -> list[dict]:
    keys = ("area_no", "name", "table_name", "score", "table_total", "headings")
    return [{k: a[k] for k in keys} for a in gold["areas"]]


def question_values(report: Report) -> list[tuple]:
    return sorted(
        (q.question_no, q.text, q.achieved, q.max_score, q.percent) for a in report.areas.values() for q in a.questions
    )


def gold_question_values(gold: dict) -> list[tuple]:
    return sorted((q["question_no"], q["text"], q["achieved"], q["max"], q["percent"]) for q in gold["questions"])


def metadata(report: Report) -> dict:
    return {
        "municipality": report.municipality,
        "municipality_type": report.municipality_type,
        "year": report.year,
        "evaluation_period": report.evaluation_period,
        "report_date": report.report_date.isoformat() if report.report_date else None,
        "evaluators": [(e.name, e.role, e.affiliation) for e in report.evaluators],
    }


def gold_metadata(gold: dict) -> dict:
    g = gold["report"]
    return {
        "municipality": g["municipality"],
        "municipality_type": g["municipality_type"],
        "year": g["year"],
        "evaluation_period": g["evaluation_period"],
        "report_date": g["report_date"],
        "evaluators": [(e["name"], e["role"], e["affiliation"]) for e in g["evaluators"]],
    }
