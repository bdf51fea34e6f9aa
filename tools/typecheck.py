"""Type-check the repository with mypy, each module of kompass under its import name.

parsers/, pipeline/ and schemas/ install as kompass.parsers, ... through
setuptools' package-dir (pyproject.toml). mypy finds modules only by folder
names, and an editable install maps these through an import hook it does not
follow, so this script hands mypy every file of the listed packages with its
import name, beside the packages [tool.mypy] names (benchmarks, synth). Options
come from [tool.mypy]; arguments are passed on to mypy. Run from the repository:

    .venv/bin/python tools/typecheck.py
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parents[1]


def package_folders(pyproject: Path) -> dict[str, Path]:
    """Each package setuptools installs, and the folder it is read from (package-dir, longest prefix first)."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapping: dict[str, str] = config.get("package-dir", {})
    folders = {}
    for package in config["packages"]:
        prefix = max((p for p in mapping if package == p or package.startswith(p + ".")), key=len, default="")
        rest = package[len(prefix) :].lstrip(".").split(".") if package != prefix else []
        base = Path(mapping[prefix]) if prefix else Path()
        folders[package] = pyproject.parent / base.joinpath(*[part for part in rest if part])
    return folders


def sources(folders: dict[str, Path]) -> list[BuildSource]:
    """The modules of each package (not of its subpackages, which are packages of their own)."""
    found = []
    for package, folder in folders.items():
        for path in sorted(folder.glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found.append(BuildSource(str(path.relative_to(ROOT)), name, None))
    return found


def main(args: list[str]) -> int:
    os.chdir(ROOT)  # mypy reads [tool.mypy] from the working folder; the paths below are relative to it
    targets, options = process_options(args, require_targets=False)
    targets += sources(package_folders(ROOT / "pyproject.toml"))
    targets.append(BuildSource(str(Path(__file__).resolve().relative_to(ROOT)), "typecheck", None))
    try:
        result = build.build(targets, options)
    except CompileError as e:
        print("\n".join(e.messages), file=sys.stderr)
        return 2
    for line in result.errors:
        print(line)
    files = len({s.path for s in targets})
    errors = sum(": error: " in line for line in result.errors)
    if errors:
        print(f"Found {errors} errors (checked {files} source files)")
        return 1
    print(f"Success: no issues found in {files} source files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
