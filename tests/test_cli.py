"""The kompass command: help for every command, exit codes, bad files that do not stop the batch."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import raw_folder
from typer.testing import CliRunner

from kompass.pipeline.cli import app

runner = CliRunner()


def commands() -> list[str]:
    import typer.main

    return list(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help(command):
    """Like sqlite-utils: a command without a help text fails here."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    cmd = __import__("typer").main.get_command(app).commands[command]
    assert cmd.help and len(cmd.help.split()) >= 5
    for param in cmd.params:
        assert getattr(param, "help", None), f"{command}: {param.name} has no help"


def test_the_help_speaks_to_users():
    """`kompass --help` says what the command does and its exit codes; how it is built is for the source."""
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert result.output.split("\n\n")[1].strip().startswith("Turns Kommunkompassen evaluation reports")
    for developer_word in ("pipeline", "workflow", "Python API", "module"):
        assert developer_word not in result.output
    assert "143" in result.output and "SIGTERM" in result.output


def test_every_command_is_in_the_readme():
    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for command in commands():
        assert f"kompass {command}" in readme


def test_missing_input_folder_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope"), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "input folder not found" in result.output


def test_bad_files_fail_alone(tmp_path):
    raw = raw_folder(tmp_path / "raw")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (raw / "policy.txt").write_text(
        "Personalpolicy\n\n" + ("Vi vill vara en attraktiv arbetsgivare. " * 30 + "\n\n") * 4
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(raw), str(out)])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("kompass: ")]
    assert len(lines) == 3 and all(ln.count("\n") == 0 for ln in lines)
    assert any("empty.txt" in ln for ln in lines)
    failures = pd.read_parquet(out / "failures.parquet").set_index("source_path")
    assert failures.error_kind.to_dict() == {
        "empty.txt": "empty_file",
        "old.doc": "unsupported_format",
        "policy.txt": "not_a_report",
    }
    assert len(pd.read_parquet(out / "reports.parquet")) == 2


def test_unchanged_inputs_are_not_processed_again(tmp_path):
    raw = raw_folder(tmp_path / "raw")
    (raw / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = runner.invoke(app, ["extract", str(raw), str(out)])
    assert first.exit_code == 1
    written = (out / "reports.parquet").stat().st_mtime_ns
    again = runner.invoke(app, ["extract", str(raw), str(out)])
    assert again.exit_code == 1  # the same verdict as the run it stands for
    assert "inputs unchanged" in again.output and "empty.txt" in again.output
    assert (out / "reports.parquet").stat().st_mtime_ns == written
    (raw / "empty.txt").unlink()
    changed = runner.invoke(app, ["extract", str(raw), str(out)])
    assert changed.exit_code == 0 and "inputs unchanged" not in changed.output
    assert pd.read_parquet(out / "failures.parquet").empty
