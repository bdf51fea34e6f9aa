"""Every kind of bad input: a specific one-line failure naming the file, and the batch goes on."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, extract_text
from typer.testing import CliRunner

from parsers.detect import read_document
from pipeline.cli import app
from pipeline.interpret import interpret
from pipeline.normalize import normalize
from pipeline.extract import input_files

POLICY = "Personalpolicy för kommunen\n\n" + ("Vi vill vara en attraktiv arbetsgivare med goda villkor. " * 30 + "\n\n") * 4
TORSAS = SAMPLES["torsas-2017"].read_text(encoding="utf-8")
TRANAS = SAMPLES["tranas-2017"].read_text(encoding="utf-8")

# name -> (bytes, error_kind)
BAD_FILES = {
    "empty.txt": (b"", "empty_file"),
    "random.pdf": (bytes(range(256)) * 8, "corrupt_file"),
    "not-a-zip.docx": (b"this is no zip archive " * 20, "corrupt_file"),
    "old-word.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048, "unsupported_format"),
    "saved-page.txt": (b"<!DOCTYPE html><html><head><title>Kommunkompassen</title></head><body>x</body></html>",
                       "html_page"),
    "binary.txt": (b"\x00\x01\x02\x03" * 512, "unknown_layout"),
    "personnel-policy.txt": (POLICY.encode("utf-8"), "not_a_report"),
    "shopping-list.txt": ("Mjölk\nBröd\nÄgg\n".encode(), "unknown_layout"),
}


def test_each_bad_kind(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (raw / name).write_bytes(data)
    for path in SAMPLES.values():
        shutil.copy(path, raw / path.name)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(raw), str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    failures = pd.read_parquet(out / "failures.parquet").set_index("source_path")
    assert failures.error_kind.to_dict() == {name: kind for name, (_, kind) in BAD_FILES.items()}
    for name in BAD_FILES:  # one line each on stderr, naming the file
        lines = [ln for ln in result.output.splitlines() if ln.startswith(f"kompass: {name}: ")]
        assert len(lines) == 1
    reports = pd.read_parquet(out / "reports.parquet")
    assert sorted(reports.report_id) == ["torsas-2017", "tranas-2017"]
    assert [p.name for p in tmp_path.iterdir()] == ["raw", "out"] or sorted(p.name for p in tmp_path.iterdir()) == [
        "out", "raw"]  # no temporary folder left behind


@pytest.mark.parametrize("encoding,text", [("cp1252", TORSAS), ("latin-1", TRANAS)])
def test_windows_and_latin1_text(encoding, text):
    """Swedish text files often come in Windows-1252 or Latin-1: they read as their UTF-8 twin."""
    original = extract_text(text)
    path = Path("report.txt")
    recoded = normalize(interpret(read_document(path, text.encode(encoding)), path))
    assert (recoded.municipality, recoded.evaluation_period) == (original.municipality, original.evaluation_period)
    assert [a.headings for a in recoded.areas.values()] == [a.headings for a in original.areas.values()]
    assert [f.text for a in recoded.areas.values() for f in a.findings] == \
        [f.text for a in original.areas.values() for f in a.findings]


def test_page_limit(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES["tranas-2017"], raw / "t.txt")
    result = CliRunner().invoke(app, ["extract", str(raw), str(tmp_path / "out"), "--max-pages", "10"])
    assert result.exit_code == 1
    assert "25 pages, over the 10-page limit" in result.output


def test_links_out_of_the_input_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SAMPLES["torsas-2017"], outside / "secret.txt")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES["tranas-2017"], raw / "inside.txt")
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "linked-dir").symlink_to(outside, target_is_directory=True)
    assert [p.name for p in input_files(raw)] == ["inside.txt"]


def slow_file(folder: Path) -> None:
    """A long run-on text (about 40 MB) that takes the reader several seconds."""
    page = "Sveriges Kommuner och Landsting 2017-05-10 {n} (99) " + "Kommunen arbetar med dialog. " * 7000
    (folder / "slow.txt").write_text("\n\n".join(page.format(n=n) for n in range(200)), encoding="utf-8")


def test_interrupt_leaves_the_previous_dataset(tmp_path):
    """Ctrl-C in the middle of a run: the dataset of the run before is still there and readable."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in SAMPLES.values():
        shutil.copy(path, raw / path.name)
    out = tmp_path / "out"
    kompass = [sys.executable, "-m", "pipeline", "extract", str(raw), str(out), "--jobs", "1", "--no-cache"]
    subprocess.run(kompass, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    slow_file(raw)
    proc = subprocess.Popen(kompass, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    assert len(pq.read_table(out / "reports.parquet")) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]
    assert b"Traceback" not in err
    assert b"interrupted" in err


def test_kill_leaves_the_previous_dataset(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES["torsas-2017"], raw / "t.txt")
    out = tmp_path / "out"
    kompass = [sys.executable, "-m", "pipeline", "extract", str(raw), str(out), "--no-cache"]
    subprocess.run(kompass, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    slow_file(raw)
    proc = subprocess.Popen(kompass, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
