"""The built wheel installs one top-level package, kompass, with its data files and without test tooling."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["pyproject.toml", "README.md", "kompass", "parsers", "pipeline", "schemas", "synth", "benchmarks", "tests"]


def test_wheel_holds_only_kompass(tmp_path):
    # Build from a copy (links kept) so the test leaves no build/ or egg-info in the checkout.
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "fixtures", "gold")
            shutil.copytree(path, src / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy(path, src / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), "."],
        cwd=src,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("kommunkompass-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"kompass"}
    modules = {part for n in names for part in Path(n).with_suffix("").parts}
    assert not modules & {"synth", "tests", "benchmarks", "conftest"}
    assert "kompass/pipeline/interpret/kommuner.csv" in names
    assert "kompass/pipeline/api.py" in names and "kompass/parsers/pdf.py" in names
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "kompass = kompass.pipeline.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
