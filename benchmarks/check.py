"""How much of an extracted dataset equals the specs it was rendered from.

A report matches when its area scores and totals, headings, every question row
(number, text, achieved, max, percent) and its bullets are the spec's. Bullets
are compared as each list's text run together when the layout lost the bullet
glyphs (a transcript), else one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd


def _expected(spec: dict) -> dict:
    return {
        "areas": sorted((a["area_no"], a["score"], a["table_total"], tuple(a["headings"])) for a in spec["areas"]),
        "questions": sorted(
            (q["question_no"], q["text"], q["achieved"], q["max"], q["percent"]) for q in spec["questions"]
        ),
        "bullets": [(b["area_no"], b["kind"], b["text"]) for b in spec["bullets"]],
    }


def _run_together(bullets: Sequence[tuple[object, object, object]]) -> dict[tuple[object, object], str]:
    """Each (area, kind)'s bullet texts joined with spaces."""
    out: dict[tuple[object, object], list[str]] = {}
    for no, kind, text in bullets:
        out.setdefault((no, kind), []).append(str(text))
    return {k: " ".join(v) for k, v in out.items()}


def match(out_dir: Path, specs: list[dict], exact_bullets: bool) -> dict:
    """Share of reports that match their spec in full, and of question rows found as specified."""
    tables = {
        name: pd.read_parquet(out_dir / f"{name}.parquet") for name in ("reports", "areas", "questions", "findings")
    }
    ids = {(r.municipality, r.year): str(r.report_id) for r in tables["reports"].itertuples()}
    areas = {str(k): g for k, g in tables["areas"].groupby("report_id")}
    questions = {str(k): g for k, g in tables["questions"].groupby("report_id")}
    findings = {str(k): g for k, g in tables["findings"].groupby("report_id")}
    matched = rows_found = rows = 0
    for spec in specs:
        want = _expected(spec)
        rows += len(want["questions"])
        report_id = ids.get((spec["report"]["municipality"], spec["report"]["year"]))
        if report_id is None:
            continue
        a = areas.get(report_id, pd.DataFrame(columns=["area_no", "score", "table_total", "headings"]))
        got_areas = sorted(
            (no, score, total, tuple(headings))  # a headings cell holds the area's list of headings
            for no, score, total, headings in zip(a["area_no"], a["score"], a["table_total"], a["headings"])
        )
        q = questions.get(
            report_id, pd.DataFrame(columns=["question_no", "question_text", "achieved", "max_score", "percent"])
        )
        got_questions = {(r.question_no, r.question_text, r.achieved, r.max_score, r.percent) for r in q.itertuples()}
        f = findings.get(report_id, pd.DataFrame(columns=["area_no", "kind", "position", "text"]))
        f = f.sort_values(["area_no", "kind", "position"], key=lambda s: s.astype(str) if s.name == "kind" else s)
        got_bullets = [(r.area_no, str(r.kind), r.text) for r in f.itertuples()]
        rows_found += sum(row in got_questions for row in want["questions"])
        if exact_bullets:
            bullets_ok = sorted(got_bullets) == sorted(want["bullets"])
        else:
            bullets_ok = _run_together(got_bullets) == _run_together(want["bullets"])
        matched += got_areas == want["areas"] and sorted(got_questions) == want["questions"] and bullets_ok
    return {
        "reports": len(specs),
        "reports_matching": matched,
        "report_match_rate": matched / max(len(specs), 1),
        "question_rows": rows,
        "question_rows_found": rows_found,
        "question_match_rate": rows_found / max(rows, 1),
    }
