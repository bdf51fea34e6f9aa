"""Shared test helpers: the sample reports and their gold values, kept inside the repository."""

from __future__ import annotations

import json
import shutil
import sys
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


TALLY_OF_WORKERS: dict[str, tuple[int, int]] = {}  # the invariant's tallies that pytest-xdist's workers sent


def _tally() -> dict[str, tuple[int, int]]:
    invariant = sys.modules.get("invariant")
    return {**TALLY_OF_WORKERS, **(invariant.TALLY if invariant else {})}


def pytest_sessionfinish(session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # a pytest-xdist worker: the controller prints the totals
        output["invariant_tally"] = _tally()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    TALLY_OF_WORKERS.update({case: tuple(n) for case, n in node.workeroutput.get("invariant_tally", {}).items()})


def pytest_terminal_summary(terminalreporter) -> None:
    """The "wrong implies flagged" totals (tests/invariant.py), when those tests ran, in this process or in
    pytest-xdist's workers."""
    tally = _tally()
    if tally:
        wrong = sum(w for w, _ in tally.values())
        covered = sum(c for _, c in tally.values())
        terminalreporter.write_line(
            f"wrong implies flagged: {len(tally)} cases, {wrong} values wrong, {covered} covered by a finding"
        )
