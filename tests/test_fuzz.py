"""Mutated reports never crash the pipeline: a report that fits the schemas, or a clean failure."""
from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES
from fuzz import check, mutate

RUNS = int(os.environ.get("KOMPASS_FUZZ_RUNS", "1500"))
REGRESSIONS = sorted((Path(__file__).parent / "fixtures" / "fuzz").glob("*"))


def test_mutated_samples():
    rng = random.Random(20261123)
    samples = [p.read_bytes() for p in SAMPLES.values()]
    outcomes = Counter(check(mutate(rng.choice(samples), rng)) for _ in range(RUNS))
    assert sum(outcomes.values()) == RUNS
    assert outcomes["report"] > RUNS // 4  # most mutations still leave a report to read


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_former_crashes(path):
    check(path.read_bytes())
