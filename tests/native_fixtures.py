"""The native-format fixtures: which gold spec, changed how, rendered in which style.

Each variant changes a gold spec in a declared way (another municipality, the
title page's evaluators, the header date), so the values a reader must extract
are known without running it. tests/make_fixtures.py writes the files; the
tests read them back.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from synth.native import Style

HERE = Path(__file__).parent
GOLD = HERE / "gold"
NATIVE = HERE / "fixtures" / "native"

TWO = [
    {"name": "Lars Strid", "role": "senior konsult", "affiliation": "SKL"},
    {"name": "Anders Bergenek", "role": None, "affiliation": "Halmstad"},
]
THREE = [
    {"name": "Märit Melbi", "role": None, "affiliation": "SKL"},
    {"name": "Josephine Härdin", "role": None, "affiliation": "konsult"},
    {"name": "Anna Marnell", "role": None, "affiliation": "Katrineholms kommun"},
]


@dataclass
class Fixture:
    name: str  # file stem
    gold: str  # tests/gold/<gold>.json
    seed: int
    changes: dict = field(default_factory=dict)  # report fields replaced in the gold spec
    pdf: Style | None = None  # rendered as PDF in this style (None: no PDF)
    docx: Style | None = None

    def spec(self) -> dict:
        spec = copy.deepcopy(json.loads((GOLD / f"{self.gold}.json").read_text(encoding="utf-8")))
        spec["report"].update(copy.deepcopy(self.changes))
        return spec

    def path(self, suffix: str) -> Path:
        return NATIVE / f"{self.name}.{suffix}"


FIXTURES = [
    Fixture("tranas-2017", "tranas-2017", seed=0, pdf=Style(font="Helvetica", bullet="symbol"), docx=Style()),
    Fixture(
        "helsingborg-2017",
        "tranas-2017",
        seed=1,
        changes={"municipality": "Helsingborg", "municipality_type": "stad", "evaluators": THREE},
        pdf=Style(
            font="Times-Roman",
            bullet="•",
            size=11,
            touching_number=True,
            ch4_widths=(28, 270, 40, 34, 46),
            rubriker_widths=(360, 60),
        ),
        docx=Style(docx_list_by_numpr=True, evaluators_on_lines=True),
    ),
    Fixture(
        "gotland-2017",
        "torsas-2017",
        seed=2,
        changes={
            "municipality": "Gotland",
            "municipality_type": "region",
            "evaluators": TWO,
            "report_date": "2017-12-04",
        },
        pdf=Style(font="DejaVuSans", bullet="▪", size=10, ch4_widths=(34, 230, 52, 44, 54)),
        docx=Style(docx_list_by_numpr=True, docx_numbered_headings=True),
    ),
    Fixture(
        "torsas-2017",
        "torsas-2017",
        seed=3,
        changes={"evaluators": THREE, "report_date": "2017-12-04"},
        pdf=Style(font="Helvetica", bullet="–", size=10.5, rubriker_widths=(300, 120), table_rules="horizontal"),
        docx=Style(evaluators_on_lines=True),
    ),
    # tables without full rules, rows broken across pages (a question text running onto the next page)
    Fixture("tranas-2017-booktabs", "tranas-2017", seed=19, pdf=Style(table_rules="booktabs", split_rows=True)),
    Fixture(
        "torsas-2017-shaded",
        "torsas-2017",
        seed=11,
        changes={"evaluators": TWO, "report_date": "2017-12-04"},
        pdf=Style(table_rules="shaded", font="Times-Roman", size=11, bullet="•", cell_pad=2, split_rows=True),
    ),
    Fixture(
        "helsingborg-2017-plain",
        "tranas-2017",
        seed=21,
        changes={"municipality": "Helsingborg", "municipality_type": "stad", "evaluators": THREE},
        pdf=Style(table_rules="none", bullet="–", cell_pad=0, ch4_widths=(28, 270, 40, 34, 46), split_rows=True),
    ),
    Fixture(
        "gotland-2017-css",
        "torsas-2017",
        seed=16,
        changes={
            "municipality": "Gotland",
            "municipality_type": "region",
            "evaluators": TWO,
            "report_date": "2017-12-04",
        },
        pdf=Style(table_rules="css", font="DejaVuSans", bullet="▪", size=10, split_rows=True),
    ),
]
