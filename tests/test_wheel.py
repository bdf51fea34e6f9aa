"""The package builds from a tree without symlinks (a Windows checkout), installs one top-level package,
kompass, with its data files and without test tooling, and the installed command extracts a report."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES

from kompass.pipeline import parser_version
from tools.typecheck import package_folders

pytestmark = pytest.mark.xdist_group("wheel")  # one worker builds the wheel once for all three
ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["pyproject.toml", "README.md", "kompass", "parsers", "pipeline", "schemas", "synth", "benchmarks", "tests"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (links copied as links, so that one would show)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "fixtures", "gold")
            shutil.copytree(path, src / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy(path, src / name)
    links = [str(p.relative_to(src)) for p in src.rglob("*") if p.is_symlink()]
    assert not links, f"symlinks in the source tree: {links}"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work), "."],
        cwd=src,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (built,) = work.glob("kommunkompass-*.whl")
    return built


def test_wheel_holds_only_kompass(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"kompass"}
    modules = {part for n in names for part in Path(n).with_suffix("").parts}
    assert not modules & {"synth", "tests", "benchmarks", "conftest"}
    assert "kompass/pipeline/interpret/kommuner.csv" in names
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "kompass = kompass.pipeline.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_every_module_is_packaged(wheel):
    """pyproject.toml lists the packages one by one: a new subpackage missing from the list fails here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    folders = package_folders(ROOT / "pyproject.toml")
    for package, folder in folders.items():
        for path in folder.glob("*.py"):
            assert f"{package.replace('.', '/')}/{path.name}" in names, path
    listed = {folder.resolve() for folder in folders.values()}
    for top in ("kompass", "parsers", "pipeline", "schemas"):
        for init in (ROOT / top).rglob("__init__.py"):
            assert init.parent.resolve() in listed, f"{init.parent} is not in pyproject.toml's packages"


HASHED = """
import kompass.pipeline.parser_version as v
print(v.__file__)
print(v._code_version())
for name, path in v.code_files():
    print(name)
"""


def test_installed_wheel_extracts_a_report(wheel, tmp_path):
    """Installed into a fresh environment (its dependencies from this one), away from the source tree."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True
    )
    deps = [p for p in sys.path if p.endswith("site-packages")]  # a path in a .pth file: its own .pth are not run
    (Path(site.stdout.strip()) / "deps.pth").write_text("\n".join(deps) + "\n")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run([python, "-c", HASHED], cwd=tmp_path, capture_output=True, text=True)
    assert where.returncode == 0, where.stderr
    module, version, *hashed = where.stdout.splitlines()
    assert Path(module).is_relative_to(venv)
    # The cache's code hash reads the same sources in the installed wheel as in this editable install.
    assert hashed == [name for name, _ in parser_version.code_files()] and len(hashed) > 60
    assert version == parser_version._code_version()
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES["torsas-2017"], raw)
    kompass = venv / ("Scripts/kompass.exe" if sys.platform == "win32" else "bin/kompass")
    command = [kompass, "extract", str(raw), str(tmp_path / "out"), "--jobs", "1"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert pq.read_table(tmp_path / "out" / "reports.parquet").column("report_id").to_pylist() == ["torsas-2017"]
