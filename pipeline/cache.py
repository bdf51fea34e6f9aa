"""Cached extraction results: one JSON file per input file's content, never code.

An entry is `<sha256>.<pdf engine>.json` in the cache folder, holding a format
tag, the parser version that made it, the input's sha256 and the report (with
its validation findings) as plain JSON. Loading rebuilds the dataclasses field
by field and checks every value's type against the model, so an entry can only
ever give a report or be refused: a damaged, foreign or tampered entry raises
`Unusable`, and the caller reads the file again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import types
import typing
from pathlib import Path

from kompass.pipeline.checks.findings import Issue
from kompass.pipeline.model import Area, Evaluator, Finding, Question, Report

FORMAT = "kompass-cache/1"
MODEL = (Report, Area, Question, Finding, Evaluator, Issue)


class Unusable(Exception):
    """A cache entry that must not be used; the message says why."""


class OtherVersion(Unusable):
    """An intact entry written by another parser version."""


def entry_path(cache_dir: Path, sha256: str, pdf_engine: str) -> Path:
    return cache_dir / f"{sha256}.{pdf_engine}.json"


def dump(report: Report, sha256: str, version: str) -> bytes:
    """The entry's bytes for a report (validation findings included)."""
    entry = {"format": FORMAT, "parser_version": version, "sha256": sha256, "report": _plain(report)}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()


def load(data: bytes, sha256: str, version: str) -> Report:
    """The report an entry holds; raises Unusable unless it is intact, ours and for this content."""
    try:
        entry = json.loads(data)
    except (UnicodeDecodeError, ValueError) as e:
        raise Unusable(f"not a JSON cache entry ({type(e).__name__})") from e
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        raise Unusable(f"not a {FORMAT} entry")
    if entry.get("parser_version") != version:
        raise OtherVersion(f"made by parser version {str(entry.get('parser_version'))[:40]!r}, this is {version!r}")
    if entry.get("sha256") != sha256:
        raise Unusable("made for another file's content")
    report = _build(Report, entry.get("report"), "report")
    assert isinstance(report, Report)
    return report


def store(path: Path, report: Report, sha256: str, version: str) -> None:
    """Write an entry atomically (a reader sees the old entry or the new one); failing to (a full disk) is no
    error, and leaves no partial file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(dump(report, sha256, version))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # the cache is an optimisation


def prune(cache_dir: Path, keep: set[str]) -> list[str]:
    """Remove the files of the cache folder not named in keep (entries no input of the run used, another PDF
    engine's, a killed run's temporary files); the names removed. Never fails: what cannot be removed stays."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return removed
    for entry in entries:
        if entry.name not in keep and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(entry.name)
            except OSError:
                pass
    return sorted(removed)


def _plain(value: object) -> object:
    """Dataclasses, lists, dicts and dates as JSON values (dict keys as strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_HINTS: dict[type, dict[str, object]] = {}


def _hints(cls: type) -> dict[str, object]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, localns={"Issue": Issue})
    return _HINTS[cls]


def _build(tp: object, value: object, where: str) -> object:
    """`value` (parsed JSON) as the type `tp` of the model, or Unusable naming the field."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(tp):
            try:
                return _build(arm, value, where)
            except Unusable:
                continue
        raise Unusable(f"{where}: {type(value).__name__} is not {tp}")
    if tp is type(None):
        if value is None:
            return None
    elif origin is list:
        if isinstance(value, list):
            (item,) = typing.get_args(tp)
            return [_build(item, v, f"{where}[{n}]") for n, v in enumerate(value)]
    elif origin is dict:
        key_type, item = typing.get_args(tp)
        if isinstance(value, dict) and key_type is int and all(isinstance(k, str) and k.isdigit() for k in value):
            return {int(k): _build(item, v, f"{where}[{k}]") for k, v in value.items()}
    elif tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif tp is dt.date:
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
    elif isinstance(tp, type) and tp in MODEL:
        if isinstance(value, dict):
            return _instance(tp, value, where)
    else:
        raise TypeError(f"the cache cannot hold {tp}")  # a model field of a new type: teach _build
    raise Unusable(f"{where}: {type(value).__name__} is not {getattr(tp, '__name__', tp)}")


def _instance(cls: type, value: dict[str, object], where: str) -> object:
    assert dataclasses.is_dataclass(cls), cls
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if set(value) - set(fields):
        raise Unusable(f"{where}: unknown fields {sorted(set(value) - set(fields))}")
    missing = [
        n
        for n, f in fields.items()
        if n not in value and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise Unusable(f"{where}: missing fields {missing}")
    return cls(**{n: _build(hints[n], v, f"{where}.{n}") for n, v in value.items()})
