"""Shared test helpers: the sample reports and their gold values, kept inside the repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kompass.parsers.detect import read_document
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import normalize
from kompass.pipeline.model import Report

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLD = HERE / "gold"
SAMPLES = {
    "tranas-2017": FIXTURES / "tranas-2017.pdf-transcript.txt",
    "torsas-2017": FIXTURES / "torsas-2017.word-export.txt",
}


def raw_folder(folder: Path) -> Path:
    """A folder holding copies of both sample reports, as a RAW_DIR for kompass extract."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SAMPLES.values():
        shutil.copy(path, folder / path.name)
    return folder


def load_gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def extract_text(text: str, name: str = "fragment.txt") -> Report:
    """Run reader, interpreter and normalization over text held in memory."""
    path = Path(name)
    return normalize(interpret(read_document(path, text.encode("utf-8")), path))


def sample_report(name: str) -> Report:
    """A fresh Report of one sample (test_gold holds it to the gold values), free to edit."""
    path = SAMPLES[name]
    report = normalize(interpret(read_document(path, path.read_bytes()), path))
    report.source_path = path.name
    return report


@pytest.fixture(params=sorted(SAMPLES))
def sample(request) -> tuple[str, Report, dict]:
    name = request.param
    return name, sample_report(name), load_gold(name)


def extract_path(path: Path) -> Report:
    """Run reader, interpreter and normalization over a file."""
    return normalize(interpret(read_document(path, path.read_bytes()), path))


def pytest_terminal_summary(terminalreporter) -> None:
    """The "wrong implies flagged" totals (tests/invariant.py), when those tests ran."""
    import sys

    invariant = sys.modules.get("invariant")
    if invariant and invariant.TALLY:
        wrong = sum(w for w, _ in invariant.TALLY.values())
        covered = sum(c for _, c in invariant.TALLY.values())
        terminalreporter.write_line(
            f"wrong implies flagged: {len(invariant.TALLY)} cases, {wrong} values wrong, {covered} covered by a finding"
        )
