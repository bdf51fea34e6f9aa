"""Helpers for tests that run `kompass extract` as real processes into one OUT_DIR."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from conftest import SAMPLES

from kompass.schemas import TABLES

TABLE_FILES = [f"{name}.parquet" for name in (*TABLES, "failures", "validation")]


def one_sample(folder: Path, name: str) -> Path:
    """A RAW_DIR holding one sample report."""
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES[name], folder)
    return folder


def start(raw: Path, out: Path, *extra: str, pause: str = "0") -> subprocess.Popen[str]:
    """`kompass extract RAW OUT` as a process, pausing `pause` seconds before each publishing step."""
    env = {**os.environ, "KOMPASS_TEST_PAUSE_PUBLISH": pause}
    command = [sys.executable, "-m", "kompass", "extract", str(raw), str(out), "--jobs", "1", *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def runs_in(out: Path) -> set[str]:
    """The input folders the published files were written from (each Parquet file records its run's),
    and which sample the HTML report is about; every table is read with pandas on the way."""
    found = set()
    for name in TABLE_FILES:
        pd.read_parquet(out / name)
        found.add(pq.read_schema(out / name).metadata[b"kompass.input"].decode())
    html = (out / "validation_report.html").read_text(encoding="utf-8")
    found |= {f"html:{rid}" for rid in ("tranas-2017", "torsas-2017") if rid in html}
    return found
