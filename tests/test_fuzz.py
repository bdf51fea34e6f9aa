"""Mutated reports never crash the pipeline: a report that fits the schemas, or a clean failure."""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES
from fuzz import check, mutate, text_form

RUNS = int(os.environ.get("KOMPASS_FUZZ_RUNS", "1500"))
REGRESSIONS = sorted((Path(__file__).parent / "fixtures" / "fuzz").glob("*"))


def test_mutated_samples():
    rng = random.Random(20261123)
    samples = [p.read_bytes() for p in SAMPLES.values()]
    outcomes = Counter(check(mutate(rng.choice(samples), rng)) for _ in range(RUNS))
    assert sum(outcomes.values()) == RUNS
    assert outcomes["report"] > RUNS // 4  # most mutations still leave a report to read


def test_text_forms_leave_the_dataset_as_it_was():
    """Invisible characters anywhere, decomposed stretches, odd spaces, ligatures, CRLF, BOM: the same dataset."""
    from textform_variants import comparable

    from kompass.pipeline.extract import extract_bytes

    rng = random.Random(16)
    clean = {name: comparable(extract_bytes(p.read_bytes(), p, p.name)) for name, p in SAMPLES.items()}
    for _ in range(int(os.environ.get("KOMPASS_FUZZ_FORM_RUNS", "30"))):
        name = rng.choice(sorted(SAMPLES))
        data = text_form(SAMPLES[name].read_bytes(), rng)
        assert comparable(extract_bytes(data, SAMPLES[name], SAMPLES[name].name)) == clean[name]


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_former_crashes(path):
    check(path.read_bytes())


NATIVE = sorted((Path(__file__).parent / "fixtures" / "native").glob("*-2017.*[fx]"))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_mutated_native_files(tmp_path, engine):
    """Damaged PDFs and .docx files, through the worker pool: a report or a specific failure."""
    from fuzz import delete_span, flip_bytes, truncate

    from kompass.pipeline.inputs import Failure
    from kompass.pipeline.publish import dataset
    from kompass.pipeline.runner import Settings, run

    rng = random.Random(7)
    tasks = []
    for i in range(int(os.environ.get("KOMPASS_FUZZ_NATIVE_RUNS", "60"))):
        source = rng.choice(NATIVE)
        path = tmp_path / f"m{i}{source.suffix}"
        path.write_bytes(rng.choice([flip_bytes, truncate, delete_span])(source.read_bytes(), rng))
        tasks.append((path, path.name))
    kinds, unexpected = Counter(), []
    for _, result in run(tasks, Settings(jobs=2, timeout=60, pdf_engine=engine)):
        if isinstance(result, Failure):
            assert "\n" not in result.message
            kinds[result.error_kind] += 1
            if result.error_kind in ("internal_error", "crashed"):
                unexpected.append(f"{result.source_path}: {result.message}")
        else:
            dataset.tables([result])
            kinds["report"] += 1
    assert not unexpected, (kinds, unexpected)
