"""Print one matrix case with the Typst compiler (run in a venv that has PyPI's typst).

    /tmp/tools/bin/python tests/producers/print_typst.py CASE_NAME OUT.pdf

synth/typst.py writes the markup; the compiler sets it in the fonts it carries
(system fonts ignored, so every machine prints the same).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import typst  # noqa: E402
from producer_matrix import CASES, Case  # noqa: E402

from synth.typst import TypstStyle, to_typst  # noqa: E402


def render(case: Case, out: Path) -> None:
    style = TypstStyle(
        table_rules=case.tables,
        bullet=case.bullet,
        cell_valign="horizon" if case.cells == "middle" else "top",
        equal_columns=case.cells == "middle",
        hyphenate=True,
    )
    source = out.with_suffix(".typ")
    source.write_text(to_typst(case.fixture.spec(), case.fixture.seed, style), encoding="utf-8")
    when = dt.datetime(2017, 5, 10, 12, 0, tzinfo=dt.UTC).timestamp()
    typst.compile(str(source), output=str(out), ignore_system_fonts=True, timestamp=int(when))
    source.unlink()


def main() -> None:
    name, out = sys.argv[1], Path(sys.argv[2])
    render(next(c for c in CASES if c.name == name), out)


if __name__ == "__main__":
    main()
