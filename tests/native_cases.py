"""Checks shared by the .pdf and .docx tests: a native fixture extracts to its spec's values."""

from __future__ import annotations

import pytest
from gold_compare import (
    area_values,
    bullets,
    gold_area_values,
    gold_bullets,
    gold_metadata,
    gold_question_values,
    metadata,
    question_values,
)

from kompass.parsers.detect import read_document
from kompass.pipeline.model import Report


def assert_content(report: Report, spec: dict) -> None:
    """Every area, sub-question and bullet (exact boundaries, each found by its glyph or list style)."""
    assert area_values(report) == gold_area_values(spec)
    assert question_values(report) == gold_question_values(spec)
    assert bullets(report) == gold_bullets(spec)
    assert {f.boundary for a in report.areas.values() for f in a.findings} == {"marker"}


def assert_metadata(report: Report, spec: dict) -> None:
    """Title page (municipality, evaluators), chapter 2 (period) and the header's report date."""
    assert metadata(report) == gold_metadata(spec)


def assert_named_error(path, error: type, kind: str, words: str) -> None:
    """Reading the file fails with this error: one line, naming the file, saying what is wrong."""
    with pytest.raises(error) as caught:
        read_document(path, path.read_bytes())
    message = str(caught.value)
    assert caught.value.kind == kind
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message
